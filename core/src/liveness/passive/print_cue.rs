//! Print cue: a face printed on paper. Three signs, all on the normalised crop
//! ([`super::cue_crop`], so a face near and far is judged at the same scale): (1) flat texture —
//! printing and re-capture lose fine skin detail, so the ratio of fine to coarse detail of the
//! skin drops; (2) no specular highlight — living skin is oily and shows a bright spot on the
//! nose or forehead under most light, matte paper does not; (3) a paper edge — a long straight
//! edge beside the face ([`super::border`]) that is not a screen's dark bezel. (1) and (2) are
//! weak alone (soft or filtered video looks flat, diffuse light leaves no highlight), so they
//! count only together; (3) counts alone.

use super::border::Border;
use super::cue_crop::{face_to_crop, CueCrop, CROP, IOD_PX};
use crate::liveness::thresholds::CueThresholds;

/// Skin boxes in the face frame (IOD, x0 x1 y0 y1): forehead, right cheek, left cheek, nose.
const FOREHEAD: [f32; 4] = [-0.6, 0.6, -0.8, -0.35];
const CHEEK_R: [f32; 4] = [-0.8, -0.3, 0.3, 0.9];
const CHEEK_L: [f32; 4] = [0.3, 0.8, 0.3, 0.9];
const NOSE: [f32; 4] = [-0.25, 0.25, 0.2, 0.8];
/// The texture ratio needs the face at least at the crop's scale (an upsampled face has no fine
/// detail to measure): inter-ocular distance in frame pixels.
pub const MIN_TEXTURE_IOD: f32 = IOD_PX;

/// What the print cue saw on one frame.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct PrintEvidence {
    /// Mean |pixel − 3×3 mean| / mean |3×3 mean − 9×9 mean| over the skin; `None` when the face
    /// is smaller than the crop's scale.
    pub texture: Option<f32>,
    /// (brightest 3×3 mean on the nose and forehead − skin median) / skin median.
    pub highlight: f32,
    /// Longest non-bezel border beside the face (IOD), 0 if none.
    pub edge_iod: f32,
    /// max(edge / threshold, min(flatness, dullness)): ≥ 1 says print.
    pub score: f32,
}

/// Reusable buffers.
#[derive(Debug, Clone, Default)]
pub struct PrintScratch {
    skin: Vec<f32>,
}

/// The print cue on one normalised crop and the borders found on it.
pub fn print_evidence(
    crop: &CueCrop,
    borders: &[Border],
    t: &CueThresholds,
    scratch: &mut PrintScratch,
) -> PrintEvidence {
    let edge_iod = borders
        .iter()
        .filter(|b| !b.is_bezel(t.bezel_max_luma, t.bezel_min_step))
        .map(|b| b.length_iod)
        .fold(0.0, f32::max);
    let Some(frame) = crop.frame.filter(|_| crop.luma.len() == CROP * CROP) else {
        return PrintEvidence::default();
    };
    let texture = if frame.iod >= MIN_TEXTURE_IOD {
        texture_ratio(crop)
    } else {
        None
    };
    let highlight = highlight(crop, &mut scratch.skin).unwrap_or(0.0);
    let flatness = texture.map_or(0.0, |x| t.print_texture_min / x.max(1e-3));
    let dullness = t.print_highlight_min / highlight.max(1e-3);
    let score = (edge_iod / t.paper_edge_min_iod.max(1e-3)).max(flatness.min(dullness));
    PrintEvidence {
        texture,
        highlight,
        edge_iod,
        score: if score.is_finite() { score } else { 0.0 },
    }
}

/// Pixel ranges of a face-frame box, kept 5 pixels inside the crop (room for the 9×9 mean).
fn box_range(b: [f32; 4]) -> (usize, usize, usize, usize) {
    let (u0, v0) = face_to_crop(b[0], b[2]);
    let (u1, v1) = face_to_crop(b[1], b[3]);
    let clamp = |x: f32| (x.round() as isize).clamp(5, CROP as isize - 5) as usize;
    (clamp(u0), clamp(u1), clamp(v0), clamp(v1))
}

