//! Faces: detection (BlazeFace), 468 landmarks (FaceMesh), geometry (pose, eye and mouth
//! openness), a tracker for frame streams, the five-point aligned embedding (MobileFaceNet), and
//! the [`Analyzer`] that holds them together.

pub mod align;
mod analyzer;
mod anchors;
mod blazeface;
mod detector;
mod embedder;
mod geometry;
mod landmarker;
mod mesh_index;
mod nms;
mod roi;
mod tracker;

pub use align::{AlignmentMethod, ARCFACE_TEMPLATE};
pub use analyzer::{Analyzer, FrameReport};
pub use detector::{DetectorOptions, FaceDetector, TilingPolicy};
pub use embedder::{Embedding, FaceEmbedder, EMBEDDING_DIM};
pub use geometry::{
    eye_gap_ratios, eye_openness, head_pose, inter_ocular_distance, landmarks5, mouth_gap_ratio,
    mouth_openness, EyesOpen, HeadPose,
};
pub use landmarker::{FaceLandmarker, FaceMesh, MIN_PRESENCE};
pub use mesh_index::MeshIndex;
pub use roi::{detector_box_from_mesh, roi_from_detection, roi_from_mesh, roi_moved};
pub use tracker::{FaceTracker, TrackerStats};

use serde::Serialize;

use crate::math::{BoundingBox, Point};

/// A face found by the detector, in image pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    pub bbox: BoundingBox,
    /// Detector confidence in [0, 1].
    pub score: f32,
    /// Right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion (the
    /// subject's sides).
    pub keypoints: [Point; 6],
}

/// Everything the core knows about one face in one frame.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaceObservation {
    pub bbox: BoundingBox,
    /// Detector score, or the landmark confidence on tracked frames where the detector did not run.
    pub score: f32,
    /// Right eye centre, left eye centre, nose tip, right mouth corner, left mouth corner.
    pub landmarks5: [Point; 5],
    pub pose: HeadPose,
    pub eyes_open: EyesOpen,
    /// Mouth openness in [0, 1], 0 closed.
    pub mouth_open: f32,
    /// FaceMesh face-presence probability in [0, 1].
    pub landmark_confidence: f32,
    /// The 468 FaceMesh points (x, y in image pixels, z relative depth at the same scale).
    #[serde(skip)]
    pub mesh: FaceMesh,
}

impl FaceObservation {
    /// Derives the geometry of a mesh; `bbox` and `score` come from the detector or the tracker.
    pub fn from_mesh(mesh: FaceMesh, bbox: BoundingBox, score: f32) -> Self {
        FaceObservation {
            bbox,
            score,
            landmarks5: landmarks5(&mesh),
            pose: head_pose(&mesh),
            eyes_open: eye_openness(&mesh),
            mouth_open: mouth_openness(&mesh),
            landmark_confidence: mesh.presence,
            mesh,
        }
    }
}
