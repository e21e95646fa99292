//! The report's drawings as inline SVG: overlays on pictures (document outline, boxes, the face
//! mesh) and the match gauge. The selfie timeline has its own module ([`super::timeline`]).

use std::fmt::Write;

use precheck_core::math::{BoundingBox, Point};

use super::input::MatchSection;

/// What to draw over one picture, in its pixels.
#[derive(Debug, Default)]
pub struct Overlay<'a> {
    pub quad: Option<[Point; 4]>,
    pub boxes: Vec<(BoundingBox, &'static str)>,
    pub mesh: &'a [Point],
}

/// An SVG the size of a `width` × `height` picture, to lay over it.
pub fn overlay(width: u32, height: u32, shapes: &Overlay<'_>) -> String {
    let stroke = (width.max(height) as f32 / 240.0).max(1.0);
    let mut s = format!(
        r#"<svg class="over" viewBox="0 0 {width} {height}" preserveAspectRatio="none" aria-hidden="true">"#
    );
    if let Some(q) = shapes.quad {
        let points: Vec<String> = q.iter().map(|p| format!("{:.1},{:.1}", p.x, p.y)).collect();
        let _ = write!(
            s,
            r#"<polygon class="quad" points="{}" stroke-width="{stroke:.1}"/>"#,
            points.join(" ")
        );
        for p in q {
            let _ = write!(
                s,
                r#"<circle class="corner" cx="{:.1}" cy="{:.1}" r="{:.1}"/>"#,
                p.x,
                p.y,
                stroke * 2.5
            );
        }
    }
    for (b, class) in &shapes.boxes {
        let _ = write!(
            s,
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" stroke-width="{stroke:.1}"/>"#,
            b.x, b.y, b.width, b.height
        );
    }
    if !shapes.mesh.is_empty() {
        // One path of zero-length round-capped segments: a dot per point, compactly.
        let mut d = String::with_capacity(shapes.mesh.len() * 14);
        for p in shapes.mesh {
            if p.x.is_finite() && p.y.is_finite() {
                let _ = write!(d, "M{:.1} {:.1}h0", p.x, p.y);
            }
        }
        let _ = write!(
            s,
            r#"<path class="mesh" d="{d}" stroke-width="{:.1}"/>"#,
            (stroke * 0.9).max(1.0)
        );
    }
    s.push_str("</svg>");
    s
}

/// The similarity on a 0-1 bar with the no-match / review / match zones.
pub fn gauge(m: &MatchSection) -> String {
    // Narrow, so that its text stays legible when a phone scales it to the screen width.
    const W: f32 = 380.0;
    const L: f32 = 14.0;
    const R: f32 = 14.0;
    let bar_w = W - L - R;
    let x = |v: f32| L + v.clamp(0.0, 1.0) * bar_w;
    let (lo, hi) = (m.no_match_threshold, m.match_threshold);
    let mut s = format!(
        r#"<svg class="gauge" viewBox="0 0 {W} 92" role="img" aria-label="Similarity {:.3}: no match below {lo:.3}, match at or above {hi:.3}">"#,
        m.similarity
    );
    let _ = write!(
        s,
        r#"<rect class="zone-bad" x="{L}" y="30" width="{:.1}" height="22"/><rect class="zone-review" x="{:.1}" y="30" width="{:.1}" height="22"/><rect class="zone-good" x="{:.1}" y="30" width="{:.1}" height="22"/>"#,
        x(lo) - L,
        x(lo),
        x(hi) - x(lo),
        x(hi),
        x(1.0) - x(hi)
    );
    // The two threshold labels point away from each other so they never overlap.
    for (v, label, anchor, dx) in [
        (lo, "no match <", "end", -4.0),
        (hi, "match ≥", "start", 4.0),
    ] {
        let _ = write!(
            s,
            r#"<line class="threshold" x1="{0:.1}" x2="{0:.1}" y1="26" y2="56"/><text class="tick" x="{1:.1}" y="70" text-anchor="{anchor}">{label} {v:.3}</text>"#,
            x(v),
            x(v) + dx
        );
    }
    for v in [0.0f32, 1.0] {
        let _ = write!(
            s,
            r#"<text class="tick" x="{:.1}" y="88" text-anchor="middle">{v:.0}</text>"#,
            x(v)
        );
    }
    let mx = x(m.similarity);
    let _ = write!(
        s,
        r#"<path class="marker" d="M{mx:.1} 28 l-8 -12 h16 z"/><text class="marker-label" x="{mx:.1}" y="13" text-anchor="middle">{:.3}</text>"#,
        m.similarity
    );
    s.push_str("</svg>");
    s
}
