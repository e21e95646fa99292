//! Framing: how much of the frame the document fills, its margins, and corners cut off or
//! touching the frame edge (DOC_TOO_SMALL, DOC_TOO_CLOSE, DOC_CORNERS_MISSING).

use crate::document::config::DocumentConfig;
use crate::document::quad::polygon_area;
use crate::document::report::Margins;
use crate::math::Point;
use crate::prompt::{Issue, PromptCode, Severity};

/// Fill and margins of the outline `corners` in a `width`×`height` frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Framing {
    pub fill_ratio: f32,
    pub relative_fill: f32,
    pub aspect: f32,
    pub margins: Margins,
}

/// Long/short ratio of a quadrilateral (mean of opposite sides).
pub fn aspect_of(corners: &[Point; 4]) -> f32 {
    let s = [0, 1, 2, 3].map(|k| corners[k].distance(corners[(k + 1) % 4]));
    let (a, b) = ((s[0] + s[2]) / 2.0, (s[1] + s[3]) / 2.0);
    a.max(b) / a.min(b).max(1.0)
}

pub fn measure(corners: &[Point; 4], width: u32, height: u32) -> Framing {
    let (w, h) = (width as f32, height as f32);
    let fill_ratio = polygon_area(corners) / (w * h);
    let aspect = aspect_of(corners);
    let frame_aspect = w.max(h) / w.min(h);
    // The largest share of the frame a document of this shape can fill, turned the best way.
    let max_fill = (frame_aspect / aspect).min(aspect / frame_aspect);
    let xs = corners.map(|p| p.x);
    let ys = corners.map(|p| p.y);
    let min = |v: [f32; 4]| v.iter().cloned().fold(f32::INFINITY, f32::min);
    let max = |v: [f32; 4]| v.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    Framing {
        fill_ratio,
        relative_fill: fill_ratio / max_fill.max(1e-6),
        aspect,
        margins: Margins {
            left: min(xs),
            top: min(ys),
            right: w - max(xs),
            bottom: h - max(ys),
        },
    }
}

/// The framing issues. `virtual_sides`: sides that are image borders (the document runs past
/// the frame there).
pub fn issues(
    framing: &Framing,
    virtual_sides: &[bool; 4],
    short_side: f32,
    config: &DocumentConfig,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let m = framing.margins;
    let margins = [m.left, m.top, m.right, m.bottom];
    let tolerance = config.edge_margin * short_side;
    let worst = margins.iter().cloned().fold(f32::INFINITY, f32::min);
    if worst < -tolerance || virtual_sides.iter().any(|&v| v) {
        issues.push(Issue::new(
            PromptCode::DocCornersMissing,
            Severity::Error,
            Some(worst),
        ));
    } else if worst < tolerance || framing.relative_fill > config.too_close_relative_fill {
        issues.push(Issue::new(
            PromptCode::DocTooClose,
            Severity::Error,
            Some(framing.relative_fill),
        ));
    }
    if framing.relative_fill < config.too_small_relative_fill {
        issues.push(Issue::new(
            PromptCode::DocTooSmall,
            Severity::Error,
            Some(framing.relative_fill),
        ));
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_filling_a_landscape_frame() {
        // An ID-1 card 1400 px wide centred in 1920×1080.
        let (cw, ch) = (1400.0, 1400.0 / 1.586);
        let (x0, y0) = ((1920.0 - cw) / 2.0, (1080.0 - ch) / 2.0);
        let corners = [
            Point::new(x0, y0),
            Point::new(x0 + cw, y0),
            Point::new(x0 + cw, y0 + ch),
            Point::new(x0, y0 + ch),
        ];
        let f = measure(&corners, 1920, 1080);
        assert!((f.fill_ratio - cw * ch / (1920.0 * 1080.0)).abs() < 1e-3);
        assert!(f.relative_fill > 0.65 && f.relative_fill < 0.97);
        assert!(issues(&f, &[false; 4], 1080.0, &DocumentConfig::default()).is_empty());
    }
}
