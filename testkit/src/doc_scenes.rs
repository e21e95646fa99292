//! Synthetic document photos for the document-capture evaluation: a real specimen image
//! placed with perspective into a frame over a real or procedural background, then degraded
//! in controlled, seeded ways (blur, glare, cut corner, too small, photocopy, screen, dark,
//! bright, finger). The specimen pixels are real; the camera is simulated.

use crate::pixels::round_u8;
use crate::specimen::scene::{paste_warped, Tone};
use precheck_core::frame::RgbImage;
use precheck_core::imgproc::homography::{warp_rgb, Homography};
use precheck_core::math::Point;

pub use crate::rng::Rng;

/// What was done to a scene, and so which prompt code it should raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Degradation {
    Clean,
    Blur,
    Glare,
    CornerCut,
    Small,
    Photocopy,
    Screen,
    Dark,
    Bright,
    Finger,
}

impl Degradation {
    pub const ALL: [Degradation; 10] = [
        Degradation::Clean,
        Degradation::Blur,
        Degradation::Glare,
        Degradation::CornerCut,
        Degradation::Small,
        Degradation::Photocopy,
        Degradation::Screen,
        Degradation::Dark,
        Degradation::Bright,
        Degradation::Finger,
    ];
}

/// The background under the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background<'a> {
    /// A real photo, stretched to the frame (clutter).
    Photo(&'a RgbImage),
    /// Close to the document's own margin colour, with low-frequency shading and grain.
    SimilarColour,
    /// Wood-like stripes.
    Stripes,
}

/// A composed scene and where the document's corners truly are.
#[derive(Debug, Clone)]
pub struct Scene {
    pub image: RgbImage,
    /// Top-left, top-right, bottom-right, bottom-left in frame pixels.
    pub corners: [Point; 4],
    /// The document's long side in frame pixels.
    pub document_long_side: f32,
}

