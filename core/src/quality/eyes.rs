//! The eye regions: can the eyes be seen (OFIQ EyesVisible, simplified to pixel statistics)?
//! Sunglasses make both eye patches much darker and flatter than the cheeks; hair or bangs over
//! an eye put dark, textured strands into the patch; glare on glasses puts saturated grey spots
//! into it.

use super::region::{patch_stats, sample_step, FaceRegions, PixelStats};
use crate::frame::RgbImage;
use crate::imgproc::plane::luma_u8;

const EYE_SAMPLES: u32 = 1_500;
const CHEEK_SAMPLES: u32 = 600;

/// Measures of one eye patch relative to the same side's cheek.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EyeRegion {
    /// Eye-patch mean luma / cheek mean luma (≈ 0.65-0.95 for a visible eye, < 0.45 behind
    /// dark lenses).
    pub brightness_ratio: f32,
    /// Share of eye-patch pixels darker than half the cheek's luma (iris, pupil and lashes of a
    /// visible eye: ~0.1-0.25; hair strands or a dark lens: more).
    pub dark_fraction: f32,
    /// Brightness-normalised texture of the eye patch over the cheek's.
    pub texture_ratio: f32,
    /// Share of the eye patch that is specular highlight (a catch-light is < 1 %).
    pub specular_fraction: f32,
    /// Chromaticity distance of the eye patch to the cheek (a lens or hair is not skin-coloured).
    pub chroma_distance: f32,
}

/// Both eyes (the subject's sides).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EyeRegions {
    pub right: EyeRegion,
    pub left: EyeRegion,
}

/// Measures both eye patches against the cheeks.
pub fn eye_regions(image: &RgbImage, regions: &FaceRegions) -> EyeRegions {
    let cheek = |p| patch_stats(image, p, sample_step(p.area(), CHEEK_SAMPLES));
    let (right_cheek, left_cheek) = (cheek(&regions.right_cheek), cheek(&regions.left_cheek));
    EyeRegions {
        right: eye_region(image, regions.right_eye, &right_cheek),
        left: eye_region(image, regions.left_eye, &left_cheek),
    }
}

fn eye_region(image: &RgbImage, patch: super::region::Patch, cheek: &PixelStats) -> EyeRegion {
    if patch.is_empty() || cheek.count == 0 {
        return EyeRegion::default();
    }
    let step = sample_step(patch.area(), EYE_SAMPLES);
    let stats = patch_stats(image, &patch, step);
    let cheek_luma = cheek.mean().max(1.0 / 255.0);
    let dark_threshold = (0.5 * cheek_luma * 255.0) as u32;
    let mut dark = 0u32;
    let mut n = 0u32;
    let mut y = patch.y0;
    while y < patch.y1 {
        let mut x = patch.x0;
        while x < patch.x1 {
            dark += ((luma_u8(image.pixel(x, y)) as u32) < dark_threshold) as u32;
            n += 1;
            x += step;
        }
        y += step;
    }
    let [er, eg] = stats.chroma();
    let [cr, cg] = cheek.chroma();
    EyeRegion {
        brightness_ratio: stats.mean() / cheek_luma,
        dark_fraction: dark as f32 / n.max(1) as f32,
        texture_ratio: stats.texture() / cheek.texture().max(0.01),
        specular_fraction: stats.specular_fraction(),
        chroma_distance: ((er - cr).powi(2) + (eg - cg).powi(2)).sqrt(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::region::Patch;
    use super::*;

    /// Skin-coloured frame with eye patches painted `eye` and cheeks left as skin.
    fn face(eye: [u8; 3], left_eye_too: bool) -> (RgbImage, FaceRegions) {
        let mut img = RgbImage::default();
        img.resize(100, 100);
        for px in img.as_bytes_mut().chunks_exact_mut(3) {
            px.copy_from_slice(&[200, 150, 120]);
        }
        let regions = FaceRegions {
            right_eye: Patch {
                x0: 20,
                y0: 30,
                x1: 40,
                y1: 40,
            },
            left_eye: Patch {
                x0: 60,
                y0: 30,
                x1: 80,
                y1: 40,
            },
            right_cheek: Patch {
                x0: 20,
                y0: 55,
                x1: 35,
                y1: 70,
            },
            left_cheek: Patch {
                x0: 65,
                y0: 55,
                x1: 80,
                y1: 70,
            },
            ..FaceRegions::default()
        };
        let w = img.width() as usize;
        let mut paint = |p: Patch| {
            for y in p.y0..p.y1 {
                for x in p.x0..p.x1 {
                    let i = (y as usize * w + x as usize) * 3;
                    img.as_bytes_mut()[i..i + 3].copy_from_slice(&eye);
                }
            }
        };
        paint(regions.right_eye);
        if left_eye_too {
            paint(regions.left_eye);
        }
        (img, regions)
    }

    #[test]
    fn dark_lenses_are_dark_and_a_bare_eye_is_skin() {
        let (img, regions) = face([25, 25, 30], true);
        let eyes = eye_regions(&img, &regions);
        for eye in [eyes.right, eyes.left] {
            assert!(
                eye.brightness_ratio < 0.3 && eye.dark_fraction > 0.9,
                "{eye:?}"
            );
        }
        let (img, regions) = face([25, 25, 30], false);
        let eyes = eye_regions(&img, &regions);
        assert!(eyes.left.brightness_ratio > 0.95 && eyes.left.dark_fraction < 0.01);
        assert!(eyes.right.dark_fraction - eyes.left.dark_fraction > 0.9);
    }

    #[test]
    fn a_white_spot_is_specular() {
        let (img, regions) = face([255, 255, 255], true);
        let eyes = eye_regions(&img, &regions);
        assert!(eyes.right.specular_fraction > 0.9, "{:?}", eyes.right);
    }
}
