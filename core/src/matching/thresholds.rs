//! The calibrated decision thresholds: the one place they live.
//!
//! Produced by `precheck eval match` (eval/src/face_match.rs) on 2026-11-23, MobileFaceNet.onnx
//! sha256 0aa92aa7…, five-point alignment: every pair of the 109 usable single-person photos of
//! `../shared/data/faces_pairs/IDENTITIES.csv` (31 identities; copies of one photo never
//! paired), 214 genuine and 5,639 impostor pairs. EER 0.20 %.
//! - strict, FMR 1e-3: 0.5249 — 5 impostor pairs lie above it (thin support: one more or one
//!   fewer moves it by ±0.01); TAR there 98.1 %.
//! - loose, FMR 1e-2: 0.357 — 56 impostor pairs above it; TAR there 100 %.
//!
//! These are web photos of public figures, not selfies against ID-card portraits: recalibrate
//! on real selfie/document pairs before relying on the numbers (BENCHMARKS.md, "Face matching").

/// Cosine-similarity thresholds of the three-way decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchThresholds {
    /// Strict threshold (false-match rate 1e-3 on the calibration set): `match` at or above.
    pub match_at_or_above: f32,
    /// Loose threshold (false-match rate 1e-2 on the calibration set): `no_match` below.
    pub no_match_below: f32,
}

impl MatchThresholds {
    /// The thresholds of the evaluation above, rounded up (never loosened).
    pub const CALIBRATED: MatchThresholds = MatchThresholds {
        match_at_or_above: 0.525,
        no_match_below: 0.357,
    };
}

impl Default for MatchThresholds {
    fn default() -> Self {
        MatchThresholds::CALIBRATED
    }
}
