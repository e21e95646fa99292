use std::path::Path;

use precheck_core::face::DetectorOptions;
use precheck_core::quality::{frame_issues, measure_frame, most_important, QualityThresholds};
use precheck_core::{frame::decode_image, Engine, EngineConfig, Language};

use crate::{annotate, report, UserError};

/// The engine with the defaults for frame streams (one selfie face, cheapest detection).
pub fn load_engine(models: &Path) -> Result<Engine, UserError> {
    Ok(Engine::new(EngineConfig::from_dir(models))?)
}

/// The engine for one photo: every face, small ones included (tiled detection on every image).
fn load_photo_engine(models: &Path) -> Result<Engine, UserError> {
    Ok(Engine::new(EngineConfig {
        detector: DetectorOptions::all_faces(),
        max_faces: PHOTO_MAX_FACES,
        ..EngineConfig::from_dir(models)
    })?)
}

const PHOTO_MAX_FACES: usize = 32;

pub fn read_image(path: &Path) -> Result<precheck_core::frame::RgbImage, UserError> {
    let bytes = std::fs::read(path)
        .map_err(|e| UserError(format!("cannot read {}: {e}", path.display())))?;
    decode_image(&bytes).map_err(|e| UserError(format!("{}: {e}", path.display())))
}

pub fn run(
    models: &Path,
    image_path: &Path,
    annotate_to: Option<&Path>,
    json: bool,
    language: Language,
) -> Result<(), UserError> {
    let image = read_image(image_path)?;
    let engine = load_photo_engine(models)?;
    let report = engine.analyze_image(&image)?;
    // A photo has no history: the per-frame checks only, without hysteresis.
    let measures = measure_frame(&image, &report.faces, &mut Default::default());
    let issues = frame_issues(&measures, &QualityThresholds::default(), &[]);
    let prompt = most_important(&issues);
    if let Some(out) = annotate_to {
        let quality = annotate::Quality {
            measures: &measures,
            issues: &issues,
            prompt: prompt.map(|c| (c, language)),
        };
        annotate::write(&image, &report.faces, Some(&quality), out)?;
    }
    if json {
        let value = report::analyze_json(&report, &measures, &issues, prompt, language);
        println!("{value}");
        return Ok(());
    }
    println!(
        "{}: {}x{}, {} face(s)",
        image_path.display(),
        report.width,
        report.height,
        report.faces.len()
    );
    for (i, f) in report.faces.iter().enumerate() {
        println!(
            "  face {i}: box [{:.0},{:.0},{:.0},{:.0}] score {:.2}  yaw {:+.1}° pitch {:+.1}° roll {:+.1}°  eyes open L {:.2} R {:.2}  mouth {:.2}",
            f.bbox.x, f.bbox.y, f.bbox.width, f.bbox.height, f.score, f.pose.yaw, f.pose.pitch,
            f.pose.roll, f.eyes_open.left, f.eyes_open.right, f.mouth_open
        );
    }
    match prompt {
        Some(code) => println!("  prompt: {code}: {}", code.message(language)),
        None => println!("  prompt: none (all selfie checks pass)"),
    }
    for issue in &issues {
        println!(
            "  issue: {} ({:?}, value {})",
            issue.code,
            issue.severity,
            issue.value.map_or("-".into(), |v| format!("{v:.3}"))
        );
    }
    Ok(())
}
