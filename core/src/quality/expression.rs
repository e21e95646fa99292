//! Expression (OFIQ ExpressionNeutrality uses two CNNs and AdaBoost; per frame on a phone we use
//! the mouth geometry: an open mouth or lifted mouth corners is not neutral).

use crate::face::{mouth_gap_ratio, FaceMesh};

/// Expression measures of one face.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Expression {
    /// Inner-lip gap / inter-ocular distance (OFIQ MouthClosed raw: 0.2 maps to 50).
    pub mouth_gap: f32,
    /// How far the mouth corners sit above the lips' centre, / inter-ocular distance (a smile
    /// lifts them; ≈ 0 or negative when neutral).
    pub corner_lift: f32,
    /// Mouth width / inter-ocular distance (a broad smile widens the mouth).
    pub mouth_width: f32,
}

pub fn expression(mesh: &FaceMesh) -> Expression {
    if mesh.points.len() < 468 {
        return Expression::default();
    }
    let p = |i: usize| mesh.points[i].xy();
    let ied = p(33)
        .midpoint(p(133))
        .distance(p(362).midpoint(p(263)))
        .max(1.0);
    let lips = p(13).midpoint(p(14));
    let corners = p(61).midpoint(p(291));
    // Measured along the face's own vertical axis so head roll does not read as a smile.
    let up = {
        let (top, bottom) = (p(168), p(152));
        let (dx, dy) = (top.x - bottom.x, top.y - bottom.y);
        let n = (dx * dx + dy * dy).sqrt().max(1.0);
        (dx / n, dy / n)
    };
    let lift = (corners.x - lips.x) * up.0 + (corners.y - lips.y) * up.1;
    Expression {
        mouth_gap: mouth_gap_ratio(mesh),
        corner_lift: lift / ied,
        mouth_width: p(61).distance(p(291)) / ied,
    }
}
