//! Sharpness of the face (OFIQ Sharpness; OFIQ uses a random forest on filter responses, we use
//! the contrast-normalised Laplacian at a fixed face scale so the number does not depend on the
//! face size or the brightness).

use super::region::luma;
use crate::frame::RgbImage;
use crate::math::Point;

/// Side of the square face patch the Laplacian runs on. The patch spans 1.6 inter-ocular
/// distances, so the eyes are 40 px apart whatever the camera resolution.
pub const PATCH_SIDE: usize = 64;
const PATCH_SPAN_IN_EYE_DISTANCES: f32 = 1.6;

/// Root-mean-square Laplacian of the face patch divided by the patch's luma standard deviation
/// (+2 grey levels against noise on flat patches). Blur lowers it; brightness and contrast do
/// not change it. `patch` is the caller's reusable buffer.
pub fn face_sharpness(
    image: &RgbImage,
    eyes_centre: Point,
    mouth_centre: Point,
    eye_distance: f32,
    patch: &mut Vec<f32>,
) -> f32 {
    let centre = eyes_centre.midpoint(mouth_centre);
    let span = PATCH_SPAN_IN_EYE_DISTANCES * eye_distance.max(1.0);
    resample_grey(image, centre, span, patch);
    laplacian_ratio(patch, PATCH_SIDE)
}

/// Box-filtered grey resample of the `span`-pixel square around `centre` to PATCH_SIDE².
fn resample_grey(image: &RgbImage, centre: Point, span: f32, out: &mut Vec<f32>) {
    out.clear();
    out.resize(PATCH_SIDE * PATCH_SIDE, 0.0);
    let (w, h) = (image.width() as i64, image.height() as i64);
    let scale = span / PATCH_SIDE as f32;
    // Average over the source pixels each output pixel covers (at most 4×4 taps), so a big face
    // is downscaled without aliasing noise that would read as sharpness.
    let taps = (scale.round() as i64).clamp(1, 4);
    let x0 = centre.x - 0.5 * span;
    let y0 = centre.y - 0.5 * span;
    for (i, v) in out.iter_mut().enumerate() {
        let (px, py) = ((i % PATCH_SIDE) as f32, (i / PATCH_SIDE) as f32);
        let sx = x0 + (px + 0.5) * scale;
        let sy = y0 + (py + 0.5) * scale;
        let mut sum = 0u32;
        for dy in 0..taps {
            for dx in 0..taps {
                let x = (sx as i64 + dx - taps / 2).clamp(0, w - 1) as u32;
                let y = (sy as i64 + dy - taps / 2).clamp(0, h - 1) as u32;
                sum += luma(image.pixel(x, y)) as u32;
            }
        }
        *v = sum as f32 / (taps * taps) as f32;
    }
}

/// RMS of the 4-neighbour Laplacian over the interior, divided by the standard deviation + 2.
pub fn laplacian_ratio(grey: &[f32], side: usize) -> f32 {
    if side < 3 || grey.len() < side * side {
        return 0.0;
    }
    let n = (side * side) as f32;
    let mean = grey.iter().sum::<f32>() / n;
    let var = grey.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    let mut energy = 0f32;
    for y in 1..side - 1 {
        for x in 1..side - 1 {
            let c = grey[y * side + x];
            let lap = grey[y * side + x - 1]
                + grey[y * side + x + 1]
                + grey[(y - 1) * side + x]
                + grey[(y + 1) * side + x]
                - 4.0 * c;
            energy += lap * lap;
        }
    }
    let interior = ((side - 2) * (side - 2)) as f32;
    (energy / interior).sqrt() / (var.sqrt() + 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkerboard(side: usize, cell: usize, lo: f32, hi: f32) -> Vec<f32> {
        (0..side * side)
            .map(|i| {
                if ((i % side) / cell + (i / side) / cell).is_multiple_of(2) {
                    lo
                } else {
                    hi
                }
            })
            .collect()
    }

    fn box_blur(g: &[f32], side: usize, r: usize) -> Vec<f32> {
        let mut out = g.to_vec();
        for y in 0..side {
            for x in 0..side {
                let (mut s, mut n) = (0.0, 0.0);
                for yy in y.saturating_sub(r)..(y + r + 1).min(side) {
                    for xx in x.saturating_sub(r)..(x + r + 1).min(side) {
                        s += g[yy * side + xx];
                        n += 1.0;
                    }
                }
                out[y * side + x] = s / n;
            }
        }
        out
    }

    #[test]
    fn a_uniform_patch_is_not_sharp() {
        assert!(laplacian_ratio(&vec![128.0; 64 * 64], 64) < 1e-6);
    }

    #[test]
    fn blur_lowers_sharpness_and_brightness_does_not_change_it() {
        let sharp = checkerboard(64, 4, 60.0, 180.0);
        let blurred = box_blur(&sharp, 64, 2);
        let (s, b) = (laplacian_ratio(&sharp, 64), laplacian_ratio(&blurred, 64));
        assert!(b < 0.5 * s, "sharp {s} blurred {b}");
        let darker: Vec<f32> = sharp.iter().map(|v| v * 0.5).collect();
        let d = laplacian_ratio(&darker, 64);
        assert!((d - s).abs() < 0.05 * s, "{s} vs darker {d}");
    }
}
