//! Printing on the specimen: flat fills, OCR-B text from the MRZ reader's own glyph templates
//! (any size and angle, anti-aliased), small labels in the bitmap font, and the portrait.

use precheck_core::frame::RgbImage;
use precheck_core::math::BoundingBox;
use precheck_core::mrz::ocr::ocr_b_glyph;

use crate::glyphs::{GLYPHS, GLYPH_HEIGHT, GLYPH_WIDTH};

pub type Colour = [u8; 3];

/// An axis-aligned pixel rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Mixes `colour` into pixel (x, y) with weight `alpha` in [0, 1]; outside the image is ignored.
pub fn blend(image: &mut RgbImage, x: i64, y: i64, colour: Colour, alpha: f32) {
    if x < 0 || y < 0 || x >= i64::from(image.width()) || y >= i64::from(image.height()) {
        return;
    }
    let w = image.width() as usize;
    let i = (y as usize * w + x as usize) * 3;
    let a = alpha.clamp(0.0, 1.0);
    let px = &mut image.as_bytes_mut()[i..i + 3];
    for (p, c) in px.iter_mut().zip(colour) {
        *p = (f32::from(*p) * (1.0 - a) + f32::from(c) * a).round() as u8;
    }
}

pub fn fill(image: &mut RgbImage, rect: Rect, colour: Colour) {
    let (x0, y0) = (rect.x.round() as i64, rect.y.round() as i64);
    let (x1, y1) = (
        (rect.x + rect.width).round() as i64,
        (rect.y + rect.height).round() as i64,
    );
    for y in y0..y1 {
        for x in x0..x1 {
            blend(image, x, y, colour, 1.0);
        }
    }
}

/// Where and how a line of OCR-B text is printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OcrBStyle {
    /// Character pitch in pixels (glyph cells are 1.0 × 1.3 pitches).
    pub pitch: f32,
    /// Clockwise rotation of the line, radians.
    pub angle: f32,
    pub colour: Colour,
    pub opacity: f32,
}

/// Prints `text` (MRZ characters; anything else is skipped as a space) in OCR-B, its first cell's
/// left edge at `left` and the line's centre at height `centre_y` (before rotation, which turns
/// about that point).
pub fn ocr_b_text(image: &mut RgbImage, text: &str, left: f32, centre_y: f32, style: OcrBStyle) {
    let glyphs: Vec<_> = text.bytes().map(ocr_b_glyph).collect();
    if glyphs.is_empty() || style.pitch <= 0.0 {
        return;
    }
    let (sin, cos) = style.angle.sin_cos();
    let length = glyphs.len() as f32 * style.pitch;
    let half_h = 0.65 * style.pitch;
    // Bounding box of the rotated line in image pixels.
    let corners = [
        (0.0, -half_h),
        (length, -half_h),
        (length, half_h),
        (0.0, half_h),
    ]
    .map(|(u, v)| (left + u * cos - v * sin, centre_y + u * sin + v * cos));
    let min_x = corners
        .iter()
        .map(|c| c.0)
        .fold(f32::INFINITY, f32::min)
        .floor() as i64;
    let max_x = corners
        .iter()
        .map(|c| c.0)
        .fold(f32::NEG_INFINITY, f32::max)
        .ceil() as i64;
    let min_y = corners
        .iter()
        .map(|c| c.1)
        .fold(f32::INFINITY, f32::min)
        .floor() as i64;
    let max_y = corners
        .iter()
        .map(|c| c.1)
        .fold(f32::NEG_INFINITY, f32::max)
        .ceil() as i64;
    for y in min_y.max(0)..=max_y.min(i64::from(image.height()) - 1) {
        for x in min_x.max(0)..=max_x.min(i64::from(image.width()) - 1) {
            let (dx, dy) = (x as f32 + 0.5 - left, y as f32 + 0.5 - centre_y);
            // Back into line coordinates: u along the line, v across it.
            let u = dx * cos + dy * sin;
            let v = -dx * sin + dy * cos;
            if u < 0.0 || u >= length || v.abs() >= half_h {
                continue;
            }
            let cell = (u / style.pitch) as usize;
            let Some(Some(glyph)) = glyphs.get(cell) else {
                continue;
            };
            let gx = (u / style.pitch - cell as f32) * glyph.width as f32 - 0.5;
            let gy = (v + half_h) / (2.0 * half_h) * glyph.height as f32 - 0.5;
            let coverage = sample_grid(glyph.coverage, glyph.width, glyph.height, gx, gy);
            // The templates are blurred by their 16 × 21 sampling: a steep ramp around half
            // coverage gives printed edges at any size.
            let alpha = smoothstep(0.3, 0.6, coverage);
            if alpha > 0.0 {
                blend(image, x, y, style.colour, alpha * style.opacity);
            }
        }
    }
}