/// Places `specimen` into a new frame. `relative_fill` is the document area over the largest
/// area a document of its shape can have in the frame; `cut` pushes one corner out of the frame
/// by that share of the document's long side.
pub fn compose(
    specimen: &RgbImage,
    background: Background<'_>,
    relative_fill: f32,
    cut: Option<f32>,
    rng: &mut Rng,
) -> Scene {
    let (sw, sh) = (specimen.width() as f32, specimen.height() as f32);
    let aspect = sw.max(sh) / sw.min(sh);
    let landscape = sw >= sh;
    let frame_aspect = if rng.below(2) == 0 {
        16.0 / 9.0
    } else {
        4.0 / 3.0
    };
    let max_fill = (frame_aspect / aspect).min(aspect / frame_aspect);
    // The document keeps about its native resolution (0.9–1.2×), so the specimen is not blurred
    // by upsampling.
    let long = sw.max(sh) * rng.uniform(0.9, 1.2);
    let doc_area = long * long / aspect;
    let frame_long = (doc_area * frame_aspect / (relative_fill * max_fill)).sqrt();
    let frame_short = frame_long / frame_aspect;
    let (fw, fh) = if landscape {
        (frame_long.round(), frame_short.round())
    } else {
        (frame_short.round(), frame_long.round())
    };
    let (dw, dh) = if landscape {
        (long, long / aspect)
    } else {
        (long / aspect, long)
    };
    // Rotation, perspective jitter and an offset that keeps the corners inside (unless cut).
    let angle = rng.uniform(-6.0, 6.0).to_radians();
    let (c, s) = (angle.cos(), angle.sin());
    let base = [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)];
    let mut corners = base.map(|(u, v)| {
        let (x, y) = (u * dw, v * dh);
        let jitter = 0.035 * long;
        Point::new(
            x * c - y * s + rng.uniform(-jitter, jitter),
            x * s + y * c + rng.uniform(-jitter, jitter),
        )
    });
    let min_x = corners.iter().map(|p| p.x).fold(f32::INFINITY, f32::min);
    let max_x = corners
        .iter()
        .map(|p| p.x)
        .fold(f32::NEG_INFINITY, f32::max);
    let min_y = corners.iter().map(|p| p.y).fold(f32::INFINITY, f32::min);
    let max_y = corners
        .iter()
        .map(|p| p.y)
        .fold(f32::NEG_INFINITY, f32::max);
    let margin = 0.03 * fw.min(fh);
    let room_x = ((fw - (max_x - min_x)) / 2.0 - margin).max(0.0);
    let room_y = ((fh - (max_y - min_y)) / 2.0 - margin).max(0.0);
    let mut cx = fw / 2.0 - (min_x + max_x) / 2.0 + rng.uniform(-room_x, room_x);
    let mut cy = fh / 2.0 - (min_y + max_y) / 2.0 + rng.uniform(-room_y, room_y);
    if let Some(cut) = cut {
        // Move so that one chosen corner lands outside by `cut × long`.
        let k = rng.below(4);
        let p = corners[k];
        let out = cut * long;
        let (tx, ty) = (p.x + cx, p.y + cy);
        let dx = if p.x < 0.0 {
            -out - tx
        } else {
            fw - 1.0 + out - tx
        };
        let dy = if p.y < 0.0 {
            -out - ty
        } else {
            fh - 1.0 + out - ty
        };
        // Push along the axis that needs less movement.
        if dx.abs() < dy.abs() {
            cx += dx;
        } else {
            cy += dy;
        }
    }
    for p in &mut corners {
        p.x += cx;
        p.y += cy;
    }
    if cut.is_none() {
        // Rotation and jitter may have pushed a corner near the edge: shrink about the centre
        // until every corner keeps the margin (a clean scene must be a correctly framed one).
        let centre = Point::new(
            corners.iter().map(|p| p.x).sum::<f32>() / 4.0,
            corners.iter().map(|p| p.y).sum::<f32>() / 4.0,
        );
        let mut scale = 1.0f32;
        for p in &corners {
            for (v, c, size) in [(p.x, centre.x, fw), (p.y, centre.y, fh)] {
                let limit = if v < c {
                    c - margin
                } else {
                    size - 1.0 - margin - c
                };
                let reach = (v - c).abs();
                if reach > limit && reach > 0.0 {
                    scale = scale.min(limit / reach);
                }
            }
        }
        for p in &mut corners {
            p.x = centre.x + (p.x - centre.x) * scale;
            p.y = centre.y + (p.y - centre.y) * scale;
        }
    }
    let mut image = render_background(specimen, background, fw as u32, fh as u32, rng);
    let unit = [
        Point::new(0.0, 0.0),
        Point::new(sw, 0.0),
        Point::new(sw, sh),
        Point::new(0.0, sh),
    ];
    // Camera response: paper is not clipped white in a photo, ink not pure black.
    let (gain, offset) = (rng.uniform(0.8, 0.9), rng.uniform(8.0, 16.0));
    if let Some(to_specimen) = Homography::from_points(&corners, &unit) {
        paste_warped(
            &mut image,
            specimen,
            &to_specimen,
            Tone { gain, offset },
            0.0,
        );
    }
    add_grain(&mut image, 2.0, rng);
    Scene {
        image,
        corners,
        document_long_side: long,
    }
}

