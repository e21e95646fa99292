//! Light on the face (OFIQ Luminance mean/variance, UnderExposurePrevention,
//! OverExposurePrevention, DynamicRange, IlluminationUniformity) and against the background.
//!
//! Simplification of OFIQ: the face region is the FaceMesh oval, not OFIQ's segmentation mask;
//! luma is BT.601 on sRGB values, not OFIQ's linearised luminance. IlluminationUniformity is, as
//! in OFIQ, the intersection of the two face halves' normalised luma histograms (1 = the same
//! light on both), on 32 bins instead of 256: a half holds ~6k samples, and at 256 bins two
//! halves under one light would intersect at ~0.85 from sampling noise alone.

use super::region::{for_each_in_polygon, on_subjects_right, sample_step, FaceRegions};
use crate::frame::RgbImage;
use crate::imgproc::plane::luma_u8;

/// Luma at or below which a face pixel counts as under-exposed (OFIQ: [0, 25]).
pub const UNDER_EXPOSED_LUMA: u8 = 25;
/// Luma at or above which a face pixel counts as over-exposed (OFIQ: [247, 255]).
pub const OVER_EXPOSED_LUMA: u8 = 247;
/// Samples per face region: ~12k pixels keeps this under 0.1 ms and the statistics stable.
const FACE_SAMPLES: u32 = 12_000;
const BACKGROUND_SAMPLES: u32 = 8_000;
/// Bins of the half-face histograms (8 luma levels each).
const HALF_BINS: usize = 32;

/// Raw light measures of one face.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FaceLight {
    /// Mean luma of the face in [0, 1] (OFIQ LuminanceMean).
    pub mean: f32,
    /// Luma variance in [0, 1]² (OFIQ LuminanceVariance).
    pub variance: f32,
    /// Share of face pixels at luma ≤ 25 (OFIQ UnderExposurePrevention raw).
    pub under_exposed: f32,
    /// Share of face pixels at luma ≥ 247 (OFIQ OverExposurePrevention raw).
    pub over_exposed: f32,
    /// Entropy of the face's luma histogram in bits, 0-8 (OFIQ DynamicRange raw).
    pub dynamic_range: f32,
    /// Mean luma of the subject's right and left face halves in [0, 1].
    pub right_half: f32,
    pub left_half: f32,
    /// Darker half's mean luma / brighter half's, 1 = evenly lit.
    pub half_ratio: f32,
    /// Intersection of the two halves' normalised luma histograms (OFIQ IlluminationUniformity
    /// raw): 1 = the same light on both, 0 = no luma in common. Unlike a ratio of means it sees
    /// a gradual fall-off across the face as well as a hard shadow edge.
    pub uniformity: f32,
    /// Mean luma behind the head (the frame above the chin, outside the face box enlarged
    /// 1.4×; the body below is the user, not the background) in [0, 1], and the share of it
    /// that is bright (luma ≥ 200): what a window behind the user looks like.
    pub background_mean: f32,
    pub background_bright: f32,
}

/// Measures the light on the face described by `regions`.
pub fn face_light(image: &RgbImage, regions: &FaceRegions) -> FaceLight {
    let (w, h) = (image.width(), image.height());
    let mut histogram = [0u32; 256];
    let (mut right_sum, mut right_n, mut left_sum, mut left_n) = (0u64, 0u32, 0u64, 0u32);
    let (mut right_hist, mut left_hist) = ([0u32; HALF_BINS], [0u32; HALF_BINS]);
    let bin = |v: u8| v as usize * HALF_BINS / 256;
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for p in &regions.oval {
        min_x = min_x.min(p.x);
        max_x = max_x.max(p.x);
        min_y = min_y.min(p.y);
        max_y = max_y.max(p.y);
    }
    let area = ((max_x - min_x).max(1.0) * (max_y - min_y).max(1.0)) as u32;
    let step = sample_step(area, FACE_SAMPLES);
    for_each_in_polygon(&regions.oval, w, h, step, |x, y| {
        let v = luma_u8(image.pixel(x, y));
        histogram[v as usize] += 1;
        let p = crate::math::Point::new(x as f32, y as f32);
        if on_subjects_right(regions.midline, p) {
            right_sum += v as u64;
            right_n += 1;
            right_hist[bin(v)] += 1;
        } else {
            left_sum += v as u64;
            left_n += 1;
            left_hist[bin(v)] += 1;
        }
    });
    let total: u32 = histogram.iter().sum();
    let mut light = FaceLight::default();
    if total > 0 {
        let n = total as f64;
        let mut sum = 0f64;
        let mut sum2 = 0f64;
        let mut entropy = 0f64;
        for (v, &c) in histogram.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let vf = v as f64 / 255.0;
            sum += vf * c as f64;
            sum2 += vf * vf * c as f64;
            let p = c as f64 / n;
            entropy -= p * p.log2();
        }
        let mean = sum / n;
        light.mean = mean as f32;
        light.variance = (sum2 / n - mean * mean).max(0.0) as f32;
        light.under_exposed = histogram[..=UNDER_EXPOSED_LUMA as usize]
            .iter()
            .sum::<u32>() as f32
            / total as f32;
        light.over_exposed =
            histogram[OVER_EXPOSED_LUMA as usize..].iter().sum::<u32>() as f32 / total as f32;
        light.dynamic_range = entropy as f32;
    }
    let half_mean = |s: u64, n: u32| {
        if n == 0 {
            0.0
        } else {
            s as f32 / n as f32 / 255.0
        }
    };
    light.right_half = half_mean(right_sum, right_n);
    light.left_half = half_mean(left_sum, left_n);
    let (lo, hi) = if light.right_half < light.left_half {
        (light.right_half, light.left_half)
    } else {
        (light.left_half, light.right_half)
    };
    light.half_ratio = if hi > 0.0 { lo / hi } else { 1.0 };
    light.uniformity = histogram_intersection(&right_hist, right_n, &left_hist, left_n);
    let (bg_mean, bg_bright) = background(image, min_x, max_x, min_y, max_y);
    light.background_mean = bg_mean;
    light.background_bright = bg_bright;
    light
}

