//! Documents: capture checks on the photo of an ID, the portrait printed on it, the MRZ and
//! national ID numbers, and what the user typed versus what the document says.
//!
//! Capture: [`DocumentChecker`] finds the outline ([`quad`]), rectifies the document, runs the
//! checks of [`checks`] with the thresholds of [`DocumentConfig`], and finds the portrait;
//! [`mrz_step::add_mrz`] reads the MRZ inside the outline and adds what it says.

pub mod checker;
pub mod checks;
pub mod config;
pub mod consistency;
pub mod date;
pub mod edges;
pub mod fft;
pub mod file;
pub mod homography;
pub mod hough;
pub mod idnum;
pub mod line;
pub mod mrz;
pub mod mrz_step;
pub mod plane;
pub mod portrait;
pub mod quad;
pub mod report;

pub use checker::DocumentChecker;
pub use config::DocumentConfig;
pub use report::{DocumentKind, DocumentMeasures, DocumentReport, GlareSpot, Margins, Portrait};
