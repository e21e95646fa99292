//! Face matching (`precheck_core::matching`): the largest face of each image, compared with
//! the calibrated thresholds.

use precheck_core::matching as core;

use crate::engine::Engine;
use crate::error::PrecheckError;
use crate::guard::guarded;

/// The verdict on a pair of faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MatchDecision {
    /// At or above the strict threshold: the same person.
    Match,
    /// Below the loose threshold: different people.
    NoMatch,
    /// In between: a person should look.
    Review,
}

/// A compared pair.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct MatchResult {
    /// Cosine similarity of the two face embeddings, in [-1, 1].
    pub similarity: f32,
    pub decision: MatchDecision,
}

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
            let result = self.inner.match_images(&a, &b)?;
            Ok::<_, PrecheckError>(MatchResult::from(result))
        })
    }
}

impl From<core::MatchResult> for MatchResult {
    fn from(result: core::MatchResult) -> Self {
        MatchResult {
            similarity: result.similarity,
            decision: match result.decision {
                core::Decision::Match => MatchDecision::Match,
                core::Decision::NoMatch => MatchDecision::NoMatch,
                core::Decision::Review => MatchDecision::Review,
            },
        }
    }
}
