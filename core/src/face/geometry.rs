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
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HeadPose {
    pub yaw: f32,
    pub pitch: f32,
    pub roll: f32,
}

/// Per-eye openness in [0, 1], 0 closed (the subject's sides).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EyesOpen {
    pub left: f32,
    pub right: f32,
}

/// Eyelid gap / inter-ocular distance (the raw ratio of [`eye_gap_ratios`]) that reads as a
/// closed eye (openness 0) and as a normally open one (openness 1).
///
/// FaceMesh's lids never quite meet (MediaPipe issues #965, #4210), so the closed end is what it
/// reports on shut eyes, not 0. Measured with `tests/tests/suite/calibration.rs` on `../shared/data`:
/// - closed, 0.07: 5th percentile of the ratio over LivePortrait `d9.mp4` at 10 fps (eyes shut
///   several times while smiling; its shut frames read 0.055-0.08, `d14.mp4`'s 0.075-0.08).
///   The SadTalker blinks only get down to 0.083-0.10, so a blink reads about 0.25-0.55, not 0:
///   blink detection must compare with the subject's own open level;
/// - open, 0.128: median over the open-eyed single-face photos of `faces_pairs` (111 faces;
///   p10 0.095, p90 0.154). Narrow-eyed subjects sit near 0.09 (Obama), i.e. about 0.35 when
///   open.
const EYE_CLOSED_RATIO: f32 = 0.07;
const EYE_OPEN_RATIO: f32 = 0.128;
/// Inner-lip gap / inter-ocular distance of a closed mouth and of a wide-open one, measured on
/// LivePortrait `d3.mp4` at 30 fps (`tests/tests/suite/calibration.rs`): closed, 0.03 ≈ 90th
/// percentile (0.027) over its closed-mouth stretch 3-9 s (median 0.021; closed-mouth photos of
/// `faces_pairs` read 0.01-0.03); open, 0.44 = median over its wide-open plateau 10.0-10.7 s.
/// Talking reads about 0.3-0.5.
const MOUTH_CLOSED_RATIO: f32 = 0.03;
const MOUTH_OPEN_RATIO: f32 = 0.44;
/// FaceMesh's forehead-to-chin line leans back on a level, frontal face, so the raw pitch of a
/// level head is negative: -8.0° = mean raw pitch over the frontal-looking (|yaw| < 10°)
/// single-face photos of `faces_pairs` (97 faces, median -8.5°, `tests/tests/suite/calibration.rs`).
/// Subtracted so a level head reads pitch ≈ 0.
const PITCH_OFFSET_DEG: f32 = -8.0;

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
