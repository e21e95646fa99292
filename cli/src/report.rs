//! The JSON shapes of the CLI contract (DESIGN §4, the README's CLI section): one serde struct
//! per object a command prints with `--json`. The commands fill them; nothing else writes JSON.
//!
//! Two printers, each keeping the bytes the tool has always written:
//! - [`print`] (every command but `mrz TEXT`, `idnum` and `verify`): object keys in
//!   alphabetical order, single-precision numbers at double precision (`0.5249999761581421`);
//! - [`print_in_order`] (`mrz TEXT`, `idnum`, `verify`, which print a core report as it is):
//!   keys in field order, numbers in their shortest form.

use precheck_core::consistency::ConsistencyReport;
use precheck_core::decision::Decision;
use precheck_core::evidence::ReasonCode;
use precheck_core::flow::FaceMatchReport;
use precheck_core::frame::FileRepair;
use precheck_core::liveness::{
    ActionEvent, AttemptFailure, ChallengeFailure, ChallengeKind, LivenessDecision, MotionEvent,
    RetryState, RetryStatus, Verdict,
};
use precheck_core::matching::Decision as MatchDecision;
use precheck_core::mrz::{FieldCheck, MrzFields, MrzFormat, MrzReport};
use precheck_core::session::{IdentityReport, SessionState};
use precheck_core::{Language, PromptCode, Severity};
use serde::Serialize;
use serde_json::Value;

use crate::UserError;

/// `mrz TEXT`: the core's MRZ report as it is.
pub type MrzOutput = MrzReport;
/// `idnum`: the core's ID-number check as it is.
pub type IdnumOutput = precheck_core::idnum::IdNumberCheck;
/// `verify`: the core's verdict as it is (`{intact, field, reason, signed, public_key, digest}`).
pub type VerifyOutput = precheck_core::evidence::Verification;

/// A shape as a JSON value: keys sorted, `f32` numbers at double precision. Plain data with
/// string keys cannot fail to serialise; `null` if it ever did.
pub fn to_value<T: Serialize>(shape: &T) -> Value {
    serde_json::to_value(shape).unwrap_or(Value::Null)
}

/// Prints one shape on one line, keys sorted (see the module documentation).
pub fn print<T: Serialize>(shape: &T) -> Result<(), UserError> {
    println!("{}", serde_json::to_value(shape)?);
    Ok(())
}

/// Prints one core report on one line, keys in field order.
pub fn print_in_order<T: Serialize>(shape: &T) -> Result<(), UserError> {
    println!("{}", serde_json::to_string(shape)?);
    Ok(())
}

/// `v` rounded to `digits` decimals (what the shapes print for measures).
pub fn round(v: f32, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v as f64 * f).round() / f
}

/// A box as `[x, y, width, height]`.
pub type BoxShape = [f64; 4];

/// `{code, message}`: the prompt to show, in the requested language.
#[derive(Debug, Clone, Serialize)]
pub struct PromptShape {
    pub code: PromptCode,
    pub message: &'static str,
}

impl PromptShape {
    pub fn new(code: PromptCode, language: Language) -> Self {
        PromptShape {
            code,
            message: code.message(language),
        }
    }
}

// ---- analyze ------------------------------------------------------------------------------

/// `precheck analyze IMAGE`: DESIGN §4, plus `ready`, `language` and the OFIQ-named `measures`
/// of the main face.
#[derive(Debug, Clone, Serialize)]
pub struct AnalyzeOutput {
    pub width: u32,
    pub height: u32,
    pub faces: Vec<FaceShape>,
    pub issues: Vec<IssueShape>,
    pub prompt: Option<PromptShape>,
    pub ready: bool,
    pub language: Language,
    pub measures: Vec<MeasureShape>,
}

/// One face of `analyze`.
#[derive(Debug, Clone, Serialize)]
pub struct FaceShape {
    #[serde(rename = "box")]
    pub bbox: BoxShape,
    pub score: f64,
    /// Right eye, left eye, nose tip, right and left mouth corners, in image pixels.
    pub landmarks5: Vec<[f64; 2]>,
    pub pose: PoseShape,
    pub eyes_open: EyesShape,
    pub mouth_open: f64,
    pub landmark_confidence: f64,
}

/// Degrees; yaw positive when the subject turns to their left.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PoseShape {
    pub yaw: f64,
    pub pitch: f64,
    pub roll: f64,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct EyesShape {
    pub left: f64,
    pub right: f64,
}

