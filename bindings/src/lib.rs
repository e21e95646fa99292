//! precheck-ffi: the uniffi surface of `precheck-core` for Kotlin (`dev.precheck`) and Swift
//! (`Precheck`).
//!
//! Thin by design: every exported item converts its arguments into core types, forwards to the
//! core and converts the answer back. No check, threshold or decision lives here. The FFI types
//! are defined in this crate so that the core stays free of uniffi.
//!
//! Every fallible call runs inside [`guard::guarded`], so a panic becomes
//! [`PrecheckError::Internal`] instead of unwinding into the host.

uniffi::setup_scaffolding!("precheck");

mod engine;
mod error;
mod frame;
mod guard;
mod logging;
mod prompt;
mod report;

pub use engine::{Engine, LoadedModel, ModelFile};
pub use error::PrecheckError;
pub use frame::{Frame, PixelFormat, Rotation};
pub use logging::{set_log_sink, LogLevel, LogRecord, LogSink};
pub use prompt::{
    language_from_locale, language_tag, prompt, prompt_code_from_id, prompt_code_id,
    prompt_message, Language, Prompt, PromptCode,
};
pub use report::{BoundingBox, EyesOpen, Face, FrameReport, HeadPose, Point};
