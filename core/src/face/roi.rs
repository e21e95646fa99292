//! Regions of interest for FaceMesh, as MediaPipe's face landmark graph derives them: a square
//! 1.5× the face's long side, rotated so the eye line is horizontal.

use super::{Detection, FaceMesh, MeshIndex};
use crate::math::{BoundingBox, Point, RotatedRect};

const ROI_SCALE: f32 = 1.5;

/// ROI from a detection: its box, rotated by the right-eye → left-eye keypoint line.
pub fn roi_from_detection(detection: &Detection) -> RotatedRect {
    let [right_eye, left_eye, ..] = detection.keypoints;
    square_roi(&detection.bbox, right_eye, left_eye)
}

/// ROI for the next frame from this frame's landmarks: their bounding box, rotated by the line
/// between the outer eye corners.
pub fn roi_from_mesh(mesh: &FaceMesh) -> RotatedRect {
    let bbox = BoundingBox::enclosing(mesh.points.iter().map(|p| p.xy()));
    let right = mesh.point(MeshIndex::RIGHT_EYE_OUTER);
    let left = mesh.point(MeshIndex::LEFT_EYE_OUTER);
    square_roi(&bbox, right, left)
}

fn square_roi(bbox: &BoundingBox, right_eye: Point, left_eye: Point) -> RotatedRect {
    // The subject's right eye is on the image's left: the vector points right on an upright face.
    let angle = (left_eye.y - right_eye.y).atan2(left_eye.x - right_eye.x);
    let side = bbox.width.max(bbox.height) * ROI_SCALE;
    RotatedRect {
        center: bbox.center(),
        width: side,
        height: side,
        angle,
    }
}
