//! Reading the MRZ from a photo: find the band of 2-3 evenly pitched text lines (in the whole
//! image, or inside the document's quadrilateral when the caller has it), cut each line into
//! cells at the OCR-B pitch, recognise each cell against OCR-B templates, and let the check
//! digits choose between the runner-up readings. Pure Rust, no model file.

mod classify;
mod components;
mod decode;
mod gray;
mod lines;

use serde::Serialize;

use super::{read_lines, MrzFormat, MrzReport};
use crate::date::Date;
use crate::error::{PrecheckError, Result};
use crate::frame::RgbImage;
use crate::math::Point;

pub use classify::{ocr_b_glyph, OcrBGlyph};
use gray::Gray;
use lines::LineGeometry;

/// What was read from the image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MrzReading {
    pub format: MrzFormat,
    pub lines: Vec<String>,
    /// Every check digit agrees with what was read.
    pub valid: bool,
    /// Characters the check digits changed to a runner-up reading.
    pub corrected: usize,
    /// Mean similarity of the chosen characters to their templates (1 = identical).
    pub confidence: f32,
    /// The MRZ band in input-image pixels: top-left, top-right, bottom-right, bottom-left.
    pub band: [Point; 4],
}

impl MrzReading {
    /// The full parse of what was read (fields, dates against `today`, checks, warnings).
    pub fn report(&self, today: Date) -> MrzReport {
        read_lines(self.format, &self.lines, today, false)
    }
}

/// Reads the MRZ of a document photo. `quad`: the document's corners (top-left, top-right,
/// bottom-right, bottom-left) when known; the whole image is searched otherwise. `Ok(None)`
/// when no MRZ was found.
pub fn read_mrz_from_image(
    image: &RgbImage,
    quad: Option<[Point; 4]>,
) -> Result<Option<MrzReading>> {
    if image.width() < 32 || image.height() < 16 {
        return Err(PrecheckError::InvalidFrame(format!(
            "image of {}x{} is too small to hold an MRZ",
            image.width(),
            image.height()
        )));
    }
    if let Some(q) = quad {
        if let Some((gray, map)) = gray::rectify(image, q) {
            let (w, h) = (gray.width as f32, gray.height as f32);
            let to_image = move |p: Point| map.map(p.x / w, p.y / h);
            if let Some(r) = read_gray(&gray, &to_image) {
                return Ok(Some(r));
            }
        }
        log::debug!("no MRZ inside the quadrilateral; searching the whole image");
    }
    let (gray, factor) = Gray::from_rgb(image);
    let f = factor as f32;
    let (w, h) = (gray.width as f32, gray.height as f32);
    // As photographed, upside down, and turned a quarter either way (a passport spread
    // photographed in portrait has its MRZ running up or down the frame). A reading whose check
    // digits all hold as read is the page's way up. Otherwise the way whose characters are
    // closest to the glyph templates. Validity cannot choose: an MRZ read upside down can be
    // settled into valid check digits with 4-5 corrections, at a template similarity near 0.70
    // where the upright read scores near 0.90 even with a few wrong characters.
    // Lines found level settle the question of a quarter turn: those two ways are read only
    // when neither level way finds a band.
    let mut best: Option<MrzReading> = None;
    for turn in [Turn::None, Turn::Half, Turn::QuarterCw, Turn::QuarterCcw] {
        if matches!(turn, Turn::QuarterCw) && best.is_some() {
            break;
        }
        let turned = match turn {
            Turn::None => None,
            Turn::Half => {
                let mut g = gray.clone();
                g.data.reverse();
                Some(g)
            }
            Turn::QuarterCw => Some(gray.quarter_turned(true)),
            Turn::QuarterCcw => Some(gray.quarter_turned(false)),
        };
        let to_image = |p: Point| {
            let q = turn.back(p, w, h);
            Point {
                x: q.x * f,
                y: q.y * f,
            }
        };
        if let Some(r) = read_gray(turned.as_ref().unwrap_or(&gray), &to_image) {
            if r.valid && r.corrected == 0 {
                return Ok(Some(r));
            }
            let better = best.as_ref().is_none_or(|b| r.confidence > b.confidence);
            if better {
                best = Some(r);
            }
        }
    }
    Ok(best)
}

