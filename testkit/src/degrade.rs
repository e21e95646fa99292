//! Controlled, seeded degradations of real selfie frames for the quality evaluation
//! (`tests/quality_eval.rs`): each one imitates a cause of a failed KYC selfie, drawn from the
//! face's own landmarks where it covers a part of the face. Parameters are random within ranges
//! (seeded), never tuned to one image.

use image::imageops::{self, FilterType};
use precheck_core::frame::RgbImage;
use precheck_core::math::Point;
use precheck_core::FaceObservation;

use crate::pixels::{from_image_crate, round_u8, to_image_crate};
pub use crate::rng::Rng;

/// The degradations of the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Degradation {
    Darken,
    Overexpose,
    Backlight,
    SideShadow,
    GaussianBlur,
    MotionBlur,
    Haze,
    Sunglasses,
    Mask,
    HatBand,
    HairOverEye,
    GlassesGlare,
    SmallFace,
    OffCentre,
    SecondFace,
    /// Light falling off smoothly across the whole frame (a window at one side).
    SideRamp,
    /// A lamp beside the face: brightness falling off with the distance to a point off one side.
    RadialFalloff,
    /// Warm or cool light from one side, the other side in a dimmer light of another colour.
    ColouredSideLight,
}

impl Degradation {
    /// Every degradation; new ones go at the end, so the seeded draws of the others stay the same.
    pub const ALL: [Degradation; 18] = [
        Degradation::Darken,
        Degradation::Overexpose,
        Degradation::Backlight,
        Degradation::SideShadow,
        Degradation::GaussianBlur,
        Degradation::MotionBlur,
        Degradation::Haze,
        Degradation::Sunglasses,
        Degradation::Mask,
        Degradation::HatBand,
        Degradation::HairOverEye,
        Degradation::GlassesGlare,
        Degradation::SmallFace,
        Degradation::OffCentre,
        Degradation::SecondFace,
        Degradation::SideRamp,
        Degradation::RadialFalloff,
        Degradation::ColouredSideLight,
    ];
}

fn to_image(img: &RgbImage) -> image::RgbImage {
    to_image_crate(img)
}

fn from_image(img: image::RgbImage) -> RgbImage {
    from_image_crate(&img)
}

fn p(face: &FaceObservation, i: usize) -> Point {
    face.mesh.points[i].xy()
}

fn eye_distance(face: &FaceObservation) -> f32 {
    face.landmarks5[0].distance(face.landmarks5[1]).max(1.0)
}

/// Applies `d` to a clean frame whose main face is `face`. `other` is another clean frame with
/// its face, for the pasted second face.
pub fn degrade(
    d: Degradation,
    frame: &RgbImage,
    face: &FaceObservation,
    other: (&RgbImage, &FaceObservation),
    rng: &mut Rng,
) -> RgbImage {
    let mut out = frame.clone();
    match d {
        Degradation::Darken => {
            let k = rng.uniform(0.10, 0.28);
            map_pixels(&mut out, |v| v * k);
        }
        Degradation::Overexpose => {
            let (k, b) = (rng.uniform(1.9, 3.0), rng.uniform(20.0, 60.0));
            map_pixels(&mut out, |v| v * k + b);
        }
        Degradation::Backlight => backlight(&mut out, face, rng),
        Degradation::SideShadow => side_shadow(&mut out, face, rng),
        Degradation::GaussianBlur => {
            let sigma = rng.uniform(2.0, 4.5);
            out = from_image(imageproc::filter::gaussian_blur_f32(
                &to_image(frame),
                sigma,
            ));
        }
        Degradation::MotionBlur => {
            let (len, angle) = (
                rng.uniform(12.0, 26.0),
                rng.uniform(0.0, std::f32::consts::PI),
            );
            out = motion_blur(frame, len, angle);
        }
        Degradation::Haze => {
            let (a, veil) = (rng.uniform(0.45, 0.7), rng.uniform(185.0, 235.0));
            map_pixels(&mut out, |v| v * (1.0 - a) + a * veil);
        }
        Degradation::Sunglasses => sunglasses(&mut out, face, rng),
        Degradation::Mask => mask(&mut out, face, rng),
        Degradation::HatBand => hat_band(&mut out, face, rng),
        Degradation::HairOverEye => hair_over_eye(&mut out, face, rng),
        Degradation::GlassesGlare => glasses_glare(&mut out, face, rng),
        Degradation::SmallFace => out = small_face(frame, rng.uniform(0.30, 0.50)),
        Degradation::OffCentre => out = off_centre(frame, face, rng),
        Degradation::SecondFace => second_face(&mut out, face, other, rng),
        Degradation::SideRamp => side_ramp(&mut out, rng),
        Degradation::RadialFalloff => radial_falloff(&mut out, face, rng),
        Degradation::ColouredSideLight => coloured_side_light(&mut out, face, rng),
    }
    out
}

