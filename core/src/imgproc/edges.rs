//! Colour edges: the Sobel gradient of the channel that changes most at each pixel (so a card
//! on a table of the same brightness but another hue still has an edge), thinned by
//! non-maximum suppression and kept above an adaptive threshold.

use super::plane::{smooth_121, Plane};
use crate::frame::RgbImage;

/// Marks "no edge" in [`EdgeMap::angle`].
pub const NO_EDGE: u8 = u8::MAX;

/// Thin edges with their gradient direction.
#[derive(Debug, Clone, Default)]
pub struct EdgeMap {
    pub width: usize,
    pub height: usize,
    /// Gradient direction modulo 180°, in whole degrees (0..180), or [`NO_EDGE`].
    pub angle: Vec<u8>,
    /// Gradient magnitude (Sobel, 8-bit intensities), every pixel.
    pub magnitude: Vec<f32>,
    /// Signed gradient components, every pixel.
    pub gx: Vec<f32>,
    pub gy: Vec<f32>,
}

/// Reusable buffers for [`detect_edges`].
#[derive(Debug, Default)]
pub struct EdgeScratch {
    channels: [Plane; 3],
    smooth: Vec<f32>,
}

/// Edges of `image` (already at working resolution). `min_magnitude` is the floor of the
/// threshold; `max_edge_fraction` caps the share of pixels kept, so textured clutter raises
/// the threshold.
pub fn detect_edges(
    image: &RgbImage,
    min_magnitude: f32,
    max_edge_fraction: f32,
    scratch: &mut EdgeScratch,
    out: &mut EdgeMap,
) {
    let (w, h) = (image.width() as usize, image.height() as usize);
    for (c, plane) in scratch.channels.iter_mut().enumerate() {
        plane.reset(w, h);
        for (o, px) in plane.data.iter_mut().zip(image.as_bytes().chunks_exact(3)) {
            *o = px[c] as f32;
        }
        smooth_121(plane, &mut scratch.smooth);
    }
    out.width = w;
    out.height = h;
    for v in [&mut out.magnitude, &mut out.gx, &mut out.gy] {
        v.clear();
        v.resize(w * h, 0.0);
    }
    out.angle.clear();
    out.angle.resize(w * h, NO_EDGE);
    if w < 3 || h < 3 {
        return;
    }
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let mut best = (0f32, 0f32, 0f32);
            for plane in &scratch.channels {
                let p = |dx: isize, dy: isize| {
                    plane.data[(y as isize + dy) as usize * w + (x as isize + dx) as usize]
                };
                let gx =
                    (p(1, -1) + 2.0 * p(1, 0) + p(1, 1)) - (p(-1, -1) + 2.0 * p(-1, 0) + p(-1, 1));
                let gy =
                    (p(-1, 1) + 2.0 * p(0, 1) + p(1, 1)) - (p(-1, -1) + 2.0 * p(0, -1) + p(1, -1));
                let m = gx * gx + gy * gy;
                if m > best.0 {
                    best = (m, gx, gy);
                }
            }
            let i = y * w + x;
            out.magnitude[i] = best.0.sqrt();
            out.gx[i] = best.1;
            out.gy[i] = best.2;
        }
    }
    let threshold = adaptive_threshold(&out.magnitude, min_magnitude, max_edge_fraction);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let i = y * w + x;
            let m = out.magnitude[i];
            if m < threshold {
                continue;
            }
            // Non-maximum suppression across the edge (direction quantised to 4 neighbours).
            let (gx, gy) = (out.gx[i], out.gy[i]);
            let (dx, dy): (isize, isize) = if gx.abs() > 2.4 * gy.abs() {
                (1, 0)
            } else if gy.abs() > 2.4 * gx.abs() {
                (0, 1)
            } else if gx * gy > 0.0 {
                (1, 1)
            } else {
                (1, -1)
            };
            let a = out.magnitude[((y as isize + dy) as usize) * w + (x as isize + dx) as usize];
            let b = out.magnitude[((y as isize - dy) as usize) * w + (x as isize - dx) as usize];
            if m >= a && m > b {
                let deg = gy.atan2(gx).to_degrees().rem_euclid(180.0);
                out.angle[i] = (deg.round() as u32 % 180) as u8;
            }
        }
    }
}

/// The larger of `floor` and the magnitude above which only `max_fraction` of pixels lie.
fn adaptive_threshold(magnitude: &[f32], floor: f32, max_fraction: f32) -> f32 {
    const BINS: usize = 512;
    const TOP: f32 = 2048.0;
    let mut histogram = [0u32; BINS];
    for &m in magnitude {
        histogram[((m / TOP * BINS as f32) as usize).min(BINS - 1)] += 1;
    }
    let allowed = (magnitude.len() as f32 * max_fraction) as u64;
    let mut above = 0u64;
    for bin in (0..BINS).rev() {
        above += histogram[bin] as u64;
        if above > allowed {
            return floor.max((bin + 1) as f32 * TOP / BINS as f32);
        }
    }
    floor
}