/// How the working image was turned before reading.
#[derive(Debug, Clone, Copy)]
enum Turn {
    None,
    Half,
    QuarterCw,
    QuarterCcw,
}

impl Turn {
    /// A point of the turned image back in the unturned `w`×`h` one.
    fn back(self, p: Point, w: f32, h: f32) -> Point {
        match self {
            Turn::None => p,
            Turn::Half => Point {
                x: w - p.x,
                y: h - p.y,
            },
            Turn::QuarterCw => Point { x: p.y, y: h - p.x },
            Turn::QuarterCcw => Point { x: w - p.y, y: p.x },
        }
    }
}

fn read_gray(gray: &Gray, to_image: &dyn Fn(Point) -> Point) -> Option<MrzReading> {
    let radius = (gray.width.max(gray.height) / 60).clamp(6, 30);
    let mask = components::binarize(gray, radius);
    let blobs: Vec<components::Component> = components::components(&mask, gray.width, gray.height)
        .into_iter()
        .filter(|c| lines::character_like(c, gray.height))
        .collect();
    let geometry = lines::find_mrz(&blobs)?;
    let scores: Vec<Vec<[f32; 37]>> = geometry
        .iter()
        .map(|l| classify::score_line(gray, l))
        .collect::<Option<_>>()?;
    let format = decode::format_of(&scores)?;
    let decoded = decode::decode(format, &scores);
    let report = read_lines(
        format,
        &decoded.lines,
        Date {
            year: 2000,
            month: 1,
            day: 1,
        },
        false,
    );
    Some(MrzReading {
        format,
        lines: decoded.lines,
        valid: report.valid,
        corrected: decoded.corrected,
        confidence: decoded.confidence,
        band: band(&geometry).map(to_image),
    })
}

fn band(lines: &[LineGeometry]) -> [Point; 4] {
    let (first, last) = (&lines[0], &lines[lines.len() - 1]);
    let corner = |l: &LineGeometry, i: usize, dx: f32, dy: f32| {
        let (x, y) = l.cell_center(i);
        Point {
            x: x + dx * l.pitch,
            y: y + dy * l.cap_height,
        }
    };
    let n = first.count.saturating_sub(1);
    [
        corner(first, 0, -0.5, -0.7),
        corner(first, n, 0.5, -0.7),
        corner(last, n, 0.5, 0.7),
        corner(last, 0, -0.5, 0.7),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each turned image's pixel centres map back onto the unturned pixel that holds the same
    /// value, and a quarter turn each way is the identity.
    #[test]
    fn turns_map_back_to_the_pixel_they_came_from() {
        let (w, h) = (5usize, 3usize);
        let gray = Gray {
            width: w,
            height: h,
            data: (0..(w * h) as u8).collect(),
        };
        let mut half = gray.clone();
        half.data.reverse();
        for (turn, turned) in [
            (Turn::None, gray.clone()),
            (Turn::Half, half),
            (Turn::QuarterCw, gray.quarter_turned(true)),
            (Turn::QuarterCcw, gray.quarter_turned(false)),
        ] {
            for y in 0..turned.height {
                for x in 0..turned.width {
                    let centre = Point {
                        x: x as f32 + 0.5,
                        y: y as f32 + 0.5,
                    };
                    let p = turn.back(centre, w as f32, h as f32);
                    let (ox, oy) = (p.x.floor() as usize, p.y.floor() as usize);
                    assert_eq!(
                        turned.data[y * turned.width + x],
                        gray.data[oy * w + ox],
                        "{turn:?} ({x},{y})"
                    );
                }
            }
        }
        assert_eq!(
            gray.quarter_turned(true).quarter_turned(false).data,
            gray.data
        );
    }
}
