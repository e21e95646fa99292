//! Liveness (issue 6): challenge detectors on the landmark time series, the nonce-driven
//! challenge sequence, passive presentation-attack models with a screen-replay and a print
//! cue, a 3-D consistency check, the
//! consensus decision and the retry policy. The per-stream state lives in
//! [`crate::session::Session`]; everything here is plain data and pure steps.

pub mod border;
pub mod challenge;
pub mod consensus;
pub mod cue_crop;
pub mod cues;
pub mod depth;
pub mod detectors;
pub mod motion;
pub mod passive;
pub mod planarity;
pub mod print_cue;
pub mod retry;
pub mod screen_cue;
pub mod sequence;
pub mod signals;
pub mod thresholds;
pub mod verdict;

pub use challenge::{challenge_order, ChallengeKind, UnknownChallenge};
pub use consensus::{decide, AttemptFailure, ConsensusInput, Continuity, LivenessDecision};
pub use cues::{cue_evidence, CueEvidence, CueReport, CueScratch};
pub use depth::{fit_homography, homography_residual, DepthCollector};
pub use detectors::{ActionDetectors, ActionEvent, ActionPhase};
pub use motion::{MotionAnomaly, MotionChecker, MotionEvent};
pub use passive::{
    FaceAntiSpoofing, MiniFasNet, PadModel, PadScratch, PadSlot, PassiveAggregator, PassiveSample,
};
pub use planarity::{planar_fit_ncc, FaceCrop};
pub use retry::{RetryPolicy, RetryState, RetryStatus};
pub use sequence::{ChallengeFailure, ChallengeResult, ChallengeSequencer, SequenceStep};
pub use signals::MotionSample;
pub use thresholds::{CueThresholds, DepthThresholds, LivenessThresholds, PassiveThresholds};
pub use verdict::{CheckReport, Verdict};