fn map_pixels(img: &mut RgbImage, f: impl Fn(f32) -> f32) {
    for v in img.as_bytes_mut() {
        *v = round_u8(f(*v as f32));
    }
}

/// Blends `colour` into the pixel at (x, y) with weight `alpha`.
fn blend(img: &mut RgbImage, x: i32, y: i32, colour: [f32; 3], alpha: f32) {
    if x < 0 || y < 0 || x >= img.width() as i32 || y >= img.height() as i32 || alpha <= 0.0 {
        return;
    }
    let w = img.width() as usize;
    let i = (y as usize * w + x as usize) * 3;
    let a = alpha.min(1.0);
    let data = img.as_bytes_mut();
    for c in 0..3 {
        data[i + c] = round_u8(data[i + c] as f32 * (1.0 - a) + colour[c] * a);
    }
}

/// A filled ellipse (centre, semi-axes, rotation) with a 1.5 px soft edge; `shade(x, y)` gives
/// the colour at each pixel.
fn ellipse(
    img: &mut RgbImage,
    c: Point,
    a: f32,
    b: f32,
    angle: f32,
    alpha: f32,
    shade: impl Fn(f32, f32) -> [f32; 3],
) {
    let r = a.max(b) + 2.0;
    let (s, co) = angle.sin_cos();
    for y in (c.y - r) as i32..=(c.y + r) as i32 {
        for x in (c.x - r) as i32..=(c.x + r) as i32 {
            let (dx, dy) = (x as f32 - c.x, y as f32 - c.y);
            let (u, v) = (dx * co + dy * s, -dx * s + dy * co);
            let d = ((u / a).powi(2) + (v / b).powi(2)).sqrt();
            let edge = ((1.0 - d) * a.min(b) / 1.5 + 0.5).clamp(0.0, 1.0);
            blend(img, x, y, shade(u / a, v / b), alpha * edge);
        }
    }
}

/// Even-odd polygon fill with per-pixel colour.
fn polygon(img: &mut RgbImage, poly: &[Point], alpha: f32, shade: impl Fn(i32, i32) -> [f32; 3]) {
    let min_y = poly.iter().map(|p| p.y).fold(f32::MAX, f32::min).max(0.0) as i32;
    let max_y = poly
        .iter()
        .map(|p| p.y)
        .fold(f32::MIN, f32::max)
        .min(img.height() as f32 - 1.0) as i32;
    for y in min_y..=max_y {
        let yf = y as f32 + 0.5;
        let mut xs: Vec<f32> = Vec::new();
        for i in 0..poly.len() {
            let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
            if (a.y <= yf) != (b.y <= yf) {
                xs.push(a.x + (yf - a.y) / (b.y - a.y) * (b.x - a.x));
            }
        }
        xs.sort_by(f32::total_cmp);
        for pair in xs.chunks_exact(2) {
            for x in pair[0].ceil() as i32..=pair[1].floor() as i32 {
                blend(img, x, y, shade(x, y), alpha);
            }
        }
    }
}

fn face_box(face: &FaceObservation) -> (Point, f32, f32) {
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for q in &face.mesh.points {
        x0 = x0.min(q.x);
        x1 = x1.max(q.x);
        y0 = y0.min(q.y);
        y1 = y1.max(q.y);
    }
    (
        Point::new(0.5 * (x0 + x1), 0.5 * (y0 + y1)),
        x1 - x0,
        y1 - y0,
    )
}

