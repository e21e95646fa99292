//! Photos of a screen (DOC_SCREEN): a display's pixel grid, and the moiré it makes with the
//! camera's own grid, put sharp isolated peaks in the spectrum that print and paper do not
//! have. Measured at full resolution (downscaling would erase the grid) on patches inside the
//! document, for luma and for the red−blue chroma (sub-pixel stripes are coloured).

use crate::document::config::DocumentConfig;
use crate::frame::RgbImage;
use crate::imgproc::fft::{strongest_patch_peak, PeakScratch};
use crate::imgproc::homography::Homography;
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
    let centres = PLACES.map(|(u, v)| to_photo.apply(Point::new(u, v)));
    strongest_patch_peak(image, centres, PATCH, MIN_RADIUS, &mut scratch.peaks)
}

pub fn issue(peak_ratio: f32, config: &DocumentConfig) -> Option<Issue> {
    (peak_ratio > config.screen_peak_ratio)
        .then(|| Issue::new(PromptCode::DocScreen, Severity::Error, Some(peak_ratio)))
}
