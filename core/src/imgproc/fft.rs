//! A small in-place radix-2 FFT (complex, power-of-two sizes) and the isolated-peak measure of
//! a patch's spectrum that finds a display's pixel grid or moiré: shared by the document screen
//! check (`checks::screen`) and the liveness screen-replay cue (`liveness::screen_cue`).

use crate::frame::RgbImage;
use crate::math::Point;

/// In-place FFT of `re`/`im` (length a power of two).
pub fn fft(re: &mut [f32], im: &mut [f32]) {
    let n = re.len();
    debug_assert!(n.is_power_of_two() && im.len() == n);
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let angle = -2.0 * std::f32::consts::PI / len as f32;
        let (wr, wi) = (angle.cos(), angle.sin());
        for start in (0..n).step_by(len) {
            let (mut cr, mut ci) = (1f32, 0f32);
            for k in 0..len / 2 {
                let (a, b) = (start + k, start + k + len / 2);
                let tr = re[b] * cr - im[b] * ci;
                let ti = re[b] * ci + im[b] * cr;
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
                let next = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = next;
            }
        }
        len <<= 1;
    }
}

/// Magnitude spectrum of an `n`×`n` real patch (row-major), into `magnitude`. `re`/`im` are
/// scratch buffers.
pub fn magnitude_2d(
    patch: &[f32],
    n: usize,
    re: &mut Vec<f32>,
    im: &mut Vec<f32>,
    magnitude: &mut Vec<f32>,
) {
    re.clear();
    re.extend_from_slice(patch);
    im.clear();
    im.resize(n * n, 0.0);
    for row in 0..n {
        fft(
            &mut re[row * n..(row + 1) * n],
            &mut im[row * n..(row + 1) * n],
        );
    }
    let (mut col_re, mut col_im) = (vec![0f32; n], vec![0f32; n]);
    for col in 0..n {
        for row in 0..n {
            col_re[row] = re[row * n + col];
            col_im[row] = im[row * n + col];
        }
        fft(&mut col_re, &mut col_im);
        for row in 0..n {
            re[row * n + col] = col_re[row];
            im[row * n + col] = col_im[row];
        }
    }
    magnitude.clear();
    magnitude.extend(
        re.iter()
            .zip(im.iter())
            .map(|(r, i)| (r * r + i * i).sqrt()),
    );
}

/// Which signal of an RGB patch the spectrum is taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeakChannel {
    /// 0.299 R + 0.587 G + 0.114 B.
    Luma,
    /// R − B: a display's sub-pixel stripes are coloured.
    RedMinusBlue,
}

/// Reusable buffers for [`patch_peak_ratio`].
#[derive(Debug, Clone, Default)]
pub struct PeakScratch {
    window: Vec<f32>,
    patch: Vec<f32>,
    re: Vec<f32>,
    im: Vec<f32>,
    magnitude: Vec<f32>,
    rings: Vec<Vec<f32>>,
    medians: Vec<f32>,
}

/// The strongest [`patch_peak_ratio`] over both channels of the `n`×`n` patches centred on
/// `centres` (moved inside the image where they would cross its edge; non-finite centres are
/// skipped); 0 when the image is smaller than a patch.
pub fn strongest_patch_peak(
    image: &RgbImage,
    centres: impl IntoIterator<Item = Point>,
    n: usize,
    min_radius: usize,
    scratch: &mut PeakScratch,
) -> f32 {
    let (w, h) = (image.width() as usize, image.height() as usize);
    if w < n || h < n {
        return 0.0;
    }
    let mut best = 0f32;
    for centre in centres {
        if !(centre.x.is_finite() && centre.y.is_finite()) {
            continue;
        }
        let x0 = (centre.x as isize - n as isize / 2).clamp(0, (w - n) as isize) as usize;
        let y0 = (centre.y as isize - n as isize / 2).clamp(0, (h - n) as isize) as usize;
        for channel in [PeakChannel::Luma, PeakChannel::RedMinusBlue] {
            best = best.max(patch_peak_ratio(
                image, x0, y0, n, min_radius, channel, scratch,
            ));
        }
    }
    best
}

