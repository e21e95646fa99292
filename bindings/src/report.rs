//! Analysis results as FFI records, converted from the core's types (DESIGN §4 `analyze`).

use precheck_core::{face, math};

/// A point in pixels of the upright image.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// An axis-aligned box in pixels: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct BoundingBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Head pose in degrees: `yaw` > 0 when the subject turns to their left, `pitch` > 0 looking
/// up, `roll` > 0 tilted clockwise in the image.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct HeadPose {
    pub yaw: f32,
    pub pitch: f32,
    pub roll: f32,
}

/// Per-eye openness in [0, 1], 0 closed (the subject's sides).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct EyesOpen {
    pub left: f32,
    pub right: f32,
}

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

impl From<math::Point> for Point {
    fn from(p: math::Point) -> Self {
        Point { x: p.x, y: p.y }
    }
}

impl From<math::BoundingBox> for BoundingBox {
    fn from(b: math::BoundingBox) -> Self {
        BoundingBox {
            x: b.x,
            y: b.y,
            width: b.width,
            height: b.height,
        }
    }
}

impl From<&face::FaceObservation> for Face {
    fn from(face: &face::FaceObservation) -> Self {
        Face {
            bbox: face.bbox.into(),
            score: face.score,
            landmarks5: face.landmarks5.iter().copied().map(Point::from).collect(),
            pose: HeadPose {
                yaw: face.pose.yaw,
                pitch: face.pose.pitch,
                roll: face.pose.roll,
            },
            eyes_open: EyesOpen {
                left: face.eyes_open.left,
                right: face.eyes_open.right,
            },
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
