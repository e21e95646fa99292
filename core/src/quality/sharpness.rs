//! Sharpness of the face (OFIQ Sharpness; OFIQ uses a random forest on filter responses, we use
//! the contrast-normalised Laplacian at a fixed face scale so the number does not depend on the
//! face size or the brightness).

use crate::frame::RgbImage;
use crate::imgproc::plane::luma_u8;
use crate::math::Point;

/// Side of the square face patch the Laplacian runs on. The patch spans 1.6 inter-ocular
/// distances, so the eyes are 40 px apart whatever the camera resolution.
pub const PATCH_SIDE: usize = 64;
const PATCH_SPAN_IN_EYE_DISTANCES: f32 = 1.6;

/// Sharpness of the face: the smallest, over four directions (0°, 45°, 90°, 135°), root-mean-square
/// second derivative of the face patch, divided by the patch's luma standard deviation (+2 grey
/// levels against noise on flat patches). The minimum over directions catches motion blur,
/// which leaves edges across the motion sharp. Blur lowers it; brightness and contrast do not
/// change it. `patch` is the caller's reusable buffer.
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
    directional_sharpness(patch, PATCH_SIDE)
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
                sum += luma_u8(image.pixel(x, y)) as u32;
            }
        }
        *v = sum as f32 / (taps * taps) as f32;
    }
}

/// Minimum over four directions of the RMS second derivative over the interior, divided by the
/// standard deviation + 2. Diagonal steps are √2 long, so their second differences are halved.
pub fn directional_sharpness(grey: &[f32], side: usize) -> f32 {
    if side < 3 || grey.len() < side * side {
        return 0.0;
    }
    let n = (side * side) as f32;
    let mean = grey.iter().sum::<f32>() / n;
    let var = grey.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
    let mut energy = [0f32; 4];
    for y in 1..side - 1 {
        let (up, row, down) = ((y - 1) * side, y * side, (y + 1) * side);
        for x in 1..side - 1 {
            let c2 = 2.0 * grey[row + x];
            let d = [
                grey[row + x - 1] + grey[row + x + 1] - c2,
                grey[up + x] + grey[down + x] - c2,
                0.5 * (grey[up + x + 1] + grey[down + x - 1] - c2),
                0.5 * (grey[up + x - 1] + grey[down + x + 1] - c2),
            ];
            for (e, v) in energy.iter_mut().zip(d) {
                *e += v * v;
            }
        }
    }
    let interior = ((side - 2) * (side - 2)) as f32;
    let weakest = energy.iter().copied().fold(f32::MAX, f32::min);
    (weakest / interior).sqrt() / (var.sqrt() + 2.0)
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

    #[test]
    fn a_uniform_patch_is_not_sharp() {
        assert!(directional_sharpness(&vec![128.0; 64 * 64], 64) < 1e-6);
    }

    #[test]
    fn blur_lowers_sharpness_and_brightness_does_not_change_it() {
        let sharp = checkerboard(64, 4, 60.0, 180.0);
        let blurred = crate::imgproc::plane::box_blur(&sharp, 64, 64, 2);
        let (s, b) = (
            directional_sharpness(&sharp, 64),
            directional_sharpness(&blurred, 64),
        );
        assert!(b < 0.5 * s, "sharp {s} blurred {b}");
        let darker: Vec<f32> = sharp.iter().map(|v| v * 0.5).collect();
        // Blur along one direction only (motion) also reads as blurred: random texture smeared
        // horizontally.
        let mut state = 12345u32;
        let noise: Vec<f32> = (0..64 * 64)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                60.0 + (state >> 24) as f32 / 2.0
            })
            .collect();
        let mut streaked = noise.clone();
        for y in 0..64usize {
            for x in 0..64usize {
                let (lo, hi) = (x.saturating_sub(3), (x + 4).min(64));
                streaked[y * 64 + x] =
                    (lo..hi).map(|i| noise[y * 64 + i]).sum::<f32>() / (hi - lo) as f32;
            }
        }
        let (n, m) = (
            directional_sharpness(&noise, 64),
            directional_sharpness(&streaked, 64),
        );
        assert!(m < 0.7 * n, "noise {n} streaked {m}");
        let d = directional_sharpness(&darker, 64);
        assert!((d - s).abs() < 0.05 * s, "{s} vs darker {d}");
    }
}
