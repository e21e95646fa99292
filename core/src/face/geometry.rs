//! Geometry read off a FaceMesh: the five alignment points, eye and mouth openness, head pose.
//!
//! Distances are taken in 3-D (FaceMesh's z has the same scale as x), so they change little as
//! the head turns, and are divided by the 3-D distance between the eye centres, so they do not
//! depend on how far the face is from the camera.

use serde::Serialize;

use super::{FaceMesh, MeshIndex};
use crate::math::{Point, Point3};

/// Head pose in degrees, camera frame (x right, y down, z away from the camera).
/// - `yaw` > 0 when the subject turns to their left (the nose moves to the image's right in an
///   unmirrored frame);
/// - `pitch` > 0 when the subject looks up;
/// - `roll` > 0 when the head tilts clockwise in the image (the image-right eye lower).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct HeadPose {
    pub yaw: f32,
    pub pitch: f32,
    pub roll: f32,
}

/// Per-eye openness in [0, 1], 0 closed (the subject's sides).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct EyesOpen {
    pub left: f32,
    pub right: f32,
}

/// Eyelid gap / inter-ocular distance of a fully closed eye and of a normally open one, measured
/// on the blink clips and open-eyed photos of `../shared/data` (see the eye tests).
const EYE_CLOSED_RATIO: f32 = 0.035;
const EYE_OPEN_RATIO: f32 = 0.14;
/// Inner-lip gap / inter-ocular distance of a closed mouth and of a wide-open one.
const MOUTH_CLOSED_RATIO: f32 = 0.02;
const MOUTH_OPEN_RATIO: f32 = 0.65;
/// FaceMesh's forehead-to-chin line leans back by this much on a level, frontal face (measured
/// on the frontal photos of `faces_pairs`); removed so a level head reads pitch ≈ 0.
const PITCH_OFFSET_DEG: f32 = 0.0;

/// Right eye centre, left eye centre, nose tip, right and left mouth corners (DESIGN §4).
pub fn landmarks5(mesh: &FaceMesh) -> [Point; 5] {
    [
        ring_centre(mesh, &MeshIndex::RIGHT_EYE_RING).xy(),
        ring_centre(mesh, &MeshIndex::LEFT_EYE_RING).xy(),
        mesh.point(MeshIndex::NOSE_TIP),
        mesh.point(MeshIndex::MOUTH_RIGHT),
        mesh.point(MeshIndex::MOUTH_LEFT),
    ]
}

/// Eye openness: mean eyelid gap over three lid pairs, divided by the inter-ocular distance,
/// mapped linearly from [closed, open] ratios to [0, 1].
pub fn eye_openness(mesh: &FaceMesh) -> EyesOpen {
    let (right, left) = eye_gap_ratios(mesh);
    EyesOpen {
        right: unit_ramp(right, EYE_CLOSED_RATIO, EYE_OPEN_RATIO),
        left: unit_ramp(left, EYE_CLOSED_RATIO, EYE_OPEN_RATIO),
    }
}

/// Raw eyelid-gap ratios (right, left) before the ramp: for calibration and quality measures.
pub fn eye_gap_ratios(mesh: &FaceMesh) -> (f32, f32) {
    let iod = inter_ocular_distance(mesh);
    let gap = |pairs: &[(usize, usize); 3]| {
        pairs
            .iter()
            .map(|&(a, b)| mesh.point3(a).distance(mesh.point3(b)))
            .sum::<f32>()
            / (pairs.len() as f32 * iod)
    };
    (
        gap(&MeshIndex::RIGHT_EYELID_PAIRS),
        gap(&MeshIndex::LEFT_EYELID_PAIRS),
    )
}

/// Mouth openness: inner-lip gap divided by the inter-ocular distance, mapped to [0, 1].
pub fn mouth_openness(mesh: &FaceMesh) -> f32 {
    unit_ramp(mouth_gap_ratio(mesh), MOUTH_CLOSED_RATIO, MOUTH_OPEN_RATIO)
}

/// Raw inner-lip gap / inter-ocular distance.
pub fn mouth_gap_ratio(mesh: &FaceMesh) -> f32 {
    let gap = mesh
        .point3(MeshIndex::UPPER_LIP_INNER)
        .distance(mesh.point3(MeshIndex::LOWER_LIP_INNER));
    gap / inter_ocular_distance(mesh)
}

/// Head pose from the face's own axes in the mesh: x along the eye corners and mouth corners,
/// y from chin to forehead; the face normal is their cross product.
pub fn head_pose(mesh: &FaceMesh) -> HeadPose {
    let p = |i| mesh.point3(i);
    let across = (p(MeshIndex::LEFT_EYE_OUTER) - p(MeshIndex::RIGHT_EYE_OUTER)
        + (p(MeshIndex::MOUTH_LEFT) - p(MeshIndex::MOUTH_RIGHT)))
    .normalized();
    let up = p(MeshIndex::FOREHEAD) - p(MeshIndex::CHIN);
    // Gram-Schmidt: make "up" orthogonal to "across".
    let up = (up - across.scale(up.dot(across))).normalized();
    // Points out of the face towards the camera (z < 0 on a frontal face).
    let normal = across.cross(up).normalized();
    let yaw = normal.x.atan2(-normal.z);
    let pitch = (-normal.y).atan2((normal.x * normal.x + normal.z * normal.z).sqrt());
    let roll = across.y.atan2(across.x);
    HeadPose {
        yaw: yaw.to_degrees(),
        pitch: pitch.to_degrees() - PITCH_OFFSET_DEG,
        roll: roll.to_degrees(),
    }
}

/// 3-D distance between the two eye-ring centres (never below a pixel, so ratios stay finite).
pub fn inter_ocular_distance(mesh: &FaceMesh) -> f32 {
    ring_centre(mesh, &MeshIndex::RIGHT_EYE_RING)
        .distance(ring_centre(mesh, &MeshIndex::LEFT_EYE_RING))
        .max(1.0)
}

fn ring_centre(mesh: &FaceMesh, ring: &[usize; 6]) -> Point3 {
    ring.iter()
        .fold(Point3::default(), |acc, &i| acc + mesh.point3(i))
        .scale(1.0 / ring.len() as f32)
}

fn unit_ramp(value: f32, zero_at: f32, one_at: f32) -> f32 {
    ((value - zero_at) / (one_at - zero_at)).clamp(0.0, 1.0)
}
