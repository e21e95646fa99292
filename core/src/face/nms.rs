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

/// One face, one box: of two detections where the smaller lies mostly (`min_inside` of its
/// area or more) inside the larger, one goes. Parts of a close face (nostrils read as eyes, the
/// mouth as a mouth) are found as a smaller box within it, so the inner box goes, unless it
/// scores `inner_margin` or more above the outer one: then the outer box is the stray (the
/// tiled pass sometimes frames a small face loosely, at a score near the threshold). Two
/// people's faces overlap only partly and both stay. Keeps the input order.
pub fn drop_nested(
    detections: Vec<Detection>,
    min_inside: f32,
    inner_margin: f32,
) -> Vec<Detection> {
    let mut dropped = vec![false; detections.len()];
    for (i, inner) in detections.iter().enumerate() {
        for (j, outer) in detections.iter().enumerate() {
            let nested = outer.bbox.area() > inner.bbox.area()
                && inner.bbox.share_inside(&outer.bbox) >= min_inside;
            if nested {
                if inner.score >= outer.score + inner_margin {
                    dropped[j] = true;
                } else {
                    dropped[i] = true;
                }
            }
        }
    }
    detections
        .into_iter()
        .zip(dropped)
        .filter_map(|(d, dropped)| (!dropped).then_some(d))
        .collect()
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

    fn boxed(x0: f32, y0: f32, x1: f32, y1: f32, score: f32) -> Detection {
        Detection {
            bbox: BoundingBox::from_corners(x0, y0, x1, y1),
            score,
            keypoints: [Point::new(x0, y0); 6],
        }
    }

    #[test]
    fn a_box_inside_a_larger_one_is_not_a_second_face() {
        // A close face (0..100) with a smaller box on its nose and mouth scoring a little
        // higher, and a second person beside it overlapping a little.
        let faces = vec![
            boxed(30.0, 40.0, 70.0, 95.0, 0.77),
            boxed(0.0, 0.0, 100.0, 100.0, 0.74),
            boxed(85.0, 10.0, 160.0, 90.0, 0.8),
        ];
        let kept = drop_nested(faces, 0.6, 0.1);
        let xs: Vec<f32> = kept.iter().map(|d| d.bbox.x).collect();
        assert_eq!(xs, vec![0.0, 85.0]);
        // A small face framed loosely by a weak outer box: the outer box goes.
        let loose = vec![
            boxed(10.0, 10.0, 50.0, 50.0, 0.93),
            boxed(0.0, 0.0, 76.0, 76.0, 0.55),
        ];
        let kept = drop_nested(loose, 0.6, 0.1);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].score, 0.93);
    }

    #[test]
    fn mostly_inside_counts_and_equal_boxes_both_stay() {
        // 70 % of the small box inside the big one: nested.
        let faces = vec![
            boxed(0.0, 0.0, 100.0, 100.0, 0.9),
            boxed(79.0, 0.0, 109.0, 30.0, 0.9),
        ];
        assert_eq!(drop_nested(faces, 0.6, 0.1).len(), 1);
        // Two boxes of one size are not nested in each other (NMS merges those).
        let same = vec![
            boxed(0.0, 0.0, 10.0, 10.0, 0.9),
            boxed(0.0, 0.0, 10.0, 10.0, 0.8),
        ];
        assert_eq!(drop_nested(same, 0.6, 0.1).len(), 2);
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
