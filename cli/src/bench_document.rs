//! `precheck bench-document`: document-check timings at 1920×1080, single thread.
//!
//! Frames: real ID specimens warped with perspective into real hand-held capture photos
//! (stretched to 1920×1080 as cluttered backgrounds), built outside the timed region. Stages:
//! - `outline`: finding the document quadrilateral (working copy, edges, lines, search,
//!   sub-pixel refinement);
//! - `checks`: `DocumentChecker::check_image` without the portrait (outline, rectification,
//!   framing, exposure, sharpness, glare, screen, copy, obscured);
//! - `checks_and_portrait`: the same with the portrait search (face detection and landmarks on
//!   the rectified document).

use std::path::{Path, PathBuf};
use std::time::Instant;

use precheck_core::document::quad::QuadFinder;
use precheck_core::document::{DocumentChecker, DocumentConfig, DocumentKind};
use precheck_core::frame::RgbImage;
use precheck_core::imgproc::homography::{warp_rgb, Homography};
use precheck_core::math::Point;
use precheck_core::{Engine, EngineConfig};
use serde_json::json;

use crate::analyze::read_image;
use crate::UserError;

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
const WIDTH: u32 = 1920;
const HEIGHT: u32 = 1080;

pub fn run(
    models: &Path,
    data: Option<&Path>,
    repeats: usize,
    json_out: bool,
) -> Result<(), UserError> {
    let data = data.map(Path::to_path_buf).unwrap_or_else(default_data_dir);
    let frames = build_frames(&data)?;
    let engine = Engine::new(EngineConfig::from_dir(models))?;
    let config = DocumentConfig::default();
    let mut finder = QuadFinder::new();
    let mut checker = DocumentChecker::new(config.clone());
    let mut stages: Vec<(&str, Vec<f64>)> = vec![
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
    let quantile = |v: &[f64], q: f64| {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        s[((s.len() - 1) as f64 * q).round() as usize]
    };
    let samples = stages[0].1.len();
    if json_out {
        let out = json!({
            "width": WIDTH, "height": HEIGHT, "frames": frames.len(), "samples": samples, "found": found,
            "stages": stages.iter().map(|(n, v)| json!({"name": n, "median_ms": (quantile(v, 0.5) * 100.0).round() / 100.0, "p95_ms": (quantile(v, 0.95) * 100.0).round() / 100.0})).collect::<Vec<_>>(),
        });
        println!("{out}");
        return Ok(());
    }
    println!(
        "{WIDTH}x{HEIGHT}, {} frames x {} runs, 1 thread (document found in {found}/{samples})",
        frames.len(),
        repeats.max(1)
    );
    println!("  {:<22} {:>10} {:>10}", "stage", "median ms", "p95 ms");
    for (name, v) in &stages {
        println!(
            "  {:<22} {:>10.2} {:>10.2}",
            name,
            quantile(v, 0.5),
            quantile(v, 0.95)
        );
    }
    Ok(())
}

fn default_data_dir() -> PathBuf {
    std::env::var_os("PRECHECK_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"))
}

/// Every specimen over every background: the background stretched to 1920×1080, the specimen
/// at about 80 % of the largest size the frame allows, turned a few degrees, one corner pulled
/// for perspective.
fn build_frames(data: &Path) -> Result<Vec<RgbImage>, UserError> {
    let mut frames = Vec::new();
    for (b, background) in BACKGROUNDS.iter().enumerate() {
        let photo = read_image(&data.join(background))?;
        let (pw, ph) = (photo.width() as f32, photo.height() as f32);
        let frame = rect(WIDTH as f32, HEIGHT as f32);
        let mut base = RgbImage::default();
        let to_photo = Homography::from_points(&frame, &rect(pw, ph))
            .ok_or_else(|| UserError("degenerate background".into()))?;
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
