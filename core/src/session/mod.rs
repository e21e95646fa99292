//! Sessions: the stateful per-user flows. [`Session`] is the selfie liveness session (issue 6).

mod options;
mod selfie;
mod update;

pub use options::{LivenessPolicy, SelfieOptions};
pub use selfie::Session;
pub use update::{IdentityReport, PromptEvent, SessionResult, SessionState, SessionUpdate};
