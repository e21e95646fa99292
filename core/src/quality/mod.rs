//! Selfie frame checks (issue 3): per-frame measures with OFIQ's names (ISO/IEC 29794-5) and
//! 0-100 scalars where OFIQ has a mapping, prompt codes from documented thresholds, temporal
//! checks over a short frame history, and one prompt at a time with hysteresis.
//!
//! - [`measure_frame`] is pure: pixels and faces in, [`FrameMeasures`] out.
//! - [`frame_issues`] turns measures into [`Issue`]s with the thresholds of [`QualityThresholds`].
//! - [`check_photo`] puts the two together for one photo (no history).
//! - [`SelfieGate`] is the stateful per-stream part: history, temporal checks, prompt choice.

mod checks;
mod coverings;
mod expression;
mod eyes;
mod framing;
mod gate;
mod haze;
mod luminance;
mod measures;
pub mod ofiq;
mod photo;
mod region;
mod selector;
mod sharpness;
mod temporal;

pub use checks::{collect_frame_issues, frame_issues, QualityThresholds};
pub use coverings::{Coverings, SkinDifference};
pub use expression::Expression;
pub use eyes::{EyeRegion, EyeRegions};
pub use framing::Framing;
pub use gate::{temporal_issues, GateUpdate, SelfieGate};
pub use haze::Haze;
pub use luminance::FaceLight;
pub use measures::{measure_frame, FaceMeasures, FrameMeasures, Measure, QualityScratch};
pub use photo::{check_photo, PhotoCheck};
pub use region::{FaceRegions, Patch};
pub use selector::{most_important, rank, PromptSelector, SelectorTiming, PRIORITY};
pub use temporal::{History, TemporalMeasures, TemporalThresholds};
