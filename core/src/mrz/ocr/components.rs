//! Dark blobs on a light background: adaptive threshold against the local mean (integral
//! image), then 8-connected components with their bounding boxes.

use super::gray::Gray;

/// One connected dark blob.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Component {
    pub x0: usize,
    pub y0: usize,
    /// Exclusive.
    pub x1: usize,
    pub y1: usize,
    pub pixels: usize,
}

impl Component {
    pub fn width(&self) -> usize {
        self.x1 - self.x0
    }
    pub fn height(&self) -> usize {
        self.y1 - self.y0
    }
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) as f32 / 2.0
    }
    pub fn cy(&self) -> f32 {
        (self.y0 + self.y1) as f32 / 2.0
    }
}

/// How much darker than its neighbourhood a pixel must be to count as ink.
const CONTRAST: i64 = 12;

/// Ink mask: darker than the mean of a (2r+1)² window by `CONTRAST` grey levels.
pub fn binarize(gray: &Gray, radius: usize) -> Vec<bool> {
    let (w, h) = (gray.width, gray.height);
    let mut integral = vec![0i64; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0i64;
        for x in 0..w {
            row += i64::from(gray.data[y * w + x]);
            integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
        }
    }
    let mut mask = vec![false; w * h];
    for y in 0..h {
        let (ya, yb) = (y.saturating_sub(radius), (y + radius + 1).min(h));
        for x in 0..w {
            let (xa, xb) = (x.saturating_sub(radius), (x + radius + 1).min(w));
            let sum = integral[yb * (w + 1) + xb]
                - integral[ya * (w + 1) + xb]
                - integral[yb * (w + 1) + xa]
                + integral[ya * (w + 1) + xa];
            let count = ((yb - ya) * (xb - xa)) as i64;
            mask[y * w + x] = i64::from(gray.data[y * w + x]) * count < sum - CONTRAST * count;
        }
    }
    mask
}

/// 8-connected components of the mask.
pub fn components(mask: &[bool], width: usize, height: usize) -> Vec<Component> {
    let mut seen = vec![false; mask.len()];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    for start in 0..mask.len() {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (sx, sy) = (start % width, start / width);
        let mut c = Component {
            x0: sx,
            y0: sy,
            x1: sx + 1,
            y1: sy + 1,
            pixels: 0,
        };
        while let Some(i) = stack.pop() {
            let (x, y) = (i % width, i / width);
            c.pixels += 1;
            c.x0 = c.x0.min(x);
            c.y0 = c.y0.min(y);
            c.x1 = c.x1.max(x + 1);
            c.y1 = c.y1.max(y + 1);
            for ny in y.saturating_sub(1)..(y + 2).min(height) {
                for nx in x.saturating_sub(1)..(x + 2).min(width) {
                    let j = ny * width + nx;
                    if mask[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        out.push(c);
    }
    out
}
