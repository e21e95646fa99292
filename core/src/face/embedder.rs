//! MobileFaceNet embeddings: the aligned face warped to 112×112 RGB, (v − 127.5)/128, one face
//! per call, the 192-d output L2-normalised.

use crate::error::{PrecheckError, Result};
use crate::face::FaceObservation;
use crate::frame::RgbImage;
use crate::imgproc::{warp_to_tensor, Normalization};
use crate::math::Affine2;
use crate::models::{ModelKind, Network};

use super::align::{five_point_map, square_box_map, AlignmentMethod, ALIGNED_SIZE};

/// Length of a face embedding.
pub const EMBEDDING_DIM: usize = 192;

/// MobileFaceNet's input scaling: (v − 127.5) / 128.
const EMBEDDER_NORMALIZATION: Normalization = Normalization {
    scale: 1.0 / 128.0,
    offset: -127.5 / 128.0,
};

/// A unit-length face embedding; compare two with [`super::cosine_similarity`].
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding(pub(crate) [f32; EMBEDDING_DIM]);

/// Embeddings identify a person: wiped when dropped (every clone too).
impl Drop for Embedding {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl Embedding {
    /// L2-normalises a raw network output; `None` for a wrong length or a zero / non-finite
    /// vector.
    pub fn from_raw(raw: &[f32]) -> Option<Embedding> {
        let values: [f32; EMBEDDING_DIM] = raw.try_into().ok()?;
        let norm = values.iter().map(|v| v * v).sum::<f32>().sqrt();
        if !(norm.is_finite() && norm > f32::EPSILON) {
            return None;
        }
        Some(Embedding(values.map(|v| v / norm)))
    }

    pub fn as_slice(&self) -> &[f32] {
        &self.0
    }
}

/// The face embedder: one verified MobileFaceNet, shareable between threads.
#[derive(Debug, Clone)]
pub struct FaceEmbedder {
    network: Network,
    method: AlignmentMethod,
}

impl FaceEmbedder {
    pub fn new(network: Network) -> Self {
        FaceEmbedder {
            network,
            method: AlignmentMethod::default(),
        }
    }

    /// The same network with another crop (for measuring alignments against each other).
    pub fn with_method(mut self, method: AlignmentMethod) -> Self {
        self.method = method;
        self
    }

    pub fn method(&self) -> AlignmentMethod {
        self.method
    }

    /// The crop map for `face` under this embedder's alignment method.
    pub fn crop_map(&self, face: &FaceObservation) -> Result<Affine2> {
        let map = match self.method {
            AlignmentMethod::FivePoint => five_point_map(&face.landmarks5),
            AlignmentMethod::SquareBox => square_box_map(&face.bbox),
        };
        map.ok_or_else(|| {
            PrecheckError::FaceNotFound("the face's landmarks are too degenerate to align".into())
        })
    }

    /// Embeds `face` of `image`. `input` is a reusable buffer for the network input.
    pub fn embed(
        &self,
        image: &RgbImage,
        face: &FaceObservation,
        input: &mut Vec<f32>,
    ) -> Result<Embedding> {
        let map = self.crop_map(face)?;
        self.embed_crop(image, &map, input)
    }

    /// Embeds the 112×112 crop that `map` (input pixels → image pixels) cuts out of `image`.
    pub fn embed_crop(
        &self,
        image: &RgbImage,
        map: &Affine2,
        input: &mut Vec<f32>,
    ) -> Result<Embedding> {
        input.resize(ALIGNED_SIZE * ALIGNED_SIZE * 3, 0.0);
        warp_to_tensor(image, map, ALIGNED_SIZE, EMBEDDER_NORMALIZATION, input);
        let raw = self.network.run(input, |outputs| {
            outputs.first().and_then(|o| Embedding::from_raw(o))
        })?;
        raw.ok_or_else(|| PrecheckError::Inference {
            name: ModelKind::FaceEmbedder.file_name().to_string(),
            reason: format!("expected a finite, non-zero {EMBEDDING_DIM}-d embedding"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeddings_are_unit_length_and_refuse_zero() {
        let raw: Vec<f32> = (0..EMBEDDING_DIM).map(|i| i as f32 - 50.0).collect();
        let e = Embedding::from_raw(&raw).unwrap();
        let n: f32 = e.as_slice().iter().map(|v| v * v).sum();
        assert!((n - 1.0).abs() < 1e-5);
        assert!(Embedding::from_raw(&[0.0; EMBEDDING_DIM]).is_none());
        assert!(Embedding::from_raw(&[1.0; 10]).is_none());
    }
}
