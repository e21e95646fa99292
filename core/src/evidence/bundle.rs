//! The evidence bundle (schema `precheck.bundle/1`, described in `docs/bundle.md`): plain data,
//! serialised as JSON. [`super::seal::seal`] fills `seal` and `signature`; [`super::verify`]
//! checks a stored one.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::binding::DocumentBinding;
use super::chain::ChainLink;
use super::reason::ReasonCode;
use crate::consistency::{DiagnosisCode, Field, Verdict as FieldVerdict};
use crate::decision::Decision;
use crate::liveness::{
    AttemptFailure, ChallengeFailure, ChallengeKind, Continuity, LivenessDecision, RetryState,
    RetryStatus, Verdict,
};
use crate::matching::Decision as MatchDecision;
use crate::mrz::{CheckField, MrzFormat};
use crate::prompt::{PromptCode, Severity};

/// The schema identifier every bundle starts with.
pub const SCHEMA: &str = "precheck.bundle/1";

/// One evidence bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub schema: String,
    pub sdk_version: String,
    pub decision: Decision,
    /// Every reason for the decision, failures first (`step:reason` on the wire).
    pub reasons: Vec<ReasonCode>,
    pub scores: Scores,
    pub challenges: Challenges,
    pub timestamps: Timestamps,
    pub frame_chain: ChainSection,
    /// The frames whose faces were matched against the document portrait.
    pub matching_frames: Vec<MatchingFrame>,
    pub document: DocumentBinding,
    pub models: Vec<ModelDigest>,
    /// The retry state after this attempt (the host persists it) and the status it gives.
    pub retry: RetrySection,
    /// Present only when the host asked for images (base64 JPEG); digests otherwise.
    pub images: Option<Images>,
    pub seal: Seal,
    pub signature: Option<SignatureBlock>,
}

/// The scores behind every verdict: what the flow's steps measured, without personal data.
///
/// Scores are the core's `f32` measures written as `f64` (the value the `f32` holds, e.g.
/// `0.10000000149011612`): the form schema 1 has always had, kept so bundles stay byte for
/// byte what they were. A score that was not a number is written `null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    pub document: DocumentScores,
    /// `None` when no typed data was compared (no data step, or no MRZ to compare with).
    pub data: Option<DataScores>,
    pub liveness: LivenessScores,
    pub face_match: FaceMatchScores,
}

/// `scores.document`: the document's checks without personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentScores {
    pub found: bool,
    #[serde(deserialize_with = "number_or_nan")]
    pub fill_ratio: f64,
    pub issues: Vec<IssueScore>,
    pub portrait_found: bool,
    /// `None` when no MRZ was read.
    pub mrz: Option<MrzScores>,
}

/// One failed document check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueScore {
    pub code: PromptCode,
    pub severity: Severity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// The MRZ's check verdicts (never its fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MrzScores {
    pub format: MrzFormat,
    pub valid: bool,
    pub checks: Vec<MrzCheckScore>,
    pub expired: Option<bool>,
}

/// One check digit's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MrzCheckScore {
    pub field: CheckField,
    pub valid: bool,
}

/// `scores.data`: the typed data versus the MRZ, field by field (no values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataScores {
    pub exact: bool,
    pub consistent: bool,
    pub fields: Vec<FieldScore>,
}

/// One typed field's comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldScore {
    pub field: Field,
    pub verdict: FieldVerdict,
    pub diagnoses: Vec<DiagnosisCode>,
}

/// `scores.liveness`: the liveness session's decision and its independent verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LivenessScores {
    pub decision: LivenessDecision,
    /// The session's own reasons (`passive_unsure`, `challenge_failed`, ...).
    pub reasons: Vec<String>,
    pub active: CheckScore,
    pub passive: CheckScore,
    pub depth: CheckScore,
    pub identity: IdentityScore,
    pub failure: Option<AttemptFailure>,
    /// Frames the session accepted.
    pub frames: u64,
}

/// One independent liveness check: its score, verdict and note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckScore {
    pub score: Option<f64>,
    pub verdict: Verdict,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Identity continuity over the selfie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityScore {
    pub continuity: Continuity,
    pub min_similarity: Option<f64>,
    pub embedded_frames: u32,
}

/// `scores.face_match`: the selfie frames against the document portrait.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaceMatchScores {
    /// The median over the matched frames (`None`: nothing was matched).
    pub similarity: Option<f64>,
    pub decision: Option<MatchDecision>,
    /// Best frame first.
    pub frames: Vec<MatchedFrameScore>,
    #[serde(deserialize_with = "number_or_nan")]
    pub match_at_or_above: f64,
    #[serde(deserialize_with = "number_or_nan")]
    pub no_match_below: f64,
}

/// One selfie frame matched against the portrait.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchedFrameScore {
    pub t_ms: i64,
    #[serde(deserialize_with = "number_or_nan")]
    pub similarity: f64,
    /// The frame's quality score (why it was chosen).
    #[serde(deserialize_with = "number_or_nan")]
    pub score: f64,
}

/// The challenge sequence: requested kinds, the nonce they were ordered by, what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenges {
    pub nonce: String,
    pub requested: Vec<ChallengeKind>,
    /// `challenge_order(nonce, requested)`: a verifier recomputes it.
    pub order: Vec<ChallengeKind>,
    pub results: Vec<ChallengeOutcome>,
}

/// One challenge's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeOutcome {
    pub kind: ChallengeKind,
    pub passed: bool,
    /// Movement onset and completion of the accepted response (camera clock).
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    /// The last failure (a passed challenge may carry the failure of an earlier try).
    pub reason: Option<ChallengeFailure>,
    /// Tries used (1 = passed first time).
    pub tries: u32,
    /// Prompt to movement onset of the accepted response.
    pub latency_ms: Option<i64>,
    /// Blinks: eyelid closing speed (baseline shares per second).
    pub closing_speed: Option<f64>,
}

/// Caller-supplied times, milliseconds since the Unix epoch (the core never reads a clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timestamps {
    pub document_captured_ms: i64,
    pub selfie_started_ms: i64,
    pub first_frame_ms: Option<i64>,
    pub last_frame_ms: Option<i64>,
    pub finished_ms: i64,
}

/// The frame hash chain ([`super::chain`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainSection {
    /// Always `sha256`.
    pub algorithm: String,
    pub genesis: String,
    pub count: u64,
    pub head: String,
    pub links: Vec<ChainLink>,
}

/// A frame used for the face match: its place in the chain and its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchingFrame {
    pub t_ms: i64,
    pub digest: String,
    pub similarity: f32,
}

/// A model's file name and the sha256 it was verified against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelDigest {
    pub name: String,
    pub sha256: String,
}

/// The retry state after this attempt (the host persists it) and the status it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySection {
    pub state: RetryState,
    pub status: RetryStatus,
}

/// Images the host asked to include (base64 of JPEG files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Images {
    pub document: Option<String>,
    pub matching_frames: Vec<String>,
}

/// Digests of the bundle's fields (see [`super::seal`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// Field path (`decision`, `document.number_hash`, ...) → SHA-256 of its canonical JSON.
    pub fields: BTreeMap<String, String>,
}

/// The Ed25519 signature over the canonical bundle without this block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureBlock {
    /// Always `ed25519`.
    pub algorithm: String,
    pub public_key: String,
    pub value: String,
}

/// A score that must be a number but was written `null` (it was not finite): read back as NaN,
/// which writes `null` again.
fn number_or_nan<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(deserializer)?.unwrap_or(f64::NAN))
}