/// Applies `degradation` to a clean scene (the framing ones are made by [`compose`]).
pub fn degrade(scene: &mut Scene, degradation: Degradation, rng: &mut Rng) {
    let long = scene.document_long_side;
    match degradation {
        Degradation::Blur => {
            let sigma = rng.uniform(2.0, 4.0) * long / 640.0;
            gaussian_blur(&mut scene.image, sigma);
        }
        Degradation::Glare => {
            let u = rng.uniform(0.25, 0.75);
            let v = rng.uniform(0.25, 0.75);
            let centre = bilinear_quad(&scene.corners, u, v);
            let sigma = rng.uniform(0.05, 0.09) * long;
            let amplitude = rng.uniform(300.0, 420.0);
            map_pixels(&mut scene.image, |x, y, px| {
                let d2 = (x - centre.x).powi(2) + (y - centre.y).powi(2);
                let add = amplitude * (-d2 / (2.0 * sigma * sigma)).exp();
                px.map(|v| (v as f32 + add).min(255.0) as u8)
            });
        }
        Degradation::Photocopy => {
            let to_unit = unit_map(&scene.corners);
            let (floor, span) = (rng.uniform(35.0, 60.0), rng.uniform(0.55, 0.75));
            map_pixels(&mut scene.image, |x, y, px| {
                if !inside_unit(&to_unit, x, y) {
                    return px;
                }
                let l = 0.299 * px[0] as f32 + 0.587 * px[1] as f32 + 0.114 * px[2] as f32;
                let g = (floor + span * l).clamp(0.0, 255.0) as u8;
                [g, g, g]
            });
        }
        Degradation::Screen => screen(&mut scene.image, rng),
        Degradation::Dark => {
            let gain = rng.uniform(0.18, 0.4);
            map_pixels(&mut scene.image, |_, _, px| {
                px.map(|v| (v as f32 * gain) as u8)
            });
            add_grain(&mut scene.image, 2.5, rng);
        }
        Degradation::Bright => {
            let gain = rng.uniform(1.7, 2.4);
            let lift = rng.uniform(20.0, 50.0);
            map_pixels(&mut scene.image, |_, _, px| {
                px.map(|v| (v as f32 * gain + lift).min(255.0) as u8)
            });
        }
        Degradation::Finger => finger(scene, rng),
        Degradation::Clean | Degradation::CornerCut | Degradation::Small => {}
    }
}

fn bilinear_quad(c: &[Point; 4], u: f32, v: f32) -> Point {
    let top = Point::new(
        c[0].x + (c[1].x - c[0].x) * u,
        c[0].y + (c[1].y - c[0].y) * u,
    );
    let bottom = Point::new(
        c[3].x + (c[2].x - c[3].x) * u,
        c[3].y + (c[2].y - c[3].y) * u,
    );
    Point::new(
        top.x + (bottom.x - top.x) * v,
        top.y + (bottom.y - top.y) * v,
    )
}

fn unit_map(corners: &[Point; 4]) -> Option<Homography> {
    let unit = [
        Point::new(0.0, 0.0),
        Point::new(1.0, 0.0),
        Point::new(1.0, 1.0),
        Point::new(0.0, 1.0),
    ];
    Homography::from_points(corners, &unit)
}

fn inside_unit(map: &Option<Homography>, x: f32, y: f32) -> bool {
    map.as_ref().is_some_and(|m| {
        let p = m.apply(Point::new(x, y));
        (0.0..=1.0).contains(&p.x) && (0.0..=1.0).contains(&p.y)
    })
}

fn map_pixels(image: &mut RgbImage, mut f: impl FnMut(f32, f32, [u8; 3]) -> [u8; 3]) {
    let w = image.width() as usize;
    for (i, px) in image.as_bytes_mut().chunks_exact_mut(3).enumerate() {
        let (x, y) = ((i % w) as f32 + 0.5, (i / w) as f32 + 0.5);
        let out = f(x, y, [px[0], px[1], px[2]]);
        px.copy_from_slice(&out);
    }
}

