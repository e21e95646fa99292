//! The face analyzer: the detector, the landmarker and the embedder together, as every part of
//! the core that looks at a face uses them (photo checks, the document portrait, matching, the
//! selfie session). Cheap to clone: the networks are shared.

use serde::Serialize;

use super::detector::FaceDetector;
use super::embedder::{Embedding, FaceEmbedder};
use super::landmarker::{FaceLandmarker, FaceMesh, MIN_PRESENCE};
use super::roi::roi_from_detection;
use super::tracker::FaceTracker;
use super::FaceObservation;
use crate::error::{PrecheckError, Result};
use crate::frame::RgbImage;

/// One image's analysis (DESIGN §4 `analyze`): the faces, largest first, in pixels of the
/// upright image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameReport {
    pub width: u32,
    pub height: u32,
    pub faces: Vec<FaceObservation>,
}

/// Detector, landmarker and embedder. `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Analyzer {
    detector: FaceDetector,
    landmarker: FaceLandmarker,
    embedder: FaceEmbedder,
    max_faces: usize,
}

impl Analyzer {
    /// `max_faces`: faces given landmarks per image (largest first), at least one.
    pub fn new(
        detector: FaceDetector,
        landmarker: FaceLandmarker,
        embedder: FaceEmbedder,
        max_faces: usize,
    ) -> Self {
        Analyzer {
            detector,
            landmarker,
            embedder,
            max_faces: max_faces.max(1),
        }
    }

    pub fn detector(&self) -> &FaceDetector {
        &self.detector
    }

    pub fn landmarker(&self) -> &FaceLandmarker {
        &self.landmarker
    }

    pub fn embedder(&self) -> &FaceEmbedder {
        &self.embedder
    }

    /// A tracker for one frame stream, sharing these models.
    pub fn tracker(&self) -> FaceTracker {
        FaceTracker::new(self.detector.clone(), self.landmarker.clone())
    }

    /// Stateless analysis of an upright RGB image: detection, then landmarks and geometry for
    /// each face (up to `max_faces`, largest first). A detection whose crop FaceMesh does not
    /// see as a face (presence below [`MIN_PRESENCE`]) is dropped as a false alarm.
    pub fn analyze_image(&self, image: &RgbImage) -> Result<FrameReport> {
        // Model input tensors hold the frame's pixels: wiped on drop.
        let mut input = zeroize::Zeroizing::new(Vec::new());
        let mut detections = self.detector.detect(image, &mut input)?;
        detections.sort_by(|a, b| b.bbox.area().total_cmp(&a.bbox.area()));
        let mut faces = Vec::with_capacity(detections.len().min(self.max_faces));
        let mut scratch = FaceMesh::default();
        for detection in detections.iter().take(self.max_faces) {
            let mut mesh = FaceMesh::default();
            let roi = roi_from_detection(detection);
            self.landmarker
                .run_refined(image, &roi, &mut input, &mut mesh, &mut scratch)?;
            if mesh.presence >= MIN_PRESENCE {
                faces.push(FaceObservation::from_mesh(
                    mesh,
                    detection.bbox,
                    detection.score,
                ));
            }
        }
        Ok(FrameReport {
            width: image.width(),
            height: image.height(),
            faces,
        })
    }

    /// The embedding of the largest face in `image` (by detector box area); a typed
    /// [`PrecheckError::FaceNotFound`] when there is none.
    pub fn embed_largest_face(&self, image: &RgbImage) -> Result<Embedding> {
        let report = self.analyze_image(image)?;
        let face = report.faces.first().ok_or_else(|| {
            PrecheckError::FaceNotFound(format!(
                "none found in the {}x{} image",
                image.width(),
                image.height()
            ))
        })?;
        self.embedder
            .embed(image, face, &mut zeroize::Zeroizing::new(Vec::new()))
    }
}
