//! Assembling the evidence bundle of a finished flow. Only verdicts, scores, digests and the
//! document binding go in: no names, birth dates or document numbers in clear, no embeddings;
//! images only when the host asked ([`FlowOptions::include_images`]).

use base64::Engine as _;

use super::face_match::FaceMatchReport;
use super::options::FlowOptions;
use crate::consistency::ConsistencyReport;
use crate::decision::Decision;
use crate::document::{DocumentKind, DocumentReport};
use crate::error::{PrecheckError, Result};
use crate::evidence::bundle::{
    Bundle, ChainSection, ChallengeOutcome, Challenges, CheckScore, DataScores, DocumentScores,
    FaceMatchScores, FieldScore, IdentityScore, Images, IssueScore, LivenessScores,
    MatchedFrameScore, MatchingFrame, ModelDigest, MrzCheckScore, MrzScores, RetrySection, Scores,
    Seal, Timestamps, SCHEMA,
};
use crate::evidence::digest::to_hex;
use crate::evidence::{
    number_hash, salt_id, seal, DocumentBinding, FrameChain, ReasonCode, SealedBundle, Signer,
};
use crate::frame::RgbImage;
use crate::liveness::{ChallengeResult, CheckReport, RetryState, RetryStatus};
use crate::models::LoadedModel;
use crate::session::{MatchCandidate, SessionResult};

/// JPEG quality of images the host asked to include.
const JPEG_QUALITY: u8 = 90;

/// What a finished flow hands to the bundle.
pub struct BundleInputs<'a> {
    pub models: &'a [LoadedModel],
    pub options: &'a FlowOptions,
    pub decision: Decision,
    pub reasons: &'a [ReasonCode],
    pub document: &'a DocumentReport,
    pub document_captured_ms: i64,
    pub document_digest: &'a str,
    pub document_file: Option<&'a [u8]>,
    pub consistency: Option<&'a ConsistencyReport>,
    pub liveness: &'a SessionResult,
    pub face_match: &'a FaceMatchReport,
    pub candidates: &'a [MatchCandidate],
    pub chain: &'a FrameChain,
    pub selfie_started_ms: i64,
    pub finished_ms: i64,
    pub retry_state: &'a RetryState,
    pub retry_status: RetryStatus,
}

/// Builds, seals and (with a signer) signs the bundle.
pub fn build_bundle(
    inputs: &BundleInputs<'_>,
    signer: Option<&dyn Signer>,
) -> Result<SealedBundle> {
    let i = inputs;
    let live = i.liveness;
    let bundle = Bundle {
        schema: SCHEMA.into(),
        sdk_version: env!("CARGO_PKG_VERSION").into(),
        decision: i.decision,
        reasons: i.reasons.to_vec(),
        scores: Scores {
            document: document_scores(i.document),
            data: i.consistency.map(data_scores),
            liveness: liveness_scores(live),
            face_match: face_match_scores(i.face_match),
        },
        challenges: Challenges {
            nonce: live.nonce.clone(),
            requested: i.options.selfie.challenges.clone(),
            order: live.order.clone(),
            results: live.challenges.iter().map(challenge_outcome).collect(),
        },
        timestamps: Timestamps {
            document_captured_ms: i.document_captured_ms,
            selfie_started_ms: i.selfie_started_ms,
            first_frame_ms: live.first_ms,
            last_frame_ms: live.last_ms,
            finished_ms: i.finished_ms,
        },
        frame_chain: ChainSection {
            algorithm: "sha256".into(),
            genesis: to_hex(&i.chain.genesis()),
            count: i.chain.len() as u64,
            head: to_hex(&i.chain.head()),
            links: i.chain.to_links(),
        },
        matching_frames: matching_frames(i),
        document: document_binding(i)?,
        models: i
            .models
            .iter()
            .map(|m| ModelDigest {
                name: m.kind.file_name().into(),
                sha256: m.sha256.clone(),
            })
            .collect(),
        retry: RetrySection {
            state: i.retry_state.clone(),
            status: i.retry_status,
        },
        images: images(i)?,
        seal: Seal::default(),
        signature: None,
    };
    seal(bundle, signer)
}

/// The document's checks without personal data: outline, issues, MRZ check verdicts.
fn document_scores(report: &DocumentReport) -> DocumentScores {
    DocumentScores {
        found: report.found,
        fill_ratio: report.fill_ratio.into(),
        issues: report
            .issues
            .iter()
            .map(|i| IssueScore {
                code: i.code,
                severity: i.severity,
                value: i.value.map(f64::from),
            })
            .collect(),
        portrait_found: report.portrait.is_some(),
        mrz: report.mrz.as_ref().map(|m| MrzScores {
            format: m.format,
            valid: m.valid,
            checks: m
                .checks
                .iter()
                .map(|c| MrzCheckScore {
                    field: c.field,
                    valid: c.valid,
                })
                .collect(),
            expired: m.expired,
        }),
    }
}