fn render_background(
    specimen: &RgbImage,
    background: Background<'_>,
    w: u32,
    h: u32,
    rng: &mut Rng,
) -> RgbImage {
    match background {
        Background::Photo(photo) => {
            // A random crop of at least half the photo, stretched to the frame.
            let (pw, ph) = (photo.width() as f32, photo.height() as f32);
            let (cw, ch) = (pw * rng.uniform(0.5, 1.0), ph * rng.uniform(0.5, 1.0));
            let (x0, y0) = (rng.uniform(0.0, pw - cw), rng.uniform(0.0, ph - ch));
            let frame = [
                Point::new(0.0, 0.0),
                Point::new(w as f32, 0.0),
                Point::new(w as f32, h as f32),
                Point::new(0.0, h as f32),
            ];
            let src = [
                Point::new(x0, y0),
                Point::new(x0 + cw, y0),
                Point::new(x0 + cw, y0 + ch),
                Point::new(x0, y0 + ch),
            ];
            let mut out = RgbImage::default();
            if let Some(map) = Homography::from_points(&frame, &src) {
                warp_rgb(photo, &map, w, h, &mut out);
            }
            out
        }
        Background::SimilarColour => {
            let base = margin_colour(specimen)
                .map(|v| (v * 0.85 + rng.uniform(-18.0, 18.0)).clamp(0.0, 255.0));
            let waves: Vec<(f32, f32, f32, f32)> = (0..3)
                .map(|_| {
                    (
                        rng.uniform(0.002, 0.01),
                        rng.uniform(0.002, 0.01),
                        rng.uniform(0.0, std::f32::consts::TAU),
                        rng.uniform(4.0, 10.0),
                    )
                })
                .collect();
            let mut out =
                RgbImage::from_raw(w, h, vec![0; (w * h * 3) as usize]).unwrap_or_default();
            map_pixels(&mut out, |x, y, _| {
                let shade: f32 = waves
                    .iter()
                    .map(|(fx, fy, ph, a)| a * (fx * x + fy * y + ph).sin())
                    .sum();
                base.map(|b| (b + shade).clamp(0.0, 255.0) as u8)
            });
            out
        }
        Background::Stripes => {
            let base = [
                rng.uniform(90.0, 170.0),
                rng.uniform(60.0, 120.0),
                rng.uniform(30.0, 80.0),
            ];
            let (freq, tilt) = (rng.uniform(0.02, 0.08), rng.uniform(-0.3, 0.3));
            let mut out =
                RgbImage::from_raw(w, h, vec![0; (w * h * 3) as usize]).unwrap_or_default();
            map_pixels(&mut out, |x, y, _| {
                let t = (freq * (y + tilt * x) + 0.3 * (0.01 * x).sin()).sin() * 18.0;
                base.map(|b| (b + t).clamp(0.0, 255.0) as u8)
            });
            out
        }
    }
}

/// Mean colour of the specimen's outer 5 % (its margin).
fn margin_colour(image: &RgbImage) -> [f32; 3] {
    let (w, h) = (image.width(), image.height());
    let (bx, by) = ((w / 20).max(1), (h / 20).max(1));
    let mut sum = [0f64; 3];
    let mut n = 0f64;
    for y in 0..h {
        for x in 0..w {
            if x >= bx && x < w - bx && y >= by && y < h - by {
                continue;
            }
            let p = image.pixel(x, y);
            for c in 0..3 {
                sum[c] += p[c] as f64;
            }
            n += 1.0;
        }
    }
    sum.map(|s| (s / n.max(1.0)) as f32)
}

fn add_grain(image: &mut RgbImage, sigma: f32, rng: &mut Rng) {
    for v in image.as_bytes_mut() {
        *v = (*v as f32 + sigma * rng.normal()).clamp(0.0, 255.0) as u8;
    }
}

/// Separable Gaussian blur, radius 3σ, edges clamped.
pub fn gaussian_blur(image: &mut RgbImage, sigma: f32) {
    let radius = (3.0 * sigma).ceil() as isize;
    let kernel: Vec<f32> = (-radius..=radius)
        .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
    let (w, h) = (image.width() as isize, image.height() as isize);
    let mut tmp = vec![0f32; (w * h * 3) as usize];
    let src = image.as_bytes().to_vec();
    for y in 0..h {
        for x in 0..w {
            for c in 0..3 {
                let mut acc = 0.0;
                for (k, wgt) in kernel.iter().enumerate() {
                    let xx = (x + k as isize - radius).clamp(0, w - 1);
                    acc += wgt * src[((y * w + xx) * 3 + c) as usize] as f32;
                }
                tmp[((y * w + x) * 3 + c) as usize] = acc;
            }
        }
    }
    let dst = image.as_bytes_mut();
    for y in 0..h {
        for x in 0..w {
            for c in 0..3 {
                let mut acc = 0.0;
                for (k, wgt) in kernel.iter().enumerate() {
                    let yy = (y + k as isize - radius).clamp(0, h - 1);
                    acc += wgt * tmp[((yy * w + x) * 3 + c) as usize];
                }
                dst[((y * w + x) * 3 + c) as usize] = round_u8(acc);
            }
        }
    }
}

