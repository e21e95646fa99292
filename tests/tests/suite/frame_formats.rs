//! One real photo fed through `Engine::analyze_frame` in every pixel format, with padded row
//! strides, rotated and mirrored: the upright result must be the same face.
//!
//! The stored buffers are built here independently of the core's converter: RGB → YUV with the
//! BT.601 full-range (JFIF) matrix and 2×2 chroma averaging, and rotations as counter-clockwise
//! turns of the upright picture (a frame whose `rotation` is the clockwise turn that makes it
//! upright), mirrored first when `mirrored` is set (the core mirrors after rotating).

use precheck_core::frame::{Frame, PixelFormat, RgbImage, Rotation};
use precheck_core::math::Point;
use precheck_core::{Engine, FaceObservation, FrameReport};
use precheck_tests::*;

/// 413×551: both sides odd, so chroma planes round up.
const PHOTO: &str = "faces_detect/cleardusk+3DDFA_V2/examples/inputs/JianzhuGuo.jpg";

/// A plain RGB picture: width, height, packed RGB bytes.
#[derive(Clone)]
struct Picture {
    w: usize,
    h: usize,
    rgb: Vec<u8>,
}

impl Picture {
    fn from_image(image: &RgbImage) -> Self {
        Picture {
            w: image.width() as usize,
            h: image.height() as usize,
            rgb: image.as_bytes().to_vec(),
        }
    }
    fn px(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.w + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }
    /// Turned 90° counter-clockwise: the top-right corner becomes the top-left.
    fn turned_ccw(&self) -> Picture {
        let (w, h) = (self.h, self.w);
        let mut rgb = Vec::with_capacity(self.rgb.len());
        for y in 0..h {
            for x in 0..w {
                rgb.extend_from_slice(&self.px(self.w - 1 - y, x));
            }
        }
        Picture { w, h, rgb }
    }
    fn mirrored(&self) -> Picture {
        let mut rgb = Vec::with_capacity(self.rgb.len());
        for y in 0..self.h {
            for x in (0..self.w).rev() {
                rgb.extend_from_slice(&self.px(x, y));
            }
        }
        Picture { rgb, ..*self }
    }
    /// The buffer a camera would store so that turning it clockwise by `rotation` and then
    /// mirroring (when `mirror`) gives this picture back.
    fn stored_for(&self, rotation: Rotation, mirror: bool) -> Picture {
        let mut p = if mirror {
            self.mirrored()
        } else {
            self.clone()
        };
        for _ in 0..rotation.degrees() / 90 {
            p = p.turned_ccw();
        }
        p
    }
}

/// Packed 4-byte pixels in `order` (indices of R, G, B, A in each pixel), rows padded to `stride`.
fn four_byte(p: &Picture, order: [usize; 4], stride: usize) -> Vec<u8> {
    let mut out = vec![0xEEu8; stride * p.h];
    for y in 0..p.h {
        for x in 0..p.w {
            let [r, g, b] = p.px(x, y);
            let d = &mut out[y * stride + x * 4..y * stride + x * 4 + 4];
            d[order[0]] = r;
            d[order[1]] = g;
            d[order[2]] = b;
            d[order[3]] = 255;
        }
    }
    out
}

fn clamp_u8(v: f32) -> u8 {
    v.round().clamp(0.0, 255.0) as u8
}

/// Y, U, V planes (BT.601 full range); chroma is the mean of each 2×2 block (edge blocks of odd
/// sizes use the pixels they have).
fn yuv_planes(p: &Picture) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let (cw, ch) = (p.w.div_ceil(2), p.h.div_ceil(2));
    let mut y_plane = Vec::with_capacity(p.w * p.h);
    for y in 0..p.h {
        for x in 0..p.w {
            let [r, g, b] = p.px(x, y).map(f32::from);
            y_plane.push(clamp_u8(0.299 * r + 0.587 * g + 0.114 * b));
        }
    }
    let (mut u_plane, mut v_plane) = (Vec::with_capacity(cw * ch), Vec::with_capacity(cw * ch));
    for cy in 0..ch {
        for cx in 0..cw {
            let (mut su, mut sv, mut n) = (0.0, 0.0, 0.0);
            for y in 2 * cy..(2 * cy + 2).min(p.h) {
                for x in 2 * cx..(2 * cx + 2).min(p.w) {
                    let [r, g, b] = p.px(x, y).map(f32::from);
                    su += -0.168_736 * r - 0.331_264 * g + 0.5 * b + 128.0;
                    sv += 0.5 * r - 0.418_688 * g - 0.081_312 * b + 128.0;
                    n += 1.0;
                }
            }
            u_plane.push(clamp_u8(su / n));
            v_plane.push(clamp_u8(sv / n));
        }
    }
    (y_plane, u_plane, v_plane)
}

