//! What covers the mouth (mask: OFIQ MouthOcclusionPrevention: the lips no longer differ from
//! the chin) and the forehead (hat, headscarf: OFIQ NoHeadCoverings: the forehead differs from
//! the cheeks' skin).
//! OFIQ segments the face with a CNN; on a phone, per frame, we compare colour, brightness and
//! texture statistics of fixed mesh regions instead.

use super::region::{patch_stats, sample_step, FaceRegions, PixelStats};
use crate::frame::RgbImage;

const SAMPLES: u32 = 1_200;

/// How far a region is from the cheeks' skin.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SkinDifference {
    /// Distance of the region's chromaticity (r, g) to the cheeks', ×100 (skin to skin under
    /// one light: < ~3; white, blue or black fabric: ≥ ~5).
    pub chroma: f32,
    /// |ln(region luma / cheek luma)|: 0 same brightness.
    pub brightness: f32,
    /// Region texture / cheek texture.
    pub texture_ratio: f32,
}

impl SkinDifference {
    /// One number for "not skin": chroma (×100) and brightness (ln-ratio ×10) distances.
    pub fn score(&self) -> f32 {
        self.chroma + 10.0 * self.brightness
    }
}

/// Lower face (mouth and chin) and forehead compared with the cheeks.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Coverings {
    pub forehead: SkinDifference,
    /// Lips against the chin band below them: a visible mouth has lips of another colour and
    /// brightness than the chin; a mask makes both the same fabric.
    pub mouth_contrast: SkinDifference,
    /// Distance from grey of the cheeks' or the forehead's chromaticity, the larger, ×100 (skin
    /// under white light: ~5-15; a greyscale photo: 0). Without colour, chroma cannot tell
    /// fabric from skin.
    pub skin_colour: f32,
}

pub fn coverings(image: &RgbImage, regions: &FaceRegions) -> Coverings {
    let stats = |p: &super::region::Patch| patch_stats(image, p, sample_step(p.area(), SAMPLES));
    let right = stats(&regions.right_cheek);
    let left = stats(&regions.left_cheek);
    let cheek = merge(&right, &left);
    let forehead = stats(&regions.forehead);
    // A mask covers the cheeks and a hat the forehead: the more colourful of the two is skin.
    let skin_colour = colourfulness(cheek.chroma).max(colourfulness(forehead.chroma()));
    Coverings {
        forehead: difference(&forehead, &cheek),
        mouth_contrast: difference(&stats(&regions.lips), &skin_of(&stats(&regions.chin))),
        skin_colour,
    }
}

/// Distance of a chromaticity from grey, ×100.
fn colourfulness([r, g]: [f32; 2]) -> f32 {
    let grey = 1.0 / 3.0;
    100.0 * ((r - grey).powi(2) + (g - grey).powi(2)).sqrt()
}

/// Mean colour, luma and texture of two cheeks together (count-weighted).
#[derive(Debug, Clone, Copy)]
struct Skin {
    chroma: [f32; 2],
    luma: f32,
    texture: f32,
}

fn merge(a: &PixelStats, b: &PixelStats) -> Skin {
    let (na, nb) = (a.count as f32, b.count as f32);
    let total = (na + nb).max(1.0);
    let mix = |x: f32, y: f32| (x * na + y * nb) / total;
    let (ca, cb) = (a.chroma(), b.chroma());
    Skin {
        chroma: [mix(ca[0], cb[0]), mix(ca[1], cb[1])],
        luma: mix(a.mean(), b.mean()),
        texture: mix(a.texture(), b.texture()),
    }
}

fn skin_of(stats: &PixelStats) -> Skin {
    Skin {
        chroma: stats.chroma(),
        luma: stats.mean(),
        texture: stats.texture(),
    }
}

fn difference(region: &PixelStats, skin: &Skin) -> SkinDifference {
    if region.count == 0 {
        return SkinDifference::default();
    }
    let [r, g] = region.chroma();
    SkinDifference {
        chroma: 100.0 * ((r - skin.chroma[0]).powi(2) + (g - skin.chroma[1]).powi(2)).sqrt(),
        brightness: (region.mean().max(1e-3) / skin.luma.max(1e-3)).ln().abs(),
        texture_ratio: region.texture() / skin.texture.max(0.01),
    }
}

#[cfg(test)]
mod tests {
    use super::super::region::Patch;
    use super::*;

    fn frame(lips: [u8; 3], chin: [u8; 3]) -> (RgbImage, FaceRegions) {
        let mut img = RgbImage::default();
        img.resize(100, 100);
        let regions = FaceRegions {
            lips: Patch {
                x0: 40,
                y0: 60,
                x1: 60,
                y1: 66,
            },
            chin: Patch {
                x0: 40,
                y0: 72,
                x1: 60,
                y1: 78,
            },
            right_cheek: Patch {
                x0: 20,
                y0: 40,
                x1: 30,
                y1: 50,
            },
            left_cheek: Patch {
                x0: 70,
                y0: 40,
                x1: 80,
                y1: 50,
            },
            forehead: Patch {
                x0: 35,
                y0: 5,
                x1: 65,
                y1: 15,
            },
            ..FaceRegions::default()
        };
        for (i, px) in img.as_bytes_mut().chunks_exact_mut(3).enumerate() {
            let y = (i / 100) as u32;
            let colour = if (60..66).contains(&y) {
                lips
            } else if (72..78).contains(&y) {
                chin
            } else {
                [200, 150, 120]
            };
            px.copy_from_slice(&colour);
        }
        (img, regions)
    }

    #[test]
    fn lips_differ_from_the_chin_unless_a_mask_covers_both() {
        let (img, regions) = frame([170, 90, 90], [200, 150, 120]);
        let visible = coverings(&img, &regions).mouth_contrast.score();
        let (img, regions) = frame([230, 235, 240], [230, 235, 240]);
        let masked = coverings(&img, &regions).mouth_contrast.score();
        assert!(
            visible > 5.0 && masked < 0.5,
            "visible {visible}, masked {masked}"
        );
    }

    #[test]
    fn a_skin_forehead_is_not_covered() {
        let (img, regions) = frame([170, 90, 90], [200, 150, 120]);
        assert!(coverings(&img, &regions).forehead.score() < 0.5);
    }
}
