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
            for row in 0..8 {
                if row != col {
                    let f = a[row][col] / a[col][col];
                    for k in col..9 {
                        a[row][k] -= f * a[col][k];
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
/// (the map sends output pixel centres to image coordinates); samples outside read black.
pub fn warp_rgb(image: &RgbImage, map: &Homography, width: u32, height: u32, out: &mut RgbImage) {
    out.resize(width, height);
    let (iw, ih) = (image.width() as i64, image.height() as i64);
    let src = image.as_bytes();
    let dst = out.as_bytes_mut();
    for v in 0..height as usize {
        for u in 0..width as usize {
            let p = map.apply(Point::new(u as f32 + 0.5, v as f32 + 0.5));
            let (sx, sy) = (p.x - 0.5, p.y - 0.5);
            let (x0, y0) = (sx.floor(), sy.floor());
            let (fx, fy) = (sx - x0, sy - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let mut acc = [0f32; 3];
            for (dy, wy) in [(0i64, 1.0 - fy), (1, fy)] {
                let yy = (y0 + dy).clamp(0, ih - 1);
                for (dx, wx) in [(0i64, 1.0 - fx), (1, fx)] {
                    let xx = (x0 + dx).clamp(0, iw - 1);
                    let outside = y0 + dy < -1 || y0 + dy > ih || x0 + dx < -1 || x0 + dx > iw;
                    if outside {
                        continue;
                    }
                    let i = (yy * iw + xx) as usize * 3;
                    let wgt = wx * wy;
                    acc[0] += wgt * src[i] as f32;
                    acc[1] += wgt * src[i + 1] as f32;
                    acc[2] += wgt * src[i + 2] as f32;
                }
            }
            let o = (v * width as usize + u) * 3;
            for c in 0..3 {
                dst[o + c] = acc[c].round().clamp(0.0, 255.0) as u8;
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
