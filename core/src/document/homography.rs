//! The plane-to-plane map between the rectified document and the photo, and the warp that
//! produces the rectified document.

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
