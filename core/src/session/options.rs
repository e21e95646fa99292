//! What the host asks for when it starts a selfie session.

use crate::liveness::{ChallengeKind, DepthThresholds, LivenessThresholds, PassiveThresholds};
use crate::matching::MatchThresholds;
use crate::prompt::Language;

/// Every tunable of a liveness session (defaults: the documented operating point).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LivenessPolicy {
    pub challenges: LivenessThresholds,
    pub passive: PassiveThresholds,
    pub depth: DepthThresholds,
    /// Identity continuity: first vs later frames, the matching module's calibrated bands.
    pub identity: MatchThresholds,
    /// Embed a frame for identity continuity at most this often (frame time).
    pub identity_interval_ms: i64,
    /// Without challenges (`challenges` empty): capture this long once the face is ready.
    pub capture_ms: i64,
    /// BACKGROUND_MOVING must persist this long to end the attempt.
    pub background_ms: i64,
}

impl LivenessPolicy {
    pub fn new() -> Self {
        LivenessPolicy {
            identity_interval_ms: 1_000,
            capture_ms: 2_000,
            background_ms: 300,
            ..Default::default()
        }
    }
}

/// Options of [`crate::Engine::start_selfie`].
#[derive(Debug, Clone, PartialEq)]
pub struct SelfieOptions {
    /// Server-provided nonce: the challenge order is drawn from it (recomputable by the server).
    pub nonce: String,
    /// The challenges to ask (any order, duplicates ignored); empty = passive and quality only.
    pub challenges: Vec<ChallengeKind>,
    pub policy: LivenessPolicy,
    pub language: Language,
    /// Best frames to keep for a face match at the end (0 for a liveness-only session; the
    /// whole flow keeps [`super::best_frames::DEFAULT_KEPT`]).
    pub keep_frames: usize,
}

impl SelfieOptions {
    /// The four default challenges, default policy, English.
    pub fn new(nonce: impl Into<String>) -> Self {
        SelfieOptions {
            nonce: nonce.into(),
            challenges: ChallengeKind::DEFAULT.to_vec(),
            policy: LivenessPolicy::new(),
            language: Language::En,
            keep_frames: 0,
        }
    }
}
