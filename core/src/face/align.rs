//! Face alignment for the embedder: the similarity transform (rotation, uniform scale,
//! translation) that best maps the five landmarks onto the standard ArcFace 112×112 template,
//! or, for comparison, the square detector crop the model's original package used.

use crate::math::{Affine2, BoundingBox, Point};

/// Side of the embedder's input, in pixels.
pub const ALIGNED_SIZE: usize = 112;

/// The ArcFace / InsightFace 112×112 five-point template (`arcface_dst` in insightface's
/// `face_align.py`), in pixel-index coordinates: the eye, nose and mouth-corner positions of an
/// aligned face. Order: image-left eye, image-right eye, nose tip, image-left mouth corner,
/// image-right mouth corner — for an upright, unmirrored photo that is the subject's right eye,
/// left eye, nose, right mouth corner, left mouth corner, the order of
/// [`crate::FaceObservation::landmarks5`].
pub const ARCFACE_TEMPLATE: [Point; 5] = [
    Point::new(38.2946, 51.6963),
    Point::new(73.5318, 51.5014),
    Point::new(56.0252, 71.7366),
    Point::new(41.5493, 92.3655),
    Point::new(70.7299, 92.2041),
];

/// How the face is cut out for the embedder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlignmentMethod {
    /// Five-point similarity transform onto [`ARCFACE_TEMPLATE`] (measured better; the default).
    #[default]
    FivePoint,
    /// The detector box made square about its centre, upright, as the expo package cropped its
    /// MTCNN boxes. Kept to measure against.
    SquareBox,
}

/// A similarity transform `p -> [a -b; b a] p + (tx, ty)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similarity {
    pub a: f64,
    pub b: f64,
    pub tx: f64,
    pub ty: f64,
}

impl Similarity {
    /// Least-squares similarity sending `src[i]` to `dst[i]` (Umeyama 1991, which in 2-D has
    /// this closed form and never returns a reflection). `None` when the source points
    /// coincide, so no scale can be estimated.
    pub fn estimate(src: &[Point], dst: &[Point]) -> Option<Similarity> {
        let n = src.len().min(dst.len());
        if n < 2 {
            return None;
        }
        let mean = |pts: &[Point]| {
            let (sx, sy) = pts[..n]
                .iter()
                .fold((0f64, 0f64), |(x, y), p| (x + p.x as f64, y + p.y as f64));
            (sx / n as f64, sy / n as f64)
        };
        let (msx, msy) = mean(src);
        let (mdx, mdy) = mean(dst);
        let (mut dot, mut cross, mut norm) = (0f64, 0f64, 0f64);
        for (s, d) in src[..n].iter().zip(&dst[..n]) {
            let (sx, sy) = (s.x as f64 - msx, s.y as f64 - msy);
            let (dx, dy) = (d.x as f64 - mdx, d.y as f64 - mdy);
            dot += sx * dx + sy * dy;
            cross += sx * dy - sy * dx;
            norm += sx * sx + sy * sy;
        }
        if norm.is_nan() || norm <= 1e-9 || !dot.is_finite() || !cross.is_finite() {
            return None;
        }
        let (a, b) = (dot / norm, cross / norm);
        Some(Similarity {
            a,
            b,
            tx: mdx - (a * msx - b * msy),
            ty: mdy - (b * msx + a * msy),
        })
    }

    pub fn apply(&self, p: Point) -> Point {
        let (x, y) = (p.x as f64, p.y as f64);
        Point::new(
            (self.a * x - self.b * y + self.tx) as f32,
            (self.b * x + self.a * y + self.ty) as f32,
        )
    }

    /// The inverse map; `None` for a degenerate (zero-scale) transform.
    pub fn inverse(&self) -> Option<Similarity> {
        let det = self.a * self.a + self.b * self.b;
        if det.is_nan() || det <= 1e-12 {
            return None;
        }
        let (a, b) = (self.a / det, -self.b / det);
        Some(Similarity {
            a,
            b,
            tx: -(a * self.tx - b * self.ty),
            ty: -(b * self.tx + a * self.ty),
        })
    }

