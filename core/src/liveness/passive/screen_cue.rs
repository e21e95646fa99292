//! Screen-replay cue: a face shown on a display. Two signs: (1) the display's pixel grid, and
//! the moiré it makes with the camera's own grid, put sharp isolated peaks in the spectrum of
//! the face's skin that a live face does not have (the document screen check's measure,
//! [`crate::imgproc::fft::patch_peak_ratio`]); (2) the screen's border: a long straight edge
//! beside the face with a dark band (the bezel) on its far side ([`super::border`]).
//!
//! The grid lives at the camera's pixel scale (resampling would erase it), so the spectrum is
//! taken on full-resolution 64² patches; *where* they sit is set in inter-ocular distances
//! (forehead and both cheeks). The border is searched on the normalised crop.

use super::border::Border;
use super::cue_crop::FaceFrame;
use crate::frame::RgbImage;
use crate::imgproc::fft::{strongest_patch_peak, PeakScratch};
use crate::liveness::thresholds::CueThresholds;

/// Full-resolution patch side.
pub const PATCH: usize = 64;
/// Periods from 2 to 16 pixels.
const MIN_RADIUS: usize = PATCH / 16;
/// The patches must lie on the face: below this inter-ocular distance (frame pixels) a 64²
/// patch reaches past the cheeks into hair and background (captions, fabric, window blinds
/// have peaks of their own) and the spectral part does not vote.
pub const MIN_SPECTRAL_IOD: f32 = 40.0;
/// Patch centres in the face frame (IOD): forehead, right and left cheek.
const PLACES: [(f32, f32); 3] = [(0.0, -0.55), (-0.55, 0.75), (0.55, 0.75)];

/// What the screen cue saw on one frame.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct ScreenEvidence {
    /// Strongest spectral peak / ring median over the patches and channels (0 when the face is
    /// smaller than [`MIN_SPECTRAL_IOD`]).
    pub peak_ratio: f32,
    /// Longest bezel-like border beside the face (IOD), 0 if none.
    pub bezel_iod: f32,
    /// max(peak_ratio / threshold, bezel / threshold): ≥ 1 says screen.
    pub score: f32,
}

/// Reusable buffers.
#[derive(Debug, Clone, Default)]
pub struct ScreenScratch {
    peaks: PeakScratch,
}

/// The screen cue on one frame: `image` at full resolution, the face's `frame`, and the borders
/// found beside it on the normalised crop.
pub fn screen_evidence(
    image: &RgbImage,
    frame: &FaceFrame,
    borders: &[Border],
    t: &CueThresholds,
    scratch: &mut ScreenScratch,
) -> ScreenEvidence {
    let peak_ratio = spectral_peak(image, frame, scratch);
    let bezel_iod = borders
        .iter()
        .filter(|b| b.is_bezel(t.bezel_max_luma, t.bezel_min_step))
        .map(|b| b.length_iod)
        .fold(0.0, f32::max);
    let score =
        (peak_ratio / t.screen_peak_ratio.max(1e-3)).max(bezel_iod / t.bezel_min_iod.max(1e-3));
    ScreenEvidence {
        peak_ratio,
        bezel_iod,
        score: if score.is_finite() { score } else { 0.0 },
    }
}

/// The strongest isolated spectral peak of the face's skin patches (luma and red − blue).
pub fn spectral_peak(image: &RgbImage, frame: &FaceFrame, scratch: &mut ScreenScratch) -> f32 {
    if frame.iod < MIN_SPECTRAL_IOD {
        return 0.0;
    }
    let centres = PLACES.map(|(x, y)| frame.to_image(x, y));
    strongest_patch_peak(image, centres, PATCH, MIN_RADIUS, &mut scratch.peaks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::Point;

    fn frame() -> FaceFrame {
        FaceFrame::from_landmarks(&[
            Point::new(100.0, 100.0),
            Point::new(160.0, 100.0),
            Point::new(130.0, 140.0),
            Point::new(108.0, 165.0),
            Point::new(152.0, 165.0),
        ])
        .unwrap()
    }

    /// A noisy gradient (skin-like: no isolated frequency) with and without a 3-pixel grating.
    fn image(grid: bool) -> RgbImage {
        let (w, h) = (256u32, 256u32);
        let mut state = 99u32;
        let mut data = Vec::with_capacity((w * h * 3) as usize);
        for y in 0..h {
            for x in 0..w {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let noise = (state >> 24) as f32 / 255.0 * 16.0 - 8.0;
                let base = 90.0 + 0.3 * x as f32 + 0.2 * y as f32 + noise;
                let g = if grid {
                    25.0 * (std::f32::consts::TAU * x as f32 / 3.0).cos()
                } else {
                    0.0
                };
                let v = (base + g).clamp(0.0, 255.0) as u8;
                data.extend_from_slice(&[v, v, v]);
            }
        }
        RgbImage::from_raw(w, h, data).unwrap()
    }

    #[test]
    fn a_pixel_grid_scores_and_a_smooth_face_does_not() {
        let t = CueThresholds::default();
        let mut scratch = ScreenScratch::default();
        let clean = screen_evidence(&image(false), &frame(), &[], &t, &mut scratch);
        let grid = screen_evidence(&image(true), &frame(), &[], &t, &mut scratch);
        assert!(clean.score < 1.0, "{clean:?}");
        assert!(grid.score >= 1.0, "{grid:?}");
    }

    #[test]
    fn tiny_images_do_not_panic() {
        let t = CueThresholds::default();
        let tiny = RgbImage::from_raw(8, 8, vec![0; 192]).unwrap();
        let e = screen_evidence(&tiny, &frame(), &[], &t, &mut ScreenScratch::default());
        assert_eq!(e.score, 0.0);
    }
}
