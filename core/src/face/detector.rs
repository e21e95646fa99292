//! Face detection on a whole image with BlazeFace short range.
//!
//! The model sees 128×128 pixels and was trained for faces within ~2 m of a front camera. Two
//! extra passes, run only when the plain letterboxed pass finds nothing, cover its blind spots:
//! a zoomed-out pass for faces that fill the frame (ID portraits, very close selfies), and
//! overlapping tiles for faces too small once a large frame is shrunk to 128 pixels.

use super::anchors::blazeface_anchors;
use super::blazeface::{self, INPUT_SIZE};
use super::nms::{drop_nested, weighted_nms};
use super::Detection;
use crate::error::Result;
use crate::frame::RgbImage;
use crate::imgproc::{warp_to_tensor, Normalization};
use crate::math::{Affine2, Point, RotatedRect};
use crate::models::Network;

/// Detector settings (MediaPipe's defaults for the short-range model, plus the extra passes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectorOptions {
    /// Minimum score for a candidate.
    pub min_score: f32,
    /// IoU above which candidates merge.
    pub iou_threshold: f32,
    /// Window side relative to the image's long side in the zoomed-out pass; 0 disables it.
    pub zoom_out_factor: f32,
    /// Tile side relative to the image's short side in the small-face pass; 0 disables it.
    pub tile_factor: f32,
    /// The small-face pass runs only on images whose short side is at least this many pixels.
    pub tile_min_short_side: u32,
    /// When the small-face pass runs.
    pub tiling: TilingPolicy,
    /// A box with at least this share of its area inside a larger box is part of that face,
    /// not a second one (see `drop_nested`); above 1 keeps every box.
    pub nested_min_inside: f32,
    /// Of a nested pair the inner box is kept only when it scores this much above the outer.
    pub nested_inner_margin: f32,
}

/// When the detector adds the tiled small-face pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TilingPolicy {
    Never,
    /// Only when the whole-frame passes found no face (the default: a selfie frame with a face
    /// pays nothing extra).
    WhenNothingFound,
    /// On every frame: finds small background faces too, at the cost of the extra tiles.
    Always,
}

impl Default for DetectorOptions {
    fn default() -> Self {
        DetectorOptions {
            min_score: 0.5,
            iou_threshold: 0.3,
            zoom_out_factor: 1.6,
            tile_factor: 0.6,
            tile_min_short_side: 360,
            tiling: TilingPolicy::WhenNothingFound,
            nested_min_inside: 0.6,
            nested_inner_margin: 0.1,
        }
    }
}

impl DetectorOptions {
    /// For single photos, where finding every face matters more than a few milliseconds: the
    /// tiled small-face pass runs on every image whatever its size (measured on dlib's group
    /// photos: 42/43 faces instead of 24/43, ~20 ms more per image).
    pub fn all_faces() -> Self {
        DetectorOptions {
            tiling: TilingPolicy::Always,
            tile_min_short_side: 0,
            ..DetectorOptions::default()
        }
    }
}

/// BlazeFace short range with its anchors. Stateless; cheap to clone (the network is shared).
#[derive(Debug, Clone)]
pub struct FaceDetector {
    net: Network,
    anchors: Vec<Point>,
    options: DetectorOptions,
}

impl FaceDetector {
    pub fn new(net: Network, options: DetectorOptions) -> Self {
        FaceDetector {
            net,
            anchors: blazeface_anchors(),
            options,
        }
    }

    pub fn options(&self) -> &DetectorOptions {
        &self.options
    }

    /// The same network with other options.
    pub fn with_options(&self, options: DetectorOptions) -> Self {
        FaceDetector {
            options,
            ..self.clone()
        }
    }

    /// Every face in `image`, highest score first. `input` is a reusable tensor buffer.
    pub fn detect(&self, image: &RgbImage, input: &mut Vec<f32>) -> Result<Vec<Detection>> {
        let (w, h) = (image.width() as f32, image.height() as f32);
        let long = w.max(h);
        let centre = Point::new(w / 2.0, h / 2.0);
        let mut found = Vec::new();
        self.detect_in_window(image, centre, long, input, &mut found)?;
        if found.is_empty() && self.options.zoom_out_factor > 1.0 {
            let side = long * self.options.zoom_out_factor;
            self.detect_in_window(image, centre, side, input, &mut found)?;
        }
        let short = w.min(h);
        let tile = match self.options.tiling {
            TilingPolicy::Never => false,
            TilingPolicy::WhenNothingFound => found.is_empty(),
            TilingPolicy::Always => true,
        };
        if tile
            && self.options.tile_factor > 0.0
            && short >= self.options.tile_min_short_side as f32
        {
            let side = short * self.options.tile_factor;
            for (x, y) in tile_origins(w, h, side) {
                let c = Point::new(x + side / 2.0, y + side / 2.0);
                self.detect_in_window(image, c, side, input, &mut found)?;
            }
        }
        let merged = weighted_nms(found, self.options.iou_threshold);
        Ok(drop_nested(
            merged,
            self.options.nested_min_inside,
            self.options.nested_inner_margin,
        ))
    }

    /// Runs the model on the square window of side `side` centred at `centre` (parts outside
    /// the image read black, which letterboxes non-square frames).
    fn detect_in_window(
        &self,
        image: &RgbImage,
        centre: Point,
        side: f32,
        input: &mut Vec<f32>,
        out: &mut Vec<Detection>,
    ) -> Result<()> {
        let window = RotatedRect {
            center: centre,
            width: side,
            height: side,
            angle: 0.0,
        };
        let to_image = Affine2::square_to_rect(INPUT_SIZE, &window);
        let n = INPUT_SIZE as usize;
        input.resize(n * n * 3, 0.0);
        warp_to_tensor(image, &to_image, n, Normalization::SIGNED_UNIT, input);
        let min_score = self.options.min_score;
        self.net.run(input, |outputs| {
            // regressors [1,896,16] and classificators [1,896,1], told apart by size.
            let (reg, cls) = match outputs {
                [a, b] if a.len() > b.len() => (*a, *b),
                [a, b] => (*b, *a),
                _ => return,
            };
            blazeface::decode(reg, cls, &self.anchors, &to_image, min_score, out);
        })
    }
}

/// Top-left corners of square tiles of side `side` covering a `w`×`h` image with at least a
/// quarter overlap between neighbours.
fn tile_origins(w: f32, h: f32, side: f32) -> Vec<(f32, f32)> {
    let positions = |len: f32| -> Vec<f32> {
        if len <= side {
            return vec![(len - side) / 2.0];
        }
        let steps = ((len - side) / (side * 0.75)).ceil().max(1.0);
        let step = (len - side) / steps;
        (0..=steps as usize).map(|i| i as f32 * step).collect()
    };
    let xs = positions(w);
    let ys = positions(h);
    ys.iter()
        .flat_map(|&y| xs.iter().map(move |&x| (x, y)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_cover_the_frame() {
        let tiles = tile_origins(1280.0, 720.0, 432.0);
        assert_eq!(tiles.first(), Some(&(0.0, 0.0)));
        let (lx, ly) = *tiles.last().unwrap();
        assert!((lx + 432.0 - 1280.0).abs() < 1e-3 && (ly + 432.0 - 720.0).abs() < 1e-3);
        assert_eq!(tiles.len(), 4 * 2);
    }
}
