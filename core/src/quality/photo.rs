//! The quality checks of one photo: the per-frame checks only, since a photo has no history
//! (no temporal checks, no hysteresis).

use crate::face::FaceObservation;
use crate::frame::RgbImage;
use crate::prompt::{Issue, PromptCode};

use super::{frame_issues, measure_frame, most_important, FrameMeasures, QualityThresholds};

/// The quality verdict on one photo.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoCheck {
    pub measures: FrameMeasures,
    /// Every failed check, with the default thresholds.
    pub issues: Vec<Issue>,
    /// The most important issue's prompt; `None` when every check passes.
    pub prompt: Option<PromptCode>,
}

impl PhotoCheck {
    /// Every check passes.
    pub fn ready(&self) -> bool {
        self.issues.is_empty()
    }
}

/// Measures `image` with its `faces` (largest first) and checks it with the default thresholds.
pub fn check_photo(image: &RgbImage, faces: &[FaceObservation]) -> PhotoCheck {
    let measures = measure_frame(image, faces, &mut Default::default());
    let issues = frame_issues(&measures, &QualityThresholds::default(), &[]);
    let prompt = most_important(&issues);
    PhotoCheck {
        measures,
        issues,
        prompt,
    }
}
