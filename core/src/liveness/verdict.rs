//! The three-way verdict each independent check gives.

use serde::{Deserialize, Serialize};

/// One check's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "uniffi", uniffi(name = "LivenessVerdict"))]
pub enum Verdict {
    Live,
    Spoof,
    /// Not enough evidence (model absent, no turn seen, scores between the thresholds).
    Unsure,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Live => "live",
            Verdict::Spoof => "spoof",
            Verdict::Unsure => "unsure",
        }
    }

    /// `live` at or above `live_at`, `spoof` below `spoof_below`, `unsure` between (and for a
    /// non-finite score).
    pub fn from_score(score: f32, live_at: f32, spoof_below: f32) -> Verdict {
        if score >= live_at {
            Verdict::Live
        } else if score < spoof_below {
            Verdict::Spoof
        } else {
            Verdict::Unsure
        }
    }
}

/// A check's score and verdict, with a short machine-readable note.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckReport {
    pub score: Option<f32>,
    pub verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CheckReport {
    pub fn unsure(note: &str) -> Self {
        CheckReport {
            score: None,
            verdict: Verdict::Unsure,
            note: Some(note.to_string()),
        }
    }
}