fn smoothstep(lo: f32, hi: f32, v: f32) -> f32 {
    let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Bilinear sample of a byte grid as 0-1, zero outside.
fn sample_grid(grid: &[u8], w: usize, h: usize, x: f32, y: f32) -> f32 {
    let at = |xi: i64, yi: i64| -> f32 {
        if xi < 0 || yi < 0 || xi >= w as i64 || yi >= h as i64 {
            0.0
        } else {
            grid.get(yi as usize * w + xi as usize)
                .map_or(0.0, |&v| f32::from(v) / 255.0)
        }
    };
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let (xi, yi) = (x0 as i64, y0 as i64);
    (at(xi, yi) * (1.0 - fx) + at(xi + 1, yi) * fx) * (1.0 - fy)
        + (at(xi, yi + 1) * (1.0 - fx) + at(xi + 1, yi + 1) * fx) * fy
}

/// Prints ASCII `text` in the bitmap font, each font pixel `scale` × `scale`, top-left at (x, y).
/// Returns the x after the last character.
pub fn label(image: &mut RgbImage, text: &str, x: u32, y: u32, scale: u32, colour: Colour) -> u32 {
    let mut pen = x;
    for ch in text.chars() {
        let index = (ch as u32).wrapping_sub(32) as usize;
        if let Some(rows) = GLYPHS.get(index) {
            for (row, bits) in rows.iter().enumerate().take(GLYPH_HEIGHT as usize) {
                for col in 0..GLYPH_WIDTH {
                    if bits >> col & 1 == 1 {
                        for dy in 0..scale {
                            for dx in 0..scale {
                                blend(
                                    image,
                                    i64::from(pen + col * scale + dx),
                                    i64::from(y + row as u32 * scale + dy),
                                    colour,
                                    1.0,
                                );
                            }
                        }
                    }
                }
            }
        }
        pen += (GLYPH_WIDTH - 2) * scale;
    }
    pen
}

/// The crop of a photo that fills an ID-photo frame of `aspect` (width / height) around a face
/// box: the face box takes about 55 % of the frame's height (the head with hair and chin about
/// 75 %, as ICAO 9303 asks), its centre a little above the frame's middle.
pub fn portrait_crop(face: &BoundingBox, aspect: f32) -> Rect {
    let height = face.height / 0.55;
    let width = height * aspect;
    let (cx, cy) = (face.x + face.width / 2.0, face.y + face.height / 2.0);
    Rect {
        x: cx - width / 2.0,
        y: cy - 0.52 * height,
        width,
        height,
    }
}

/// Prints `photo`'s region `crop` into `frame` (bilinear), a light grey where the crop leaves
/// the photo; toned like a print (no pure black or white).
pub fn portrait(image: &mut RgbImage, frame: Rect, photo: &RgbImage, crop: Rect) {
    let (pw, ph) = (photo.width() as usize, photo.height() as usize);
    if pw == 0 || ph == 0 || frame.width < 1.0 || frame.height < 1.0 {
        return;
    }
    let src = photo.as_bytes();
    let (x0, y0) = (frame.x.round() as i64, frame.y.round() as i64);
    let (fw, fh) = (frame.width.round() as i64, frame.height.round() as i64);
    for j in 0..fh {
        for i in 0..fw {
            let sx = crop.x + (i as f32 + 0.5) / fw as f32 * crop.width - 0.5;
            let sy = crop.y + (j as f32 + 0.5) / fh as f32 * crop.height - 0.5;
            let colour = if sx < 0.0 || sy < 0.0 || sx > (pw - 1) as f32 || sy > (ph - 1) as f32 {
                [222, 224, 226]
            } else {
                let (xa, ya) = (sx.floor() as usize, sy.floor() as usize);
                let (xb, yb) = ((xa + 1).min(pw - 1), (ya + 1).min(ph - 1));
                let (fx, fy) = (sx - xa as f32, sy - ya as f32);
                let mut c = [0u8; 3];
                for (k, out) in c.iter_mut().enumerate() {
                    let at = |x: usize, y: usize| f32::from(src[(y * pw + x) * 3 + k]);
                    let v = (at(xa, ya) * (1.0 - fx) + at(xb, ya) * fx) * (1.0 - fy)
                        + (at(xa, yb) * (1.0 - fx) + at(xb, yb) * fx) * fy;
                    *out = (12.0 + v * 0.9).clamp(0.0, 255.0) as u8;
                }
                c
            };
            blend(image, x0 + i, y0 + j, colour, 1.0);
        }
    }
}
