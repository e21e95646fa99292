//! The eye regions: can the eyes be seen (OFIQ EyesVisible, simplified to pixel statistics)?
//! Sunglasses make both eye patches much darker and flatter than the cheeks; hair or bangs over
//! an eye put dark, textured strands into the patch; glare on glasses puts saturated grey spots
//! into it.

use super::region::{patch_stats, sample_step, FaceRegions, PixelStats};
use crate::frame::RgbImage;

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
            dark += ((super::region::luma(image.pixel(x, y)) as u32) < dark_threshold) as u32;
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
