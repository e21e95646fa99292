//! A grey-level working copy of the photo: downscaled so the MRZ search stays fast, or
//! rectified from the document's quadrilateral.

use crate::frame::RgbImage;
use crate::imgproc::plane::luma;
use crate::math::Point;

/// Longest side of the working image: MRZ characters stay above ~12 px on a document that
/// fills the frame, and a full search stays in a few milliseconds.
pub const MAX_SIDE: usize = 1600;

/// 8-bit grey image, row-major.
#[derive(Debug, Clone)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub data: Vec<u8>,
}

impl Gray {
    /// The photo in grey, box-downscaled by the smallest integer factor that brings its
    /// longest side to `MAX_SIDE` or less. Also returns that factor.
    pub fn from_rgb(image: &RgbImage) -> (Gray, usize) {
        let (w, h) = (image.width() as usize, image.height() as usize);
        let factor = w.max(h).div_ceil(MAX_SIDE).max(1);
        let (gw, gh) = (w / factor, h / factor);
        let bytes = image.as_bytes();
        let mut data = vec![0u8; gw * gh];
        let norm = 1.0 / (factor * factor) as f32;
        for gy in 0..gh {
            for gx in 0..gw {
                let mut sum = 0.0;
                for y in gy * factor..(gy + 1) * factor {
                    let row = y * w * 3;
                    for x in gx * factor..(gx + 1) * factor {
                        let i = row + x * 3;
                        sum += luma([bytes[i], bytes[i + 1], bytes[i + 2]]);
                    }
                }
                data[gy * gw + gx] = (sum * norm).round().clamp(0.0, 255.0) as u8;
            }
        }
        (
            Gray {
                width: gw,
                height: gh,
                data,
            },
            factor,
        )
    }

    /// The image turned a quarter: clockwise (what was the left edge is now the top) or
    /// counter-clockwise.
    pub fn quarter_turned(&self, clockwise: bool) -> Gray {
        let (w, h) = (self.width, self.height);
        let mut data = vec![0u8; w * h];
        // The turned image is h wide and w high.
        for y in 0..w {
            for x in 0..h {
                let (sx, sy) = if clockwise {
                    (y, h - 1 - x)
                } else {
                    (w - 1 - y, x)
                };
                data[y * h + x] = self.data[sy * w + sx];
            }
        }
        Gray {
            width: h,
            height: w,
            data,
        }
    }

    /// Bilinear sample, clamped at the borders.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let x = x.clamp(0.0, (self.width - 1) as f32);
        let y = y.clamp(0.0, (self.height - 1) as f32);
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let at = |x: usize, y: usize| f32::from(self.data[y * self.width + x]);
        let top = at(x0, y0) * (1.0 - fx) + at(x1, y0) * fx;
        let bottom = at(x0, y1) * (1.0 - fx) + at(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }
}

/// Projective map from the unit square onto a quadrilateral (Heckbert's square-to-quad):
/// (0,0) → q[0], (1,0) → q[1], (1,1) → q[2], (0,1) → q[3].
#[derive(Debug, Clone, Copy)]
pub struct SquareToQuad {
    m: [f32; 8],
}

impl SquareToQuad {
    pub fn new(q: [Point; 4]) -> Option<SquareToQuad> {
        let (x0, y0, x1, y1) = (q[0].x, q[0].y, q[1].x, q[1].y);
        let (x2, y2, x3, y3) = (q[2].x, q[2].y, q[3].x, q[3].y);
        let (dx1, dx2, dx3) = (x1 - x2, x3 - x2, x0 - x1 + x2 - x3);
        let (dy1, dy2, dy3) = (y1 - y2, y3 - y2, y0 - y1 + y2 - y3);
        let det = dx1 * dy2 - dx2 * dy1;
        if det.abs() < 1e-6 {
            return None;
        }
        let g = (dx3 * dy2 - dx2 * dy3) / det;
        let h = (dx1 * dy3 - dx3 * dy1) / det;
        let m = [
            x1 - x0 + g * x1,
            x3 - x0 + h * x3,
            x0,
            y1 - y0 + g * y1,
            y3 - y0 + h * y3,
            y0,
            g,
            h,
        ];
        m.iter()
            .all(|v| v.is_finite())
            .then_some(SquareToQuad { m })
    }

    pub fn map(&self, u: f32, v: f32) -> Point {
        let m = &self.m;
        let w = m[6] * u + m[7] * v + 1.0;
        Point {
            x: (m[0] * u + m[1] * v + m[2]) / w,
            y: (m[3] * u + m[4] * v + m[5]) / w,
        }
    }
}

/// The document inside `quad` (top-left, top-right, bottom-right, bottom-left, in image
/// pixels) as an upright grey image, `None` for a degenerate quadrilateral.
pub fn rectify(image: &RgbImage, quad: [Point; 4]) -> Option<(Gray, SquareToQuad)> {
    let map = SquareToQuad::new(quad)?;
    let width = quad[0].distance(quad[1]).max(quad[3].distance(quad[2]));
    let height = quad[0].distance(quad[3]).max(quad[1].distance(quad[2]));
    if !(width >= 16.0 && height >= 16.0) {
        return None;
    }
    let scale = (MAX_SIDE as f32 / width.max(height)).min(1.0);
    let (gw, gh) = ((width * scale) as usize, (height * scale) as usize);
    let (iw, ih) = (image.width() as usize, image.height() as usize);
    let bytes = image.as_bytes();
    let mut data = vec![255u8; gw * gh];
    for y in 0..gh {
        for x in 0..gw {
            let p = map.map((x as f32 + 0.5) / gw as f32, (y as f32 + 0.5) / gh as f32);
            if p.x >= 0.0 && p.y >= 0.0 && (p.x as usize) < iw && (p.y as usize) < ih {
                let i = (p.y as usize * iw + p.x as usize) * 3;
                data[y * gw + x] = luma([bytes[i], bytes[i + 1], bytes[i + 2]]) as u8;
            }
        }
    }
    Some((
        Gray {
            width: gw,
            height: gh,
            data,
        },
        map,
    ))
}
