//! Single-face tracking for frame streams, as MediaPipe's face mesh graph does it: the detector
//! runs only when there is no face yet or the landmarks lost it; otherwise the next region of
//! interest comes from this frame's landmarks.

use super::{
    detector_box_from_mesh, roi_from_detection, roi_from_mesh, FaceDetector, FaceLandmarker,
    FaceMesh, FaceObservation, MIN_PRESENCE,
};
use crate::error::Result;
use crate::frame::RgbImage;
use crate::math::{BoundingBox, RotatedRect};

/// How often each stage ran, for benchmarks and diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrackerStats {
    pub frames: u64,
    pub detector_runs: u64,
    pub landmark_runs: u64,
}

/// Follows the most prominent face across frames. Holds its buffers, so a frame allocates nothing
/// once the first one is done.
#[derive(Debug, Clone)]
pub struct FaceTracker {
    detector: FaceDetector,
    landmarker: FaceLandmarker,
    roi: Option<RotatedRect>,
    mesh: FaceMesh,
    /// Second-pass buffer, swapped with `mesh` when the second pass wins.
    refined: FaceMesh,
    /// Model input tensors (pixels of the face crop): wiped on drop.
    input: zeroize::Zeroizing<Vec<f32>>,
    stats: TrackerStats,
}

impl FaceTracker {
    pub fn new(detector: FaceDetector, landmarker: FaceLandmarker) -> Self {
        FaceTracker {
            detector,
            landmarker,
            roi: None,
            mesh: FaceMesh::default(),
            refined: FaceMesh::default(),
            input: Default::default(),
            stats: TrackerStats::default(),
        }
    }

    /// The face in this frame, or `None` when there is none.
    pub fn track(&mut self, image: &RgbImage) -> Result<Option<FaceObservation>> {
        self.stats.frames += 1;
        if let Some(roi) = self.roi {
            self.run_landmarks(image, &roi)?;
            if self.mesh.presence >= MIN_PRESENCE {
                let bbox = detector_box_from_mesh(&self.mesh);
                return Ok(Some(self.accept(bbox, self.mesh.presence)));
            }
        }
        self.stats.detector_runs += 1;
        let detections = self.detector.detect(image, &mut self.input)?;
        // The selfie subject: the largest face.
        let Some(best) = detections
            .iter()
            .max_by(|a, b| a.bbox.area().total_cmp(&b.bbox.area()))
        else {
            self.roi = None;
            return Ok(None);
        };
        self.run_landmarks(image, &roi_from_detection(best))?;
        if self.mesh.presence < MIN_PRESENCE {
            self.roi = None;
            return Ok(None);
        }
        Ok(Some(self.accept(best.bbox, best.score)))
    }

    /// Forgets the current face; the next frame runs the detector.
    pub fn reset(&mut self) {
        self.roi = None;
    }

    pub fn stats(&self) -> TrackerStats {
        self.stats
    }

    fn run_landmarks(&mut self, image: &RgbImage, roi: &RotatedRect) -> Result<()> {
        let runs = self.landmarker.run_refined(
            image,
            roi,
            &mut self.input,
            &mut self.mesh,
            &mut self.refined,
        )?;
        self.stats.landmark_runs += u64::from(runs);
        Ok(())
    }

    fn accept(&mut self, bbox: BoundingBox, score: f32) -> FaceObservation {
        self.roi = Some(roi_from_mesh(&self.mesh));
        FaceObservation::from_mesh(self.mesh.clone(), bbox, score)
    }
}
