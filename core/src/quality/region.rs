//! Face regions read off the FaceMesh (oval, eyes, cheeks, forehead, lower face) and one-pass
//! pixel statistics over them. Regions are axis-aligned patches or the face-oval polygon: selfies
//! are near-upright (LOOK_STRAIGHT gates roll), so rotated patches would add cost, not accuracy.

use crate::face::FaceMesh;
use crate::frame::RgbImage;
use crate::imgproc::plane::luma_u8;
use crate::math::Point;

/// MediaPipe's FACE_OVAL contour, clockwise from the top of the forehead.
pub const FACE_OVAL: [usize; 36] = [
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152,
    148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
];
const RIGHT_EYE_OUTER: usize = 33;
const RIGHT_EYE_INNER: usize = 133;
const LEFT_EYE_INNER: usize = 362;
const LEFT_EYE_OUTER: usize = 263;
const RIGHT_CHEEK: usize = 50;
const LEFT_CHEEK: usize = 280;
const BROWS_CENTRE: usize = 9;
const UPPER_LIP: usize = 0;
const LOWER_LIP: usize = 17;
const NOSE_BRIDGE: usize = 168;
const CHIN: usize = 152;
const MOUTH_RIGHT: usize = 61;
const MOUTH_LEFT: usize = 291;
const FACE_RIGHT_EDGE: usize = 234;
const FACE_LEFT_EDGE: usize = 454;
const FOREHEAD_TOP: usize = 10;

/// An axis-aligned pixel rectangle `[x0, x1) × [y0, y1)`, clipped to the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Patch {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

impl Patch {
    /// The rectangle centred on `c` with half-sizes `hw`, `hh`, clipped to `width × height`.
    pub fn around(c: Point, hw: f32, hh: f32, width: u32, height: u32) -> Patch {
        let clip = |v: f32, max: u32| v.clamp(0.0, max as f32) as u32;
        Patch {
            x0: clip(c.x - hw, width),
            y0: clip(c.y - hh, height),
            x1: clip(c.x + hw, width),
            y1: clip(c.y + hh, height),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.x1 <= self.x0 || self.y1 <= self.y0
    }

    pub fn area(&self) -> u32 {
        if self.is_empty() {
            0
        } else {
            (self.x1 - self.x0) * (self.y1 - self.y0)
        }
    }
}

/// The regions of one face, in image pixels (the subject's right/left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceRegions {
    pub oval: [Point; 36],
    /// A point on the face's vertical midline and its direction (nose bridge → chin).
    pub midline: (Point, Point),
    pub right_eye: Patch,
    pub left_eye: Patch,
    pub right_cheek: Patch,
    pub left_cheek: Patch,
    pub forehead: Patch,
    /// The lips (outer upper lip 0 to outer lower lip 17) and a chin band below them.
    pub lips: Patch,
    pub chin: Patch,
    /// Face width in pixels (cheek edge to cheek edge, 2-D).
    pub face_width: f32,
    /// Inter-ocular distance in pixels (eye centres, 2-D).
    pub eye_distance: f32,
    /// Midpoint of the two eye centres.
    pub eyes_centre: Point,
}

impl Default for FaceRegions {
    fn default() -> Self {
        FaceRegions {
            oval: [Point::default(); 36],
            midline: (Point::default(), Point::default()),
            right_eye: Patch::default(),
            left_eye: Patch::default(),
            right_cheek: Patch::default(),
            left_cheek: Patch::default(),
            forehead: Patch::default(),
            lips: Patch::default(),
            chin: Patch::default(),
            face_width: 0.0,
            eye_distance: 0.0,
            eyes_centre: Point::default(),
        }
    }
}

