//! Liveness, by verdict: [`active`] (the nonce-driven challenge sequence and its detectors on the
//! landmark time series), [`passive`] (presentation-attack models with a screen-replay and a
//! print cue), [`depth`] (3-D consistency of a turning head), their [`consensus`] and the retry
//! policy. The per-stream state lives in [`crate::session::Session`]; everything here is plain
//! data and pure steps.

pub mod active;
pub mod consensus;
pub mod depth;
pub mod passive;
pub mod retry;
pub mod thresholds;
pub mod verdict;

pub use active::{
    challenge_order, ActionDetectors, ActionEvent, ActionPhase, ChallengeFailure, ChallengeKind,
    ChallengeResult, ChallengeSequencer, MotionAnomaly, MotionChecker, MotionEvent, MotionSample,
    SequenceStep, UnknownChallenge,
};
pub use consensus::{decide, AttemptFailure, ConsensusInput, Continuity, LivenessDecision};
pub use depth::{planar_fit_ncc, DepthCollector, FaceCrop};
pub use passive::{
    cue_evidence, CueEvidence, CueReport, CueScratch, FaceAntiSpoofing, MiniFasNet, PadModel,
    PadScratch, PadSlot, PassiveAggregator, PassiveSample,
};
pub use retry::{RetryPolicy, RetryState, RetryStatus};
pub use thresholds::{CueThresholds, DepthThresholds, LivenessThresholds, PassiveThresholds};
pub use verdict::{CheckReport, Verdict};
