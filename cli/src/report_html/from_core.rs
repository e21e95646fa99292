//! Filling a [`ReportInput`] from the core's results: the conversions the demo flow and the
//! tests share (pictures encoded and coordinates scaled with them, enum names as the JSON
//! contracts spell them, messages in the report's language).

use precheck_core::consistency::{ConsistencyReport, DocumentData, Field, TypedData};
use precheck_core::document::{DocumentKind, DocumentReport};
use precheck_core::frame::RgbImage;
use precheck_core::liveness::verdict::CheckReport;
use precheck_core::matching::{decide, MatchThresholds};
use precheck_core::math::{BoundingBox, Point};
use precheck_core::session::{SessionResult, SessionUpdate};
use precheck_core::{FaceObservation, Language, LoadedModel};

use super::input::*;

/// The name serde gives a unit enum variant (`snake_case` in the core's JSON), Debug otherwise.
pub fn snake_name<T: serde::Serialize + std::fmt::Debug>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{value:?}").to_lowercase(),
    }
}

fn scale_box(b: BoundingBox, k: f32) -> BoundingBox {
    BoundingBox {
        x: b.x * k,
        y: b.y * k,
        width: b.width * k,
        height: b.height * k,
    }
}

/// The document step: `photo` (the checked image) as a JPEG at most `max_side` pixels long,
/// with the outline, portrait box, MRZ and issues of `report`.
pub fn document_section(
    photo: &RgbImage,
    report: &DocumentReport,
    kind: DocumentKind,
    language: Language,
    max_side: u32,
) -> Result<DocumentSection, image::ImageError> {
    let (image, k) = EncodedImage::jpeg(photo, max_side, 82)?;
    Ok(DocumentSection {
        image,
        kind: snake_name(&kind),
        quad: report
            .corners
            .map(|c| c.map(|p| Point::new(p.x * k, p.y * k))),
        portrait_box: report.portrait_box().map(|b| scale_box(b, k)),
        mrz: report.mrz.as_ref().map(|mrz| MrzSection {
            lines: mrz.lines.clone(),
            valid: mrz.valid,
            checks: mrz
                .checks
                .iter()
                .map(|c| MrzCheckLine {
                    field: c.field.name().to_string(),
                    valid: c.valid,
                })
                .collect(),
        }),
        issues: report
            .issues
            .iter()
            .map(|i| CodeMessage {
                code: i.code.to_string(),
                message: i.code.message(language).to_string(),
            })
            .collect(),
    })
}

/// The data step's rows: each compared field with what was typed and what the document says.
pub fn field_rows(
    consistency: &ConsistencyReport,
    typed: &TypedData,
    document: &DocumentData,
) -> Vec<FieldComparison> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let name = |surname: &Option<String>, given: &Option<String>| match (surname, given) {
        (Some(s), Some(g)) => format!("{s}, {g}"),
        (s, g) => format!("{}{}", text(s), text(g)),
    };
    consistency
        .fields
        .iter()
        .map(|f| {
            let (typed_value, document_value) = match f.field {
                Field::Name => (
                    name(&typed.surname, &typed.given_names),
                    name(&document.surname, &document.given_names),
                ),
                Field::BirthDate => (
                    text(&typed.birth_date),
                    document.birth_date.map(|d| d.iso()).unwrap_or_default(),
                ),
                Field::DocumentNumber => (
                    text(&typed.document_number),
                    text(&document.document_number),
                ),
                Field::Nationality => (text(&typed.nationality), text(&document.nationality)),
                Field::CnIdNumber => (text(&typed.cn_id_number), text(&document.cn_id_number)),
            };
            FieldComparison {
                field: snake_name(&f.field),
                typed: typed_value,
                document: document_value,
                verdict: match snake_name(&f.verdict).as_str() {
                    "exact" => FieldVerdict::Exact,
                    "equivalent" => FieldVerdict::Equivalent,
                    _ => FieldVerdict::Mismatch,
                },
                note: f
                    .diagnoses
                    .iter()
                    .map(snake_name)
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        })
        .collect()
}

/// One key frame: `frame` as a JPEG at most `max_side` pixels long, the engine's observation of
/// it (box and mesh, scaled along) and the prompt its session update showed.
pub fn selfie_frame(
    frame: &RgbImage,
    face: Option<&FaceObservation>,
    update: &SessionUpdate,
    caption: &str,
    max_side: u32,
) -> Result<SelfieFrame, image::ImageError> {
    let (image, k) = EncodedImage::jpeg(frame, max_side, 80)?;
    Ok(SelfieFrame {
        image,
        t_ms: update.t_ms,
        face_box: face.map(|f| scale_box(f.bbox, k)),
        mesh: face
            .map(|f| {
                f.mesh
                    .points
                    .iter()
                    .map(|p| Point::new(p.x * k, p.y * k))
                    .collect()
            })
            .unwrap_or_default(),
        prompt: update.prompt.as_ref().map(|p| CodeMessage {
            code: p.code.to_string(),
            message: p.message.clone(),
        }),
        caption: caption.to_string(),
    })
}