/// A bright window behind a darkened person: the background is lifted towards white, the head
/// and the body below it are darkened (the camera exposes for the bright background).
fn backlight(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    let (c, fw, fh) = face_box(face);
    let (face_k, bg_level, bg_mix) = (
        rng.uniform(0.35, 0.6),
        rng.uniform(225.0, 255.0),
        rng.uniform(0.6, 0.85),
    );
    let (w, h) = (img.width() as i32, img.height() as i32);
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (
                (x as f32 - c.x) / (0.75 * fw),
                (y as f32 - c.y) / (0.8 * fh),
            );
            // The head (ellipse) and the shoulders below it are the person.
            let head = (dx * dx + dy * dy).sqrt();
            let body = if y as f32 > c.y + 0.4 * fh {
                dx.abs() / (1.0 + (y as f32 - c.y) / fh)
            } else {
                f32::MAX
            };
            let person = (1.2 - head.min(body)).clamp(0.0, 0.2) / 0.2;
            let i = (y as usize * w as usize + x as usize) * 3;
            let data = img.as_bytes_mut();
            for ch in 0..3 {
                let v = data[i + ch] as f32;
                let bg = v * (1.0 - bg_mix) + bg_level * bg_mix;
                data[i + ch] = round_u8(person * v * face_k + (1.0 - person) * bg);
            }
        }
    }
}

/// Light from one side: a brightness ramp across the face's midline.
fn side_shadow(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    let (c, fw, _) = face_box(face);
    let k = rng.uniform(0.22, 0.45);
    let dark_right = rng.coin();
    let width = rng.uniform(0.08, 0.2) * fw;
    relight(img, |x, _| {
        let t = ((x - c.x) / width).clamp(-1.0, 1.0) * 0.5 + 0.5;
        let t = if dark_right { 1.0 - t } else { t };
        [1.0 - (1.0 - k) * t; 3]
    });
}

/// Multiplies each pixel's channels by `gain(x, y)`.
fn relight(img: &mut RgbImage, gain: impl Fn(f32, f32) -> [f32; 3]) {
    let w = img.width() as usize;
    for (i, px) in img.as_bytes_mut().chunks_exact_mut(3).enumerate() {
        let g = gain((i % w) as f32, (i / w) as f32);
        for (v, k) in px.iter_mut().zip(g) {
            *v = round_u8(*v as f32 * k);
        }
    }
}

/// Brightness ramping linearly across the whole frame from 15-35 % on one side to 100 % on the
/// other (no edge on the face: the fall-off a mean ratio of the halves barely sees).
fn side_ramp(img: &mut RgbImage, rng: &mut Rng) {
    let low = rng.uniform(0.15, 0.35);
    let dark_right = rng.coin();
    let w = img.width().max(2) as f32 - 1.0;
    relight(img, |x, _| {
        let t = if dark_right { 1.0 - x / w } else { x / w };
        [low + (1.0 - low) * t; 3]
    });
}

/// A lamp 0.6-1.0 face widths beside the face's edge: brightness falls off with the distance to
/// it (inverse-square-like, floored at 10-25 %).
fn radial_falloff(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    let (c, fw, _) = face_box(face);
    let side = if rng.coin() { 1.0 } else { -1.0 };
    let lamp = Point::new(c.x + side * fw * rng.uniform(1.1, 1.5), c.y - 0.2 * fw);
    let (reach, floor) = (fw * rng.uniform(0.5, 0.8), rng.uniform(0.10, 0.25));
    relight(img, |x, y| {
        let d = Point::new(x, y).distance(lamp) / reach;
        [(1.0 / (1.0 + d * d)).clamp(floor, 1.0); 3]
    });
}

/// Warm (or cool) light on one half, dimmer light of the other colour on the other half, mixed
/// over a band 0.2-0.5 face widths wide across the midline.
fn coloured_side_light(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    let (c, fw, _) = face_box(face);
    let warm = [1.15, 0.95, 0.7];
    let cool = [0.7, 0.85, 1.15];
    let (bright, dim) = if rng.coin() {
        (warm, cool)
    } else {
        (cool, warm)
    };
    let dim_level = rng.uniform(0.25, 0.45);
    let dark_right = rng.coin();
    let band = rng.uniform(0.2, 0.5) * fw;
    relight(img, |x, _| {
        let t = ((x - c.x) / band).clamp(-1.0, 1.0) * 0.5 + 0.5;
        let t = if dark_right { 1.0 - t } else { t };
        std::array::from_fn(|ch| bright[ch] * t + dim[ch] * dim_level * (1.0 - t))
    });
}

