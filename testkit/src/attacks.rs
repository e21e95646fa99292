//! Presentation attacks built from real frames for the liveness evaluation
//! (`tests/liveness_attacks.rs`): a still repeated, a photo moved / tilted / swung in
//! perspective in front of the camera (planar homographies of one frame), a cut-out photo (the
//! eye region replaced by a closed-eye frame of the same clip) and a screen replay (moiré,
//! gamma, bezel). Parameters are fixed per attack kind, never tuned to one image.

use precheck_core::frame::RgbImage;

use crate::pixels::{image_from_bytes, round_u8};
use crate::rng::Rng;

/// A 3×3 homography, row-major, mapping output pixels to source pixels (inverse mapping).
pub type Homography = [f32; 9];

/// Samples `src` through `h` (output → source) bilinearly; outside reads `fill`.
pub fn warp(src: &RgbImage, h: &Homography, fill: [u8; 3]) -> RgbImage {
    let (w, hh) = (src.width(), src.height());
    let mut out = vec![0u8; w as usize * hh as usize * 3];
    let data = src.as_bytes();
    for y in 0..hh {
        for x in 0..w {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let z = h[6] * fx + h[7] * fy + h[8];
            let sx = (h[0] * fx + h[1] * fy + h[2]) / z - 0.5;
            let sy = (h[3] * fx + h[4] * fy + h[5]) / z - 0.5;
            let o = (y as usize * w as usize + x as usize) * 3;
            if !(sx >= 0.0 && sy >= 0.0 && sx < (w - 1) as f32 && sy < (hh - 1) as f32) {
                out[o..o + 3].copy_from_slice(&fill);
                continue;
            }
            // sx, sy ≥ 0 here: truncation is the floor.
            let (x0, y0) = (sx as usize, sy as usize);
            let (ax, ay) = (sx - x0 as f32, sy - y0 as f32);
            for c in 0..3 {
                let p = |xx: usize, yy: usize| data[(yy * w as usize + xx) * 3 + c] as f32;
                let v = p(x0, y0) * (1.0 - ax) * (1.0 - ay)
                    + p(x0 + 1, y0) * ax * (1.0 - ay)
                    + p(x0, y0 + 1) * (1.0 - ax) * ay
                    + p(x0 + 1, y0 + 1) * ax * ay;
                out[o + c] = round_u8(v);
            }
        }
    }
    image_from_bytes(w, hh, &out)
}

