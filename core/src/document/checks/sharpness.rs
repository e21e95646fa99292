//! Sharpness of the printed detail (DOC_BLURRY): edge acuity, the steepness of the strongest
//! intensity steps relative to the document's contrast. Motion blur and defocus flatten every
//! step; a dim or low-contrast document keeps its acuity because the contrast divides out.

use crate::document::config::DocumentConfig;
use crate::imgproc::plane::{quantile_u8, Plane};
use crate::prompt::{Issue, PromptCode, Severity};

/// Mean of the strongest 1 % of central-difference gradients over the 1–99 % luma range,
/// inside a 5 % border (the outline itself is not print). ~0.5 for a pixel-sharp step; 0 for
/// a plane without contrast.
pub fn acuity(luma: &Plane) -> f32 {
    textured_acuity(luma).unwrap_or(0.0)
}

/// [`acuity`], or `None` when the plane has no contrast to judge (1–99 % luma range < 8), such
/// as a bare table top: nothing there says whether the camera is focused.
pub fn textured_acuity(luma: &Plane) -> Option<f32> {
    let (w, h) = (luma.width, luma.height);
    let (bx, by) = ((w / 20).max(1), (h / 20).max(1));
    if w < 2 * bx + 3 || h < 2 * by + 3 {
        return None;
    }
    let mut histogram = [0u32; 256];
    let mut gradient_histogram = vec![0u32; 1024];
    for y in by..h - by {
        for x in bx..w - bx {
            histogram[luma.at(x, y).clamp(0.0, 255.0) as usize] += 1;
            let gx = (luma.at(x + 1, y) - luma.at(x - 1, y)) * 0.5;
            let gy = (luma.at(x, y + 1) - luma.at(x, y - 1)) * 0.5;
            let g = (gx * gx + gy * gy).sqrt();
            gradient_histogram[((g * 4.0) as usize).min(1023)] += 1;
        }
    }
    let contrast = quantile_u8(&histogram, 0.99) - quantile_u8(&histogram, 0.01);
    if contrast < 8.0 {
        return None;
    }
    let total: u64 = gradient_histogram.iter().map(|&c| c as u64).sum();
    let wanted = (total / 100).max(1);
    let (mut taken, mut sum) = (0u64, 0f64);
    for (bin, &count) in gradient_histogram.iter().enumerate().rev() {
        let take = (count as u64).min(wanted - taken);
        sum += take as f64 * (bin as f64 + 0.5) / 4.0;
        taken += take;
        if taken >= wanted {
            break;
        }
    }
    Some((sum / taken.max(1) as f64) as f32 / contrast)
}

pub fn issue(acuity: f32, config: &DocumentConfig) -> Option<Issue> {
    (acuity < config.min_acuity)
        .then(|| Issue::new(PromptCode::DocBlurry, Severity::Error, Some(acuity)))
}
