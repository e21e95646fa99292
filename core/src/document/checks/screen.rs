//! Photos of a screen (DOC_SCREEN): a display's pixel grid, and the moiré it makes with the
//! camera's own grid, put sharp isolated peaks in the spectrum that print and paper do not
//! have. Measured at full resolution (downscaling would erase the grid) on patches inside the
//! document, for luma and for the red−blue chroma (sub-pixel stripes are coloured).

use crate::document::config::DocumentConfig;
use crate::document::fft::{patch_peak_ratio, PeakChannel, PeakScratch};
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
    peaks: PeakScratch,
}

/// The strongest spectral peak over its ring's median, across patches and channels.
/// `to_photo` maps the unit square (u, v in [0, 1]) onto the document in the photo.
pub fn peak_ratio(image: &RgbImage, to_photo: &Homography, scratch: &mut ScreenScratch) -> f32 {
    let (w, h) = (image.width() as usize, image.height() as usize);
    if w < PATCH || h < PATCH {
        return 0.0;
    }
    let mut best = 0f32;
    for (u, v) in PLACES {
        let centre = to_photo.apply(Point::new(u, v));
        let x0 = (centre.x as isize - PATCH as isize / 2).clamp(0, (w - PATCH) as isize) as usize;
        let y0 = (centre.y as isize - PATCH as isize / 2).clamp(0, (h - PATCH) as isize) as usize;
        for channel in [PeakChannel::Luma, PeakChannel::RedMinusBlue] {
            let peak = patch_peak_ratio(
                image,
                x0,
                y0,
                PATCH,
                MIN_RADIUS,
                channel,
                &mut scratch.peaks,
            );
            best = best.max(peak);
        }
    }
    best
}

pub fn issue(peak_ratio: f32, config: &DocumentConfig) -> Option<Issue> {
    (peak_ratio > config.screen_peak_ratio)
        .then(|| Issue::new(PromptCode::DocScreen, Severity::Error, Some(peak_ratio)))
}