/// A photo of a screen showing the scene: the display's RGB stripe sub-pixels (pitch 3–6
/// frame pixels, slightly rotated, sampled by the camera → moiré), the display's gamma and a
/// slight defocus.
fn screen(image: &mut RgbImage, rng: &mut Rng) {
    let pitch = rng.uniform(3.0, 6.0);
    let angle = rng.uniform(-4.0f32, 4.0).to_radians();
    let gamma = rng.uniform(0.8, 1.25);
    let gap = rng.uniform(0.15, 0.3);
    let (c, s) = (angle.cos(), angle.sin());
    map_pixels(image, |x, y, px| {
        let u = (x * c + y * s) / pitch;
        let v = (-x * s + y * c) / pitch;
        let fu = u - u.floor();
        let fv = v - v.floor();
        // Dark gap between pixel rows; each third of a pixel lights one channel.
        let row = if fv < gap { 0.35 } else { 1.0 };
        let mut out = [0u8; 3];
        for ch in 0..3 {
            let lit = ((fu * 3.0) as usize).min(2) == ch;
            let mask = if lit { 1.0 } else { 0.25 } * row;
            let v = (px[ch] as f32 / 255.0).powf(gamma) * 255.0 * mask * 1.9;
            out[ch] = v.clamp(0.0, 255.0) as u8;
        }
        out
    });
    gaussian_blur(image, rng.uniform(0.5, 0.8));
}

/// A finger across one side: a skin-coloured capsule from outside the document to 10–15 % of
/// its short side inside, shaded across its width.
fn finger(scene: &mut Scene, rng: &mut Rng) {
    let c = scene.corners;
    let side = rng.below(4);
    let (a, b) = (c[side], c[(side + 1) % 4]);
    let t = rng.uniform(0.3, 0.7);
    let on_edge = Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
    let centre = Point::new(
        c.iter().map(|p| p.x).sum::<f32>() / 4.0,
        c.iter().map(|p| p.y).sum::<f32>() / 4.0,
    );
    let (mut nx, mut ny) = (centre.x - on_edge.x, centre.y - on_edge.y);
    let len = (nx * nx + ny * ny).sqrt().max(1.0);
    nx /= len;
    ny /= len;
    let long = scene.document_long_side;
    let width = rng.uniform(0.07, 0.1) * long;
    let tip = Point::new(
        on_edge.x + nx * rng.uniform(0.1, 0.15) * long * 0.63,
        on_edge.y + ny * rng.uniform(0.1, 0.15) * long * 0.63,
    );
    let root = Point::new(on_edge.x - nx * 0.5 * long, on_edge.y - ny * 0.5 * long);
    let skin = [
        rng.uniform(190.0, 230.0),
        rng.uniform(140.0, 175.0),
        rng.uniform(115.0, 150.0),
    ];
    map_pixels(&mut scene.image, |x, y, px| {
        // Distance to the segment root–tip.
        let (vx, vy) = (tip.x - root.x, tip.y - root.y);
        let tt = (((x - root.x) * vx + (y - root.y) * vy) / (vx * vx + vy * vy)).clamp(0.0, 1.0);
        let (qx, qy) = (root.x + vx * tt - x, root.y + vy * tt - y);
        let d = (qx * qx + qy * qy).sqrt() / (width / 2.0);
        if d > 1.0 {
            return px;
        }
        let shade = 1.0 - 0.35 * d * d;
        skin.map(|v| (v * shade) as u8)
    });
}