/// The timeline of a session: every update's face signals, the challenges' accepted (or tried)
/// windows and the prompt changes.
pub fn timeline(updates: &[SessionUpdate], result: &SessionResult, language: Language) -> Timeline {
    Timeline {
        samples: updates
            .iter()
            .map(|u| TimelineSample {
                t_ms: u.t_ms,
                left_eye: u.sample.map(|s| s.eye_left),
                right_eye: u.sample.map(|s| s.eye_right),
                mouth: u.sample.map(|s| s.mouth),
                yaw_deg: u.sample.map(|s| s.yaw),
            })
            .collect(),
        challenges: result
            .challenges
            .iter()
            .map(|c| ChallengeWindow {
                kind: snake_name(&c.kind),
                start_ms: c.start_ms,
                end_ms: c.end_ms,
                passed: c.passed,
            })
            .collect(),
        prompts: result
            .prompts
            .iter()
            .map(|p| PromptChange {
                t_ms: p.t_ms,
                prompt: p.code.map(|c| CodeMessage {
                    code: c.to_string(),
                    message: c.message(language).to_string(),
                }),
            })
            .collect(),
        events: updates
            .iter()
            .flat_map(|u| &u.events)
            .map(|e| TimelineEvent {
                t_ms: e.t_ms,
                label: format!("{} {}", snake_name(&e.kind), snake_name(&e.phase)),
            })
            .collect(),
    }
}

fn verdict_line(r: &CheckReport) -> VerdictLine {
    VerdictLine {
        verdict: r.verdict.as_str().to_string(),
        score: r.score,
        note: r.note.clone(),
    }
}

/// The three liveness verdicts and identity continuity of a session.
pub fn liveness(result: &SessionResult) -> LivenessSection {
    LivenessSection {
        active: verdict_line(&result.active),
        passive: verdict_line(&result.passive),
        depth: verdict_line(&result.depth),
        continuity: VerdictLine {
            verdict: snake_name(&result.identity.continuity),
            score: result.identity.min_similarity,
            note: Some(format!(
                "{} frames embedded; score: lowest similarity to the first",
                result.identity.embedded_frames
            )),
        },
    }
}

/// The match gauge for `similarity` under `thresholds`.
pub fn face_match(similarity: f32, thresholds: &MatchThresholds) -> MatchSection {
    MatchSection {
        similarity,
        match_threshold: thresholds.match_at_or_above,
        no_match_threshold: thresholds.no_match_below,
        decision: decide(similarity, thresholds).as_str().to_string(),
    }
}

/// The engine's models with their digests.
pub fn model_digests(models: &[LoadedModel]) -> Vec<ModelDigest> {
    models
        .iter()
        .map(|m| ModelDigest {
            name: m.kind.file_name().to_string(),
            sha256: m.sha256.clone(),
        })
        .collect()
}

/// Up to `count` frames worth showing, in time order: the first and last frame, each frame where
/// the prompt changed, then evenly spaced frames to fill up (indices into `updates`).
pub fn key_frames(updates: &[SessionUpdate], count: usize) -> Vec<usize> {
    let n = updates.len();
    if n == 0 || count == 0 {
        return Vec::new();
    }
    let mut picks = vec![0, n - 1];
    let code = |u: &SessionUpdate| u.prompt.as_ref().map(|p| p.code);
    for i in 1..n {
        if picks.len() >= count {
            break;
        }
        if code(&updates[i]) != code(&updates[i - 1]) {
            picks.push(i);
        }
    }
    // Each round adds a new index or stops, so this ends.
    while picks.len() < count.min(n) {
        // Midpoints of the widest gaps first, as evenly as the prompt changes allow.
        picks.sort_unstable();
        picks.dedup();
        let widest = picks
            .windows(2)
            .max_by_key(|w| w[1] - w[0])
            .map(|w| (w[0] + w[1]) / 2);
        match widest {
            Some(mid) if !picks.contains(&mid) => picks.push(mid),
            _ => break,
        }
    }
    picks.sort_unstable();
    picks.dedup();
    picks.truncate(count);
    picks
}
