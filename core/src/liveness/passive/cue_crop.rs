//! The face at a fixed scale for the passive cues ([`super::screen_cue`], [`super::print_cue`]):
//! the frame resampled so that the inter-ocular distance is [`IOD_PX`] pixels, upright (eye line
//! horizontal, mouth down), with a margin of a few inter-ocular distances around the face where
//! a screen bezel or a paper edge would show. Every length the cues use is in inter-ocular
//! distances, so a face filling the frame and one at arm's length are judged alike.

use crate::frame::RgbImage;
use crate::imgproc::plane::luma_f32;
use crate::math::Point;

/// Crop pixels per inter-ocular distance.
pub const IOD_PX: f32 = 32.0;
/// Crop side: 7 inter-ocular distances.
pub const CROP: usize = 224;
/// The eye centre in the crop: 3.5 IOD from the left, 2.75 IOD from the top (the face reaches
/// ~1.5 IOD above the eye line and ~2.2 IOD below it).
pub const EYES_U: f32 = 112.0;
pub const EYES_V: f32 = 88.0;
/// Supersampling limit per axis when the face is larger than the crop's scale (averaging keeps
/// the texture measure free of aliasing).
const MAX_SUPERSAMPLE: usize = 2;

/// The face's frame in the image: origin at the eye centre, `ex` along the eye line (image
/// left to right for an upright face), `ey` toward the mouth, unit vectors; `iod` in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceFrame {
    pub origin: Point,
    pub ex: Point,
    pub ey: Point,
    pub iod: f32,
}

impl FaceFrame {
    /// From the 5 alignment points (right eye, left eye, nose tip, mouth corners). `None` for
    /// degenerate or non-finite points.
    pub fn from_landmarks(l5: &[Point; 5]) -> Option<FaceFrame> {
        let (a, b) = (l5[0], l5[1]);
        let iod = a.distance(b);
        if !(iod.is_finite() && iod >= 4.0) {
            return None;
        }
        let origin = a.midpoint(b);
        let mouth = l5[3].midpoint(l5[4]);
        // Perpendicular to the eye line, pointing toward the mouth (also on mirrored frames).
        let (dx, dy) = ((b.x - a.x) / iod, (b.y - a.y) / iod);
        let mut ey = Point::new(-dy, dx);
        if ey.x * (mouth.x - origin.x) + ey.y * (mouth.y - origin.y) < 0.0 {
            ey = Point::new(dy, -dx);
        }
        let ex = Point::new(ey.y, -ey.x);
        (origin.x.is_finite() && origin.y.is_finite()).then_some(FaceFrame {
            origin,
            ex,
            ey,
            iod,
        })
    }

    /// The image point at (`x`, `y`) inter-ocular distances in the face frame.
    pub fn to_image(&self, x: f32, y: f32) -> Point {
        Point::new(
            self.origin.x + self.iod * (x * self.ex.x + y * self.ey.x),
            self.origin.y + self.iod * (x * self.ex.y + y * self.ey.y),
        )
    }
}

/// Crop pixel (`u`, `v`, pixel centres at +0.5) → face-frame coordinates in IOD.
pub fn crop_to_face(u: f32, v: f32) -> (f32, f32) {
    ((u - EYES_U) / IOD_PX, (v - EYES_V) / IOD_PX)
}

/// Face-frame coordinates in IOD → crop pixel coordinates.
pub fn face_to_crop(x: f32, y: f32) -> (f32, f32) {
    (EYES_U + x * IOD_PX, EYES_V + y * IOD_PX)
}

/// The normalised crop. Reused frame to frame: [`CueCrop::fill`] overwrites it.
#[derive(Debug, Clone, Default)]
pub struct CueCrop {
    /// `CROP`² RGB (for the colour edges of the border search).
    pub rgb: RgbImage,
    /// `CROP`² luma, 0..255.
    pub luma: zeroize::Zeroizing<Vec<f32>>,
    /// Whether the pixel's whole edge-filter footprint lies inside the frame (outside, the crop
    /// repeats the frame's border pixels, and the frame border itself is no evidence).
    pub valid: Vec<bool>,
    pub frame: Option<FaceFrame>,
}

