//! MediaPipe's weighted non-maximum suppression: overlapping candidates are merged into one
//! detection whose box and keypoints are the score-weighted mean of the cluster.

use super::Detection;
use crate::math::Point;

/// Merges candidates whose IoU with the best remaining one exceeds `iou_threshold`. The result
/// keeps the best score of each cluster and is sorted by score, highest first.
pub fn weighted_nms(mut candidates: Vec<Detection>, iou_threshold: f32) -> Vec<Detection> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut merged = Vec::new();
    while !candidates.is_empty() {
        let best = candidates[0].bbox;
        let (cluster, rest): (Vec<_>, Vec<_>) = candidates
            .into_iter()
            .partition(|d| d.bbox.iou(&best) > iou_threshold || d.bbox == best);
        candidates = rest;
        merged.push(weighted_mean(&cluster));
    }
    merged
}

fn weighted_mean(cluster: &[Detection]) -> Detection {
    let total: f32 = cluster.iter().map(|d| d.score).sum();
    let mut out = cluster[0].clone();
    if cluster.len() == 1 || total <= 0.0 {
        return out;
    }
    let mut corners = [0f32; 4];
    let mut keypoints = [Point::default(); 6];
    for d in cluster {
        let w = d.score / total;
        corners[0] += w * d.bbox.x;
        corners[1] += w * d.bbox.y;
        corners[2] += w * d.bbox.right();
        corners[3] += w * d.bbox.bottom();
        for (k, p) in keypoints.iter_mut().zip(d.keypoints) {
            k.x += w * p.x;
            k.y += w * p.y;
        }
    }
    out.bbox =
        crate::math::BoundingBox::from_corners(corners[0], corners[1], corners[2], corners[3]);
    out.keypoints = keypoints;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::BoundingBox;

    fn det(x: f32, score: f32) -> Detection {
        Detection {
            bbox: BoundingBox::from_corners(x, 0.0, x + 10.0, 10.0),
            score,
            keypoints: [Point::new(x, 0.0); 6],
        }
    }

    #[test]
    fn overlapping_boxes_merge_by_score() {
        let out = weighted_nms(vec![det(0.0, 0.9), det(1.0, 0.3), det(50.0, 0.6)], 0.3);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].score, 0.9);
        assert!((out[0].bbox.x - 0.25).abs() < 1e-5);
        assert_eq!(out[1].bbox.x, 50.0);
    }
}