/// The strongest isolated peak of the spectrum of the `n`×`n` patch of `image` whose top-left
/// pixel is (`x0`, `y0`), for one channel: mean removed, 2-D Hann window, then [`ring_peak`].
/// `n` must be a power of two; a patch that does not fit in the image scores 0.
pub fn patch_peak_ratio(
    image: &RgbImage,
    x0: usize,
    y0: usize,
    n: usize,
    min_radius: usize,
    channel: PeakChannel,
    scratch: &mut PeakScratch,
) -> f32 {
    let (w, h) = (image.width() as usize, image.height() as usize);
    if !n.is_power_of_two() || n < 8 || x0 + n > w || y0 + n > h {
        return 0.0;
    }
    if scratch.window.len() != n {
        scratch.window.clear();
        scratch.window.extend(
            (0..n).map(|i| {
                0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / (n - 1) as f32).cos()
            }),
        );
    }
    let data = image.as_bytes();
    scratch.patch.clear();
    let mut mean = 0f32;
    for y in y0..y0 + n {
        for x in x0..x0 + n {
            let i = (y * w + x) * 3;
            let (r, g, b) = (data[i] as f32, data[i + 1] as f32, data[i + 2] as f32);
            let value = match channel {
                PeakChannel::Luma => super::plane::luma_f32([r, g, b]),
                PeakChannel::RedMinusBlue => r - b,
            };
            scratch.patch.push(value);
            mean += value;
        }
    }
    mean /= (n * n) as f32;
    let window = &scratch.window;
    for (i, p) in scratch.patch.iter_mut().enumerate() {
        *p = (*p - mean) * window[i / n] * window[i % n];
    }
    magnitude_2d(
        &scratch.patch,
        n,
        &mut scratch.re,
        &mut scratch.im,
        &mut scratch.magnitude,
    );
    ring_peak(
        &scratch.magnitude,
        n,
        min_radius,
        &mut scratch.rings,
        &mut scratch.medians,
    )
}

/// Max over the band `min_radius..=n/2` of an `n`×`n` magnitude spectrum of magnitude / median
/// of the magnitudes at the same radius: a pixel grid gives isolated strong peaks, natural
/// texture a smooth ring. The axes' multiples of 1/8 cycle (JPEG's 8×8 block edges) are skipped.
pub fn ring_peak(
    magnitude: &[f32],
    n: usize,
    min_radius: usize,
    rings: &mut Vec<Vec<f32>>,
    medians: &mut Vec<f32>,
) -> f32 {
    let half = n / 2;
    if magnitude.len() < n * n || n < 16 {
        return 0.0;
    }
    rings.resize(half + 1, Vec::new());
    rings.iter_mut().for_each(|r| r.clear());
    let freq = |k: usize| -> isize {
        if k < half {
            k as isize
        } else {
            k as isize - n as isize
        }
    };
    let radius = |ky: usize, kx: usize| -> usize {
        let (fy, fx) = (freq(ky) as f32, freq(kx) as f32);
        (fy * fy + fx * fx).sqrt().round() as usize
    };
    let block = (n / 8) as isize;
    let near_block = |f: isize| {
        let m = f.abs() % block;
        m <= 1 || m >= block - 1
    };
    // Half-plane is enough (the spectrum of a real patch is symmetric).
    for ky in 0..=half {
        for kx in 0..n {
            let r = radius(ky, kx);
            if (min_radius..=half).contains(&r) {
                rings[r].push(magnitude[ky * n + kx]);
            }
        }
    }
    medians.clear();
    medians.resize(half + 1, 0.0);
    for (r, ring) in rings.iter_mut().enumerate() {
        if ring.len() >= 8 {
            let mid = ring.len() / 2;
            let (_, m, _) = ring.select_nth_unstable_by(mid, f32::total_cmp);
            medians[r] = *m;
        }
    }
    let mut best = 0f32;
    for ky in 0..=half {
        for kx in 0..n {
            let r = radius(ky, kx);
            if !(min_radius..=half).contains(&r) || medians[r] <= 1e-3 {
                continue;
            }
            let (fy, fx) = (freq(ky), freq(kx));
            if (fy.abs() <= 1 && near_block(fx)) || (fx.abs() <= 1 && near_block(fy)) {
                continue;
            }
            best = best.max(magnitude[ky * n + kx] / medians[r]);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cosine_has_one_peak() {
        let n = 32;
        let mut re: Vec<f32> = (0..n)
            .map(|i| (2.0 * std::f32::consts::PI * 4.0 * i as f32 / n as f32).cos())
            .collect();
        let mut im = vec![0f32; n];
        fft(&mut re, &mut im);
        let mag: Vec<f32> = re
            .iter()
            .zip(&im)
            .map(|(r, i)| (r * r + i * i).sqrt())
            .collect();
        assert!((mag[4] - 16.0).abs() < 1e-3 && (mag[28] - 16.0).abs() < 1e-3);
        assert!(mag[5] < 1e-3);
    }
}
