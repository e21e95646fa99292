//! Single-channel float planes and the few pixel operations the document checks share:
//! box downscaling, luma, separable smoothing, bilinear sampling.

use crate::frame::RgbImage;

/// A row-major plane of `f32` samples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plane {
    pub width: usize,
    pub height: usize,
    pub data: Vec<f32>,
}

impl Plane {
    pub fn new(width: usize, height: usize) -> Self {
        Plane {
            width,
            height,
            data: vec![0.0; width * height],
        }
    }

    /// Resizes in place, keeping the allocation; contents unspecified.
    pub fn reset(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        self.data.clear();
        self.data.resize(width * height, 0.0);
    }

    #[inline]
    pub fn at(&self, x: usize, y: usize) -> f32 {
        self.data[y * self.width + x]
    }

    /// Bilinear sample at (x, y) in pixel-centre coordinates, clamped to the border.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        if self.width == 0 || self.height == 0 {
            return 0.0;
        }
        let x = x.clamp(0.0, (self.width - 1) as f32);
        let y = y.clamp(0.0, (self.height - 1) as f32);
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let top = self.at(x0, y0) * (1.0 - fx) + self.at(x1, y0) * fx;
        let bottom = self.at(x0, y1) * (1.0 - fx) + self.at(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }
}

/// Rec. 601 luma of one RGB pixel.
#[inline]
pub fn luma(px: [u8; 3]) -> f32 {
    luma_f32([px[0] as f32, px[1] as f32, px[2] as f32])
}

/// Rec. 601 luma of RGB values already in floating point (0-255 scale).
#[inline]
pub fn luma_f32(rgb: [f32; 3]) -> f32 {
    0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
}

/// Rec. 601 luma of one RGB pixel in 8-bit fixed point (weights 77/150/29 of 256): the fast
/// form for per-frame statistics.
#[inline]
pub fn luma_u8(px: [u8; 3]) -> u8 {
    ((77 * px[0] as u32 + 150 * px[1] as u32 + 29 * px[2] as u32) >> 8) as u8
}

/// The luma plane of `image`.
pub fn luma_plane(image: &RgbImage, out: &mut Plane) {
    out.reset(image.width() as usize, image.height() as usize);
    for (o, px) in out.data.iter_mut().zip(image.as_bytes().chunks_exact(3)) {
        *o = luma([px[0], px[1], px[2]]);
    }
}

/// The mean of each pixel's `(2·radius + 1)²` window of a `width`×`height` plane (row-major),
/// the window clipped at the borders.
pub fn box_blur(src: &[f32], width: usize, height: usize, radius: usize) -> Vec<f32> {
    let mut out = vec![0f32; src.len()];
    for y in 0..height {
        for x in 0..width {
            let (mut sum, mut n) = (0.0, 0.0);
            for yy in y.saturating_sub(radius)..(y + radius + 1).min(height) {
                for xx in x.saturating_sub(radius)..(x + radius + 1).min(width) {
                    sum += src[yy * width + xx];
                    n += 1.0;
                }
            }
            out[y * width + x] = sum / n;
        }
    }
    out
}

/// `image` shrunk by the integer factor `factor` (mean of each `factor`×`factor` block), into
/// `out`. A factor of 1 copies.
pub fn downscale_box(image: &RgbImage, factor: usize, out: &mut RgbImage) {
    let factor = factor.max(1);
    let (w, h) = (image.width() as usize, image.height() as usize);
    let (ow, oh) = ((w / factor).max(1), (h / factor).max(1));
    out.resize(ow as u32, oh as u32);
    let src = image.as_bytes();
    let dst = out.as_bytes_mut();
    let mut sums = vec![0u32; ow * 3];
    // An image narrower than one block is one (narrower) block.
    let cols = factor.min(w);
    let block = cols * 3;
    for oy in 0..oh {
        sums.iter_mut().for_each(|s| *s = 0);
        let rows = (oy * factor..((oy + 1) * factor).min(h)).len() as u32;
        for y in oy * factor..((oy + 1) * factor).min(h) {
            // Whole blocks only: columns past `ow * cols` are left out, as the block grid ends
            // there.
            let row = &src[y * w * 3..y * w * 3 + ow * block];
            match cols {
                2 => add_block_sums::<6>(row, &mut sums),
                3 => add_block_sums::<9>(row, &mut sums),
                4 => add_block_sums::<12>(row, &mut sums),
                _ => add_block_sums_any(row, block, &mut sums),
            }
        }
        let n = (rows * cols as u32).max(1);
        let out_row = &mut dst[oy * ow * 3..(oy + 1) * ow * 3];
        for (o, s) in out_row.iter_mut().zip(&sums) {
            *o = ((s + n / 2) / n) as u8;
        }
    }
}

/// Adds each `BYTES / 3`-pixel block of an RGB row to its RGB sum. The block size is a
/// constant for the common working-copy factors so the inner sum is unrolled (with a run-time
/// block size the working copy was ~15 % of `bench-document`'s time at 1920×1080).
fn add_block_sums<const BYTES: usize>(row: &[u8], sums: &mut [u32]) {
    for (sum, block) in sums.chunks_exact_mut(3).zip(row.chunks_exact(BYTES)) {
        let (mut r, mut g, mut b) = (0u32, 0u32, 0u32);
        for px in block.chunks_exact(3) {
            r += px[0] as u32;
            g += px[1] as u32;
            b += px[2] as u32;
        }
        sum[0] += r;
        sum[1] += g;
        sum[2] += b;
    }
}

