//! Pixel-level planarity: align the frontal face crop to a turned one with the best single
//! homography (Gauss-Newton on the 8 homography parameters plus gain and bias, started from the
//! landmark fit) and measure how well it explains the pixels (normalised cross-correlation over
//! the face). A flat photo or screen is explained almost exactly; a turning head is not (the nose
//! moves across the cheek, one cheek is hidden). Unlike the landmark residual of
//! [`crate::liveness::depth`], this does not depend on FaceMesh's 3-D face prior.

use crate::face::FaceMesh;
use crate::frame::RgbImage;
use crate::imgproc::homography::{fit_homography, mul3, solve};
use crate::imgproc::plane::{box_blur, luma};
use crate::math::Point;

/// Side of the stored grey face crop.
pub const CROP: usize = 64;

/// A grey face crop with the mesh points in crop pixels.
#[derive(Debug, Clone, Default)]
pub struct FaceCrop {
    pub pixels: Vec<f32>,
    pub points: Vec<Point>,
}

impl FaceCrop {
    /// The square around the mesh points (×1.1), resampled to `CROP`², box-smoothed once.
    pub fn from_mesh(image: &RgbImage, mesh: &FaceMesh) -> Option<FaceCrop> {
        let pts: Vec<Point> = mesh.points.iter().map(|p| p.xy()).collect();
        if pts.len() < 468 {
            return None;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in &pts {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        let side = 1.1 * (x1 - x0).max(y1 - y0);
        if !(side.is_finite() && side > 8.0) {
            return None;
        }
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let s = side / CROP as f32;
        let (ox, oy) = (cx - side / 2.0, cy - side / 2.0);
        let mut pixels = vec![0f32; CROP * CROP];
        for v in 0..CROP {
            for u in 0..CROP {
                let x = ox + (u as f32 + 0.5) * s - 0.5;
                let y = oy + (v as f32 + 0.5) * s - 0.5;
                pixels[v * CROP + u] = grey_at(image, x, y);
            }
        }
        let pixels = box_blur(&pixels, CROP, CROP, 1);
        let points = pts
            .iter()
            .map(|p| Point::new((p.x - ox) / s - 0.5, (p.y - oy) / s - 0.5))
            .collect();
        Some(FaceCrop { pixels, points })
    }
}

fn grey_at(image: &RgbImage, x: f32, y: f32) -> f32 {
    let (w, h) = (image.width() as i64, image.height() as i64);
    let xi = (x.round() as i64).clamp(0, w - 1) as u32;
    let yi = (y.round() as i64).clamp(0, h - 1) as u32;
    luma(image.pixel(xi, yi))
}

/// One level of the crop pyramid: `size`² grey pixels.
struct Level<'a> {
    size: usize,
    pixels: &'a [f32],
}

/// Bilinear sample with its gradient; `None` outside.
fn sample(img: &Level<'_>, x: f32, y: f32) -> Option<(f32, f32, f32)> {
    let n = img.size;
    if !(x >= 0.0 && y >= 0.0 && x < (n - 1) as f32 && y < (n - 1) as f32) {
        return None;
    }
    let (x0, y0) = (x.floor() as usize, y.floor() as usize);
    let (ax, ay) = (x - x0 as f32, y - y0 as f32);
    let p = |u: usize, v: usize| img.pixels[v * n + u];
    let value = p(x0, y0) * (1.0 - ax) * (1.0 - ay)
        + p(x0 + 1, y0) * ax * (1.0 - ay)
        + p(x0, y0 + 1) * (1.0 - ax) * ay
        + p(x0 + 1, y0 + 1) * ax * ay;
    let gx = (p(x0 + 1, y0) - p(x0, y0)) * (1.0 - ay) + (p(x0 + 1, y0 + 1) - p(x0, y0 + 1)) * ay;
    let gy = (p(x0, y0 + 1) - p(x0, y0)) * (1.0 - ax) + (p(x0 + 1, y0 + 1) - p(x0 + 1, y0)) * ax;
    Some((value, gx, gy))
}

/// Half the size by 2×2 averages.
fn downsample(src: &[f32], size: usize) -> Vec<f32> {
    let half = size / 2;
    let mut out = vec![0f32; half * half];
    for v in 0..half {
        for u in 0..half {
            let i = 2 * v * size + 2 * u;
            out[v * half + u] = 0.25 * (src[i] + src[i + 1] + src[i + size] + src[i + size + 1]);
        }
    }
    out
}

/// The homography `h` (8 parameters, h₂₂ = 1) between crops of one size, expressed between the
/// same crops resampled by `scale` (pixel centres: x' = (x + ½)·scale − ½).
fn rescale(h: &[f64; 8], scale: f64) -> Option<[f64; 8]> {
    let c = 0.5 * scale - 0.5;
    let m = [[h[0], h[1], h[2]], [h[3], h[4], h[5]], [h[6], h[7], 1.0]];
    let s = [[scale, 0.0, c], [0.0, scale, c], [0.0, 0.0, 1.0]];
    let s_inv = [
        [1.0 / scale, 0.0, -c / scale],
        [0.0, 1.0 / scale, -c / scale],
        [0.0, 0.0, 1.0],
    ];
    let out = mul3(&s, &mul3(&m, &s_inv));
    let w = out[2][2];
    let n = |r: usize, k: usize| out[r][k] / w;
    (w.abs() > 1e-12).then(|| {
        [
            n(0, 0),
            n(0, 1),
            n(0, 2),
            n(1, 0),
            n(1, 1),
            n(1, 2),
            n(2, 0),
            n(2, 1),
        ]
    })
}

/// Face region of the frontal crop: inside the ellipse inscribed in the points' box, at 90 %;
/// (x, y, grey) at the level's scale.
fn face_mask(frontal: &Level<'_>, points: &[Point]) -> Vec<(f32, f32, f32)> {
    let scale = frontal.size as f32 / CROP as f32;
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in points {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let to_level = |v: f32| (v + 0.5) * scale - 0.5;
    let (cx, cy) = (to_level((x0 + x1) / 2.0), to_level((y0 + y1) / 2.0));
    let (rx, ry) = (0.45 * (x1 - x0) * scale, 0.45 * (y1 - y0) * scale);
    (0..frontal.size * frontal.size)
        .filter_map(|i| {
            let (u, v) = ((i % frontal.size) as f32, (i / frontal.size) as f32);
            let e = ((u - cx) / rx).powi(2) + ((v - cy) / ry).powi(2);
            (e <= 1.0).then_some((u, v, frontal.pixels[i]))
        })
        .collect()
}

/// Levenberg-Marquardt on the photometric residual from `start`: a step is kept only when it
/// lowers the error. Returns the parameters (8 homography, gain, bias) and the error.
fn refine(
    start: [f64; 10],
    mask: &[(f32, f32, f32)],
    turned: &Level<'_>,
    iterations: usize,
) -> Option<([f64; 10], f64)> {
    let mut params = start;
    let mut lambda = 1e-3;
    let mut current = normal_equations(&params, mask, turned)?;
    for _ in 0..iterations {
        let (ata, atb, err) = &current;
        let mut damped = *ata;
        for (k, row) in damped.iter_mut().enumerate() {
            row[k] *= 1.0 + lambda;
            row[k] += 1e-9;
        }
        let Some(step) = solve(damped, *atb) else {
            break;
        };
        let mut next = params;
        for (p, d) in next.iter_mut().zip(step) {
            *p += d;
        }
        match normal_equations(&next, mask, turned) {
            Some(eq) if eq.2 < *err => {
                let small = step[..8].iter().map(|v| v.abs()).fold(0.0, f64::max) < 1e-7;
                params = next;
                current = eq;
                lambda = (lambda / 3.0).max(1e-7);
                if small {
                    break;
                }
            }
            _ => {
                lambda *= 5.0;
                if lambda > 1e6 {
                    break;
                }
            }
        }
    }
    Some((params, current.2))
}

/// Pyramid levels below the 64² crop: 32² and 16².
const COARSE_LEVELS: u32 = 2;

/// NCC (−1..1) of the frontal crop's face region against the turned crop after the best
/// homography; `None` when the fit fails or too little of the face stays in view.
///
/// The fit runs coarse to fine (16², 32², 64²), from two starts, and the better explanation
/// counts (any homography that explains the pixels shows the scene is flat): the landmark
/// homography and the landmark affine fit. FaceMesh bends its points on a strongly swung photo
/// toward its 3-D face prior; from that start a fit at full resolution alone stalls in a local
/// minimum, at 16² the basin is four times wider, and the affine start is less bent.
pub fn planar_fit_ncc(frontal: &FaceCrop, turned: &FaceCrop) -> Option<f32> {
    let mut pyramid = vec![(frontal.pixels.clone(), turned.pixels.clone(), CROP)];
    for _ in 0..COARSE_LEVELS {
        let (f, t, size) = pyramid.last()?;
        pyramid.push((downsample(f, *size), downsample(t, *size), size / 2));
    }
    let landmark_fit = fit_homography(&frontal.points, &turned.points)
        .map(|h| [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]]);
    [landmark_fit, affine_fit(&frontal.points, &turned.points)]
        .iter()
        .flatten()
        .filter_map(|start| fit_pyramid(start, &pyramid, &frontal.points))
        .reduce(f32::max)
}

/// One coarse-to-fine fit from `start` (a homography between the full-size crops); the NCC at
/// full size.
fn fit_pyramid(
    start: &[f64; 8],
    pyramid: &[(Vec<f32>, Vec<f32>, usize)],
    points: &[Point],
) -> Option<f32> {
    let h = rescale(start, 1.0 / f64::from(1u32 << COARSE_LEVELS))?;
    let mut params = [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0, 0.0];
    let mut mask = Vec::new();
    let mut turned_full = None;
    for (index, (f, t, size)) in pyramid.iter().enumerate().rev() {
        let frontal_level = Level {
            size: *size,
            pixels: f,
        };
        let turned_level = Level {
            size: *size,
            pixels: t,
        };
        mask = face_mask(&frontal_level, points);
        if mask.len() < 24 {
            return None;
        }
        params = refine(params, &mask, &turned_level, 60)?.0;
        if index > 0 {
            let mut h = [0f64; 8];
            h.copy_from_slice(&params[..8]);
            params[..8].copy_from_slice(&rescale(&h, 2.0)?);
        } else {
            turned_full = Some(turned_level);
        }
    }
    let turned_full = turned_full?;
    if mask.len() < 200 {
        return None;
    }
    let h = &params[..8];
    // NCC of template and warped image over the pixels still in view.
    let (mut a, mut b) = (
        Vec::with_capacity(mask.len()),
        Vec::with_capacity(mask.len()),
    );
    for &(x, y, t) in &mask {
        let (xd, yd) = (x as f64, y as f64);
        let w = h[6] * xd + h[7] * yd + 1.0;
        let xp = (h[0] * xd + h[1] * yd + h[2]) / w;
        let yp = (h[3] * xd + h[4] * yd + h[5]) / w;
        if let Some((value, _, _)) = sample(&turned_full, xp as f32, yp as f32) {
            a.push(t);
            b.push(value);
        }
    }
    if a.len() < mask.len() / 2 {
        return None;
    }
    Some(ncc(&a, &b))
}

/// Least-squares affine map `from` → `to` as homography parameters (h₂₀ = h₂₁ = 0).
fn affine_fit(from: &[Point], to: &[Point]) -> Option<[f64; 8]> {
    if from.len() != to.len() || from.len() < 3 {
        return None;
    }
    let mut ata = [[0f64; 3]; 3];
    let (mut bx, mut by) = ([0f64; 3], [0f64; 3]);
    for (p, q) in from.iter().zip(to) {
        let row = [p.x as f64, p.y as f64, 1.0];
        for a in 0..3 {
            bx[a] += row[a] * q.x as f64;
            by[a] += row[a] * q.y as f64;
            for b in 0..3 {
                ata[a][b] += row[a] * row[b];
            }
        }
    }
    let x = solve(ata, bx)?;
    let y = solve(ata, by)?;
    Some([x[0], x[1], x[2], y[0], y[1], y[2], 0.0, 0.0])
}

type Normal = ([[f64; 10]; 10], [f64; 10], f64);

/// Normal equations of the photometric residual (8 homography parameters, gain, bias) and the
/// mean squared error; `None` when less than half the face stays in view.
fn normal_equations(
    params: &[f64; 10],
    mask: &[(f32, f32, f32)],
    turned: &Level<'_>,
) -> Option<Normal> {
    let h = &params[..8];
    let (gain, bias) = (params[8], params[9]);
    let mut ata = [[0f64; 10]; 10];
    let mut atb = [0f64; 10];
    let (mut sse, mut used) = (0.0, 0usize);
    for &(x, y, t) in mask {
        let (xd, yd) = (x as f64, y as f64);
        let w = h[6] * xd + h[7] * yd + 1.0;
        let xp = (h[0] * xd + h[1] * yd + h[2]) / w;
        let yp = (h[3] * xd + h[4] * yd + h[5]) / w;
        let Some((value, gx, gy)) = sample(turned, xp as f32, yp as f32) else {
            continue;
        };
        used += 1;
        let (gx, gy) = (gx as f64, gy as f64);
        let r = value as f64 - (gain * t as f64 + bias);
        sse += r * r;
        let j = [
            gx * xd / w,
            gx * yd / w,
            gx / w,
            gy * xd / w,
            gy * yd / w,
            gy / w,
            -(gx * xp + gy * yp) * xd / w,
            -(gx * xp + gy * yp) * yd / w,
            -(t as f64),
            -1.0,
        ];
        for a in 0..10 {
            atb[a] -= j[a] * r;
            for b in 0..10 {
                ata[a][b] += j[a] * j[b];
            }
        }
    }
    // Pixels leaving the view must not lower the error: count them at a large residual.
    let missing = mask.len() - used;
    (used * 2 >= mask.len()).then(|| {
        (
            ata,
            atb,
            (sse + missing as f64 * 2500.0) / mask.len() as f64,
        )
    })
}

fn ncc(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len() as f32;
    let (ma, mb) = (a.iter().sum::<f32>() / n, b.iter().sum::<f32>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    if saa <= 0.0 || sbb <= 0.0 {
        return 0.0;
    }
    sab / (saa * sbb).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A smooth texture sampled through an output → source map.
    fn crop(map: impl Fn(f32, f32) -> (f32, f32), points: &[Point]) -> FaceCrop {
        let texture = |x: f32, y: f32| 128.0 + 60.0 * (x * 0.31).sin() * (y * 0.23).cos() + 0.8 * x;
        let pixels = (0..CROP * CROP)
            .map(|i| {
                let (x, y) = map((i % CROP) as f32, (i / CROP) as f32);
                texture(x, y)
            })
            .collect();
        FaceCrop {
            pixels,
            points: points.to_vec(),
        }
    }

    #[test]
    fn rescaled_homography_maps_the_rescaled_points() {
        let h = [1.05, 0.02, 3.0, -0.03, 0.97, -2.0, 1e-4, -2e-4];
        let apply = |h: &[f64; 8], x: f64, y: f64| {
            let w = h[6] * x + h[7] * y + 1.0;
            (
                (h[0] * x + h[1] * y + h[2]) / w,
                (h[3] * x + h[4] * y + h[5]) / w,
            )
        };
        let to = |v: f64, s: f64| (v + 0.5) * s - 0.5;
        for scale in [0.25, 0.5, 2.0] {
            let hs = rescale(&h, scale).unwrap();
            for (x, y) in [(0.0, 0.0), (40.0, 10.0), (63.0, 63.0), (20.0, 50.0)] {
                let (xp, yp) = apply(&h, x, y);
                let (xs, ys) = apply(&hs, to(x, scale), to(y, scale));
                assert!((xs - to(xp, scale)).abs() < 1e-9 && (ys - to(yp, scale)).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn a_plane_is_explained_a_local_bulge_is_not() {
        let grid: Vec<Point> = (0..49)
            .map(|i| Point::new(14.0 + (i % 7) as f32 * 6.0, 14.0 + (i / 7) as f32 * 6.0))
            .collect();
        let frontal = crop(|x, y| (x, y), &grid);
        // The same plane shifted by 1.5 px and scaled 1.03: the landmarks follow.
        let moved: Vec<Point> = grid
            .iter()
            .map(|p| Point::new(p.x * 1.03 + 1.5, p.y * 1.03 + 1.0))
            .collect();
        let plane = crop(|x, y| ((x - 1.5) / 1.03, (y - 1.0) / 1.03), &moved);
        let ncc = planar_fit_ncc(&frontal, &plane).unwrap();
        assert!(ncc > 0.98, "{ncc}");
        // A "nose": the centre of the texture slides sideways while the landmarks do not.
        let bulge = crop(
            |x, y| {
                let d2 = (x - 32.0).powi(2) + (y - 32.0).powi(2);
                (x - 6.0 * (-d2 / 120.0).exp(), y)
            },
            &grid,
        );
        let ncc_bulge = planar_fit_ncc(&frontal, &bulge).unwrap();
        assert!(ncc_bulge < ncc, "{ncc_bulge} vs {ncc}");
    }
}
