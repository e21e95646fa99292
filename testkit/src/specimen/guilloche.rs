//! The security-print background of a specimen: a pale two-colour gradient under fine
//! interlaced wave lines and a rosette, like the guilloches of real documents. Low contrast on
//! purpose: the document checks and the MRZ reader must see through it as they do on real
//! cards.

use precheck_core::frame::RgbImage;

use super::ink::{blend, Colour};

/// The tints of one document design.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Background at the left and at the right edge.
    pub paper_left: Colour,
    pub paper_right: Colour,
    /// The fine lines.
    pub line: Colour,
    /// The rosette.
    pub rosette: Colour,
}

/// Fills the whole image with the pattern; below `clear_from_y` only the paper's gradient (no
/// step in tone there: an edge across the document would compete with its outline).
pub fn paint(image: &mut RgbImage, palette: &Palette, clear_from_y: f32) {
    let (w, h) = (image.width() as f32, image.height() as f32);
    let scale = w / 1000.0;
    let (rx, ry) = (0.72 * w, 0.42 * h);
    let rosette_radius = 0.3 * h;
    for y in 0..image.height() {
        for x in 0..image.width() {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let t = fx / w;
            let paper: Colour = [0, 1, 2].map(|c| {
                (f32::from(palette.paper_left[c]) * (1.0 - t)
                    + f32::from(palette.paper_right[c]) * t) as u8
            });
            blend(image, i64::from(x), i64::from(y), paper, 1.0);
            if fy >= clear_from_y {
                continue;
            }
            let (u, v) = (fx / scale, fy / scale);
            // Two families of modulated waves crossing each other.
            let a = (0.11 * v + 2.4 * (0.019 * u).sin() + 0.8 * (0.047 * u + 0.3).sin()).sin();
            let b = (0.093 * v - 2.1 * (0.023 * u + 1.1).sin()).sin();
            let line = (1.0 - a.abs() / 0.12)
                .max(0.0)
                .max((1.0 - b.abs() / 0.12).max(0.0));
            if line > 0.0 {
                blend(image, i64::from(x), i64::from(y), palette.line, 0.55 * line);
            }
            // Rosette: a radial wave modulated by the angle.
            let (dx, dy) = (fx - rx, fy - ry);
            let r = (dx * dx + dy * dy).sqrt();
            if r < rosette_radius {
                let theta = dy.atan2(dx);
                let p = (0.16 * r / scale + 3.0 * (12.0 * theta).sin()).sin();
                let fade = 1.0 - r / rosette_radius;
                let ink = (1.0 - p.abs() / 0.18).max(0.0) * fade;
                if ink > 0.0 {
                    blend(
                        image,
                        i64::from(x),
                        i64::from(y),
                        palette.rosette,
                        0.6 * ink,
                    );
                }
            }
        }
    }
}
