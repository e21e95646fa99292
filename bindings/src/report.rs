//! Analysis results (DESIGN §4 `analyze`). `Point`, `BoundingBox`, `HeadPose` and `EyesOpen` are
//! the core's own records; a face is mirrored because the core's holds fixed-size arrays and the
//! whole mesh.

use precheck_core::face;
pub use precheck_core::face::{EyesOpen, HeadPose};
pub use precheck_core::math::{BoundingBox, Point};

/// One face in one frame.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Face {
    pub bbox: BoundingBox,
    /// Detector score in [0, 1] (the landmark confidence on tracked frames).
    pub score: f32,
    /// Right eye centre, left eye centre, nose tip, right and left mouth corner (the subject's
    /// sides), in pixels of the upright image.
    pub landmarks5: Vec<Point>,
    pub pose: HeadPose,
    pub eyes_open: EyesOpen,
    /// Mouth openness in [0, 1], 0 closed.
    pub mouth_open: f32,
    /// FaceMesh face-presence probability in [0, 1].
    pub landmark_confidence: f32,
}

/// One frame's analysis: the faces, largest first, in pixels of the upright image.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FrameReport {
    /// Size of the upright (rotated, mirrored) image the coordinates refer to.
    pub width: u32,
    pub height: u32,
    pub faces: Vec<Face>,
}

impl From<&face::FaceObservation> for Face {
    fn from(face: &face::FaceObservation) -> Self {
        Face {
            bbox: face.bbox,
            score: face.score,
            landmarks5: face.landmarks5.to_vec(),
            pose: face.pose,
            eyes_open: face.eyes_open,
            mouth_open: face.mouth_open,
            landmark_confidence: face.landmark_confidence,
        }
    }
}

impl From<&precheck_core::FrameReport> for FrameReport {
    fn from(report: &precheck_core::FrameReport) -> Self {
        FrameReport {
            width: report.width,
            height: report.height,
            faces: report.faces.iter().map(Face::from).collect(),
        }
    }
}
