//! precheck-core: on-device KYC pre-checks in pure Rust.
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

pub mod document;
pub mod engine;
pub mod error;
pub mod evidence;
pub mod face;
pub mod frame;
pub mod i18n;
pub mod limits;
pub mod liveness;
pub mod matching;
pub mod math;
pub mod models;
pub mod prompt;
pub mod quality;
pub mod raster;
pub mod session;

pub use engine::{Engine, EngineConfig, FrameReport, LoadedModel};
pub use error::{PrecheckError, Result};
pub use face::{Detection, FaceObservation};
pub use frame::{Frame, PixelFormat, Rotation};
pub use i18n::Language;
pub use limits::{FrameLimits, Limits, SessionLimits};
pub use prompt::{Issue, Prompt, PromptCode, Severity};
pub use session::{SelfieOptions, Session, SessionResult, SessionUpdate};
