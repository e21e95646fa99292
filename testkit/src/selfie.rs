//! Clean selfie frames for the quality evaluation: real faces from `../shared/data` (clip frames
//! and single-face photos), re-framed the way a phone app frames a selfie (480×640 portrait,
//! face centred, face width 0.30-0.42 of the frame width). Frames are kept only on facts about
//! the source (a frontal face with open eyes), never on the checks being evaluated.

use image::imageops::{self, FilterType};
use precheck_core::frame::RgbImage;
use precheck_core::{Engine, FaceObservation};

use crate::pixels::from_image_crate;
use crate::rng::Rng;

pub const WIDTH: u32 = 480;
pub const HEIGHT: u32 = 640;

/// One clean evaluation frame with its analysed main face.
pub struct CleanFrame {
    pub name: String,
    pub image: RgbImage,
    pub face: FaceObservation,
}

/// Re-frames `src` around `face`: face width `share` of the output width, centre jittered by
/// up to 3 % of the frame; outside the source, the image is mirrored at its edges.
pub fn reframe(src: &RgbImage, face: &FaceObservation, share: f32, rng: &mut Rng) -> RgbImage {
    let mesh = &face.mesh.points;
    let face_width = mesh[234].xy().distance(mesh[454].xy()).max(8.0);
    let eyes = face.landmarks5[0].midpoint(face.landmarks5[1]);
    let mouth = face.landmarks5[3].midpoint(face.landmarks5[4]);
    let centre = eyes.midpoint(mouth);
    let crop_w = face_width / share;
    let crop_h = crop_w * HEIGHT as f32 / WIDTH as f32;
    let cx = centre.x + rng.uniform(-0.03, 0.03) * crop_w;
    let cy = centre.y + rng.uniform(-0.03, 0.03) * crop_h;
    let (cw, ch) = (crop_w.round() as u32, crop_h.round() as u32);
    let (sw, sh) = (src.width() as i64, src.height() as i64);
    let reflect = |v: i64, n: i64| -> u32 {
        let period = 2 * n;
        let m = v.rem_euclid(period);
        (if m < n { m } else { period - 1 - m }) as u32
    };
    let mut crop = image::RgbImage::new(cw.max(1), ch.max(1));
    let x0 = (cx - 0.5 * crop_w).round() as i64;
    let y0 = (cy - 0.5 * crop_h).round() as i64;
    for (x, y, px) in crop.enumerate_pixels_mut() {
        let p = src.pixel(reflect(x0 + x as i64, sw), reflect(y0 + y as i64, sh));
        *px = image::Rgb(p);
    }
    let out = imageops::resize(&crop, WIDTH, HEIGHT, FilterType::Triangle);
    from_image_crate(&out)
}

/// Whether a face is a usable clean selfie subject (frontal, eyes open, landmarks confident).
pub fn is_clean_subject(face: &FaceObservation) -> bool {
    face.pose.yaw.abs() < 12.0
        && face.pose.pitch.abs() < 12.0
        && face.pose.roll.abs() < 10.0
        && face.eyes_open.left.min(face.eyes_open.right) > 0.3
        && face.landmark_confidence > 0.8
}

/// Builds a clean frame from a source image: the largest face, re-framed and analysed again.
/// `None` when the source has no usable face or the re-framed frame does not show exactly one.
pub fn clean_frame(
    engine: &Engine,
    name: String,
    src: &RgbImage,
    min_eye_distance: f32,
    rng: &mut Rng,
) -> Option<CleanFrame> {
    let report = engine.analyze_image(src).ok()?;
    let face = report.faces.first()?;
    if face.landmarks5[0].distance(face.landmarks5[1]) < min_eye_distance || !is_clean_subject(face)
    {
        return None;
    }
    let share = rng.uniform(0.30, 0.42);
    let image = reframe(src, face, share, rng);
    let report = engine.analyze_image(&image).ok()?;
    if report.faces.len() != 1 || !is_clean_subject(&report.faces[0]) {
        return None;
    }
    let face = report.faces.into_iter().next()?;
    Some(CleanFrame { name, image, face })
}