/// Σ min(a / n_a, b / n_b) over the bins; 1 when a half is empty (nothing to compare).
fn histogram_intersection(a: &[u32], n_a: u32, b: &[u32], n_b: u32) -> f32 {
    if n_a == 0 || n_b == 0 {
        return 1.0;
    }
    let (n_a, n_b) = (n_a as f32, n_b as f32);
    a.iter()
        .zip(b)
        .map(|(&x, &y)| (x as f32 / n_a).min(y as f32 / n_b))
        .sum()
}

/// Mean luma and bright share of the frame above the chin, outside the face box enlarged 1.4×
/// about its centre.
fn background(image: &RgbImage, min_x: f32, max_x: f32, min_y: f32, max_y: f32) -> (f32, f32) {
    let (w, h) = (image.width(), image.height());
    let (cx, cy) = (0.5 * (min_x + max_x), 0.5 * (min_y + max_y));
    let (hw, hh) = (0.7 * (max_x - min_x), 0.7 * (max_y - min_y));
    let step = sample_step(w * h, BACKGROUND_SAMPLES);
    let (mut sum, mut bright, mut n) = (0u64, 0u32, 0u32);
    let mut y = step / 2;
    while (y as f32) < max_y.min(h as f32) {
        let inside_y = (y as f32 - cy).abs() < hh;
        let mut x = step / 2;
        while x < w {
            if !(inside_y && (x as f32 - cx).abs() < hw) {
                let v = luma_u8(image.pixel(x, y));
                sum += v as u64;
                bright += (v >= 200) as u32;
                n += 1;
            }
            x += step;
        }
        y += step;
    }
    if n == 0 {
        return (0.0, 0.0);
    }
    (sum as f32 / n as f32 / 255.0, bright as f32 / n as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::Point;

    /// A 200×200 frame with a "face": the regions of a circle of radius 60 at the centre,
    /// midline vertical; the subject's right is the image's left.
    fn circle_regions() -> FaceRegions {
        let mut regions = FaceRegions::default();
        for (i, p) in regions.oval.iter_mut().enumerate() {
            let a = i as f32 / 36.0 * std::f32::consts::TAU;
            *p = Point::new(100.0 + 60.0 * a.cos(), 100.0 + 60.0 * a.sin());
        }
        regions.midline = (Point::new(100.0, 40.0), Point::new(100.0, 160.0));
        regions
    }

    fn frame(f: impl Fn(u32, u32) -> u8) -> RgbImage {
        let mut img = RgbImage::default();
        img.resize(200, 200);
        for (i, px) in img.as_bytes_mut().chunks_exact_mut(3).enumerate() {
            let v = f(i as u32 % 200, i as u32 / 200);
            px.copy_from_slice(&[v, v, v]);
        }
        img
    }

    #[test]
    fn a_half_dark_face_is_uneven_and_an_even_one_is_not() {
        let regions = circle_regions();
        let even = face_light(&frame(|_, _| 150), &regions);
        assert!(even.uniformity > 0.99, "{even:?}");
        let half = face_light(&frame(|x, _| if x < 100 { 40 } else { 160 }), &regions);
        assert!(half.uniformity < 0.3, "{half:?}");
        assert!(
            half.right_half < half.left_half,
            "the image's left is the subject's right"
        );
    }

    #[test]
    fn exposure_shares_and_backlight() {
        let regions = circle_regions();
        let dark = face_light(&frame(|_, _| 10), &regions);
        assert!(dark.under_exposed > 0.99 && dark.mean < 0.05, "{dark:?}");
        let white = face_light(&frame(|_, _| 255), &regions);
        assert!(white.over_exposed > 0.99, "{white:?}");
        assert!(white.dynamic_range < 0.01, "one grey level has no entropy");
        // A dark face in front of a bright window (above the chin).
        let backlit = face_light(
            &frame(|x, y| {
                let (dx, dy) = (x as f32 - 100.0, y as f32 - 100.0);
                if dx * dx + dy * dy < 75.0 * 75.0 {
                    50
                } else {
                    240
                }
            }),
            &regions,
        );
        assert!(
            backlit.background_mean > 0.8 && backlit.mean < 0.25,
            "{backlit:?}"
        );
    }
}
