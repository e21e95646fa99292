//! Plane-to-plane maps: the exact map of four point pairs (the document outline), the
//! least-squares fit of many (landmarks, pixels), the linear solve behind it, and the warp
//! through such a map.

use crate::frame::RgbImage;
use crate::math::Point;

/// A 3×3 projective map (row-major, `h[8]` normalised to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homography {
    pub h: [f32; 9],
}

impl Homography {
    /// The map sending `from[i]` to `to[i]` (four points, no three collinear); `None` when
    /// degenerate.
    pub fn from_points(from: &[Point; 4], to: &[Point; 4]) -> Option<Homography> {
        // 8 unknowns h0..h7 (h8 = 1): two equations per correspondence.
        let mut a = [[0f64; 9]; 8];
        for i in 0..4 {
            let (x, y) = (from[i].x as f64, from[i].y as f64);
            let (u, v) = (to[i].x as f64, to[i].y as f64);
            a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
            a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
        }
        for col in 0..8 {
            let pivot = (col..8).max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))?;
            if a[pivot][col].abs() < 1e-9 {
                return None;
            }
            a.swap(col, pivot);
            let pivot_row = a[col];
            for (r, row) in a.iter_mut().enumerate() {
                if r != col {
                    let f = row[col] / pivot_row[col];
                    for (value, p) in row.iter_mut().zip(pivot_row.iter()).skip(col) {
                        *value -= f * p;
                    }
                }
            }
        }
        let mut h = [1f32; 9];
        for i in 0..8 {
            h[i] = (a[i][8] / a[i][i]) as f32;
        }
        h.iter().all(|v| v.is_finite()).then_some(Homography { h })
    }

    pub fn apply(&self, p: Point) -> Point {
        let h = &self.h;
        let w = h[6] * p.x + h[7] * p.y + h[8];
        let w = if w.abs() < 1e-9 { 1e-9 } else { w };
        Point::new(
            (h[0] * p.x + h[1] * p.y + h[2]) / w,
            (h[3] * p.x + h[4] * p.y + h[5]) / w,
        )
    }
}

/// The least-squares homography (DLT with Hartley normalisation) mapping `from` onto `to`, as
/// row-major `[h0..h8]` in pixel coordinates with h8 = 1. `None` with fewer than 5 pairs or a
/// degenerate fit.
pub fn fit_homography(from: &[Point], to: &[Point]) -> Option<[f64; 9]> {
    let n = from.len().min(to.len());
    if n < 5 {
        return None;
    }
    let (fa, fb) = (normaliser(&from[..n])?, normaliser(&to[..n])?);
    // Unknowns h0..h7 with h8 = 1: for each pair two equations, accumulated in normal form.
    let mut ata = [[0f64; 8]; 8];
    let mut atb = [0f64; 8];
    for (p, q) in from[..n].iter().zip(&to[..n]) {
        let (x, y) = fa.apply(*p);
        let (u, v) = fb.apply(*q);
        let rows = [
            ([x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y], u),
            ([0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y], v),
        ];
        for (row, rhs) in rows {
            for i in 0..8 {
                atb[i] += row[i] * rhs;
                for j in 0..8 {
                    ata[i][j] += row[i] * row[j];
                }
            }
        }
    }
    let h = solve(ata, atb)?;
    // Denormalise: H = Tb⁻¹ · Hn · Ta.
    let hn = [[h[0], h[1], h[2]], [h[3], h[4], h[5]], [h[6], h[7], 1.0]];
    let ta = [
        [fa.s, 0.0, -fa.s * fa.cx],
        [0.0, fa.s, -fa.s * fa.cy],
        [0.0, 0.0, 1.0],
    ];
    let tb_inv = [
        [1.0 / fb.s, 0.0, fb.cx],
        [0.0, 1.0 / fb.s, fb.cy],
        [0.0, 0.0, 1.0],
    ];
    let m = mul3(&tb_inv, &mul3(&hn, &ta));
    let k = m[2][2];
    if k.abs() < 1e-12 || !k.is_finite() {
        return None;
    }
    let out = [
        m[0][0] / k,
        m[0][1] / k,
        m[0][2] / k,
        m[1][0] / k,
        m[1][1] / k,
        m[1][2] / k,
        m[2][0] / k,
        m[2][1] / k,
        1.0,
    ];
    out.iter().all(|v| v.is_finite()).then_some(out)
}

pub fn mul3(a: &[[f64; 3]; 3], b: &[[f64; 3]; 3]) -> [[f64; 3]; 3] {
    let mut m = [[0.0; 3]; 3];
    for (i, row) in m.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    m
}