impl FaceRegions {
    /// Regions of a 468-point mesh; `None` when the mesh has fewer points.
    pub fn from_mesh(mesh: &FaceMesh, width: u32, height: u32) -> Option<FaceRegions> {
        if mesh.points.len() < 468 {
            return None;
        }
        let p = |i: usize| mesh.points[i].xy();
        let right_eye = p(RIGHT_EYE_OUTER).midpoint(p(RIGHT_EYE_INNER));
        let left_eye = p(LEFT_EYE_OUTER).midpoint(p(LEFT_EYE_INNER));
        let eye_distance = right_eye.distance(left_eye).max(1.0);
        let right_eye_width = p(RIGHT_EYE_OUTER).distance(p(RIGHT_EYE_INNER)).max(1.0);
        let left_eye_width = p(LEFT_EYE_OUTER).distance(p(LEFT_EYE_INNER)).max(1.0);
        // Eye patches: the lids, lashes and some skin, not the brows (≈ 0.6 eye widths up).
        let eye_patch = |c: Point, ew: f32| Patch::around(c, 0.65 * ew, 0.42 * ew, width, height);
        let cheek_half = 0.14 * eye_distance;
        let mouth_right = p(MOUTH_RIGHT);
        let mouth_left = p(MOUTH_LEFT);
        let chin = p(CHIN);
        // Forehead: the upper forehead, a third of the way from the top of the mesh (10) to
        // the brows' centre (9), where a hat or headscarf sits first.
        let (top, brows) = (p(FOREHEAD_TOP), p(BROWS_CENTRE));
        let forehead_height = top.distance(brows);
        let forehead = Patch::around(
            Point::new(
                top.x + 0.35 * (brows.x - top.x),
                top.y + 0.35 * (brows.y - top.y),
            ),
            0.45 * eye_distance,
            0.15 * forehead_height,
            width,
            height,
        );
        // Lips and the chin below them: a visible mouth differs from the chin; under a mask both
        // are the same fabric.
        let lips_centre = p(UPPER_LIP).midpoint(p(LOWER_LIP));
        let mouth_half = 0.5 * mouth_right.distance(mouth_left);
        let lips = Patch::around(
            lips_centre,
            0.6 * mouth_half,
            0.09 * eye_distance,
            width,
            height,
        );
        let chin_centre = Point::new(
            lips_centre.x + 0.55 * (chin.x - lips_centre.x),
            lips_centre.y + 0.55 * (chin.y - lips_centre.y),
        );
        let chin_patch = Patch::around(
            chin_centre,
            0.6 * mouth_half,
            0.08 * eye_distance,
            width,
            height,
        );
        let mut oval = [Point::default(); 36];
        for (o, &i) in oval.iter_mut().zip(FACE_OVAL.iter()) {
            *o = p(i);
        }
        Some(FaceRegions {
            oval,
            midline: (p(NOSE_BRIDGE), p(CHIN)),
            right_eye: eye_patch(right_eye, right_eye_width),
            left_eye: eye_patch(left_eye, left_eye_width),
            right_cheek: Patch::around(p(RIGHT_CHEEK), cheek_half, cheek_half, width, height),
            left_cheek: Patch::around(p(LEFT_CHEEK), cheek_half, cheek_half, width, height),
            forehead,
            lips,
            chin: chin_patch,
            face_width: p(FACE_RIGHT_EDGE).distance(p(FACE_LEFT_EDGE)),
            eye_distance,
            eyes_centre: right_eye.midpoint(left_eye),
        })
    }

    /// Top of the forehead (mesh point 10), for the head-covering band.
    pub fn forehead_top(mesh: &FaceMesh) -> Option<Point> {
        mesh.points.get(FOREHEAD_TOP).map(|p| p.xy())
    }
}

/// Sums over the pixels of a region, gathered in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PixelStats {
    pub count: u32,
    sum_luma: f64,
    sum_rgb: [f64; 3],
    sum_gradient: f64,
    /// Pixels at or above the saturation threshold with little colour (specular highlights).
    pub specular: u32,
}

/// Luma at or above which a grey-ish pixel counts as a specular highlight.
pub const SPECULAR_LUMA: u8 = 245;

impl PixelStats {
    #[inline]
    fn add(&mut self, px: [u8; 3], right: [u8; 3], below: [u8; 3]) {
        let y = luma_u8(px);
        let yf = y as f64;
        self.count += 1;
        self.sum_luma += yf;
        for (sum, &v) in self.sum_rgb.iter_mut().zip(px.iter()) {
            *sum += v as f64;
        }
        let gx = luma_u8(right) as i32 - y as i32;
        let gy = luma_u8(below) as i32 - y as i32;
        self.sum_gradient += (gx.abs() + gy.abs()) as f64;
        let max = px.iter().copied().max().unwrap_or(0);
        let min = px.iter().copied().min().unwrap_or(0);
        if y >= SPECULAR_LUMA && max - min < 40 {
            self.specular += 1;
        }
    }

    /// Mean luma in [0, 1].
    pub fn mean(&self) -> f32 {
        if self.count == 0 {
            return 0.0;
        }
        (self.sum_luma / self.count as f64 / 255.0) as f32
    }

    /// Mean of R, G, B in [0, 1].
    pub fn mean_rgb(&self) -> [f32; 3] {
        let n = self.count.max(1) as f64;
        self.sum_rgb.map(|s| (s / n / 255.0) as f32)
    }

    /// Chromaticity (r, g) = (R, G) / (R + G + B): colour without brightness.
    pub fn chroma(&self) -> [f32; 2] {
        let [r, g, b] = self.mean_rgb();
        let sum = (r + g + b).max(1e-3);
        [r / sum, g / sum]
    }

    /// Mean absolute luma gradient (forward differences), divided by the mean luma: texture
    /// that does not depend on brightness.
    pub fn texture(&self) -> f32 {
        if self.count == 0 {
            return 0.0;
        }
        let mean = self.sum_luma / self.count as f64;
        (self.sum_gradient / self.count as f64 / mean.max(8.0)) as f32
    }

