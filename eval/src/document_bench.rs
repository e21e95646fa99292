//! Document-check timings at 1920×1080, single thread (`precheck bench-document`).
//!
//! Frames: real ID specimens warped with perspective into real hand-held capture photos
//! (stretched to 1920×1080 as cluttered backgrounds), built outside the timed region. Stages:
//! - `outline`: finding the document quadrilateral (working copy, edges, lines, search,
//!   sub-pixel refinement);
//! - `checks`: `DocumentChecker::check_image` without the portrait (outline, rectification,
//!   framing, exposure, sharpness, glare, screen, copy, obscured);
//! - `checks_and_portrait`: the same with the portrait search (face detection and landmarks on
//!   the rectified document).

use std::path::Path;
use std::time::Instant;

use precheck_core::document::quad::QuadFinder;
use precheck_core::document::{DocumentChecker, DocumentConfig, DocumentKind};
use precheck_core::frame::RgbImage;
use precheck_core::imgproc::homography::{warp_rgb, Homography};
use precheck_core::math::Point;

use crate::data::read_image;
use crate::engines::selfie_engine;
use crate::EvalError;

mod report;

pub use report::{json, table};

const SPECIMENS: [&str; 4] = [
    "id_docs/konstantint+PassportEye/tests/data/passport-td3.png",
    "id_docs/image-js+mrz-detection/src/__tests__/fixtures/id2.jpg",
    "id_docs/Arg0s1080+mrz/docs/images/passports/ICAO_Example2.png",
    "id_docs/DocsaidLab+MRZScanner/docs/img1.jpg",
];
const BACKGROUNDS: [&str; 3] = [
    "id_docs/DocsaidLab+MRZScanner/docs/test_mrz.jpg",
    "id_docs/DocsaidLab+MRZScanner/dataset/resources/finetune_mrz_img.jpg",
    "id_docs/DocsaidLab+DocAligner/docs/run_test_card.jpg",
];
pub const WIDTH: u32 = 1920;
pub const HEIGHT: u32 = 1080;

/// The timings of the document check's stages over the built frames.
pub struct DocumentBench {
    pub frames: usize,
    /// Timed passes over the frames.
    pub repeats: usize,
    /// Timed frames on which the document was found.
    pub found: usize,
    /// (stage, milliseconds per timed frame).
    pub stages: Vec<(&'static str, Vec<f64>)>,
}

impl DocumentBench {
    /// Timed frames (frames × repeats).
    pub fn samples(&self) -> usize {
        self.stages.first().map_or(0, |(_, v)| v.len())
    }
}

/// The `q` quantile of `v` (nearest rank; NaN when empty).
pub fn quantile(v: &[f64], q: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    if s.is_empty() {
        return f64::NAN;
    }
    s[((s.len() - 1) as f64 * q).round() as usize]
}

/// Builds the frames from the data folder `data`, then times every stage on them `repeats`
/// times (at least once) after one untimed pass.
pub fn run(models: &Path, data: &Path, repeats: usize) -> Result<DocumentBench, EvalError> {
    let frames = build_frames(data)?;
    let engine = selfie_engine(models)?;
    let config = DocumentConfig::default();
    let mut finder = QuadFinder::new();
    let mut checker = DocumentChecker::new(config.clone());
    let mut stages: Vec<(&'static str, Vec<f64>)> = vec![
        ("outline", vec![]),
        ("checks", vec![]),
        ("checks_and_portrait", vec![]),
    ];
    let mut found = 0;
    for pass in 0..=repeats.max(1) {
        for frame in &frames {
            let timed = pass > 0;
            let t = Instant::now();
            let quad = finder.find(
                frame,
                DocumentKind::Unknown.aspect_range(config.aspect_range),
                &config,
            );
            let outline = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            let report = checker.check_image(None, frame, DocumentKind::Unknown)?;
            let checks = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            checker.check_image(Some(engine.analyzer()), frame, DocumentKind::Unknown)?;
            let all = t.elapsed().as_secs_f64() * 1e3;
            if timed {
                stages[0].1.push(outline);
                stages[1].1.push(checks);
                stages[2].1.push(all);
                found += (quad.is_some() && report.found) as usize;
            }
        }
    }
    Ok(DocumentBench {
        frames: frames.len(),
        repeats: repeats.max(1),
        found,
        stages,
    })
}

/// Every specimen over every background: the background stretched to 1920×1080, the specimen
/// at about 80 % of the largest size the frame allows, turned a few degrees, one corner pulled
/// for perspective.
fn build_frames(data: &Path) -> Result<Vec<RgbImage>, EvalError> {
    let mut frames = Vec::new();
    for (b, background) in BACKGROUNDS.iter().enumerate() {
        let photo = read_image(&data.join(background))?;
        let (pw, ph) = (photo.width() as f32, photo.height() as f32);
        let frame = rect(WIDTH as f32, HEIGHT as f32);
        let mut base = RgbImage::default();
        let to_photo = Homography::from_points(&frame, &rect(pw, ph))
            .ok_or(EvalError::DegenerateBackground)?;
        warp_rgb(&photo, &to_photo, WIDTH, HEIGHT, &mut base);
        for (s, specimen) in SPECIMENS.iter().enumerate() {
            let doc = read_image(&data.join(specimen))?;
            let (dw, dh) = (doc.width() as f32, doc.height() as f32);
            let aspect = dw / dh;
            let height = HEIGHT as f32 * 0.82;
            let width = (height * aspect).min(WIDTH as f32 * 0.85);
            let height = width / aspect;
            let (cx, cy) = (WIDTH as f32 / 2.0, HEIGHT as f32 / 2.0);
            let angle = ((b * 4 + s) as f32 * 1.7 - 5.0).to_radians();
            let (c, sn) = (angle.cos(), angle.sin());
            let mut corners =
                [(-0.5f32, -0.5f32), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)].map(|(u, v)| {
                    let (x, y) = (u * width, v * height);
                    Point::new(cx + x * c - y * sn, cy + x * sn + y * c)
                });
            corners[(b + s) % 4].x += 0.03 * width;
            let Some(to_doc) = Homography::from_points(&corners, &rect(dw, dh)) else {
                continue;
            };
            let mut frame_image = base.clone();
            paste(&mut frame_image, &doc, &to_doc);
            frames.push(frame_image);
        }
    }
    Ok(frames)
}

fn rect(w: f32, h: f32) -> [Point; 4] {
    [
        Point::new(0.0, 0.0),
        Point::new(w, 0.0),
        Point::new(w, h),
        Point::new(0.0, h),
    ]
}

/// Draws `doc` where `to_doc` (frame pixels → document pixels) lands inside it.
fn paste(frame: &mut RgbImage, doc: &RgbImage, to_doc: &Homography) {
    let (w, h) = (frame.width(), frame.height());
    let (dw, dh) = (doc.width() as f32, doc.height() as f32);
    let mut warped = RgbImage::default();
    warp_rgb(doc, to_doc, w, h, &mut warped);
    let src = warped.as_bytes();
    let dst = frame.as_bytes_mut();
    for y in 0..h as usize {
        for x in 0..w as usize {
            let p = to_doc.apply(Point::new(x as f32 + 0.5, y as f32 + 0.5));
            if p.x >= 0.0 && p.y >= 0.0 && p.x < dw && p.y < dh {
                let i = (y * w as usize + x) * 3;
                dst[i..i + 3].copy_from_slice(&src[i..i + 3]);
            }
        }
    }
}
