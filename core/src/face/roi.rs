//! Regions of interest for FaceMesh, as MediaPipe's face landmark graph derives them: a square
//! 1.5× the face's long side, rotated so the eye line is horizontal.

use super::{Detection, FaceMesh, MeshIndex};
use crate::math::{BoundingBox, Point, RotatedRect};

const ROI_SCALE: f32 = 1.5;

/// BlazeFace's box relative to the box enclosing the 468 FaceMesh points: a square of 0.945 ×
/// their long side, centred 3.1 % of that side lower (medians over the 110 single-face photos of
/// `faces_pairs`; p10-p90 of the scale 0.79-0.99). Tracked frames, where the detector does not
/// run, report this box so the face's size does not jump between tracked and detected frames.
const DETECTOR_BOX_SCALE: f32 = 0.945;
const DETECTOR_BOX_SHIFT_DOWN: f32 = 0.031;

/// The box the detector would report for the face this mesh covers.
pub fn detector_box_from_mesh(mesh: &FaceMesh) -> BoundingBox {
    let enclosing = BoundingBox::enclosing(mesh.points.iter().map(|p| p.xy()));
    let long = enclosing.width.max(enclosing.height);
    let side = long * DETECTOR_BOX_SCALE;
    let centre = enclosing.center();
    let cy = centre.y + DETECTOR_BOX_SHIFT_DOWN * long;
    BoundingBox {
        x: centre.x - side / 2.0,
        y: cy - side / 2.0,
        width: side,
        height: side,
    }
}

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

/// Whether the ROI a mesh gives differs enough from the ROI it was found in to run FaceMesh again
/// on it in the same frame: centre moved by more than 5 % of the side, side changed by more than
/// 10 %, or rotation by more than 5°. FaceMesh still reports a face when the crop is off (a
/// turned head in a detector box, fast motion between tracked frames) but fits it worse.
pub fn roi_moved(used: &RotatedRect, next: &RotatedRect) -> bool {
    let side = used.width.max(1.0);
    used.center.distance(next.center) > 0.05 * side
        || (used.width - next.width).abs() > 0.10 * side
        || (used.angle - next.angle).abs() > 5f32.to_radians()
}
