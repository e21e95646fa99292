//! The per-frame signals the challenge detectors read: a few numbers per face, so the detectors
//! and the sequencer can be driven by scripted streams in tests as well as by real frames.

use serde::Serialize;

use crate::face::{eye_gap_ratios, inter_ocular_distance, FaceMesh, FaceObservation, MeshIndex};
use crate::math::Point;

/// One frame's face signals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MotionSample {
    pub t_ms: i64,
    /// Degrees; yaw > 0 when the subject turns to their left (already corrected for mirrored
    /// frames), pitch > 0 when they look up.
    pub yaw: f32,
    pub pitch: f32,
    /// Raw eyelid gap / inter-ocular distance per eye (subject's right, left).
    pub eye_right: f32,
    pub eye_left: f32,
    /// Mouth openness in [0, 1].
    pub mouth: f32,
    /// Midpoint of the eye centres, pixels.
    pub eye_centre: Point,
    /// Inter-ocular distance, pixels (3-D, so it changes little with yaw).
    pub iod: f32,
    /// Eye corners' midpoint to nose tip (3-D) / inter-ocular distance: rigid on a real face,
    /// shrunk by foreshortening when a photo is tipped (as the eye gaps are).
    pub face_height: f32,
}

impl MotionSample {
    /// The signals of `face` at `t_ms`. `mirrored`: the frame was mirrored left-right, which
    /// flips the sign of the measured yaw (and swaps which eye is which).
    pub fn from_face(face: &FaceObservation, t_ms: i64, mirrored: bool) -> MotionSample {
        let (right, left) = eye_gap_ratios(&face.mesh);
        let (eye_right, eye_left, yaw) = if mirrored {
            (left, right, -face.pose.yaw)
        } else {
            (right, left, face.pose.yaw)
        };
        MotionSample {
            t_ms,
            yaw,
            pitch: face.pose.pitch,
            eye_right,
            eye_left,
            mouth: face.mouth_open,
            eye_centre: face.landmarks5[0].midpoint(face.landmarks5[1]),
            iod: inter_ocular_distance(&face.mesh),
            face_height: face_height(&face.mesh),
        }
    }

    /// Mean raw eye ratio of both eyes.
    pub fn eyes(&self) -> f32 {
        (self.eye_right + self.eye_left) / 2.0
    }
}

/// Eye corners' midpoint to nose tip, 3-D, divided by the inter-ocular distance.
fn face_height(mesh: &FaceMesh) -> f32 {
    let corners = [
        MeshIndex::RIGHT_EYE_OUTER,
        MeshIndex::RIGHT_EYE_INNER,
        MeshIndex::LEFT_EYE_INNER,
        MeshIndex::LEFT_EYE_OUTER,
    ];
    let eyes = corners
        .iter()
        .fold(crate::math::Point3::default(), |acc, &i| {
            acc + mesh.point3(i)
        })
        .scale(0.25);
    // A degenerate mesh (eyes on one point) must not give NaN or infinity to the detectors.
    eyes.distance(mesh.point3(MeshIndex::NOSE_TIP)) / inter_ocular_distance(mesh).max(1e-3)
}
