//! Face matching (`precheck_core::matching`): the largest face of each image, compared with
//! the calibrated thresholds. `MatchResult` and `MatchDecision` are the core's own types.

pub use precheck_core::matching::{Decision as MatchDecision, MatchResult};

use crate::engine::Engine;
use crate::error::PrecheckError;
use crate::guard::guarded;

#[uniffi::export]
impl Engine {
    /// Compares the largest face of two encoded JPEG/PNG images (e.g. the document portrait and
    /// a selfie). An image without a usable face is a `FaceNotFound` error.
    pub fn compare_faces(
        &self,
        image_a: Vec<u8>,
        image_b: Vec<u8>,
    ) -> Result<MatchResult, PrecheckError> {
        guarded("compareFaces", || {
            let a = self.inner.decode_image(&image_a)?;
            let b = self.inner.decode_image(&image_b)?;
            self.inner.match_images(&a, &b)
        })
    }
}
