//! Where the face is in the frame: size (OFIQ HeadSize, InterEyeDistance), crop margins (OFIQ
//! Leftward/Rightward crop, margins above/below), centring in the app's oval, faces cut off by
//! the frame edge.

use super::region::FaceRegions;
use crate::face::FaceMesh;

/// Framing measures of one face.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Framing {
    /// Face width (cheek edge to cheek edge) / the frame's short side: the 30-50 cm rule.
    pub face_width_share: f32,
    /// OFIQ HeadSize raw: face height (forehead top to chin) / frame height.
    pub head_size: f32,
    /// OFIQ InterEyeDistance raw, pixels.
    pub inter_eye_distance: f32,
    /// OFIQ crop measures: distance from the eyes' midpoint to each frame edge / eye distance
    /// (the image's left/right).
    pub margin_left: f32,
    pub margin_right: f32,
    pub margin_above: f32,
    pub margin_below: f32,
    /// Offset of the face centre (between eyes and mouth) from the frame centre, as shares of
    /// the frame's short side (x right, y down).
    pub offset_x: f32,
    pub offset_y: f32,
    /// How far the face outline reaches beyond the frame edges, as a share of the face width
    /// (0 when the whole face is inside).
    pub outside_share: f32,
}

/// Framing of the face in a `width × height` frame.
pub fn framing(mesh: &FaceMesh, regions: &FaceRegions, width: u32, height: u32) -> Framing {
    let (w, h) = (width as f32, height as f32);
    let short = w.min(h).max(1.0);
    let p = |i: usize| mesh.points.get(i).map(|q| q.xy()).unwrap_or_default();
    let eyes = p(33).midpoint(p(133)).midpoint(p(362).midpoint(p(263)));
    let mouth = p(13).midpoint(p(14));
    let centre = eyes.midpoint(mouth);
    let ied = regions.eye_distance.max(1.0);
    let face_width = regions.face_width.max(1.0);
    let mut outside = 0f32;
    for q in regions.oval.iter().chain([p(10), p(152)].iter()) {
        let dx = (-q.x).max(q.x - (w - 1.0)).max(0.0);
        let dy = (-q.y).max(q.y - (h - 1.0)).max(0.0);
        outside = outside.max(dx.max(dy));
    }
    Framing {
        face_width_share: face_width / short,
        head_size: p(10).distance(p(152)) / h.max(1.0),
        inter_eye_distance: regions.eye_distance,
        margin_left: eyes.x / ied,
        margin_right: (w - eyes.x) / ied,
        margin_above: eyes.y / ied,
        margin_below: (h - eyes.y) / ied,
        offset_x: (centre.x - 0.5 * w) / short,
        offset_y: (centre.y - 0.5 * h) / short,
        outside_share: outside / face_width,
    }
}