/// [`add_block_sums`] for any block size (`bytes` = pixels × 3).
fn add_block_sums_any(row: &[u8], bytes: usize, sums: &mut [u32]) {
    for (sum, block) in sums.chunks_exact_mut(3).zip(row.chunks_exact(bytes)) {
        for px in block.chunks_exact(3) {
            sum[0] += px[0] as u32;
            sum[1] += px[1] as u32;
            sum[2] += px[2] as u32;
        }
    }
}

/// Bilinear RGB sample at (x, y) in pixel-edge coordinates (pixel (i, j) covers
/// [i, i+1) × [j, j+1)), clamped to the image.
pub fn sample_rgb(image: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let (w, h) = (image.width() as i64, image.height() as i64);
    let (sx, sy) = (x - 0.5, y - 0.5);
    let (x0, y0) = (sx.floor(), sy.floor());
    let (fx, fy) = (sx - x0, sy - y0);
    let data = image.as_bytes();
    let mut acc = [0f32; 3];
    for (dy, wy) in [(0i64, 1.0 - fy), (1, fy)] {
        let yy = (y0 as i64 + dy).clamp(0, h - 1);
        for (dx, wx) in [(0i64, 1.0 - fx), (1, fx)] {
            let xx = (x0 as i64 + dx).clamp(0, w - 1);
            let i = (yy * w + xx) as usize * 3;
            for c in 0..3 {
                acc[c] += wx * wy * data[i + c] as f32;
            }
        }
    }
    acc
}

/// Separable [1 2 1]/4 smoothing of `plane` in place (`scratch` is reused).
pub fn smooth_121(plane: &mut Plane, scratch: &mut Vec<f32>) {
    let (w, h) = (plane.width, plane.height);
    if w < 3 || h < 3 {
        return;
    }
    scratch.clear();
    scratch.resize(w * h, 0.0);
    for y in 0..h {
        let row = &plane.data[y * w..(y + 1) * w];
        let out = &mut scratch[y * w..(y + 1) * w];
        out[0] = (3.0 * row[0] + row[1]) / 4.0;
        for x in 1..w - 1 {
            out[x] = (row[x - 1] + 2.0 * row[x] + row[x + 1]) / 4.0;
        }
        out[w - 1] = (row[w - 2] + 3.0 * row[w - 1]) / 4.0;
    }
    for y in 0..h {
        let (a, b, c) = (y.saturating_sub(1), y, (y + 1).min(h - 1));
        for x in 0..w {
            plane.data[b * w + x] =
                (scratch[a * w + x] + 2.0 * scratch[b * w + x] + scratch[c * w + x]) / 4.0;
        }
    }
}

/// Value at quantile `q` in [0, 1] of 8-bit-range values (histogram based, 256 bins).
pub fn quantile_u8(histogram: &[u32; 256], q: f32) -> f32 {
    let total: u64 = histogram.iter().map(|&c| c as u64).sum();
    if total == 0 {
        return 0.0;
    }
    let target = (q.clamp(0.0, 1.0) as f64 * (total - 1) as f64) as u64;
    let mut seen = 0u64;
    for (value, &count) in histogram.iter().enumerate() {
        seen += count as u64;
        if seen > target {
            return value as f32;
        }
    }
    255.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_downscale_averages_blocks() {
        let data: Vec<u8> = (0..4 * 2).flat_map(|i| [i as u8 * 10; 3]).collect();
        let image = RgbImage::from_raw(4, 2, data).unwrap();
        let mut out = RgbImage::default();
        downscale_box(&image, 2, &mut out);
        assert_eq!((out.width(), out.height()), (2, 1));
        // Block (0,1,4,5) → mean 25.
        assert_eq!(out.pixel(0, 0), [25, 25, 25]);
    }

    #[test]
    fn box_downscale_matches_the_plain_block_mean_for_every_factor() {
        let (w, h) = (37usize, 23usize);
        let data: Vec<u8> = (0..w * h * 3).map(|i| (i * 7919 % 251) as u8).collect();
        let image = RgbImage::from_raw(w as u32, h as u32, data.clone()).unwrap();
        let mut out = RgbImage::default();
        for factor in 1..=6usize {
            downscale_box(&image, factor, &mut out);
            let (ow, oh) = (w / factor, h / factor);
            assert_eq!((out.width() as usize, out.height() as usize), (ow, oh));
            for oy in 0..oh {
                for ox in 0..ow {
                    for c in 0..3 {
                        let mut sum = 0u32;
                        for y in oy * factor..(oy + 1) * factor {
                            for x in ox * factor..(ox + 1) * factor {
                                sum += data[(y * w + x) * 3 + c] as u32;
                            }
                        }
                        let n = (factor * factor) as u32;
                        let want = ((sum + n / 2) / n) as u8;
                        assert_eq!(out.pixel(ox as u32, oy as u32)[c], want, "factor {factor}");
                    }
                }
            }
        }
        // Narrower than one block: one block of what there is.
        downscale_box(&image, 64, &mut out);
        assert_eq!((out.width(), out.height()), (1, 1));
    }
}