fn motion_blur(img: &RgbImage, len: f32, angle: f32) -> RgbImage {
    let (w, h) = (img.width() as i32, img.height() as i32);
    let taps = len.round().max(2.0) as i32;
    let (dx, dy) = (angle.cos(), angle.sin());
    let src = img.as_bytes();
    let mut out = img.clone();
    let dst = out.as_bytes_mut();
    for y in 0..h {
        for x in 0..w {
            let mut sum = [0f32; 3];
            for t in 0..taps {
                let s = t as f32 - 0.5 * (taps - 1) as f32;
                let sx = (x as f32 + s * dx).round().clamp(0.0, (w - 1) as f32) as usize;
                let sy = (y as f32 + s * dy).round().clamp(0.0, (h - 1) as f32) as usize;
                let i = (sy * w as usize + sx) * 3;
                for c in 0..3 {
                    sum[c] += src[i + c] as f32;
                }
            }
            let i = (y as usize * w as usize + x as usize) * 3;
            for c in 0..3 {
                dst[i + c] = round_u8(sum[c] / taps as f32);
            }
        }
    }
    out
}

fn eye_line_angle(face: &FaceObservation) -> f32 {
    let (r, l) = (face.landmarks5[0], face.landmarks5[1]);
    (l.y - r.y).atan2(l.x - r.x)
}

/// Dark lenses over both eyes (with a frame bridge), tint and opacity varied, a faint reflection.
fn sunglasses(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    let ied = eye_distance(face);
    let angle = eye_line_angle(face);
    let level = rng.uniform(10.0, 55.0);
    let tint = [
        rng.uniform(0.8, 1.2),
        rng.uniform(0.8, 1.1),
        rng.uniform(0.8, 1.3),
    ];
    let (a, b) = (rng.uniform(0.40, 0.50) * ied, rng.uniform(0.28, 0.36) * ied);
    let alpha = rng.uniform(0.88, 0.97);
    for eye in [face.landmarks5[0], face.landmarks5[1]] {
        let c = Point::new(eye.x, eye.y + 0.05 * ied);
        ellipse(img, c, a, b, angle, alpha, |u, v| {
            // Darker at the top, as tinted lenses often are, and a soft sky reflection.
            let g = level * (0.8 + 0.4 * (v + 1.0) * 0.5) + 25.0 * (-(u + 0.3).powi(2) * 8.0).exp();
            [g * tint[0], g * tint[1], g * tint[2]]
        });
    }
    let (r, l) = (face.landmarks5[0], face.landmarks5[1]);
    let bridge = [
        Point::new(r.x + a * 0.9, r.y - 0.05 * ied),
        Point::new(l.x - a * 0.9, l.y - 0.05 * ied),
    ];
    line(
        img,
        bridge[0],
        bridge[1],
        0.05 * ied,
        [level, level, level],
        0.95,
    );
}

