//! The active verdict: the challenge order drawn from the nonce, the detectors of each action on
//! the landmark time series, the sequence that asks and times them, and the motion checks that
//! keep them natural.

pub mod challenge;
pub mod detectors;
pub mod motion;
pub mod sequence;
pub mod signals;

pub use challenge::{challenge_order, ChallengeKind, UnknownChallenge};
pub use detectors::{ActionDetectors, ActionEvent, ActionPhase};
pub use motion::{MotionAnomaly, MotionChecker, MotionEvent};
pub use sequence::{ChallengeFailure, ChallengeResult, ChallengeSequencer, SequenceStep};
pub use signals::MotionSample;