/// A failed selfie check: `{code, severity, value, message}`.
#[derive(Debug, Clone, Serialize)]
pub struct IssueShape {
    pub code: PromptCode,
    pub severity: Severity,
    pub value: Option<f64>,
    pub message: &'static str,
}

/// One OFIQ-named measure.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureShape {
    pub name: &'static str,
    pub raw: f64,
    pub scalar: Option<u8>,
}

// ---- document -----------------------------------------------------------------------------

/// `precheck document IMAGE`: DESIGN §4, plus `width`, `height`, `margins`, `glare`, `measures`
/// and `prompt`.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentOutput {
    pub width: u32,
    pub height: u32,
    pub found: bool,
    /// Top-left, top-right, bottom-right, bottom-left.
    pub corners: Option<Vec<[f64; 2]>>,
    pub fill_ratio: f64,
    pub margins: Option<MarginsShape>,
    pub issues: Vec<DocumentIssueShape>,
    pub prompt: Option<PromptShape>,
    pub glare: Vec<GlareShape>,
    pub portrait_box: Option<BoxShape>,
    pub measures: DocumentMeasuresShape,
    pub mrz: Option<DocumentMrzShape>,
    /// What the decoder mended in the file (`jpeg_end_marker_missing`); absent when nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_repair: Option<FileRepair>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct MarginsShape {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// A failed document check; `DOC_GLARE` also says how much and over what.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentIssueShape {
    pub code: PromptCode,
    pub severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covers_text: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covers_portrait: Option<bool>,
}

/// One glare spot; its box in shares of the rectified document.
#[derive(Debug, Clone, Serialize)]
pub struct GlareShape {
    pub area: f64,
    #[serde(rename = "box")]
    pub bbox: BoxShape,
    pub covers_text: bool,
    pub covers_portrait: bool,
}

/// The raw measure behind each document check.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentMeasuresShape {
    pub relative_fill: f64,
    pub aspect: f64,
    pub luma_p10: f32,
    pub luma_p90: f32,
    pub clipped_fraction: f64,
    pub glare_fraction: f64,
    pub acuity: f64,
    pub screen_peak: f64,
    pub colourfulness: f64,
    pub largest_edge_gap: f64,
    /// Top, right, bottom, left.
    pub side_support: Vec<f64>,
}

/// The document's MRZ, read from the photo.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentMrzShape {
    pub format: MrzFormat,
    pub lines: Vec<String>,
    pub valid: bool,
    pub fields: MrzFields,
    pub checks: Vec<FieldCheck>,
    pub expired: Option<bool>,
}

// ---- match --------------------------------------------------------------------------------

/// `precheck match A B`.
#[derive(Debug, Clone, Serialize)]
pub struct MatchOutput {
    pub similarity: f64,
    pub decision: MatchDecision,
}

/// `precheck match --pairs PAIRS.csv`: one result per row, in row order.
#[derive(Debug, Clone, Serialize)]
pub struct PairsOutput {
    pub results: Vec<PairShape>,
}

/// One row: its similarity and decision, or (both null) the error that stopped it.
#[derive(Debug, Clone, Serialize)]
pub struct PairShape {
    pub a: String,
    pub b: String,
    pub similarity: Option<f64>,
    pub decision: Option<MatchDecision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

// ---- liveness -----------------------------------------------------------------------------

/// `precheck liveness FRAMES_DIR|VIDEO`: DESIGN §4, plus `reasons`, `order`, `nonce`,
/// `identity`, `failure`, `motion_events`, `frames`, and `timeline` with `--timeline`.
#[derive(Debug, Clone, Serialize)]
pub struct LivenessOutput {
    pub decision: LivenessDecision,
    pub reasons: Vec<String>,
    pub nonce: String,
    pub order: Vec<ChallengeKind>,
    pub challenges: Vec<ChallengeShape>,
    pub active: CheckShape,
    pub passive: CheckShape,
    pub depth: CheckShape,
    pub identity: IdentityReport,
    pub failure: Option<AttemptFailure>,
    pub prompts: Vec<PromptEventShape>,
    pub motion_events: Vec<MotionEvent>,
    pub frames: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<TimelineShape>>,
}

/// One challenge's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct ChallengeShape {
    pub kind: ChallengeKind,
    pub passed: bool,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub reason: Option<ChallengeFailure>,
    pub tries: u32,
    pub latency_ms: Option<i64>,
}

/// One independent liveness check (`note` is null when there is none).
#[derive(Debug, Clone, Serialize)]
pub struct CheckShape {
    pub score: Option<f64>,
    pub verdict: Verdict,
    pub note: Option<String>,
}