/// Rows of `plane` (`row` bytes each) copied at `stride`; the last row is not padded.
fn padded(plane: &[u8], row: usize, stride: usize) -> Vec<u8> {
    let rows = plane.len() / row;
    let mut out = vec![0x11u8; stride * (rows - 1) + row];
    for (i, src) in plane.chunks_exact(row).enumerate() {
        out[i * stride..i * stride + row].copy_from_slice(src);
    }
    out
}

/// A stored buffer and how to describe it.
struct Stored {
    name: String,
    format: PixelFormat,
    w: u32,
    h: u32,
    strides: [u32; 3],
    rotation: Rotation,
    mirrored: bool,
    data: Vec<u8>,
}

impl Stored {
    fn frame(&self) -> Frame<'_> {
        Frame {
            width: self.w,
            height: self.h,
            format: self.format,
            row_strides: self.strides,
            rotation: self.rotation,
            mirrored: self.mirrored,
            timestamp_ms: 0,
            data: &self.data,
        }
    }
}

fn encode(upright: &Picture, format: PixelFormat, rotation: Rotation, mirrored: bool) -> Stored {
    let p = upright.stored_for(rotation, mirrored);
    let (w, h) = (p.w, p.h);
    let (cw, pad) = (w.div_ceil(2), 24);
    let (data, strides) = match format {
        PixelFormat::Rgba8 => (
            four_byte(&p, [0, 1, 2, 3], w * 4 + pad),
            [w * 4 + pad, 0, 0],
        ),
        PixelFormat::Bgra8 => (
            four_byte(&p, [2, 1, 0, 3], w * 4 + pad),
            [w * 4 + pad, 0, 0],
        ),
        PixelFormat::Rgb8 => (padded(&p.rgb, w * 3, w * 3 + pad), [w * 3 + pad, 0, 0]),
        PixelFormat::Nv21 => {
            let (y, u, v) = yuv_planes(&p);
            let vu: Vec<u8> = v.iter().zip(&u).flat_map(|(&v, &u)| [v, u]).collect();
            let (ys, cs) = (w + pad, 2 * cw + pad);
            // Every plane but the last occupies stride × rows.
            let mut data = padded(&y, w, ys);
            data.resize(ys * h, 0x22);
            data.extend(padded(&vu, 2 * cw, cs));
            (data, [ys, cs, 0])
        }
        PixelFormat::I420 => {
            let (y, u, v) = yuv_planes(&p);
            let ch = h.div_ceil(2);
            let (ys, cs) = (w + pad, cw + pad / 2);
            let mut data = padded(&y, w, ys);
            data.resize(ys * h, 0x22);
            data.extend(padded(&u, cw, cs));
            data.resize(ys * h + cs * ch, 0x33);
            data.extend(padded(&v, cw, cs));
            (data, [ys, cs, cs])
        }
        PixelFormat::Gray8 => unreachable!("grey loses colour: not compared"),
    };
    Stored {
        name: format!(
            "{format:?} rot {}{}",
            rotation.degrees(),
            if mirrored { " mirrored" } else { "" }
        ),
        format,
        w: w as u32,
        h: h as u32,
        strides: strides.map(|s| s as u32),
        rotation,
        mirrored,
        data,
    }
}

