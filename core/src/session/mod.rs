//! The selfie liveness session: one frame stream through the tracker, the quality gate, the
//! challenges and the verdicts, keeping the best frames for the face match; and the quality
//! checks alone of a stream ([`QualityStream`]). The whole KYC flow
//! around it is [`crate::flow`].

mod best_frames;
mod options;
mod quality_stream;
mod selfie;
mod update;

pub use best_frames::{frame_score, MatchCandidate, DEFAULT_KEPT};
pub use options::{LivenessPolicy, SelfieOptions};
pub use quality_stream::QualityStream;
pub use selfie::Session;
pub use update::{IdentityReport, PromptEvent, SessionResult, SessionState, SessionUpdate};
