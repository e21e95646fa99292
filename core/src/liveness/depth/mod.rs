//! The depth verdict: a real head turning moves its landmarks and pixels non-planarly; a photo
//! or a screen moves them as one plane ([`landmarks`] collects the views and scores them,
//! [`planarity`] is the pixels' veto).

pub mod landmarks;
pub mod planarity;

pub use landmarks::DepthCollector;
pub use planarity::{planar_fit_ncc, FaceCrop};
