//! Global haze, what a smudged or dirty lens does to the whole picture: a veil of scattered light
//! lifts the darkest pixels and squeezes the contrast (the dark-channel observation of He et al.,
//! CVPR 2009). Not an OFIQ measure.

use super::region::sample_step;
use crate::frame::RgbImage;
use crate::imgproc::plane::luma_u8;

const SAMPLES: u32 = 10_000;

/// Frame-wide contrast and exposure measures.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Haze {
    /// Mean luma of the whole frame in [0, 1].
    pub mean: f32,
    /// Shares of the frame at luma ≤ 25 and ≥ 247 (OFIQ's exposure limits).
    pub under_exposed: f32,
    pub over_exposed: f32,
    /// 5th percentile of min(R, G, B) over the frame in [0, 1] (the "dark channel"): near 0 in
    /// a clear picture (shadows, hair, pupils), lifted by a veil.
    pub dark_floor: f32,
    /// Luma 99th minus 1st percentile in [0, 1].
    pub contrast_range: f32,
}

/// Measures the haze of the whole frame on a sparse grid.
pub fn frame_haze(image: &RgbImage) -> Haze {
    let (w, h) = (image.width(), image.height());
    let step = sample_step(w * h, SAMPLES);
    let mut dark = [0u32; 256];
    let mut grey = [0u32; 256];
    let mut y = step / 2;
    while y < h {
        let mut x = step / 2;
        while x < w {
            let px = image.pixel(x, y);
            dark[px.iter().copied().min().unwrap_or(0) as usize] += 1;
            grey[luma_u8(px) as usize] += 1;
            x += step;
        }
        y += step;
    }
    let total = grey.iter().sum::<u32>().max(1) as f32;
    let mean = grey
        .iter()
        .enumerate()
        .map(|(v, &c)| v as f32 * c as f32)
        .sum::<f32>()
        / total
        / 255.0;
    Haze {
        mean,
        under_exposed: grey[..=25].iter().sum::<u32>() as f32 / total,
        over_exposed: grey[247..].iter().sum::<u32>() as f32 / total,
        dark_floor: percentile(&dark, 0.05),
        contrast_range: (percentile(&grey, 0.99) - percentile(&grey, 0.01)).max(0.0),
    }
}

/// The value in [0, 1] below which a share `q` of the histogram's samples lie.
pub fn percentile(histogram: &[u32; 256], q: f32) -> f32 {
    let total: u32 = histogram.iter().sum();
    if total == 0 {
        return 0.0;
    }
    let target = (q * total as f32).ceil().max(1.0) as u32;
    let mut seen = 0;
    for (v, &c) in histogram.iter().enumerate() {
        seen += c;
        if seen >= target {
            return v as f32 / 255.0;
        }
    }
    1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient() -> RgbImage {
        let mut img = RgbImage::default();
        img.resize(64, 64);
        for (i, px) in img.as_bytes_mut().chunks_exact_mut(3).enumerate() {
            let v = ((i % 64) * 4) as u8;
            px.copy_from_slice(&[v, v, v]);
        }
        img
    }

    #[test]
    fn a_veil_lifts_the_dark_floor_and_squeezes_contrast() {
        let clear = gradient();
        let mut hazy = clear.clone();
        for v in hazy.as_bytes_mut() {
            *v = (*v as f32 * 0.5 + 0.5 * 220.0) as u8;
        }
        let (c, h) = (frame_haze(&clear), frame_haze(&hazy));
        assert!(c.dark_floor < 0.05 && h.dark_floor > 0.4, "{c:?} {h:?}");
        assert!(h.contrast_range < 0.6 * c.contrast_range, "{c:?} {h:?}");
    }
}