fn box_mean(luma: &[f32], u: usize, v: usize, r: usize) -> f32 {
    let mut sum = 0.0;
    for y in v - r..=v + r {
        for x in u - r..=u + r {
            sum += luma[y * CROP + x];
        }
    }
    sum / ((2 * r + 1) * (2 * r + 1)) as f32
}

/// Fine over coarse detail of the skin boxes; `None` if a box leaves the frame.
fn texture_ratio(crop: &CueCrop) -> Option<f32> {
    let (mut fine, mut coarse) = (0f32, 0f32);
    for b in [FOREHEAD, CHEEK_R, CHEEK_L] {
        let (u0, u1, v0, v1) = box_range(b);
        for v in v0..v1 {
            for u in u0..u1 {
                if !crop.valid[v * CROP + u] {
                    return None;
                }
                let p = crop.luma[v * CROP + u];
                let m3 = box_mean(&crop.luma, u, v, 1);
                let m9 = box_mean(&crop.luma, u, v, 4);
                fine += (p - m3).abs();
                coarse += (m3 - m9).abs();
            }
        }
    }
    // Skin without any detail at all is as flat as it gets.
    Some(if coarse > 1e-3 { fine / coarse } else { 0.0 })
}

/// The specular highlight measure; `None` without skin pixels.
fn highlight(crop: &CueCrop, skin: &mut Vec<f32>) -> Option<f32> {
    skin.clear();
    for b in [FOREHEAD, CHEEK_R, CHEEK_L, NOSE] {
        let (u0, u1, v0, v1) = box_range(b);
        for v in v0..v1 {
            skin.extend_from_slice(&crop.luma[v * CROP + u0..v * CROP + u1]);
        }
    }
    if skin.is_empty() {
        return None;
    }
    let mid = skin.len() / 2;
    let (_, median, _) = skin.select_nth_unstable_by(mid, f32::total_cmp);
    let median = median.max(1.0);
    let mut bright = 0f32;
    for b in [FOREHEAD, NOSE] {
        let (u0, u1, v0, v1) = box_range(b);
        for v in v0..v1 {
            for u in u0..u1 {
                bright = bright.max(box_mean(&crop.luma, u, v, 1));
            }
        }
    }
    Some((bright - median) / median)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::RgbImage;
    use crate::liveness::passive::cue_crop::FaceFrame;
    use crate::math::Point;

    fn face(image: &RgbImage) -> CueCrop {
        let frame = FaceFrame::from_landmarks(&[
            Point::new(200.0, 200.0),
            Point::new(264.0, 200.0),
            Point::new(232.0, 240.0),
            Point::new(210.0, 265.0),
            Point::new(254.0, 265.0),
        ])
        .unwrap();
        let mut crop = CueCrop::default();
        crop.fill(image, &frame);
        crop
    }

    #[test]
    fn fine_noise_has_texture_and_a_bright_spot_is_a_highlight() {
        let (w, h) = (480usize, 480usize);
        let mut state = 12345u32;
        let mut data = Vec::with_capacity(w * h * 3);
        for y in 0..h {
            for x in 0..w {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let noise = (state >> 24) as f32 / 255.0 * 30.0 - 15.0;
                // A bright spot on the nose (around (232, 250)).
                let d2 = (x as f32 - 232.0).powi(2) + (y as f32 - 250.0).powi(2);
                let spot = if d2 < 36.0 { 80.0 } else { 0.0 };
                let v = (120.0 + noise + spot).clamp(0.0, 255.0) as u8;
                data.extend_from_slice(&[v, v, v]);
            }
        }
        let image = RgbImage::from_raw(w as u32, h as u32, data).unwrap();
        let t = CueThresholds::default();
        let e = print_evidence(&face(&image), &[], &t, &mut PrintScratch::default());
        assert!(e.texture.unwrap() > 0.5, "{e:?}");
        assert!(e.highlight > 0.3, "{e:?}");
        assert!(e.score < 1.0, "{e:?}");

        let flat = RgbImage::from_raw(w as u32, h as u32, vec![120; w * h * 3]).unwrap();
        let e = print_evidence(&face(&flat), &[], &t, &mut PrintScratch::default());
        assert!(e.score >= 1.0, "{e:?}");
    }
}
