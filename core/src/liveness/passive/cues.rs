//! The passive cues beside the models: the screen-replay cue ([`super::screen_cue`]) and the
//! print cue ([`super::print_cue`]) run on one frame, and their fusion into the passive verdict.
//!
//! Fusion rule (documented with the thresholds in [`crate::liveness::thresholds::CueThresholds`]): over
//! the best frames the models are averaged on, a cue is *flagged* when its median score is ≥ 1
//! on at least `min_frames` frames. Each flagged cue moves the passive verdict one step toward
//! spoof: the models' live becomes unsure, unsure becomes spoof. A cue never makes the verdict
//! more live, and the consensus rule is unchanged (an unsure passive verdict sends a session to
//! review, a spoof one fails it only if active and depth agree).

use serde::Serialize;

use super::border::{find_borders, Border, BorderScratch};
use super::cue_crop::{CueCrop, FaceFrame};
use super::print_cue::{print_evidence, PrintEvidence, PrintScratch};
use super::screen_cue::{screen_evidence, ScreenEvidence, ScreenScratch};
use crate::frame::RgbImage;
use crate::liveness::thresholds::CueThresholds;
use crate::liveness::verdict::Verdict;
use crate::math::Point;

/// Both cues on one frame.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CueEvidence {
    /// Inter-ocular distance of the face in the frame (pixels).
    pub iod_px: f32,
    pub screen: ScreenEvidence,
    pub print: PrintEvidence,
}

/// Reusable buffers for [`cue_evidence`] (the normalised crop, edges, spectra).
#[derive(Debug, Clone, Default)]
pub struct CueScratch {
    crop: CueCrop,
    borders: BorderScratch,
    found: Vec<Border>,
    screen: ScreenScratch,
    print: PrintScratch,
}

impl CueScratch {
    /// The normalised crop of the last [`cue_evidence`] call (for tools and tests).
    pub fn crop(&self) -> &CueCrop {
        &self.crop
    }

    /// The borders found on it.
    pub fn borders(&self) -> &[Border] {
        &self.found
    }
}

/// Runs both cues on the face with these 5 alignment points; `None` for degenerate landmarks.
pub fn cue_evidence(
    image: &RgbImage,
    landmarks5: &[Point; 5],
    t: &CueThresholds,
    scratch: &mut CueScratch,
) -> Option<CueEvidence> {
    let frame = FaceFrame::from_landmarks(landmarks5)?;
    scratch.crop.fill(image, &frame);
    find_borders(&scratch.crop, &mut scratch.borders, &mut scratch.found);
    let screen = screen_evidence(image, &frame, &scratch.found, t, &mut scratch.screen);
    let print = print_evidence(&scratch.crop, &scratch.found, t, &mut scratch.print);
    Some(CueEvidence {
        iod_px: frame.iod,
        screen,
        print,
    })
}

/// The cues over a session's best frames.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CueReport {
    /// Median screen / print score over the best frames (≥ 1: the cue says spoof); `None` when
    /// the cues did not run on enough frames.
    pub screen: Option<f32>,
    pub print: Option<f32>,
    pub screen_flagged: bool,
    pub print_flagged: bool,
    /// The passive verdict of the models alone, before the cues.
    pub models: Verdict,
}

impl CueReport {
    /// From the cue evidence of the best frames (`None` where the cues did not run).
    pub fn from_best(
        best: impl Iterator<Item = Option<CueEvidence>> + Clone,
        min_frames: usize,
        models: Verdict,
    ) -> CueReport {
        let screen = median(best.clone().flatten().map(|e| e.screen.score), min_frames);
        let print = median(best.flatten().map(|e| e.print.score), min_frames);
        CueReport {
            screen,
            print,
            screen_flagged: screen.is_some_and(|s| s >= 1.0),
            print_flagged: print.is_some_and(|s| s >= 1.0),
            models,
        }
    }

    /// The fused passive verdict (the module's rule).
    pub fn verdict(&self) -> Verdict {
        let mut v = self.models;
        for flagged in [self.screen_flagged, self.print_flagged] {
            if flagged {
                v = toward_spoof(v);
            }
        }
        v
    }

    /// `screen_cue`, `print_cue` for the flagged cues.
    pub fn notes(&self) -> impl Iterator<Item = &'static str> {
        [
            (self.screen_flagged, "screen_cue"),
            (self.print_flagged, "print_cue"),
        ]
        .into_iter()
        .filter_map(|(f, name)| f.then_some(name))
    }
}

/// One step toward spoof.
pub fn toward_spoof(v: Verdict) -> Verdict {
    match v {
        Verdict::Live => Verdict::Unsure,
        Verdict::Unsure | Verdict::Spoof => Verdict::Spoof,
    }
}

fn median(values: impl Iterator<Item = f32>, min_frames: usize) -> Option<f32> {
    let mut v: Vec<f32> = values.filter(|x| x.is_finite()).collect();
    if v.is_empty() || v.len() < min_frames.max(1) {
        return None;
    }
    crate::math::median(&mut v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(screen: f32, print: f32) -> Option<CueEvidence> {
        Some(CueEvidence {
            iod_px: 60.0,
            screen: ScreenEvidence {
                score: screen,
                ..Default::default()
            },
            print: PrintEvidence {
                score: print,
                ..Default::default()
            },
        })
    }

    #[test]
    fn odd_images_and_landmarks_never_panic() {
        let t = CueThresholds::default();
        let mut scratch = CueScratch::default();
        let pts = |s: f32| {
            [
                Point::new(0.0, 0.0),
                Point::new(s, 0.0),
                Point::new(s / 2.0, s / 2.0),
                Point::new(0.1 * s, s),
                Point::new(0.9 * s, s),
            ]
        };
        for (w, h) in [(1u32, 1u32), (2, 3), (64, 48), (640, 8)] {
            let image = RgbImage::from_raw(w, h, vec![128; (w * h * 3) as usize]).unwrap();
            for s in [5.0, 40.0, 1e4, 1e30] {
                let e = cue_evidence(&image, &pts(s), &t, &mut scratch);
                assert!(e.is_none_or(|e| e.screen.score.is_finite() && e.print.score.is_finite()));
            }
            let mut nan = pts(40.0);
            nan[1].y = f32::NAN;
            assert!(cue_evidence(&image, &nan, &t, &mut scratch).is_none());
        }
    }

    #[test]
    fn flagged_cues_move_the_verdict_toward_spoof() {
        let best = [evidence(1.5, 0.2), evidence(2.0, 0.3), evidence(0.4, 1.2)];
        let r = CueReport::from_best(best.iter().copied(), 2, Verdict::Live);
        assert_eq!(r.screen, Some(1.5));
        assert!(r.screen_flagged && !r.print_flagged);
        assert_eq!(r.verdict(), Verdict::Unsure);
        assert_eq!(r.notes().collect::<Vec<_>>(), vec!["screen_cue"]);
        let both = [evidence(1.5, 1.5), evidence(2.0, 1.1)];
        let r = CueReport::from_best(both.iter().copied(), 2, Verdict::Live);
        assert_eq!(r.verdict(), Verdict::Spoof);
        let none = [evidence(0.1, 0.1), evidence(0.2, 0.3)];
        let r = CueReport::from_best(none.iter().copied(), 2, Verdict::Unsure);
        assert_eq!(r.verdict(), Verdict::Unsure);
        // Too few frames: no cue report, the models' verdict stands.
        let r = CueReport::from_best([evidence(3.0, 3.0), None].iter().copied(), 2, Verdict::Live);
        assert_eq!((r.screen, r.verdict()), (None, Verdict::Live));
    }
}
