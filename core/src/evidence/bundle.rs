//! The evidence bundle (schema `precheck.bundle/1`, described in `docs/bundle.md`): plain data,
//! serialised as JSON. [`super::seal::seal`] fills `seal` and `signature`; [`super::verify`]
//! checks a stored one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::binding::DocumentBinding;
use super::chain::ChainLink;
use crate::liveness::ChallengeKind;

/// The schema identifier every bundle starts with.
pub const SCHEMA: &str = "precheck.bundle/1";

/// One evidence bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub schema: String,
    pub sdk_version: String,
    /// `pass`, `fail` or `review`.
    pub decision: String,
    /// Every reason for the decision (stable snake_case codes, `step:reason`).
    pub reasons: Vec<String>,
    pub scores: Scores,
    pub challenges: Challenges,
    pub timestamps: Timestamps,
    pub frame_chain: ChainSection,
    /// The frames whose faces were matched against the document portrait.
    pub matching_frames: Vec<MatchingFrame>,
    pub document: DocumentBinding,
    pub models: Vec<ModelDigest>,
    /// The retry state after this attempt (the host persists it) and the status it gives.
    pub retry: Value,
    /// Present only when the host asked for images (base64 JPEG); digests otherwise.
    pub images: Option<Images>,
    pub seal: Seal,
    pub signature: Option<SignatureBlock>,
}

/// The scores behind every verdict (the core's report types, serialised).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    pub document: Value,
    pub data: Value,
    pub liveness: Value,
    pub face_match: Value,
}

/// The challenge sequence: requested kinds, the nonce they were ordered by, what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenges {
    pub nonce: String,
    pub requested: Vec<ChallengeKind>,
    /// `challenge_order(nonce, requested)`: a verifier recomputes it.
    pub order: Vec<ChallengeKind>,
    pub results: Value,
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
