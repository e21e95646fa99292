//! Glare (DOC_GLARE): clipped, colourless blobs of specular light on the document, with their
//! area and whether they sit over text or over the portrait.

use crate::document::config::DocumentConfig;
use crate::document::report::GlareSpot;
use crate::frame::RgbImage;
use crate::imgproc::plane::luma;
use crate::math::BoundingBox;
use crate::prompt::{Issue, PromptCode, Severity};

/// Side of the cells of the text map (pixels of the rectified document).
const CELL: usize = 16;
/// A cell is text-like when this share of its pixels has a gradient step ≥ 24 levels.
const TEXT_CELL_DENSITY: f32 = 0.06;

/// The glare spots of the rectified `document`. `portrait` is the portrait box in the same
/// pixels, when found.
pub fn spots(
    document: &RgbImage,
    portrait: Option<BoundingBox>,
    config: &DocumentConfig,
) -> Vec<GlareSpot> {
    let (w, h) = (document.width() as usize, document.height() as usize);
    let data = document.as_bytes();
    let mut mask = vec![false; w * h];
    let mut lumas = vec![0f32; w * h];
    for (i, px) in data.chunks_exact(3).enumerate() {
        let l = luma([px[0], px[1], px[2]]);
        lumas[i] = l;
        let chroma = px.iter().max().copied().unwrap_or(0) as f32
            - px.iter().min().copied().unwrap_or(0) as f32;
        mask[i] = l >= config.glare_min_luma && chroma <= config.glare_max_chroma;
    }
    let text = text_cells(&lumas, w, h);
    let (cw, ch) = (w.div_ceil(CELL), h.div_ceil(CELL));
    let area = (w * h) as f32;
    let mut spots = Vec::new();
    let mut label = vec![false; w * h];
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !mask[start] || label[start] {
            continue;
        }
        // Flood fill (4-connected).
        let (mut count, mut x0, mut y0, mut x1, mut y1) = (0usize, w, h, 0, 0);
        stack.push(start);
        label[start] = true;
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            count += 1;
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
            let mut push = |j: usize| {
                if mask[j] && !label[j] {
                    label[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                push(i - 1);
            }
            if x + 1 < w {
                push(i + 1);
            }
            if y > 0 {
                push(i - w);
            }
            if y + 1 < h {
                push(i + w);
            }
        }
        let share = count as f32 / area;
        if share < config.glare_min_area || share > config.glare_max_area {
            continue;
        }
        let bbox = BoundingBox {
            x: x0 as f32,
            y: y0 as f32,
            width: (x1 - x0 + 1) as f32,
            height: (y1 - y0 + 1) as f32,
        };
        // Text around the spot (its box grown by half) means the spot hides text.
        let grow_x = bbox.width / 2.0;
        let grow_y = bbox.height / 2.0;
        let cx0 = ((bbox.x - grow_x).max(0.0) as usize) / CELL;
        let cy0 = ((bbox.y - grow_y).max(0.0) as usize) / CELL;
        let cx1 = (((bbox.x + bbox.width + grow_x) as usize) / CELL).min(cw - 1);
        let cy1 = (((bbox.y + bbox.height + grow_y) as usize) / CELL).min(ch - 1);
        let mut text_cells = 0;
        for cy in cy0..=cy1 {
            for cx in cx0..=cx1 {
                let cell_box = BoundingBox {
                    x: (cx * CELL) as f32,
                    y: (cy * CELL) as f32,
                    width: CELL as f32,
                    height: CELL as f32,
                };
                let in_portrait = portrait.is_some_and(|p| overlap(&p, &cell_box) > 0.0);
                if text[cy * cw + cx] && !in_portrait {
                    text_cells += 1;
                }
            }
        }
        let covers_portrait =
            portrait.is_some_and(|p| overlap(&p, &bbox) > 0.1 * bbox.width * bbox.height);
        spots.push(GlareSpot {
            area: share,
            bbox: BoundingBox {
                x: bbox.x / w as f32,
                y: bbox.y / h as f32,
                width: bbox.width / w as f32,
                height: bbox.height / h as f32,
            },
            covers_text: text_cells >= 2,
            covers_portrait,
        });
    }
    spots.sort_by(|a, b| b.area.total_cmp(&a.area));
    spots
}

/// Cells of `CELL`² pixels dense in intensity steps (print).
fn text_cells(lumas: &[f32], w: usize, h: usize) -> Vec<bool> {
    let (cw, ch) = (w.div_ceil(CELL), h.div_ceil(CELL));
    let mut counts = vec![0u32; cw * ch];
    let mut totals = vec![0u32; cw * ch];
    for y in 0..h.saturating_sub(1) {
        for x in 0..w.saturating_sub(1) {
            let i = y * w + x;
            let step = (lumas[i + 1] - lumas[i])
                .abs()
                .max((lumas[i + w] - lumas[i]).abs());
            let c = (y / CELL) * cw + x / CELL;
            totals[c] += 1;
            counts[c] += (step >= 24.0) as u32;
        }
    }
    counts
        .iter()
        .zip(&totals)
        .map(|(&c, &t)| t > 0 && c as f32 / t as f32 >= TEXT_CELL_DENSITY)
        .collect()
}

fn overlap(a: &BoundingBox, b: &BoundingBox) -> f32 {
    let w = (a.x + a.width).min(b.x + b.width) - a.x.max(b.x);
    let h = (a.y + a.height).min(b.y + b.height) - a.y.max(b.y);
    w.max(0.0) * h.max(0.0)
}

/// DOC_GLARE with the total glare share; an error when a spot covers text or the portrait, a
/// warning otherwise.
pub fn issue(spots: &[GlareSpot]) -> Option<Issue> {
    if spots.is_empty() {
        return None;
    }
    let total: f32 = spots.iter().map(|s| s.area).sum();
    let severity = if spots.iter().any(|s| s.covers_text || s.covers_portrait) {
        Severity::Error
    } else {
        Severity::Warning
    };
    Some(Issue::new(PromptCode::DocGlare, severity, Some(total)))
}