    /// Share of pixels that are specular highlights.
    pub fn specular_fraction(&self) -> f32 {
        self.specular as f32 / self.count.max(1) as f32
    }
}

/// Pixel step that keeps a region's samples near `budget` (every pixel for small regions).
pub fn sample_step(area: u32, budget: u32) -> u32 {
    let mut step = 1;
    while area / (step * step) > budget {
        step += 1;
    }
    step
}

/// Statistics over a patch, sampling every `step`-th pixel in both directions.
pub fn patch_stats(image: &RgbImage, patch: &Patch, step: u32) -> PixelStats {
    let mut stats = PixelStats::default();
    if patch.is_empty() {
        return stats;
    }
    let (w, h) = (image.width(), image.height());
    let step = step.max(1);
    let mut y = patch.y0;
    while y < patch.y1 {
        let mut x = patch.x0;
        while x < patch.x1 {
            let right = image.pixel((x + 1).min(w - 1), y);
            let below = image.pixel(x, (y + 1).min(h - 1));
            stats.add(image.pixel(x, y), right, below);
            x += step;
        }
        y += step;
    }
    stats
}

/// Calls `f(x, y)` for every `step`-th pixel inside a polygon (even-odd rule), row by row.
pub fn for_each_in_polygon(
    polygon: &[Point],
    width: u32,
    height: u32,
    step: u32,
    mut f: impl FnMut(u32, u32),
) {
    if polygon.len() < 3 || width == 0 || height == 0 {
        return;
    }
    let step = step.max(1);
    let (min_y, max_y) = polygon.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| {
        (lo.min(p.y), hi.max(p.y))
    });
    let y_start = min_y.max(0.0).ceil() as u32;
    let y_end = (max_y.min(height as f32 - 1.0)).floor().max(-1.0);
    if y_end < 0.0 {
        return;
    }
    let y_end = y_end as u32;
    let mut crossings = [0f32; 16];
    let mut y = y_start;
    while y <= y_end {
        let yf = y as f32 + 0.5;
        let mut n = 0;
        for i in 0..polygon.len() {
            let a = polygon[i];
            let b = polygon[(i + 1) % polygon.len()];
            if (a.y <= yf) != (b.y <= yf) && n < crossings.len() {
                crossings[n] = a.x + (yf - a.y) / (b.y - a.y) * (b.x - a.x);
                n += 1;
            }
        }
        let row = &mut crossings[..n];
        row.sort_by(f32::total_cmp);
        for pair in row.chunks_exact(2) {
            let x0 = pair[0].max(0.0).ceil() as u32;
            let x1 = pair[1].min(width as f32 - 1.0).floor();
            if x1 < 0.0 {
                continue;
            }
            let mut x = x0 - x0 % step;
            if x < x0 {
                x += step;
            }
            while x as f32 <= x1 {
                f(x, y);
                x += step;
            }
        }
        y += step;
    }
}

/// Which side of the midline `p` is on: `true` for the subject's right (image left in an
/// unmirrored frame).
#[inline]
pub fn on_subjects_right(midline: (Point, Point), p: Point) -> bool {
    let (a, b) = midline;
    let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    cross > 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polygon_fill_counts_a_square() {
        let square = [
            Point::new(10.0, 10.0),
            Point::new(20.0, 10.0),
            Point::new(20.0, 20.0),
            Point::new(10.0, 20.0),
        ];
        let mut n = 0;
        for_each_in_polygon(&square, 100, 100, 1, |_, _| n += 1);
        assert!((90..=121).contains(&n), "{n}");
        let mut outside = 0;
        for_each_in_polygon(&square, 15, 15, 1, |x, y| {
            if x >= 15 || y >= 15 {
                outside += 1
            }
        });
        assert_eq!(outside, 0);
    }

    #[test]
    fn midline_sides() {
        let midline = (Point::new(50.0, 0.0), Point::new(50.0, 100.0));
        // Unmirrored frame: the subject's right is the image's left.
        assert!(on_subjects_right(midline, Point::new(20.0, 50.0)));
        assert!(!on_subjects_right(midline, Point::new(80.0, 50.0)));
    }

    #[test]
    fn texture_ignores_brightness() {
        let mut a = RgbImage::default();
        a.resize(16, 16);
        for (i, v) in a.as_bytes_mut().iter_mut().enumerate() {
            *v = if (i / 3).is_multiple_of(2) { 100 } else { 140 };
        }
        let mut b = a.clone();
        for v in b.as_bytes_mut() {
            *v /= 2;
        }
        let patch = Patch {
            x0: 0,
            y0: 0,
            x1: 15,
            y1: 15,
        };
        let (ta, tb) = (
            patch_stats(&a, &patch, 1).texture(),
            patch_stats(&b, &patch, 1).texture(),
        );
        assert!((ta - tb).abs() < 0.02 * ta, "{ta} {tb}");
    }
}
