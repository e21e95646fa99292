//! Decoding of BlazeFace short-range outputs, as MediaPipe's `TensorsToDetectionsCalculator`
//! does for this model (x/y/w/h scale 128, sigmoid score clipped at ±100, 6 keypoints).

use super::anchors::ANCHOR_COUNT;
use super::Detection;
use crate::math::{Affine2, BoundingBox, Point};

pub const INPUT_SIZE: f32 = 128.0;
const VALUES_PER_ANCHOR: usize = 16;

/// Turns raw outputs into detections in image pixels. `to_image` maps input pixels (0..128) to
/// image pixels; it has no rotation (letterbox or tile windows).
pub fn decode(
    regressors: &[f32],
    logits: &[f32],
    anchors: &[crate::math::Point],
    to_image: &Affine2,
    min_score: f32,
    out: &mut Vec<Detection>,
) {
    if regressors.len() < ANCHOR_COUNT * VALUES_PER_ANCHOR || logits.len() < ANCHOR_COUNT {
        return;
    }
    for (i, anchor) in anchors.iter().enumerate().take(ANCHOR_COUNT) {
        let score = sigmoid(logits[i].clamp(-100.0, 100.0));
        if score <= min_score {
            continue;
        }
        let r = &regressors[i * VALUES_PER_ANCHOR..(i + 1) * VALUES_PER_ANCHOR];
        let ax = anchor.x * INPUT_SIZE;
        let ay = anchor.y * INPUT_SIZE;
        let (cx, cy, w, h) = (r[0] + ax, r[1] + ay, r[2], r[3]);
        let top_left = to_image.apply(Point::new(cx - w / 2.0, cy - h / 2.0));
        let bottom_right = to_image.apply(Point::new(cx + w / 2.0, cy + h / 2.0));
        let mut keypoints = [Point::default(); 6];
        for (k, kp) in keypoints.iter_mut().enumerate() {
            *kp = to_image.apply(Point::new(r[4 + 2 * k] + ax, r[5 + 2 * k] + ay));
        }
        out.push(Detection {
            bbox: BoundingBox::from_corners(top_left.x, top_left.y, bottom_right.x, bottom_right.y),
            score,
            keypoints,
        });
    }
}

pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}
