//! Documents: capture checks on the photo of an ID and the portrait printed on it; the MRZ read
//! from it is added here too (the zone itself is [`crate::mrz`]).
//!
//! Capture: [`DocumentChecker`] finds the outline ([`quad`]), rectifies the document, runs the
//! checks of [`checks`] with the thresholds of [`DocumentConfig`], and finds the portrait;
//! [`mrz_step::add_mrz`] reads the MRZ inside the outline and adds what it says.

pub mod checker;
pub mod checks;
pub mod config;
pub mod file;
pub mod mrz_step;
pub mod portrait;
pub mod quad;
pub mod report;

pub use checker::DocumentChecker;
pub use config::DocumentConfig;
pub use report::{DocumentKind, DocumentMeasures, DocumentReport, GlareSpot, Margins, Portrait};