impl CueCrop {
    /// Resamples `image` around `frame` (area-averaged when the face is larger than the crop's
    /// scale, bilinear otherwise; reads outside the frame clamp to its border).
    pub fn fill(&mut self, image: &RgbImage, frame: &FaceFrame) {
        let (w, h) = (image.width() as usize, image.height() as usize);
        self.frame = Some(*frame);
        if self.rgb.width() as usize != CROP || self.rgb.height() as usize != CROP {
            self.rgb.resize(CROP as u32, CROP as u32);
        }
        self.luma.clear();
        self.luma.resize(CROP * CROP, 0.0);
        self.valid.clear();
        self.valid.resize(CROP * CROP, false);
        if w == 0 || h == 0 {
            return;
        }
        let step = frame.iod / IOD_PX;
        let k = (step.ceil() as usize).clamp(1, MAX_SUPERSAMPLE);
        let data = image.as_bytes();
        // The edge filter reads 2 crop pixels around each pixel; keep that plus 2 frame pixels
        // inside the frame.
        let margin = 2.0 * step + 2.0;
        // Crop → image is affine: one crop pixel right / down moves the image point by these.
        let origin = frame.to_image(crop_to_face(0.0, 0.0).0, crop_to_face(0.0, 0.0).1);
        let (du, dv) = (
            Point::new(step * frame.ex.x, step * frame.ex.y),
            Point::new(step * frame.ey.x, step * frame.ey.y),
        );
        let at = |u: f32, v: f32| {
            Point::new(
                origin.x + u * du.x + v * dv.x,
                origin.y + u * du.y + v * dv.y,
            )
        };
        let all_offsets = [0.5 / k as f32, 1.5 / k as f32];
        let offsets = &all_offsets[..k];
        let n = (k * k) as f32;
        let out = self.rgb.as_bytes_mut();
        for v in 0..CROP {
            for u in 0..CROP {
                let mut acc = [0f32; 3];
                for &ov in offsets {
                    for &ou in offsets {
                        let p = at(u as f32 + ou, v as f32 + ov);
                        let px = bilinear_clamped(data, w, h, p.x - 0.5, p.y - 0.5);
                        for (a, x) in acc.iter_mut().zip(px) {
                            *a += x;
                        }
                    }
                }
                let o = v * CROP + u;
                let rgb = acc.map(|a| a / n);
                for (byte, x) in out[o * 3..o * 3 + 3].iter_mut().zip(rgb) {
                    *byte = x.round().clamp(0.0, 255.0) as u8;
                }
                self.luma[o] = luma_f32(rgb);
                let centre = at(u as f32 + 0.5, v as f32 + 0.5);
                self.valid[o] = centre.x >= margin
                    && centre.y >= margin
                    && centre.x <= w as f32 - 1.0 - margin
                    && centre.y <= h as f32 - 1.0 - margin;
            }
        }
    }
}

/// Bilinear sample at (x, y) (pixel-centre coordinates), clamped to the image.
fn bilinear_clamped(data: &[u8], w: usize, h: usize, x: f32, y: f32) -> [f32; 3] {
    let x = if x.is_finite() {
        x.clamp(0.0, (w - 1) as f32)
    } else {
        0.0
    };
    let y = if y.is_finite() {
        y.clamp(0.0, (h - 1) as f32)
    } else {
        0.0
    };
    let (x0, y0) = (x.floor() as usize, y.floor() as usize);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (ax, ay) = (x - x0 as f32, y - y0 as f32);
    let mut out = [0f32; 3];
    for (c, o) in out.iter_mut().enumerate() {
        let p = |xx: usize, yy: usize| data[(yy * w + xx) * 3 + c] as f32;
        *o = p(x0, y0) * (1.0 - ax) * (1.0 - ay)
            + p(x1, y0) * ax * (1.0 - ay)
            + p(x0, y1) * (1.0 - ax) * ay
            + p(x1, y1) * ax * ay;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upright(iod: f32) -> [Point; 5] {
        [
            Point::new(100.0, 100.0),
            Point::new(100.0 + iod, 100.0),
            Point::new(100.0 + iod / 2.0, 100.0 + 0.6 * iod),
            Point::new(100.0 + 0.1 * iod, 100.0 + iod),
            Point::new(100.0 + 0.9 * iod, 100.0 + iod),
        ]
    }

    #[test]
    fn frame_points_down_to_the_mouth_also_when_mirrored() {
        let f = FaceFrame::from_landmarks(&upright(40.0)).unwrap();
        assert!((f.ey.y - 1.0).abs() < 1e-5 && (f.ex.x - 1.0).abs() < 1e-5);
        let mut mirrored = upright(40.0);
        mirrored.swap(0, 1);
        mirrored.swap(3, 4);
        let m = FaceFrame::from_landmarks(&mirrored).unwrap();
        assert!((m.ey.y - 1.0).abs() < 1e-5 && (m.ex.x - 1.0).abs() < 1e-5);
        let p = f.to_image(1.0, 0.0);
        assert!((p.x - 160.0).abs() < 1e-3 && (p.y - 100.0).abs() < 1e-3);
    }

    #[test]
    fn degenerate_landmarks_give_no_frame() {
        assert!(FaceFrame::from_landmarks(&[Point::new(1.0, 1.0); 5]).is_none());
        let mut nan = upright(40.0);
        nan[0].x = f32::NAN;
        assert!(FaceFrame::from_landmarks(&nan).is_none());
    }

    #[test]
    fn crop_is_filled_and_marks_the_frame_border() {
        let image = RgbImage::from_raw(64, 64, vec![200; 64 * 64 * 3]).unwrap();
        let f = FaceFrame::from_landmarks(&[
            Point::new(24.0, 28.0),
            Point::new(40.0, 28.0),
            Point::new(32.0, 36.0),
            Point::new(26.0, 44.0),
            Point::new(38.0, 44.0),
        ])
        .unwrap();
        let mut crop = CueCrop::default();
        crop.fill(&image, &f);
        assert_eq!(crop.luma.len(), CROP * CROP);
        assert!(crop.luma.iter().all(|v| (v - 200.0).abs() < 0.5));
        let at_eyes = EYES_V as usize * CROP + EYES_U as usize;
        assert!(crop.valid[at_eyes] && !crop.valid[0]);
    }
}
