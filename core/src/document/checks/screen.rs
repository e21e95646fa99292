//! Photos of a screen (DOC_SCREEN): a display's pixel grid, and the moiré it makes with the
//! camera's own grid, put sharp isolated peaks in the spectrum that print and paper do not
//! have. Measured at full resolution (downscaling would erase the grid) on patches inside the
//! document, for luma and for the red−blue chroma (sub-pixel stripes are coloured).

use crate::document::config::DocumentConfig;
use crate::document::fft::magnitude_2d;
use crate::document::homography::Homography;
use crate::frame::RgbImage;
use crate::math::Point;
use crate::prompt::{Issue, PromptCode, Severity};

/// Patch side (full-resolution pixels).
const PATCH: usize = 128;
/// Where patches are centred, as (u, v) shares of the document.
const PLACES: [(f32, f32); 4] = [(0.3, 0.3), (0.7, 0.3), (0.3, 0.7), (0.7, 0.7)];
/// Frequencies searched: periods from 2 to 16 pixels.
const MIN_RADIUS: usize = PATCH / 16;

/// Reusable buffers.
#[derive(Debug, Default)]
pub struct ScreenScratch {
    patch: Vec<f32>,
    re: Vec<f32>,
    im: Vec<f32>,
    magnitude: Vec<f32>,
    rings: Vec<Vec<f32>>,
}

/// The strongest spectral peak over its ring's median, across patches and channels.
/// `to_photo` maps the unit square (u, v in [0, 1]) onto the document in the photo.
pub fn peak_ratio(image: &RgbImage, to_photo: &Homography, scratch: &mut ScreenScratch) -> f32 {
    let (w, h) = (image.width() as usize, image.height() as usize);
    if w < PATCH || h < PATCH {
        return 0.0;
    }
    let window: Vec<f32> = (0..PATCH)
        .map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / (PATCH - 1) as f32).cos())
        .collect();
    let data = image.as_bytes();
    let mut best = 0f32;
    for (u, v) in PLACES {
        let centre = to_photo.apply(Point::new(u, v));
        let x0 = (centre.x as isize - PATCH as isize / 2).clamp(0, (w - PATCH) as isize) as usize;
        let y0 = (centre.y as isize - PATCH as isize / 2).clamp(0, (h - PATCH) as isize) as usize;
        for channel in 0..2 {
            scratch.patch.clear();
            let mut mean = 0f32;
            for y in y0..y0 + PATCH {
                for x in x0..x0 + PATCH {
                    let i = (y * w + x) * 3;
                    let (r, g, b) = (data[i] as f32, data[i + 1] as f32, data[i + 2] as f32);
                    let value = if channel == 0 {
                        0.299 * r + 0.587 * g + 0.114 * b
                    } else {
                        r - b
                    };
                    scratch.patch.push(value);
                    mean += value;
                }
            }
            mean /= (PATCH * PATCH) as f32;
            for (i, p) in scratch.patch.iter_mut().enumerate() {
                *p = (*p - mean) * window[i / PATCH] * window[i % PATCH];
            }
            magnitude_2d(
                &scratch.patch,
                PATCH,
                &mut scratch.re,
                &mut scratch.im,
                &mut scratch.magnitude,
            );
            best = best.max(ring_peak(&scratch.magnitude, &mut scratch.rings));
        }
    }
    best
}

/// Max over the band of magnitude / median of the magnitudes at the same radius. The axes'
/// multiples of 1/8 cycle (JPEG's 8×8 block edges) are skipped.
fn ring_peak(magnitude: &[f32], rings: &mut Vec<Vec<f32>>) -> f32 {
    let n = PATCH;
    let half = n / 2;
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
            if (MIN_RADIUS..=half).contains(&r) {
                rings[r].push(magnitude[ky * n + kx]);
            }
        }
    }
    let mut medians = vec![0f32; half + 1];
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
            if !(MIN_RADIUS..=half).contains(&r) || medians[r] <= 1e-3 {
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

pub fn issue(peak_ratio: f32, config: &DocumentConfig) -> Option<Issue> {
    (peak_ratio > config.screen_peak_ratio)
        .then(|| Issue::new(PromptCode::DocScreen, Severity::Error, Some(peak_ratio)))
}
