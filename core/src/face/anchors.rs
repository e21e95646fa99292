//! SSD anchors of MediaPipe's BlazeFace short-range model, generated exactly as MediaPipe's
//! `SsdAnchorsCalculator` does for it: input 128, strides [8, 16, 16, 16], two anchors per layer,
//! fixed size 1, offset 0.5. Layers that share a stride are merged, so stride 8 has 2 anchors per
//! cell (16×16 cells) and stride 16 has 6 (8×8 cells): 896 anchors.

use crate::math::Point;

pub const ANCHOR_COUNT: usize = 896;

/// Anchor centres in normalised [0, 1] input coordinates, in the model's output order.
pub fn blazeface_anchors() -> Vec<Point> {
    let mut anchors = Vec::with_capacity(ANCHOR_COUNT);
    for (stride, per_cell) in [(8usize, 2usize), (16, 6)] {
        let cells = 128 / stride;
        for y in 0..cells {
            for x in 0..cells {
                let centre = Point::new(
                    (x as f32 + 0.5) / cells as f32,
                    (y as f32 + 0.5) / cells as f32,
                );
                anchors.extend(std::iter::repeat_n(centre, per_cell));
            }
        }
    }
    anchors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_layout_matches_mediapipe() {
        let a = blazeface_anchors();
        assert_eq!(a.len(), ANCHOR_COUNT);
        assert_eq!(a[0], Point::new(0.5 / 16.0, 0.5 / 16.0));
        assert_eq!(a[1], a[0]);
        assert_eq!(a[2], Point::new(1.5 / 16.0, 0.5 / 16.0));
        assert_eq!(a[512], Point::new(0.5 / 8.0, 0.5 / 8.0));
        assert_eq!(a[895], Point::new(7.5 / 8.0, 7.5 / 8.0));
    }
}
