//! What the host asks for when it starts the whole KYC pre-check flow.

use crate::date::Date;
use crate::document::DocumentKind;
use crate::liveness::RetryPolicy;
use crate::matching::MatchThresholds;
use crate::session::{SelfieOptions, DEFAULT_KEPT};

/// The selfie must start within this long of the document capture (15 minutes).
pub const DEFAULT_MAX_SELFIE_DELAY_MS: i64 = 15 * 60 * 1000;

/// Options of [`crate::Engine::start_flow`].
#[derive(Debug, Clone, PartialEq)]
pub struct FlowOptions {
    /// Nonce, challenges, liveness policy and language of the selfie step.
    pub selfie: SelfieOptions,
    pub document_kind: DocumentKind,
    /// Today's date on the caller's calendar (document expiry, ID-number birth dates).
    pub today: Date,
    pub retry: RetryPolicy,
    /// The selfie must start within this long of the document capture.
    pub max_selfie_delay_ms: i64,
    /// Per-deployment secret (≥ 16 bytes) keying the document-number hash of the bundle.
    pub document_salt: Vec<u8>,
    /// Put the document photo and the matching frames (JPEG, base64) into the bundle; digests
    /// only otherwise.
    pub include_images: bool,
    pub match_thresholds: MatchThresholds,
}

impl FlowOptions {
    /// Defaults: the four challenges, documented policies, English, 15 minutes, no images.
    pub fn new(nonce: impl Into<String>, today: Date, document_salt: Vec<u8>) -> Self {
        let mut selfie = SelfieOptions::new(nonce);
        selfie.keep_frames = DEFAULT_KEPT;
        FlowOptions {
            selfie,
            document_kind: DocumentKind::Unknown,
            today,
            retry: RetryPolicy::default(),
            max_selfie_delay_ms: DEFAULT_MAX_SELFIE_DELAY_MS,
            document_salt,
            include_images: false,
            match_thresholds: MatchThresholds::CALIBRATED,
        }
    }
}
