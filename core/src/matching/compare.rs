//! Comparing two embeddings: cosine similarity and the three-way decision.

use serde::{Deserialize, Serialize};

use super::thresholds::MatchThresholds;
use crate::face::Embedding;

/// The verdict on a pair of faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "uniffi", uniffi(name = "MatchDecision"))]
pub enum Decision {
    /// Similarity at or above the strict threshold: the same person.
    Match,
    /// Similarity below the loose threshold: different people.
    NoMatch,
    /// In between: a person should look.
    Review,
}

impl Decision {
    /// The contract's spelling (DESIGN §4): `match`, `no_match`, `review`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Match => "match",
            Decision::NoMatch => "no_match",
            Decision::Review => "review",
        }
    }
}

/// A compared pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MatchResult {
    pub similarity: f32,
    pub decision: Decision,
}

/// Cosine similarity of two unit embeddings, in [-1, 1].
pub fn cosine_similarity(a: &Embedding, b: &Embedding) -> f32 {
    let dot: f32 = a.0.iter().zip(&b.0).map(|(x, y)| x * y).sum();
    dot.clamp(-1.0, 1.0)
}

/// `match` at or above the strict threshold, `no_match` below the loose one, `review` between.
pub fn decide(similarity: f32, thresholds: &MatchThresholds) -> Decision {
    if similarity >= thresholds.match_at_or_above {
        Decision::Match
    } else if similarity < thresholds.no_match_below {
        Decision::NoMatch
    } else {
        Decision::Review
    }
}

/// Similarity and decision of two embeddings.
pub fn compare(a: &Embedding, b: &Embedding, thresholds: &MatchThresholds) -> MatchResult {
    let similarity = cosine_similarity(a, b);
    MatchResult {
        similarity,
        decision: decide(similarity, thresholds),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::EMBEDDING_DIM;

    #[test]
    fn decision_bands() {
        let t = MatchThresholds {
            match_at_or_above: 0.6,
            no_match_below: 0.4,
        };
        assert_eq!(decide(0.6, &t), Decision::Match);
        assert_eq!(decide(0.5, &t), Decision::Review);
        assert_eq!(decide(0.4, &t), Decision::Review);
        assert_eq!(decide(0.39, &t), Decision::NoMatch);
        assert_eq!(decide(f32::NAN, &t), Decision::Review);
    }

    #[test]
    fn cosine_of_self_and_opposite() {
        let raw: Vec<f32> = (0..EMBEDDING_DIM).map(|i| (i as f32).sin()).collect();
        let neg: Vec<f32> = raw.iter().map(|v| -v).collect();
        let a = Embedding::from_raw(&raw).unwrap();
        let b = Embedding::from_raw(&neg).unwrap();
        assert!((cosine_similarity(&a, &a) - 1.0).abs() < 1e-5);
        assert!((cosine_similarity(&a, &b) + 1.0).abs() < 1e-5);
    }
}
