//! Photographing a flat document: the document pasted in perspective on a background, as a
//! phone camera would see it on a table. Also used by the document scenes of the tests
//! (`crate::doc_scenes`).

use precheck_core::frame::RgbImage;
use precheck_core::imgproc::homography::Homography;
use precheck_core::math::Point;

/// What the document lies on.
#[derive(Debug, Clone, PartialEq)]
pub enum SceneBackground {
    /// One colour.
    Plain {
        width: u32,
        height: u32,
        colour: [u8; 3],
    },
    /// A wooden table top (smooth grain stripes with slow shading).
    Wood { width: u32, height: u32 },
    /// A photo; the scene has its size.
    Photo(RgbImage),
}

/// How the document is framed: `fill` is its area over the largest area a document of its shape
/// can have in the frame (the document check's `relative_fill`), `tilt` shortens the far (top)
/// edge by that share (perspective), `rotation_deg` turns it clockwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Framing {
    pub fill: f32,
    pub tilt: f32,
    pub rotation_deg: f32,
}

impl Default for Framing {
    /// A hand-held photo as capture screens ask for: about 75 % fill, a slight tilt and turn.
    fn default() -> Self {
        Framing {
            fill: 0.75,
            tilt: 0.06,
            rotation_deg: 2.5,
        }
    }
}

/// The corners (top-left, top-right, bottom-right, bottom-left) of a document of
/// `document_aspect` (width / height) in a `width` × `height` frame, centred.
pub fn framed_corners(
    width: u32,
    height: u32,
    document_aspect: f32,
    framing: Framing,
) -> [Point; 4] {
    let (fw, fh) = (width as f32, height as f32);
    let aspect = document_aspect.max(0.01);
    // The largest document of this shape that fits, then scaled to the fill by area.
    let (max_w, max_h) = if fw / fh > aspect {
        (fh * aspect, fh)
    } else {
        (fw, fw / aspect)
    };
    let k = framing.fill.clamp(0.01, 1.0).sqrt();
    let (dw, dh) = (max_w * k, max_h * k);
    let top = 1.0 - framing.tilt.clamp(0.0, 0.5);
    let base = [
        (-0.5 * top, -0.5),
        (0.5 * top, -0.5),
        (0.5, 0.5),
        (-0.5, 0.5),
    ];
    let (s, c) = framing.rotation_deg.to_radians().sin_cos();
    base.map(|(u, v)| {
        let (x, y) = (u * dw, v * dh);
        Point::new(fw / 2.0 + x * c - y * s, fh / 2.0 + x * s + y * c)
    })
}

/// The camera's tone response on the document: `gain` × value + `offset` (paper is not clipped
/// white in a photo, ink not pure black).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tone {
    pub gain: f32,
    pub offset: f32,
}

impl Default for Tone {
    fn default() -> Self {
        Tone {
            gain: 0.88,
            offset: 12.0,
        }
    }
}

/// A photo of `document` lying on `background` with its corners at `corners` (top-left,
/// top-right, bottom-right, bottom-left, frame pixels). `corner_radius` (document pixels)
/// rounds the document's corners (ID-1 cards: 3.18 mm). `None` when the corners do not form a
/// quadrilateral.
pub fn place_in_scene(
    document: &RgbImage,
    background: &SceneBackground,
    corners: [Point; 4],
    corner_radius: f32,
) -> Option<RgbImage> {
    let mut image = render_background(background);
    let (w, h) = (document.width() as f32, document.height() as f32);
    let rect = [
        Point::new(0.0, 0.0),
        Point::new(w, 0.0),
        Point::new(w, h),
        Point::new(0.0, h),
    ];
    let to_document = Homography::from_points(&corners, &rect)?;
    paste_warped(
        &mut image,
        document,
        &to_document,
        Tone::default(),
        corner_radius,
    );
    Some(image)
}

fn render_background(background: &SceneBackground) -> RgbImage {
    match background {
        SceneBackground::Photo(photo) => photo.clone(),
        SceneBackground::Plain {
            width,
            height,
            colour,
        } => {
            let bytes = colour
                .iter()
                .copied()
                .cycle()
                .take(*width as usize * *height as usize * 3)
                .collect();
            RgbImage::from_raw(*width, *height, bytes).unwrap_or_default()
        }
        SceneBackground::Wood { width, height } => {
            let (w, h) = (*width as usize, *height as usize);
            let mut bytes = Vec::with_capacity(w * h * 3);
            for y in 0..h {
                for x in 0..w {
                    let (fx, fy) = (x as f32, y as f32);
                    let grain = (0.045 * (fy + 0.12 * fx) + 1.7 * (0.006 * fx).sin()).sin();
                    let fine = (0.31 * fy + 0.9 * (0.02 * fx).sin()).sin();
                    let shade = 1.0
                        - 0.25 * ((fx / w as f32 - 0.3).powi(2) + (fy / h as f32 - 0.4).powi(2));
                    let l = (0.8 + 0.12 * grain + 0.04 * fine) * shade;
                    bytes.extend(
                        [150.0 * l, 104.0 * l, 62.0 * l].map(|v| v.clamp(0.0, 255.0) as u8),
                    );
                }
            }
            RgbImage::from_raw(*width, *height, bytes).unwrap_or_default()
        }
    }
}

