//! The decision from the independent verdicts: active (challenges), passive (models), depth
//! (3-D consistency). All live → pass; all spoof → fail; any dissent or unsure → review with the
//! reasons. An attempt that did not complete (challenge failed, face lost, background moving,
//! unnatural motion, a different person) fails outright: the user did not pass the step.

use serde::{Deserialize, Serialize};

use super::verdict::Verdict;
use crate::decision::Decision;

/// The session's decision (DESIGN §4 `decision`): the crate's [`Decision`], under the name
/// the liveness API has always used.
pub type LivenessDecision = Decision;

/// Why an attempt ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AttemptFailure {
    ChallengeFailed,
    FaceLost,
    BackgroundMoving,
    UnnaturalMotion,
    IdentityChanged,
    /// `finish` was called before the challenges were done.
    NotCompleted,
}

impl AttemptFailure {
    pub fn as_str(self) -> &'static str {
        match self {
            AttemptFailure::ChallengeFailed => "challenge_failed",
            AttemptFailure::FaceLost => "face_lost",
            AttemptFailure::BackgroundMoving => "background_moving",
            AttemptFailure::UnnaturalMotion => "unnatural_motion",
            AttemptFailure::IdentityChanged => "identity_changed",
            AttemptFailure::NotCompleted => "not_completed",
        }
    }
}

/// Identity continuity from first to last frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Continuity {
    Same,
    Different,
    Uncertain,
    /// Fewer than two embeddable frames.
    Unchecked,
}

/// Everything the decision reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConsensusInput {
    pub failure: Option<AttemptFailure>,
    pub active: Verdict,
    pub passive: Verdict,
    pub depth: Verdict,
    pub continuity: Continuity,
}

/// The decision and its reasons (machine-readable, e.g. `passive_unsure`, `depth_spoof`).
pub fn decide(input: &ConsensusInput) -> (LivenessDecision, Vec<String>) {
    let mut reasons = Vec::new();
    if let Some(f) = input.failure {
        reasons.push(f.as_str().to_string());
    }
    if input.continuity == Continuity::Different {
        if input.failure != Some(AttemptFailure::IdentityChanged) {
            reasons.push(AttemptFailure::IdentityChanged.as_str().to_string());
        }
        return (LivenessDecision::Fail, reasons);
    }
    let verdicts = [
        ("active", input.active),
        ("passive", input.passive),
        ("depth", input.depth),
    ];
    for (name, v) in verdicts {
        if v != Verdict::Live {
            reasons.push(format!("{name}_{}", v.as_str()));
        }
    }
    if input.failure.is_some() {
        return (LivenessDecision::Fail, reasons);
    }
    if verdicts.iter().all(|(_, v)| *v == Verdict::Spoof) {
        return (LivenessDecision::Fail, reasons);
    }
    match input.continuity {
        Continuity::Uncertain => reasons.push("identity_uncertain".into()),
        Continuity::Unchecked => reasons.push("identity_unchecked".into()),
        _ => {}
    }
    if reasons.is_empty() {
        (LivenessDecision::Pass, reasons)
    } else {
        (LivenessDecision::Review, reasons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(a: Verdict, p: Verdict, d: Verdict) -> ConsensusInput {
        ConsensusInput {
            failure: None,
            active: a,
            passive: p,
            depth: d,
            continuity: Continuity::Same,
        }
    }

    #[test]
    fn agreement_rules() {
        use Verdict::*;
        assert_eq!(
            decide(&input(Live, Live, Live)),
            (LivenessDecision::Pass, vec![])
        );
        assert_eq!(
            decide(&input(Spoof, Spoof, Spoof)).0,
            LivenessDecision::Fail
        );
        let (d, r) = decide(&input(Live, Unsure, Spoof));
        assert_eq!(d, LivenessDecision::Review);
        assert_eq!(r, vec!["passive_unsure", "depth_spoof"]);
        let mut other_person = input(Live, Live, Live);
        other_person.continuity = Continuity::Different;
        assert_eq!(decide(&other_person).0, LivenessDecision::Fail);
        let mut lost = input(Live, Live, Live);
        lost.failure = Some(AttemptFailure::FaceLost);
        assert_eq!(
            decide(&lost),
            (LivenessDecision::Fail, vec!["face_lost".into()])
        );
        let mut unchecked = input(Live, Live, Live);
        unchecked.continuity = Continuity::Unchecked;
        assert_eq!(decide(&unchecked).0, LivenessDecision::Review);
    }
}
