//! The capture checks, one concern per module. Each is a pure function of pixels (or of the
//! found outline) returning its raw measure; the decision against the thresholds of
//! [`super::DocumentConfig`] is made next to it.

pub mod copy;
pub mod exposure;
pub mod framing;
pub mod glare;
pub mod obscured;
pub mod screen;
pub mod sharpness;