/// Output → source map of a flat photo at the image centre, shifted by (`dx`, `dy`) pixels,
/// rolled by `roll_deg` in the image plane, scaled by `scale`, and swung by `yaw_deg` about its
/// vertical axis / `pitch_deg` about its horizontal axis, seen by a pinhole camera with focal
/// length `focal` pixels. A zero `scale` or `focal` (no invertible map) gives the identity.
#[allow(clippy::too_many_arguments)]
pub fn photo_pose(
    w: u32,
    h: u32,
    dx: f32,
    dy: f32,
    roll_deg: f32,
    scale: f32,
    yaw_deg: f32,
    pitch_deg: f32,
    focal: f32,
) -> Homography {
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let (sy, cyw) = yaw_deg.to_radians().sin_cos();
    let (sp, cp) = pitch_deg.to_radians().sin_cos();
    let (sr, cr) = roll_deg.to_radians().sin_cos();
    // Rotation R = Rroll · Rpitch · Ryaw applied to plane points (u, v, 0) at distance `focal`.
    let ry = [[cyw, 0.0, sy], [0.0, 1.0, 0.0], [-sy, 0.0, cyw]];
    let rp = [[1.0, 0.0, 0.0], [0.0, cp, -sp], [0.0, sp, cp]];
    let rr = [[cr, -sr, 0.0], [sr, cr, 0.0], [0.0, 0.0, 1.0]];
    let r = mul3(&rr, &mul3(&rp, &ry));
    // Forward: plane (u, v) (source pixels relative to the centre) → camera → image.
    // X = scale·(r00 u + r01 v), Y = scale·(r10 u + r11 v), Z = focal + scale·(r20 u + r21 v)
    // x = focal X / Z + cx + dx.
    let f = focal;
    let forward = [
        [f * scale * r[0][0], f * scale * r[0][1], 0.0],
        [f * scale * r[1][0], f * scale * r[1][1], 0.0],
        [scale * r[2][0], scale * r[2][1], f],
    ];
    // Then translate the image by (cx + dx, cy + dy) and the source by (-cx, -cy).
    let t_out = [[1.0, 0.0, cx + dx], [0.0, 1.0, cy + dy], [0.0, 0.0, 1.0]];
    let t_src = [[1.0, 0.0, -cx], [0.0, 1.0, -cy], [0.0, 0.0, 1.0]];
    let fwd = mul3(&t_out, &mul3(&forward, &t_src));
    // Only a zero scale or focal length makes the map singular: the identity then.
    let inv = invert3(&fwd).unwrap_or([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
    [
        inv[0][0], inv[0][1], inv[0][2], inv[1][0], inv[1][1], inv[1][2], inv[2][0], inv[2][1],
        inv[2][2],
    ]
}

fn mul3(a: &[[f32; 3]; 3], b: &[[f32; 3]; 3]) -> [[f32; 3]; 3] {
    let mut m = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            m[i][j] = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    m
}

fn invert3(m: &[[f32; 3]; 3]) -> Option<[[f32; 3]; 3]> {
    let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    if det.abs() < 1e-12 {
        return None;
    }
    let c =
        |r0: usize, c0: usize, r1: usize, c1: usize| m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
    Some([
        [
            c(1, 1, 2, 2) / det,
            -c(0, 1, 2, 2) / det,
            c(0, 1, 1, 2) / det,
        ],
        [
            -c(1, 0, 2, 2) / det,
            c(0, 0, 2, 2) / det,
            -c(0, 0, 1, 2) / det,
        ],
        [
            c(1, 0, 2, 1) / det,
            -c(0, 0, 2, 1) / det,
            c(0, 0, 1, 1) / det,
        ],
    ])
}

/// A screen replay: the frame shown on a display filmed by the camera: gamma lift, a moiré
/// interference pattern (two slightly rotated line gratings), and a dark bezel around a
/// slightly shrunk picture.
pub fn screen_replay(src: &RgbImage) -> RgbImage {
    let (w, h) = (src.width(), src.height());
    let shrink = photo_pose(w, h, 0.0, 0.0, 0.0, 0.85, 0.0, 0.0, 1e6);
    let shown = warp(src, &shrink, [18, 18, 20]);
    let mut data = shown.into_raw();
    let border_x = w as f32 * 0.075;
    let border_y = h as f32 * 0.075;
    for y in 0..h {
        for x in 0..w {
            let inside = (x as f32) > border_x
                && (x as f32) < w as f32 - border_x
                && (y as f32) > border_y
                && (y as f32) < h as f32 - border_y;
            if !inside {
                continue;
            }
            let (fx, fy) = (x as f32, y as f32);
            let a = (fx * 0.9 + fy * 0.12)
                .mul_add(std::f32::consts::TAU / 3.1, 0.0)
                .cos();
            let b = (fx * 0.88 - fy * 0.1)
                .mul_add(std::f32::consts::TAU / 3.0, 0.0)
                .cos();
            let moire = 1.0 + 0.12 * a * b;
            let o = (y as usize * w as usize + x as usize) * 3;
            for c in 0..3 {
                let v = data[o + c] as f32 / 255.0;
                let lifted = v.powf(0.8) * 0.9 + 0.06;
                data[o + c] = round_u8(lifted * moire * 255.0);
            }
        }
    }
    image_from_bytes(w, h, &data)
}

/// A cut-out attack: `photo` with the rectangle `[x0, y0, x1, y1)` (the eye band) replaced by
/// the same rectangle of `closed` (a closed-eye frame of the same clip).
pub fn cut_out(photo: &RgbImage, closed: &RgbImage, rect: [u32; 4]) -> RgbImage {
    let mut data = photo.as_bytes().to_vec();
    let w = photo.width() as usize;
    let src = closed.as_bytes();
    for y in rect[1]..rect[3].min(photo.height()) {
        for x in rect[0]..rect[2].min(photo.width()) {
            let o = (y as usize * w + x as usize) * 3;
            data[o..o + 3].copy_from_slice(&src[o..o + 3]);
        }
    }
    image_from_bytes(photo.width(), photo.height(), &data)
}

/// Sensor noise (±3 levels) and a hand's sub-pixel tremor on a still picture at time `t` ms.
pub fn handheld(image: &RgbImage, rng: &mut Rng, t: i64) -> RgbImage {
    let a = t as f32 / 1000.0;
    let pose = photo_pose(
        image.width(),
        image.height(),
        1.5 * (a * 2.1).sin(),
        1.0 * (a * 1.7).cos(),
        0.4 * (a * 1.3).sin(),
        1.0,
        0.0,
        0.0,
        1e6,
    );
    let mut out = warp(image, &pose, [30, 30, 30]).into_raw();
    for v in out.iter_mut() {
        let n = rng.uniform(-3.0, 3.0);
        *v = round_u8(*v as f32 + n);
    }
    image_from_bytes(image.width(), image.height(), &out)
}
