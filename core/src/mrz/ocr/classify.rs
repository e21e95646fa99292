//! Character recognition by nearest template: each cell is cut as a window around its ink
//! (1.0 × 1.3 character pitches, 16 × 21 samples, turned with the line) and compared by cosine
//! similarity with OCR-B renderings in several print variations (`ocr_b.bin`, made by
//! `scripts/mrz-glyphs` from Debian's fonts-ocr-b).

use std::sync::OnceLock;

use super::gray::Gray;
use super::lines::LineGeometry;

/// The MRZ alphabet in template order.
pub const CHARSET: &[u8; 37] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
const GRID_W: usize = 16;
const GRID_H: usize = 21;
const FEATURES: usize = GRID_W * GRID_H;
const WINDOW_W: f32 = 1.0;
const WINDOW_H: f32 = 1.3;

static TEMPLATE_FILE: &[u8] = include_bytes!("ocr_b.bin");

/// Zero-mean, unit-length templates, `variants` per character.
struct Templates {
    variants: usize,
    data: Vec<[f32; FEATURES]>,
}

fn normalise(v: &mut [f32; FEATURES]) -> bool {
    let mean = v.iter().sum::<f32>() / FEATURES as f32;
    let mut norm = 0.0;
    for x in v.iter_mut() {
        *x -= mean;
        norm += *x * *x;
    }
    if norm <= 1e-9 {
        return false;
    }
    let inv = norm.sqrt().recip();
    v.iter_mut().for_each(|x| *x *= inv);
    true
}

fn templates() -> Option<&'static Templates> {
    static T: OnceLock<Option<Templates>> = OnceLock::new();
    T.get_or_init(|| {
        let f = TEMPLATE_FILE;
        if f.len() < 8 || &f[..4] != b"MRZT" {
            return None;
        }
        let (w, h, n, variants) = (f[4] as usize, f[5] as usize, f[6] as usize, f[7] as usize);
        if w != GRID_W || h != GRID_H || n != CHARSET.len() || f.len() != 8 + n * variants * w * h {
            log::error!("ocr_b.bin does not match the reader (run scripts/mrz-glyphs)");
            return None;
        }
        let data = f[8..]
            .chunks_exact(FEATURES)
            .map(|chunk| {
                let mut v = [0f32; FEATURES];
                for (o, &b) in v.iter_mut().zip(chunk) {
                    *o = f32::from(b) / 255.0;
                }
                normalise(&mut v);
                v
            })
            .collect();
        Some(Templates { variants, data })
    })
    .as_ref()
}

/// One OCR-B character as the reader's templates hold it: ink coverage 0-255 (255 = ink) on a
/// `width` × `height` grid that spans 1.0 × 1.3 character pitches, centred on the character's
/// ink box. For printing MRZs the reader can read back (the specimen renderer): scale the grid
/// to the pitch and centre it on the character cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OcrBGlyph {
    pub width: usize,
    pub height: usize,
    /// Row-major, `width * height` bytes.
    pub coverage: &'static [u8],
}

/// The plain-print template (variant 0) of MRZ character `c` (`0-9 A-Z <`), `None` for any
/// other byte or when the embedded template file is unusable.
pub fn ocr_b_glyph(c: u8) -> Option<OcrBGlyph> {
    templates()?;
    let index = CHARSET.iter().position(|&x| x == c)?;
    let variants = usize::from(TEMPLATE_FILE[7]);
    let start = 8 + index * variants * FEATURES;
    Some(OcrBGlyph {
        width: GRID_W,
        height: GRID_H,
        coverage: TEMPLATE_FILE.get(start..start + FEATURES)?,
    })
}

/// Grey levels of paper and ink along one line (90th and 10th percentiles of its band).
fn levels(gray: &Gray, line: &LineGeometry) -> (f32, f32) {
    let mut values = Vec::with_capacity(4096);
    let half = line.cap_height * 0.7;
    let step = (line.pitch / 6.0).max(1.0);
    let (x_start, _) = line.cell_center(0);
    let (x_end, _) = line.cell_center(line.count.saturating_sub(1));
    let mut x = x_start - line.pitch / 2.0;
    while x <= x_end + line.pitch / 2.0 {
        let yc = line.y_at_zero + line.slope * x;
        let mut y = yc - half;
        while y <= yc + half {
            values.push(gray.sample(x, y));
            y += step;
        }
        x += step;
    }
    values.sort_by(f32::total_cmp);
    if values.is_empty() {
        return (255.0, 0.0);
    }
    let at = |p: f32| values[((values.len() - 1) as f32 * p) as usize];
    (at(0.9), at(0.1))
}

