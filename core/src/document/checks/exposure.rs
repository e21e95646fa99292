//! Exposure of the document itself (not of the frame): DOC_TOO_DARK when its paper is dim,
//! DOC_TOO_BRIGHT when it is washed out.

use crate::document::config::DocumentConfig;
use crate::frame::RgbImage;
use crate::imgproc::plane::{luma, quantile_u8};
use crate::prompt::{Issue, PromptCode, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Exposure {
    pub p10: f32,
    pub p90: f32,
    /// Share of pixels with luma ≥ 250.
    pub clipped: f32,
}

/// Luma statistics of the rectified document, ignoring a thin border (background that the
/// outline may include at rounded corners).
pub fn measure(document: &RgbImage) -> Exposure {
    let (w, h) = (document.width() as usize, document.height() as usize);
    let (bx, by) = (w / 25, h / 25);
    let mut histogram = [0u32; 256];
    let data = document.as_bytes();
    for y in by..h - by {
        for px in data[(y * w + bx) * 3..(y * w + w - bx) * 3].chunks_exact(3) {
            histogram[luma([px[0], px[1], px[2]]) as usize] += 1;
        }
    }
    let total: u32 = histogram.iter().sum();
    let clipped: u32 = histogram[250..].iter().sum();
    Exposure {
        p10: quantile_u8(&histogram, 0.10),
        p90: quantile_u8(&histogram, 0.90),
        clipped: clipped as f32 / total.max(1) as f32,
    }
}

pub fn issue(e: &Exposure, config: &DocumentConfig) -> Option<Issue> {
    if e.p90 < config.dark_p90 {
        return Some(Issue::new(
            PromptCode::DocTooDark,
            Severity::Error,
            Some(e.p90),
        ));
    }
    if e.clipped > config.bright_clipped_fraction {
        return Some(Issue::new(
            PromptCode::DocTooBright,
            Severity::Error,
            Some(e.clipped),
        ));
    }
    None
}
