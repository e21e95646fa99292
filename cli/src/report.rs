//! JSON shapes of the CLI contract (DESIGN §4).

use precheck_core::quality::FrameMeasures;
use precheck_core::{FaceObservation, FrameReport, Issue, Language, PromptCode};
use serde_json::{json, Value};

fn round(v: f32, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v as f64 * f).round() / f
}

pub fn face_json(face: &FaceObservation) -> Value {
    let b = &face.bbox;
    json!({
        "box": [round(b.x, 1), round(b.y, 1), round(b.width, 1), round(b.height, 1)],
        "score": round(face.score, 4),
        "landmarks5": face.landmarks5.iter().map(|p| [round(p.x, 1), round(p.y, 1)]).collect::<Vec<_>>(),
        "pose": {
            "yaw": round(face.pose.yaw, 1),
            "pitch": round(face.pose.pitch, 1),
            "roll": round(face.pose.roll, 1),
        },
        "eyes_open": {
            "left": round(face.eyes_open.left, 3),
            "right": round(face.eyes_open.right, 3),
        },
        "mouth_open": round(face.mouth_open, 3),
        "landmark_confidence": round(face.landmark_confidence, 4),
    })
}

/// Issues as JSON: `{code, severity, value, message}` (message in `language`).
pub fn issues_json(issues: &[Issue], language: Language) -> Value {
    issues
        .iter()
        .map(|i| {
            json!({
                "code": i.code,
                "severity": i.severity,
                "value": i.value.map(|v| round(v, 4)),
                "message": i.code.message(language),
            })
        })
        .collect()
}

/// The prompt as JSON: `{code, message}` or null.
pub fn prompt_json(prompt: Option<PromptCode>, language: Language) -> Value {
    match prompt {
        Some(code) => json!({"code": code, "message": code.message(language)}),
        None => Value::Null,
    }
}

/// `precheck analyze` output (DESIGN §4), plus `ready`, `language` and the OFIQ-named
/// `measures` of the main face.
pub fn analyze_json(
    report: &FrameReport,
    measures: &FrameMeasures,
    issues: &[Issue],
    prompt: Option<PromptCode>,
    language: Language,
) -> Value {
    json!({
        "width": report.width,
        "height": report.height,
        "faces": report.faces.iter().map(face_json).collect::<Vec<_>>(),
        "issues": issues_json(issues, language),
        "prompt": prompt_json(prompt, language),
        "ready": issues.is_empty(),
        "language": language,
        "measures": measures.list().iter().map(|m| json!({
            "name": m.name,
            "raw": round(m.raw, 4),
            "scalar": m.scalar,
        })).collect::<Vec<_>>(),
    })
}
