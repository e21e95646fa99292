//! What the host shows after each frame, and what it gets at the end.

use serde::Serialize;

use crate::liveness::{
    ActionEvent, AttemptFailure, ChallengeKind, ChallengeResult, CheckReport, Continuity,
    CueReport, LivenessDecision, MotionEvent, MotionSample,
};
use crate::prompt::{Issue, Prompt, PromptCode};

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SessionState {
    /// Waiting for a well-framed, well-lit face (quality prompts).
    Positioning,
    /// Challenges running.
    Challenge,
    /// No challenges: capturing frames for the passive check.
    Capturing,
    /// Everything done: call `finish`.
    Completed,
    /// The attempt ended early (see `failure`): call `finish`.
    Failed,
}

/// The answer to one frame.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SessionUpdate {
    pub t_ms: i64,
    pub state: SessionState,
    /// The one prompt to show, in the session's language.
    pub prompt: Option<Prompt>,
    /// The challenge asked now (or next).
    pub challenge: Option<ChallengeKind>,
    pub challenge_index: u32,
    pub challenge_count: u32,
    /// 0-1 over the whole session.
    pub progress: f32,
    pub face_found: bool,
    /// The quality checks that failed on this frame.
    pub issues: Vec<Issue>,
    pub failure: Option<AttemptFailure>,
    /// This frame's face signals (yaw, eyes, mouth), for timelines and UI feedback.
    pub sample: Option<MotionSample>,
    /// What the detectors saw on this frame (blinks, turns, ...), whatever was asked.
    pub events: Vec<ActionEvent>,
    /// Passive score computed on this frame, when the schedule ran the models.
    pub passive_score: Option<f32>,
}

/// A prompt change, for the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PromptEvent {
    pub t_ms: i64,
    pub code: Option<PromptCode>,
}

/// Identity continuity over the session.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct IdentityReport {
    pub continuity: Continuity,
    /// Lowest similarity of a later frame to the first embedded frame.
    pub min_similarity: Option<f32>,
    pub embedded_frames: u32,
}

/// The session's outcome (DESIGN §4 `liveness` JSON is built from it).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SessionResult {
    pub decision: LivenessDecision,
    pub reasons: Vec<String>,
    pub nonce: String,
    /// The order the challenges were asked in.
    pub order: Vec<ChallengeKind>,
    pub challenges: Vec<ChallengeResult>,
    pub active: CheckReport,
    pub passive: CheckReport,
    /// The screen and print cues behind the passive verdict, and the models' verdict before
    /// them.
    pub passive_cues: CueReport,
    pub depth: CheckReport,
    pub identity: IdentityReport,
    pub failure: Option<AttemptFailure>,
    pub prompts: Vec<PromptEvent>,
    pub motion_events: Vec<MotionEvent>,
    pub frames: u64,
    pub first_ms: Option<i64>,
    pub last_ms: Option<i64>,
}
