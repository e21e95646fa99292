//! The whole KYC pre-check flow (DESIGN §1): document step → data step → selfie and liveness
//! step → match of the best selfie frames against the document portrait → decision and
//! evidence bundle.

mod bundle;
mod decision;
mod face_match;
mod options;
mod run;

pub use crate::decision::Decision;
pub use crate::evidence::reason::{ReasonCode, Step};
pub use decision::{decide_flow, FlowOutcome};
pub use face_match::{match_portrait, FaceMatchReport, MatchedFrame};
pub use options::{FlowOptions, DEFAULT_MAX_SELFIE_DELAY_MS};
pub use run::{Flow, FlowModels, FlowResult};