    pub fn to_affine(self) -> Affine2 {
        Affine2 {
            a: self.a as f32,
            b: -self.b as f32,
            c: self.tx as f32,
            d: self.b as f32,
            e: self.a as f32,
            f: self.ty as f32,
        }
    }
}

/// The map from embedder-input pixels to image pixels that puts the five landmarks on the
/// template, for [`crate::imgproc::warp_to_tensor`]. The template is in pixel-index
/// coordinates (OpenCV's convention); the warp and the landmarks use continuous coordinates
/// (pixel centres at +0.5), hence the half-pixel shift. `None` for degenerate landmarks.
pub fn five_point_map(landmarks5: &[Point; 5]) -> Option<Affine2> {
    let template = ARCFACE_TEMPLATE.map(|p| Point::new(p.x + 0.5, p.y + 0.5));
    // Estimated image → template, as insightface does, then inverted for the warp.
    let to_template = Similarity::estimate(landmarks5, &template)?;
    Some(to_template.inverse()?.to_affine())
}

/// The map for [`AlignmentMethod::SquareBox`]: the box's square (side = its longer side) about
/// its centre, upright. `None` for an empty box.
pub fn square_box_map(bbox: &BoundingBox) -> Option<Affine2> {
    let side = bbox.width.max(bbox.height);
    if side.is_nan() || side <= 0.0 {
        return None;
    }
    let scale = side / ALIGNED_SIZE as f32;
    let centre = bbox.center();
    Some(Affine2 {
        a: scale,
        b: 0.0,
        c: centre.x - side / 2.0,
        d: 0.0,
        e: scale,
        f: centre.y - side / 2.0,
    })
}

/// Mean distance, in template pixels, between the aligned landmarks and the template: how well
/// a similarity explains the five points (large for profile faces or bad landmarks).
pub fn alignment_residual(landmarks5: &[Point; 5]) -> Option<f32> {
    let template = ARCFACE_TEMPLATE.map(|p| Point::new(p.x + 0.5, p.y + 0.5));
    let t = Similarity::estimate(landmarks5, &template)?;
    let sum: f32 = landmarks5
        .iter()
        .zip(&template)
        .map(|(p, q)| t.apply(*p).distance(*q))
        .sum();
    Some(sum / 5.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_known_similarity() {
        let truth = Similarity {
            a: 2.0 * 0.3f64.cos(),
            b: 2.0 * 0.3f64.sin(),
            tx: 40.0,
            ty: -7.0,
        };
        let src = ARCFACE_TEMPLATE;
        let dst = src.map(|p| truth.apply(p));
        let est = Similarity::estimate(&src, &dst).unwrap();
        assert!((est.a - truth.a).abs() < 1e-4 && (est.b - truth.b).abs() < 1e-4);
        assert!((est.tx - truth.tx).abs() < 1e-3 && (est.ty - truth.ty).abs() < 1e-3);
        let back = est.inverse().unwrap();
        let p = back.apply(dst[2]);
        assert!(p.distance(src[2]) < 1e-3);
    }

    #[test]
    fn five_point_map_sends_template_to_landmarks() {
        // Landmarks = template scaled ×3 and shifted: input pixel centres of the template
        // points must land on them.
        let lm = ARCFACE_TEMPLATE.map(|p| Point::new(p.x * 3.0 + 100.0, p.y * 3.0 + 50.0));
        let map = five_point_map(&lm).unwrap();
        for (t, l) in ARCFACE_TEMPLATE.iter().zip(&lm) {
            let q = map.apply(Point::new(t.x + 0.5, t.y + 0.5));
            assert!(q.distance(*l) < 1e-2, "{q:?} {l:?}");
        }
    }

    #[test]
    fn degenerate_points_are_refused() {
        let same = [Point::new(5.0, 5.0); 5];
        assert!(five_point_map(&same).is_none());
        assert!(square_box_map(&BoundingBox::default()).is_none());
    }
}
