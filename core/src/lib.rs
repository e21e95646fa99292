//! precheck-core: on-device KYC pre-checks in pure Rust.
//!
//! The layers, bottom up (a module imports only modules below it; `docs/architecture.md`):
//! `error`, `limits`, `math`, `date`, `prompt`, `decision` → `frame`, `models` → `imgproc` → `face` →
//! `quality`, `matching` → `mrz`, `idnum` → `consistency` → `document` → `liveness` →
//! `evidence` → `session` → `flow` → `engine`.
//!
//! ```no_run
//! use precheck_core::{Engine, EngineConfig, frame::{Frame, PixelFormat}};
//! # fn main() -> Result<(), precheck_core::PrecheckError> {
//! let engine = Engine::new(EngineConfig::from_dir("models"))?;
//! let rgba = vec![0u8; 640 * 480 * 4];
//! let report = engine.analyze_frame(&Frame::packed(640, 480, PixelFormat::Rgba8, &rgba))?;
//! for face in &report.faces {
//!     println!("yaw {:.1}°, eyes {:?}", face.pose.yaw, face.eyes_open);
//! }
//! # Ok(()) }
//! ```

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

// With the `uniffi` feature the core's plain result types carry uniffi derives and `precheck-ffi`
// exports them directly (their Kotlin package is `dev.precheck.core`, see core/uniffi.toml).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("precheck_core");

pub mod consistency;
pub mod date;
pub mod decision;
pub mod document;
pub mod engine;
pub mod error;
pub mod evidence;
pub mod face;
pub mod flow;
pub mod frame;
pub mod idnum;
pub mod imgproc;
pub mod limits;
pub mod liveness;
pub mod matching;
pub mod math;
pub mod models;
pub mod mrz;
pub mod prompt;
pub mod quality;
pub mod session;

pub use engine::{Engine, EngineConfig};
pub use error::{PrecheckError, Result};
pub use face::{Analyzer, Detection, FaceObservation, FrameReport};
pub use frame::{Frame, PixelFormat, Rotation};
pub use limits::{FrameLimits, Limits, SessionLimits};
pub use models::LoadedModel;
pub use prompt::{Issue, Language, Prompt, PromptCode, Severity};
pub use session::{SelfieOptions, Session, SessionResult, SessionUpdate};
