//! Sessions: the stateful per-user flows. [`Session`] is the selfie liveness session; [`Flow`]
//! the whole KYC pre-check (document, data, selfie and liveness, match, evidence bundle).

mod best_frames;
mod flow;
mod flow_bundle;
mod flow_decision;
mod flow_options;
mod options;
mod selfie;
mod update;

pub use best_frames::{frame_score, MatchCandidate, DEFAULT_KEPT};
pub use flow::{FaceMatchReport, Flow, FlowResult, MatchedFrame};
pub use flow_decision::{decide_flow, FlowOutcome};
pub use flow_options::{FlowOptions, DEFAULT_MAX_SELFIE_DELAY_MS};
pub use options::{LivenessPolicy, SelfieOptions};
pub use selfie::Session;
pub use update::{IdentityReport, PromptEvent, SessionResult, SessionState, SessionUpdate};