fn data_scores(report: &ConsistencyReport) -> DataScores {
    DataScores {
        exact: report.exact,
        consistent: report.consistent,
        fields: report
            .fields
            .iter()
            .map(|f| FieldScore {
                field: f.field,
                verdict: f.verdict,
                diagnoses: f.diagnoses.clone(),
            })
            .collect(),
    }
}

fn liveness_scores(live: &SessionResult) -> LivenessScores {
    LivenessScores {
        decision: live.decision,
        reasons: live.reasons.clone(),
        active: check_score(&live.active),
        passive: check_score(&live.passive),
        depth: check_score(&live.depth),
        identity: IdentityScore {
            continuity: live.identity.continuity,
            min_similarity: live.identity.min_similarity.map(f64::from),
            embedded_frames: live.identity.embedded_frames,
        },
        failure: live.failure,
        frames: live.frames,
    }
}

fn check_score(report: &CheckReport) -> CheckScore {
    CheckScore {
        score: report.score.map(f64::from),
        verdict: report.verdict,
        note: report.note.clone(),
    }
}

fn face_match_scores(report: &FaceMatchReport) -> FaceMatchScores {
    FaceMatchScores {
        similarity: report.similarity.map(f64::from),
        decision: report.decision,
        frames: report
            .frames
            .iter()
            .map(|f| MatchedFrameScore {
                t_ms: f.t_ms,
                similarity: f.similarity.into(),
                score: f.score.into(),
            })
            .collect(),
        match_at_or_above: report.match_at_or_above.into(),
        no_match_below: report.no_match_below.into(),
    }
}

fn challenge_outcome(r: &ChallengeResult) -> ChallengeOutcome {
    ChallengeOutcome {
        kind: r.kind,
        passed: r.passed,
        start_ms: r.start_ms,
        end_ms: r.end_ms,
        reason: r.reason,
        tries: r.tries,
        latency_ms: r.latency_ms,
        closing_speed: r.closing_speed.map(f64::from),
    }
}

fn matching_frames(i: &BundleInputs<'_>) -> Vec<MatchingFrame> {
    i.face_match
        .frames
        .iter()
        .filter_map(|f| {
            let c = i.candidates.iter().find(|c| c.t_ms == f.t_ms)?;
            Some(MatchingFrame {
                t_ms: f.t_ms,
                digest: to_hex(&c.digest),
                similarity: f.similarity,
            })
        })
        .collect()
}

fn document_binding(i: &BundleInputs<'_>) -> Result<DocumentBinding> {
    let salt = &i.options.document_salt;
    let mrz = i.document.mrz.as_ref().filter(|m| m.valid);
    let issuing_state = mrz.map(|m| m.fields.issuing_state.clone());
    let number_hash = match mrz {
        Some(m) if !m.fields.document_number.is_empty() => Some(number_hash(
            salt,
            &m.fields.issuing_state,
            &m.fields.document_number,
        )?),
        _ => None,
    };
    Ok(DocumentBinding {
        kind: kind_name(i.options.document_kind).into(),
        issuing_state,
        expiry: mrz.and_then(|m| m.fields.expiry_date).map(|d| d.iso()),
        number_hash,
        salt_id: salt_id(salt)?,
        image_digest: i.document_digest.into(),
    })
}

fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Passport => "passport",
        DocumentKind::IdCard => "id_card",
        DocumentKind::DrivingLicence => "driving_licence",
        DocumentKind::Unknown => "unknown",
    }
}

fn images(i: &BundleInputs<'_>) -> Result<Option<Images>> {
    if !i.options.include_images {
        return Ok(None);
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut frames = Vec::new();
    for f in &i.face_match.frames {
        if let Some(c) = i.candidates.iter().find(|c| c.t_ms == f.t_ms) {
            frames.push(b64.encode(encode_jpeg(&c.image)?));
        }
    }
    Ok(Some(Images {
        document: i.document_file.map(|bytes| b64.encode(bytes)),
        matching_frames: frames,
    }))
}

fn encode_jpeg(image: &RgbImage) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode(
            image.as_bytes(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| PrecheckError::InvalidInput(format!("cannot encode a frame as JPEG: {e}")))?;
    Ok(out)
}
