//! The selfie gate: everything of this module for one frame stream. Feed it each frame with its
//! faces and timestamp; it answers with the measures, the issues and the one prompt to show.

use super::checks::{collect_frame_issues, QualityThresholds};
use super::measures::{measure_frame, FrameMeasures, QualityScratch};
use super::selector::{PromptSelector, SelectorTiming};
use super::temporal::{History, TemporalMeasures, TemporalThresholds};
use crate::face::FaceObservation;
use crate::frame::RgbImage;
use crate::prompt::{Issue, PromptCode, Severity};

/// The gate's answer for one frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GateUpdate {
    pub measures: FrameMeasures,
    pub temporal: TemporalMeasures,
    /// Every check that failed on this frame (per-frame and temporal).
    pub issues: Vec<Issue>,
    /// The one prompt to show, after priority and hysteresis; `None` when nothing is wrong.
    pub prompt: Option<PromptCode>,
    /// All checks pass on this frame and no prompt is showing.
    pub ready: bool,
}

/// Per-stream quality state: history, prompt choice and buffers.
#[derive(Debug, Clone)]
pub struct SelfieGate {
    pub thresholds: QualityThresholds,
    pub temporal_thresholds: TemporalThresholds,
    history: History,
    selector: PromptSelector,
    scratch: QualityScratch,
    update: GateUpdate,
}

impl Default for SelfieGate {
    fn default() -> Self {
        SelfieGate::new(
            QualityThresholds::default(),
            TemporalThresholds::default(),
            SelectorTiming::default(),
        )
    }
}

impl SelfieGate {
    pub fn new(
        thresholds: QualityThresholds,
        temporal_thresholds: TemporalThresholds,
        timing: SelectorTiming,
    ) -> Self {
        SelfieGate {
            thresholds,
            temporal_thresholds,
            history: History::default(),
            selector: PromptSelector::new(timing),
            scratch: QualityScratch::default(),
            update: GateUpdate::default(),
        }
    }

    /// Forgets the stream (a new attempt).
    pub fn reset(&mut self) {
        self.history.clear();
        self.selector.reset();
    }

    /// Checks one frame. `faces` come from the engine or tracker for this frame (largest
    /// first); `t_ms` is the frame's timestamp. The answer is borrowed: its buffers are reused
    /// by the next frame.
    pub fn push(&mut self, image: &RgbImage, faces: &[FaceObservation], t_ms: i64) -> &GateUpdate {
        let update = &mut self.update;
        update.measures = measure_frame(image, faces, &mut self.scratch);
        update.temporal =
            self.history
                .push(image, &update.measures, t_ms, &self.temporal_thresholds);
        collect_frame_issues(
            &update.measures,
            &self.thresholds,
            self.selector.active(),
            &mut update.issues,
        );
        temporal_issues(
            &update.temporal,
            &self.temporal_thresholds,
            &mut update.issues,
        );
        update.prompt = self.selector.update(&update.issues, t_ms);
        update.ready = update.issues.is_empty() && update.prompt.is_none();
        &self.update
    }
}

/// Issues of the temporal checks.
pub fn temporal_issues(m: &TemporalMeasures, t: &TemporalThresholds, issues: &mut Vec<Issue>) {
    let mut push = |code, severity, value: f32| {
        if !issues.iter().any(|i: &Issue| i.code == code) {
            issues.push(Issue::new(code, severity, Some(value)));
        }
    };
    if m.luma_reversals >= t.flicker_reversals {
        push(
            PromptCode::Flicker,
            Severity::Error,
            m.luma_reversals as f32,
        );
    } else if m.light_change > t.light_change {
        push(PromptCode::Flicker, Severity::Warning, m.light_change);
    }
    if m.background_run >= t.background_frames {
        push(
            PromptCode::BackgroundMoving,
            Severity::Error,
            m.background_motion,
        );
    }
    if m.head_speed > t.hold_still_speed {
        push(PromptCode::HoldStill, Severity::Warning, m.head_speed);
    }
    if m.focus_variation > t.focus_variation {
        push(PromptCode::Blurry, Severity::Warning, m.focus_variation);
    }
}