/// The centre of the ink inside cell `i` (its bounding box), or the cell centre.
fn ink_center(gray: &Gray, line: &LineGeometry, i: usize, threshold: f32) -> (f32, f32) {
    let (cx, cy) = line.cell_center(i);
    let (hw, hh) = (line.pitch * 0.5, line.cap_height * 0.75);
    let (x0, x1) = (
        (cx - hw).max(0.0) as usize,
        ((cx + hw) as usize).min(gray.width - 1),
    );
    let (y0, y1) = (
        (cy - hh).max(0.0) as usize,
        ((cy + hh) as usize).min(gray.height - 1),
    );
    if x0 > x1 || y0 > y1 {
        // The cell lies beyond the image (a line geometry running off a damaged photo).
        return (cx, cy);
    }
    let (mut bx0, mut by0, mut bx1, mut by1) = (usize::MAX, usize::MAX, 0, 0);
    for y in y0..=y1 {
        let row = &gray.data[y * gray.width + x0..=y * gray.width + x1];
        for (x, &v) in (x0..).zip(row) {
            if f32::from(v) < threshold {
                bx0 = bx0.min(x);
                bx1 = bx1.max(x);
                by0 = by0.min(y);
                by1 = by1.max(y);
            }
        }
    }
    if bx0 > bx1 {
        return (cx, cy);
    }
    ((bx0 + bx1 + 1) as f32 / 2.0, (by0 + by1 + 1) as f32 / 2.0)
}

/// Similarity of every cell of `line` to each of the 37 characters (best variant).
pub fn score_line(gray: &Gray, line: &LineGeometry) -> Option<Vec<[f32; 37]>> {
    let t = templates()?;
    let (paper, ink) = levels(gray, line);
    let contrast = (paper - ink).max(1.0);
    let threshold = (paper + ink) / 2.0;
    let (sin, cos) = line.slope.atan().sin_cos();
    let (ww, wh) = (WINDOW_W * line.pitch, WINDOW_H * line.pitch);
    // 2 × 2 samples per grid cell: area averaging for large characters.
    let sub = [0.25f32, 0.75];
    let mut out = Vec::with_capacity(line.count);
    let mut feature = [0f32; FEATURES];
    for i in 0..line.count {
        let (cx, cy) = ink_center(gray, line, i, threshold);
        for gy in 0..GRID_H {
            for gx in 0..GRID_W {
                let mut sum = 0.0;
                for sy in sub {
                    for sx in sub {
                        let u = ((gx as f32 + sx) / GRID_W as f32 - 0.5) * ww;
                        let v = ((gy as f32 + sy) / GRID_H as f32 - 0.5) * wh;
                        let x = cx + u * cos - v * sin;
                        let y = cy + u * sin + v * cos;
                        sum += ((paper - gray.sample(x, y)) / contrast).clamp(0.0, 1.0);
                    }
                }
                feature[gy * GRID_W + gx] = sum / 4.0;
            }
        }
        let mut scores = [-1f32; 37];
        if normalise(&mut feature) {
            for (c, score) in scores.iter_mut().enumerate() {
                for v in 0..t.variants {
                    let tpl = &t.data[c * t.variants + v];
                    let dot: f32 = tpl.iter().zip(&feature).map(|(a, b)| a * b).sum();
                    *score = score.max(dot);
                }
            }
        }
        out.push(scores);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mrz_character_has_a_glyph_and_nothing_else_does() {
        let ink = |c: u8| -> u32 {
            let g = ocr_b_glyph(c).expect("glyph");
            assert_eq!(g.coverage.len(), g.width * g.height);
            g.coverage.iter().map(|&v| u32::from(v)).sum()
        };
        for &c in CHARSET {
            assert!(ink(c) > 0, "{} has no ink", c as char);
        }
        // The filler is a thin chevron, M a wide letter.
        assert!(ink(b'<') < ink(b'M'));
        assert_ne!(ocr_b_glyph(b'0'), ocr_b_glyph(b'O'));
        assert!(ocr_b_glyph(b'a').is_none());
        assert!(ocr_b_glyph(b' ').is_none());
    }
}