/// Draws `source` where `to_source` (frame → source pixels) lands inside it (bilinear), toned by
/// `tone`; with `corner_radius` > 0 the source's corners are rounded off (the frame shows
/// through).
pub fn paste_warped(
    image: &mut RgbImage,
    source: &RgbImage,
    to_source: &Homography,
    tone: Tone,
    corner_radius: f32,
) {
    let (sw, sh) = (source.width() as f32, source.height() as f32);
    let (sw_usize, sh_usize) = (source.width() as usize, source.height() as usize);
    if sw_usize == 0 || sh_usize == 0 {
        return;
    }
    let w = image.width() as usize;
    let src = source.as_bytes();
    for (i, px) in image.as_bytes_mut().chunks_exact_mut(3).enumerate() {
        let p = to_source.apply(Point::new((i % w) as f32 + 0.5, (i / w) as f32 + 0.5));
        if p.x < 0.0 || p.y < 0.0 || p.x >= sw || p.y >= sh {
            continue;
        }
        if corner_radius > 0.0 && outside_rounded(p, sw, sh, corner_radius) {
            continue;
        }
        let (sx, sy) = ((p.x - 0.5).max(0.0), (p.y - 0.5).max(0.0));
        let (x0, y0) = (sx.floor() as usize, sy.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(sw_usize - 1), (y0 + 1).min(sh_usize - 1));
        let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
        for c in 0..3 {
            let at = |x: usize, y: usize| f32::from(src[(y * sw_usize + x) * 3 + c]);
            let v = (at(x0, y0) * (1.0 - fx) + at(x1, y0) * fx) * (1.0 - fy)
                + (at(x0, y1) * (1.0 - fx) + at(x1, y1) * fx) * fy;
            px[c] = (v * tone.gain + tone.offset).clamp(0.0, 255.0) as u8;
        }
    }
}

fn outside_rounded(p: Point, w: f32, h: f32, r: f32) -> bool {
    let cx = p.x.clamp(r, w - r);
    let cy = p.y.clamp(r, h - r);
    let (dx, dy) = (p.x - cx, p.y - cy);
    dx * dx + dy * dy > r * r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framed_corners_fill_and_stay_inside() {
        let framing = Framing {
            fill: 0.75,
            tilt: 0.0,
            rotation_deg: 0.0,
        };
        let c = framed_corners(1600, 1200, 85.6 / 53.98, framing);
        let width = c[1].x - c[0].x;
        let height = c[3].y - c[0].y;
        // Widest fit is the frame width; 75 % of the area is √0.75 of each side.
        assert!((width - 1600.0 * 0.75f32.sqrt()).abs() < 0.5, "{width}");
        assert!((width / height - 85.6 / 53.98).abs() < 1e-3);
        let tilted = framed_corners(1600, 1200, 1.5, Framing::default());
        for p in tilted {
            assert!(p.x > 0.0 && p.x < 1600.0 && p.y > 0.0 && p.y < 1200.0);
        }
    }

    #[test]
    fn a_pasted_document_covers_its_quadrilateral_only() {
        let doc = RgbImage::from_raw(100, 50, vec![200; 100 * 50 * 3]).unwrap();
        let bg = SceneBackground::Plain {
            width: 300,
            height: 200,
            colour: [10, 20, 30],
        };
        let corners = [
            Point::new(50.0, 50.0),
            Point::new(250.0, 50.0),
            Point::new(250.0, 150.0),
            Point::new(50.0, 150.0),
        ];
        let scene = place_in_scene(&doc, &bg, corners, 0.0).unwrap();
        assert_eq!((scene.width(), scene.height()), (300, 200));
        let inside = scene.pixel(150, 100);
        let outside = scene.pixel(20, 20);
        assert_eq!(outside, [10, 20, 30]);
        let expected = (200.0 * Tone::default().gain + Tone::default().offset) as u8;
        assert_eq!(inside, [expected; 3]);
        // A rounded corner lets the background through at the very corner.
        let rounded = place_in_scene(&doc, &bg, corners, 10.0).unwrap();
        assert_eq!(rounded.pixel(51, 51), [10, 20, 30]);
        assert_eq!(rounded.pixel(150, 51), [expected; 3]);
    }
}
