use std::path::Path;

use precheck_core::face::DetectorOptions;
use precheck_core::quality::{FrameMeasures, PhotoCheck};
use precheck_core::{
    frame::decode_image, Engine, EngineConfig, FaceObservation, FrameReport, Issue, Language,
    PromptCode,
};

use crate::report::{
    self, round, AnalyzeOutput, EyesShape, FaceShape, IssueShape, MeasureShape, PoseShape,
    PromptShape,
};
use crate::{annotate, UserError};

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
    let (
        report,
        PhotoCheck {
            measures,
            issues,
            prompt,
        },
    ) = engine.check_selfie_photo(&image)?;
    if let Some(out) = annotate_to {
        let quality = annotate::Quality {
            measures: &measures,
            issues: &issues,
            prompt: prompt.map(|c| (c, language)),
        };
        annotate::write(&image, &report.faces, Some(&quality), out)?;
    }
    if json {
        return report::print(&output(&report, &measures, &issues, prompt, language));
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

/// The `analyze` JSON (DESIGN §4).
fn output(
    report: &FrameReport,
    measures: &FrameMeasures,
    issues: &[Issue],
    prompt: Option<PromptCode>,
    language: Language,
) -> AnalyzeOutput {
    AnalyzeOutput {
        width: report.width,
        height: report.height,
        faces: report.faces.iter().map(face_shape).collect(),
        issues: issues
            .iter()
            .map(|i| IssueShape {
                code: i.code,
                severity: i.severity,
                value: i.value.map(|v| round(v, 4)),
                message: i.code.message(language),
            })
            .collect(),
        prompt: prompt.map(|code| PromptShape::new(code, language)),
        ready: issues.is_empty(),
        language,
        measures: measures
            .list()
            .iter()
            .map(|m| MeasureShape {
                name: m.name,
                raw: round(m.raw, 4),
                scalar: m.scalar,
            })
            .collect(),
    }
}

fn face_shape(face: &FaceObservation) -> FaceShape {
    let b = &face.bbox;
    FaceShape {
        bbox: [
            round(b.x, 1),
            round(b.y, 1),
            round(b.width, 1),
            round(b.height, 1),
        ],
        score: round(face.score, 4),
        landmarks5: face
            .landmarks5
            .iter()
            .map(|p| [round(p.x, 1), round(p.y, 1)])
            .collect(),
        pose: PoseShape {
            yaw: round(face.pose.yaw, 1),
            pitch: round(face.pose.pitch, 1),
            roll: round(face.pose.roll, 1),
        },
        eyes_open: EyesShape {
            left: round(face.eyes_open.left, 3),
            right: round(face.eyes_open.right, 3),
        },
        mouth_open: round(face.mouth_open, 3),
        landmark_confidence: round(face.landmark_confidence, 4),
    }
}
