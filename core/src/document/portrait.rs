//! The portrait printed on the document: the largest face in the rectified document, tried
//! upright, then upside down, then turned a quarter either way (a card photographed the
//! wrong way round).

use crate::error::Result;
use crate::face::Analyzer;
use crate::face::FaceObservation;
use crate::frame::RgbImage;
use crate::imgproc::homography::Homography;
use crate::math::{BoundingBox, Point};

/// Quarter turns clockwise applied to the rectified document before the face was found.
pub type QuarterTurns = u8;

/// The largest face of `document` and the turn that made it upright, or `None`.
pub fn find(
    faces: &Analyzer,
    document: &RgbImage,
) -> Result<Option<(FaceObservation, QuarterTurns, RgbImage)>> {
    for turns in [0u8, 2, 1, 3] {
        let turned = rotate_quarters(document, turns);
        let report = faces.analyze_image(&turned)?;
        if let Some(face) = report
            .faces
            .into_iter()
            .max_by(|a, b| a.bbox.area().total_cmp(&b.bbox.area()))
        {
            return Ok(Some((face, turns, turned)));
        }
    }
    Ok(None)
}

/// `image` turned clockwise by `turns` quarter turns.
pub fn rotate_quarters(image: &RgbImage, turns: u8) -> RgbImage {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let turns = turns % 4;
    if turns == 0 {
        return image.clone();
    }
    let (ow, oh) = if turns % 2 == 1 { (h, w) } else { (w, h) };
    let src = image.as_bytes();
    let mut out = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            let (ox, oy) = match turns {
                1 => (h - 1 - y, x),
                2 => (w - 1 - x, h - 1 - y),
                _ => (y, w - 1 - x),
            };
            let (s, d) = ((y * w + x) * 3, (oy * ow + ox) * 3);
            out[d..d + 3].copy_from_slice(&src[s..s + 3]);
        }
    }
    RgbImage::from_raw(ow as u32, oh as u32, out).unwrap_or_default()
}

/// A point of the turned image back in the unturned one (`w`×`h` is the unturned size).
pub fn unturn(p: Point, turns: u8, w: f32, h: f32) -> Point {
    match turns % 4 {
        0 => p,
        1 => Point::new(p.y, h - p.x),
        2 => Point::new(w - p.x, h - p.y),
        _ => Point::new(w - p.y, p.x),
    }
}

/// The axis-aligned box in the photo of `bbox` (pixels of the unturned rectified document of
/// size `w`×`h`), through `to_photo` (which maps document pixels to photo pixels).
pub fn box_in_photo(
    bbox: &BoundingBox,
    turns: u8,
    w: f32,
    h: f32,
    to_photo: &Homography,
) -> BoundingBox {
    let corners = [
        Point::new(bbox.x, bbox.y),
        Point::new(bbox.x + bbox.width, bbox.y),
        Point::new(bbox.x + bbox.width, bbox.y + bbox.height),
        Point::new(bbox.x, bbox.y + bbox.height),
    ]
    .map(|p| to_photo.apply(unturn(p, turns, w, h)));
    let (mut x0, mut y0, mut x1, mut y1) = (
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    );
    for p in corners {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    BoundingBox {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    }
}

/// A square crop of `image` around `bbox`, `scale` times its larger side, clamped to the image.
pub fn square_crop(image: &RgbImage, bbox: &BoundingBox, scale: f32) -> RgbImage {
    let side = (bbox.width.max(bbox.height) * scale).max(1.0);
    let (cx, cy) = (bbox.x + bbox.width / 2.0, bbox.y + bbox.height / 2.0);
    let (w, h) = (image.width() as f32, image.height() as f32);
    let x0 = (cx - side / 2.0).clamp(0.0, (w - 1.0).max(0.0)) as usize;
    let y0 = (cy - side / 2.0).clamp(0.0, (h - 1.0).max(0.0)) as usize;
    let x1 = ((cx + side / 2.0).min(w) as usize).max(x0 + 1);
    let y1 = ((cy + side / 2.0).min(h) as usize).max(y0 + 1);
    let iw = image.width() as usize;
    let src = image.as_bytes();
    let mut data = Vec::with_capacity((x1 - x0) * (y1 - y0) * 3);
    for y in y0..y1 {
        data.extend_from_slice(&src[(y * iw + x0) * 3..(y * iw + x1) * 3]);
    }
    RgbImage::from_raw((x1 - x0) as u32, (y1 - y0) as u32, data).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_round_trip() {
        let data: Vec<u8> = (0..6 * 4 * 3).map(|i| i as u8).collect();
        let image = RgbImage::from_raw(6, 4, data).unwrap();
        for t in 0..4 {
            let turned = rotate_quarters(&image, t);
            let back = rotate_quarters(&turned, (4 - t) % 4);
            assert_eq!(back, image);
        }
        // Pixel (1, 0) of a 6×4 image turned once lands at (3, 1); unturn maps centres back.
        let p = unturn(Point::new(3.5, 1.5), 1, 6.0, 4.0);
        assert!((p.x - 1.5).abs() < 1e-5 && (p.y - 0.5).abs() < 1e-5);
    }
}