/// A prompt change at a frame time (`code` null: no prompt).
#[derive(Debug, Clone, Serialize)]
pub struct PromptEventShape {
    pub t_ms: i64,
    pub code: Option<PromptCode>,
    pub message: Option<&'static str>,
}

/// One frame of `--timeline` (the motion sample's values null without a face).
#[derive(Debug, Clone, Serialize)]
pub struct TimelineShape {
    pub t_ms: i64,
    pub state: SessionState,
    pub prompt: Option<PromptCode>,
    pub yaw: Option<f64>,
    pub pitch: Option<f64>,
    pub eyes: Option<f64>,
    pub mouth: Option<f64>,
    pub events: Vec<ActionEvent>,
    pub passive: Option<f64>,
}

// ---- mrz --image --------------------------------------------------------------------------

/// `precheck mrz --image FILE` when an MRZ was read: the report and how it was read.
#[derive(Debug, Clone, Serialize)]
pub struct MrzImageOutput {
    #[serde(flatten)]
    pub report: MrzReport,
    pub found: bool,
    pub corrected: usize,
    pub confidence: f32,
    /// Top-left, top-right, bottom-right, bottom-left, in image pixels.
    pub band: [[f32; 2]; 4],
    pub ms: f64,
}

/// `precheck mrz --image FILE` when none was found.
#[derive(Debug, Clone, Serialize)]
pub struct MrzNotFoundOutput {
    pub found: bool,
    pub ms: f64,
}

// ---- session ------------------------------------------------------------------------------

/// `precheck session`: the decision, every reason, each step's verdict and where the bundle
/// went.
#[derive(Debug, Clone, Serialize)]
pub struct SessionOutput {
    pub decision: Decision,
    pub reasons: Vec<ReasonCode>,
    pub document: SessionDocumentShape,
    pub data: Option<ConsistencyReport>,
    pub liveness: LivenessOutput,
    pub face_match: FaceMatchReport,
    pub retry: RetryShape,
    pub bundle: BundleShape,
}

/// The document step in brief.
#[derive(Debug, Clone, Serialize)]
pub struct SessionDocumentShape {
    pub found: bool,
    pub issues: Vec<SessionIssueShape>,
    pub portrait_found: bool,
    pub mrz_valid: Option<bool>,
}

/// A failed document check with its message.
#[derive(Debug, Clone, Serialize)]
pub struct SessionIssueShape {
    pub code: PromptCode,
    pub severity: Severity,
    pub message: &'static str,
}

/// The retry status after this attempt and the state the host persists.
#[derive(Debug, Clone, Serialize)]
pub struct RetryShape {
    pub status: RetryStatus,
    pub state: RetryState,
}

/// Where the evidence bundle went and what identifies it.
#[derive(Debug, Clone, Serialize)]
pub struct BundleShape {
    pub path: String,
    pub digest: String,
    pub signed: bool,
    pub public_key: Option<String>,
    pub frames_chained: u64,
}

// ---- keygen -------------------------------------------------------------------------------

/// `precheck keygen --out KEYFILE`: where the key went and the public key to trust.
#[derive(Debug, Clone, Serialize)]
pub struct KeygenOutput {
    pub key: String,
    pub public_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Sample {
        b: f32,
        a: u32,
    }

    #[test]
    fn print_sorts_keys_and_widens_f32_and_print_in_order_does_neither() {
        let sample = Sample { b: 0.1, a: 1 };
        assert_eq!(
            to_value(&sample).to_string(),
            r#"{"a":1,"b":0.10000000149011612}"#
        );
        assert_eq!(
            serde_json::to_string(&sample).unwrap(),
            r#"{"b":0.1,"a":1}"#
        );
    }

    #[test]
    fn a_pair_that_failed_has_an_error_and_null_scores() {
        let failed = PairShape {
            a: "x.jpg".into(),
            b: "y.jpg".into(),
            similarity: None,
            decision: None,
            error: Some("y.jpg: no face".into()),
        };
        let matched = PairShape {
            similarity: Some(0.9975),
            decision: Some(MatchDecision::Match),
            error: None,
            ..failed.clone()
        };
        assert_eq!(
            to_value(&PairsOutput {
                results: vec![matched, failed]
            })
            .to_string(),
            r#"{"results":[{"a":"x.jpg","b":"y.jpg","decision":"match","similarity":0.9975},{"a":"x.jpg","b":"y.jpg","decision":null,"error":"y.jpg: no face","similarity":null}]}"#
        );
    }
}