/// RMS distance (pixels of `to`) between `to` and `from` mapped by [`fit_homography`].
pub fn homography_residual(from: &[Point], to: &[Point]) -> Option<f32> {
    let h = fit_homography(from, to)?;
    let n = from.len().min(to.len());
    let mut sum = 0f64;
    for (p, q) in from[..n].iter().zip(&to[..n]) {
        let (x, y) = (p.x as f64, p.y as f64);
        let w = h[6] * x + h[7] * y + 1.0;
        if w.abs() < 1e-9 {
            return None;
        }
        let u = (h[0] * x + h[1] * y + h[2]) / w;
        let v = (h[3] * x + h[4] * y + h[5]) / w;
        sum += (u - q.x as f64).powi(2) + (v - q.y as f64).powi(2);
    }
    Some((sum / n as f64).sqrt() as f32)
}

/// Similarity normalisation: centroid to the origin, mean distance √2.
#[derive(Debug, Clone, Copy)]
struct Normaliser {
    cx: f64,
    cy: f64,
    s: f64,
}

impl Normaliser {
    fn apply(&self, p: Point) -> (f64, f64) {
        (
            (p.x as f64 - self.cx) * self.s,
            (p.y as f64 - self.cy) * self.s,
        )
    }
}

fn normaliser(points: &[Point]) -> Option<Normaliser> {
    let n = points.len() as f64;
    let cx = points.iter().map(|p| p.x as f64).sum::<f64>() / n;
    let cy = points.iter().map(|p| p.y as f64).sum::<f64>() / n;
    let mean = points
        .iter()
        .map(|p| ((p.x as f64 - cx).powi(2) + (p.y as f64 - cy).powi(2)).sqrt())
        .sum::<f64>()
        / n;
    (mean > 1e-9 && mean.is_finite()).then(|| Normaliser {
        cx,
        cy,
        s: std::f64::consts::SQRT_2 / mean,
    })
}

/// Solves `a·x = b` by Gaussian elimination with partial pivoting of an N×N system.
pub fn solve<const N: usize>(mut a: [[f64; N]; N], mut b: [f64; N]) -> Option<[f64; N]> {
    for col in 0..N {
        let pivot = (col..N).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..N {
            let f = a[row][col] / pivot_row[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0f64; N];
    for row in (0..N).rev() {
        let s: f64 = (row + 1..N).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Fills `out` (`width`×`height`) by bilinear sampling of `image` at `map(u + 0.5, v + 0.5)`
/// (the map sends output pixel centres to image coordinates); samples outside repeat the
/// nearest border pixel. The projective numerators advance linearly along a row, so each
/// pixel costs one division.
pub fn warp_rgb(image: &RgbImage, map: &Homography, width: u32, height: u32, out: &mut RgbImage) {
    out.resize(width, height);
    let (iw, ih) = (image.width() as usize, image.height() as usize);
    let (max_x, max_y) = ((iw - 1) as f32, (ih - 1) as f32);
    let src = image.as_bytes();
    let dst = out.as_bytes_mut();
    let h = &map.h;
    for (v, row) in dst.chunks_exact_mut(width as usize * 3).enumerate() {
        let y = v as f32 + 0.5;
        let (mut nx, mut ny, mut dw) = (
            h[0] * 0.5 + h[1] * y + h[2],
            h[3] * 0.5 + h[4] * y + h[5],
            h[6] * 0.5 + h[7] * y + h[8],
        );
        for px in row.chunks_exact_mut(3) {
            let inv = if dw.abs() < 1e-9 { 0.0 } else { 1.0 / dw };
            let sx = (nx * inv - 0.5).clamp(0.0, max_x);
            let sy = (ny * inv - 0.5).clamp(0.0, max_y);
            nx += h[0];
            ny += h[3];
            dw += h[6];
            let (x0, y0) = (sx as usize, sy as usize);
            let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
            let x1 = if x0 + 1 < iw { x0 + 1 } else { x0 };
            let y1 = if y0 + 1 < ih { y0 + 1 } else { y0 };
            let (a, b) = ((y0 * iw + x0) * 3, (y0 * iw + x1) * 3);
            let (c, d) = ((y1 * iw + x0) * 3, (y1 * iw + x1) * 3);
            for k in 0..3 {
                let top = src[a + k] as f32 + (src[b + k] as f32 - src[a + k] as f32) * fx;
                let bottom = src[c + k] as f32 + (src[d + k] as f32 - src[c + k] as f32) * fx;
                px[k] = (top + (bottom - top) * fy + 0.5) as u8;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_four_points() {
        let from = [
            Point::new(0.0, 0.0),
            Point::new(100.0, 0.0),
            Point::new(100.0, 60.0),
            Point::new(0.0, 60.0),
        ];
        let to = [
            Point::new(12.0, 20.0),
            Point::new(130.0, 8.0),
            Point::new(140.0, 90.0),
            Point::new(5.0, 80.0),
        ];
        let h = Homography::from_points(&from, &to).unwrap();
        for (f, t) in from.iter().zip(&to) {
            let p = h.apply(*f);
            assert!(p.distance(*t) < 1e-2, "{p:?} vs {t:?}");
        }
    }
}