/// Largest distance between the boxes' corners and between the five landmarks of two faces.
fn face_distance(a: &FaceObservation, b: &FaceObservation) -> f32 {
    let corners = |f: &FaceObservation| {
        [
            Point::new(f.bbox.x, f.bbox.y),
            Point::new(f.bbox.right(), f.bbox.bottom()),
        ]
    };
    let (ca, cb) = (corners(a), corners(b));
    let box_d = ca.iter().zip(cb.iter()).map(|(p, q)| p.distance(*q));
    let lm_d = a
        .landmarks5
        .iter()
        .zip(b.landmarks5.iter())
        .map(|(p, q)| p.distance(*q));
    box_d.chain(lm_d).fold(0.0, f32::max)
}

fn compare(
    engine: &Engine,
    reference: &FrameReport,
    upright: &Picture,
    stored: &Stored,
) -> (f32, u8) {
    let frame = stored.frame();
    let report = engine
        .analyze_frame(&frame)
        .unwrap_or_else(|e| panic!("{}: {e}", stored.name));
    assert_eq!(
        (report.width, report.height),
        (reference.width, reference.height),
        "{}: upright size",
        stored.name
    );
    assert_eq!(
        report.faces.len(),
        reference.faces.len(),
        "{}: faces",
        stored.name
    );
    let converted = precheck_core::frame::FrameConverter::new()
        .to_image(&frame)
        .expect("converts");
    let pixel = converted
        .as_bytes()
        .iter()
        .zip(&upright.rgb)
        .map(|(a, b)| a.abs_diff(*b))
        .max()
        .unwrap_or(0);
    let d = report
        .faces
        .iter()
        .zip(&reference.faces)
        .map(|(a, b)| face_distance(a, b))
        .fold(0.0, f32::max);
    (d, pixel)
}

#[test]
fn every_format_and_orientation_gives_the_same_face() {
    const T: &str = "every_format_and_orientation_gives_the_same_face";
    let Some(data) = require_data(T, &[PHOTO]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let image = load_image(&data.join(PHOTO));
    let upright = Picture::from_image(&image);
    let reference = engine.analyze_image(&image).expect("analysis runs");
    assert_eq!(reference.faces.len(), 1, "the photo has one face");
    let face_px = reference.faces[0].bbox.width;

    let mut cases = Vec::new();
    for format in [
        PixelFormat::Rgb8,
        PixelFormat::Rgba8,
        PixelFormat::Bgra8,
        PixelFormat::Nv21,
        PixelFormat::I420,
    ] {
        cases.push(encode(&upright, format, Rotation::Deg0, false));
    }
    for rotation in [Rotation::Deg90, Rotation::Deg180, Rotation::Deg270] {
        cases.push(encode(&upright, PixelFormat::Rgba8, rotation, false));
    }
    cases.push(encode(&upright, PixelFormat::Rgba8, Rotation::Deg0, true));
    // What an Android front camera delivers: NV21, stored sideways, shown mirrored.
    cases.push(encode(&upright, PixelFormat::Nv21, Rotation::Deg270, true));
    cases.push(encode(&upright, PixelFormat::I420, Rotation::Deg90, false));
    cases.push(encode(&upright, PixelFormat::Bgra8, Rotation::Deg180, true));

    let mut lines = Vec::new();
    for stored in &cases {
        let (d, pixel) = compare(engine, &reference, &upright, stored);
        lines.push(format!(
            "{}: face Δ {d:.2} px, pixel Δ {pixel}",
            stored.name
        ));
        let yuv = matches!(stored.format, PixelFormat::Nv21 | PixelFormat::I420);
        // RGB-family buffers convert to the very same picture; YUV 4:2:0 loses some colour, so
        // the face may move slightly (face ≈ 185 px wide).
        let (max_d, max_pixel) = if yuv { (3.0, 40) } else { (0.01, 0) };
        assert!(
            d <= max_d && pixel <= max_pixel,
            "{}: face moved {d:.2} px (limit {max_d}), pixel Δ {pixel} (limit {max_pixel})",
            stored.name
        );
    }
    eprintln!(
        "frame formats ({}×{} photo, face {face_px:.0} px): {}",
        upright.w,
        upright.h,
        lines.join("; ")
    );
}
