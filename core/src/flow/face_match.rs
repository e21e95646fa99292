//! The face match of the flow: the kept selfie frames against the document portrait, each
//! embedded and compared; the median similarity decides.

use serde::Serialize;

use crate::error::{PrecheckError, Result};
use crate::face::{Embedding, FaceEmbedder};
use crate::matching::{cosine_similarity, decide as match_decide, Decision, MatchThresholds};
use crate::session::MatchCandidate;

/// The face match of the flow: the kept selfie frames against the document portrait.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FaceMatchReport {
    /// The median similarity over the matched frames (`None`: nothing to match).
    pub similarity: Option<f32>,
    pub decision: Option<Decision>,
    /// Each matched frame: its time (camera clock) and similarity, best frame first.
    pub frames: Vec<MatchedFrame>,
    pub match_at_or_above: f32,
    pub no_match_below: f32,
}

/// One selfie frame matched against the portrait.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MatchedFrame {
    pub t_ms: i64,
    pub similarity: f32,
    /// The frame's quality score (why it was chosen).
    pub score: f32,
}

/// Embeds the kept frames and compares each with the portrait; the median decides.
pub fn match_portrait(
    embedder: &FaceEmbedder,
    portrait: Option<&Embedding>,
    candidates: &[MatchCandidate],
    thresholds: MatchThresholds,
) -> Result<FaceMatchReport> {
    let mut report = FaceMatchReport {
        similarity: None,
        decision: None,
        frames: Vec::new(),
        match_at_or_above: thresholds.match_at_or_above,
        no_match_below: thresholds.no_match_below,
    };
    let Some(portrait) = portrait else {
        return Ok(report);
    };
    let mut input = Vec::new();
    for c in candidates {
        let embedding = match embedder.embed(&c.image, &c.face, &mut input) {
            Ok(e) => e,
            Err(PrecheckError::FaceNotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        report.frames.push(MatchedFrame {
            t_ms: c.t_ms,
            similarity: cosine_similarity(portrait, &embedding),
            score: c.score,
        });
    }
    let mut sims: Vec<f32> = report.frames.iter().map(|f| f.similarity).collect();
    let median = crate::math::median(&mut sims);
    report.similarity = median;
    report.decision = median.map(|s| match_decide(s, &thresholds));
    Ok(report)
}