fn line(img: &mut RgbImage, a: Point, b: Point, width: f32, colour: [f32; 3], alpha: f32) {
    let steps = (a.distance(b) * 2.0).max(1.0) as i32;
    for s in 0..=steps {
        let t = s as f32 / steps as f32;
        let c = Point::new(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
        let r = (0.5 * width).max(0.5);
        for y in (c.y - r).floor() as i32..=(c.y + r).ceil() as i32 {
            for x in (c.x - r).floor() as i32..=(c.x + r).ceil() as i32 {
                let d = ((x as f32 - c.x).powi(2) + (y as f32 - c.y).powi(2)).sqrt();
                blend(img, x, y, colour, alpha * (r + 0.5 - d).clamp(0.0, 1.0));
            }
        }
    }
}

/// A face mask from the nose bridge down over the chin, white, light blue, black or grey, with
/// vertical shading and pleats.
fn mask(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    const LOWER_OVAL: [usize; 21] = [
        454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58,
        132, 93, 234,
    ];
    let mut poly: Vec<Point> = LOWER_OVAL.iter().map(|&i| p(face, i)).collect();
    // Top edge: from the right cheek edge over the nose bridge to the left.
    let bridge = p(face, 197);
    let up = rng.uniform(0.0, 0.3);
    let top_mid = Point::new(bridge.x, bridge.y - up * (bridge.y - p(face, 168).y));
    poly.push(Point::new(
        0.5 * (p(face, 234).x + p(face, 116).x),
        p(face, 116).y,
    ));
    poly.push(top_mid);
    poly.push(Point::new(
        0.5 * (p(face, 454).x + p(face, 345).x),
        p(face, 345).y,
    ));
    let colours = [
        [235.0, 238.0, 240.0],
        [150.0, 190.0, 225.0],
        [30.0, 30.0, 34.0],
        [120.0, 120.0, 125.0],
        [90.0, 140.0, 200.0],
    ];
    let base = colours[rng.below(colours.len())];
    let (top, bottom) = (top_mid.y, p(face, 152).y);
    let pleat = rng.uniform(6.0, 14.0);
    let brightness = rng.uniform(0.55, 1.0);
    polygon(img, &poly, 0.97, |_, y| {
        let t = ((y as f32 - top) / (bottom - top).max(1.0)).clamp(0.0, 1.0);
        let shade = brightness
            * (1.0 - 0.25 * t)
            * (1.0 - 0.06 * ((y as f32 / pleat).sin() > 0.6) as i32 as f32);
        [base[0] * shade, base[1] * shade, base[2] * shade]
    });
}

/// A hat or headscarf band from above the head down over the upper forehead.
fn hat_band(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    let top = p(face, 10);
    let brows = p(face, 9);
    let depth = rng.uniform(0.45, 0.8);
    let bottom_y = top.y + depth * (brows.y - top.y);
    let (c, fw, fh) = face_box(face);
    let half = 0.5 * fw * rng.uniform(1.15, 1.35);
    let colours = [
        [25.0, 25.0, 30.0],
        [160.0, 30.0, 40.0],
        [200.0, 185.0, 150.0],
        [40.0, 60.0, 120.0],
        [230.0, 230.0, 225.0],
        [90.0, 70.0, 50.0],
    ];
    let base = colours[rng.below(colours.len())];
    let stripes = rng.coin();
    let poly = [
        Point::new(c.x - half, bottom_y + 0.05 * fh),
        Point::new(c.x - half * 0.9, top.y - 0.5 * fh),
        Point::new(c.x + half * 0.9, top.y - 0.5 * fh),
        Point::new(c.x + half, bottom_y + 0.05 * fh),
        Point::new(c.x, bottom_y),
    ];
    polygon(img, &poly, 0.97, |x, y| {
        let s = if stripes && ((x + y) / 7) % 2 == 0 {
            0.8
        } else {
            1.0
        };
        let fold = 1.0 - 0.1 * ((y as f32 - top.y) / fh).abs();
        [base[0] * s * fold, base[1] * s * fold, base[2] * s * fold]
    });
}

/// Dark hair strands falling over one eye from above the brow.
fn hair_over_eye(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    let ied = eye_distance(face);
    let eye = if rng.coin() {
        face.landmarks5[0]
    } else {
        face.landmarks5[1]
    };
    let colours = [
        [25.0, 18.0, 12.0],
        [50.0, 35.0, 25.0],
        [70.0, 50.0, 30.0],
        [15.0, 15.0, 18.0],
    ];
    let colour = colours[rng.below(colours.len())];
    let strands = 25 + rng.below(25);
    for _ in 0..strands {
        let x0 = eye.x + rng.uniform(-0.5, 0.5) * ied;
        let start = Point::new(x0, eye.y - rng.uniform(0.6, 0.9) * ied);
        let sway = rng.uniform(-0.35, 0.35) * ied;
        let end = Point::new(x0 + sway, eye.y + rng.uniform(0.3, 0.6) * ied);
        let mid = Point::new(
            0.5 * (start.x + end.x) + rng.uniform(-0.15, 0.15) * ied,
            0.5 * (start.y + end.y),
        );
        let width = rng.uniform(0.02, 0.05) * ied;
        let alpha = rng.uniform(0.75, 0.95);
        line(img, start, mid, width, colour, alpha);
        line(img, mid, end, width, colour, alpha);
    }
}

/// Specular reflections on glasses: one to three bright spots over the eye region.
fn glasses_glare(img: &mut RgbImage, face: &FaceObservation, rng: &mut Rng) {
    let ied = eye_distance(face);
    let spots = 1 + rng.below(3);
    for _ in 0..spots {
        let eye = if rng.coin() {
            face.landmarks5[0]
        } else {
            face.landmarks5[1]
        };
        let c = Point::new(
            eye.x + rng.uniform(-0.25, 0.25) * ied,
            eye.y + rng.uniform(-0.12, 0.12) * ied,
        );
        let (a, b) = (rng.uniform(0.10, 0.2) * ied, rng.uniform(0.06, 0.12) * ied);
        ellipse(
            img,
            c,
            a,
            b,
            rng.uniform(0.0, std::f32::consts::PI),
            1.0,
            |_, _| [255.0, 255.0, 252.0],
        );
    }
}

/// The whole frame shrunk into the middle of a blurred, enlarged copy of itself (the same scene
/// seen from further away).
fn small_face(img: &RgbImage, scale: f32) -> RgbImage {
    let (w, h) = (img.width(), img.height());
    let src = to_image(img);
    let mut canvas = imageproc::filter::gaussian_blur_f32(&src, 6.0);
    let (sw, sh) = ((w as f32 * scale) as u32, (h as f32 * scale) as u32);
    let small = imageops::resize(&src, sw, sh, FilterType::Triangle);
    imageops::overlay(
        &mut canvas,
        &small,
        ((w - sw) / 2) as i64,
        ((h - sh) / 2) as i64,
    );
    from_image(canvas)
}

/// The frame shifted sideways (and a bit vertically) so the face leaves the oval but stays in
/// the frame; the uncovered strip repeats the edge.
fn off_centre(img: &RgbImage, face: &FaceObservation, rng: &mut Rng) -> RgbImage {
    let (c, fw, _) = face_box(face);
    let w = img.width() as f32;
    let room_right = w - (c.x + 0.5 * fw) - 4.0;
    let room_left = c.x - 0.5 * fw - 4.0;
    let right = if room_right > room_left {
        true
    } else {
        rng.coin() && room_right > 0.2 * w
    };
    let room = if right { room_right } else { room_left };
    let shift = rng
        .uniform(0.2 * w, (0.33 * w).max(0.21 * w))
        .min(room.max(0.18 * w));
    let dx = if right { shift } else { -shift };
    let dy = rng.uniform(-0.04, 0.04) * img.height() as f32;
    let (iw, ih) = (img.width() as i32, img.height() as i32);
    let mut out = img.clone();
    let src = img.as_bytes();
    let dst = out.as_bytes_mut();
    for y in 0..ih {
        for x in 0..iw {
            let sx = (x as f32 - dx).round().clamp(0.0, (iw - 1) as f32) as usize;
            let sy = (y as f32 - dy).round().clamp(0.0, (ih - 1) as f32) as usize;
            let (i, j) = (
                (y as usize * iw as usize + x as usize) * 3,
                (sy * iw as usize + sx) * 3,
            );
            dst[i..i + 3].copy_from_slice(&src[j..j + 3]);
        }
    }
    out
}

/// Another person's face (with some head around it) pasted beside the user, 0.6-0.95 of the
/// user's face size.
fn second_face(
    img: &mut RgbImage,
    face: &FaceObservation,
    other: (&RgbImage, &FaceObservation),
    rng: &mut Rng,
) {
    let (other_img, other_face) = other;
    let (oc, ofw, ofh) = face_box(other_face);
    let (c, fw, _) = face_box(face);
    let scale = rng.uniform(0.6, 0.95) * fw / ofw.max(1.0);
    let (cw, ch) = (ofw * 1.5, ofh * 1.5);
    let src = to_image(other_img);
    let x0 = (oc.x - 0.5 * cw).max(0.0) as u32;
    let y0 = (oc.y - 0.5 * ch).max(0.0) as u32;
    let cw = (cw as u32).min(other_img.width() - x0);
    let ch = (ch as u32).min(other_img.height() - y0);
    let patch = imageops::crop_imm(&src, x0, y0, cw, ch).to_image();
    let (pw, ph) = (((cw as f32) * scale) as u32, ((ch as f32) * scale) as u32);
    let patch = imageops::resize(&patch, pw.max(8), ph.max(8), FilterType::Triangle);
    let (w, h) = (img.width() as f32, img.height() as f32);
    // Beside the user's face, on the side with more room, near the top.
    let left_room = c.x - 0.5 * fw;
    let px = if left_room > w - (c.x + 0.5 * fw) {
        (left_room - pw as f32 * 0.8).max(0.0)
    } else {
        (c.x + 0.5 * fw - 0.2 * pw as f32).min(w - pw as f32)
    };
    let py = rng.uniform(0.02, 0.25) * (h - ph as f32).max(0.0);
    let mut canvas = to_image(img);
    imageops::overlay(&mut canvas, &patch, px as i64, py as i64);
    *img = from_image(canvas);
}
