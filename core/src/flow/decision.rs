//! The flow's decision: every step's outcome as reasons, each either failing the check or
//! sending it to review. `fail` if any reason fails, else `review` if any asks for review, else
//! `pass`. Reasons are typed [`ReasonCode`]s, written `step:reason`.

use crate::consistency::{ConsistencyReport, Verdict as FieldVerdict};
use crate::decision::Decision;
use crate::document::DocumentReport;
use crate::evidence::ReasonCode;
use crate::liveness::LivenessDecision;
use crate::matching::Decision as MatchDecision;
use crate::prompt::{PromptCode, Severity};
use crate::session::SessionResult;

/// The document codes that make the document unusable (the rest of the capture issues are
/// quality problems a reviewer may look past).
const DOCUMENT_FAILURES: [PromptCode; 4] = [
    PromptCode::DocNotFound,
    PromptCode::MrzCheckFailed,
    PromptCode::DocExpired,
    PromptCode::FileFormat,
];

/// Each step's outcome.
#[derive(Debug, Clone, Copy)]
pub struct FlowOutcome<'a> {
    pub document: &'a DocumentReport,
    pub consistency: Option<&'a ConsistencyReport>,
    pub liveness: &'a SessionResult,
    /// `None` when nothing could be matched (no portrait or no usable selfie frame).
    pub face_match: Option<MatchDecision>,
}

/// The decision and its reasons, failures first.
pub fn decide_flow(outcome: &FlowOutcome<'_>) -> (Decision, Vec<ReasonCode>) {
    let mut fails = Vec::new();
    let mut reviews = Vec::new();

    let doc = outcome.document;
    for issue in doc.issues.iter().filter(|i| i.severity == Severity::Error) {
        let reason = ReasonCode::Document(issue.code);
        if DOCUMENT_FAILURES.contains(&issue.code) {
            fails.push(reason);
        } else {
            reviews.push(reason);
        }
    }
    if doc.found && doc.portrait.is_none() {
        fails.push(ReasonCode::NoPortrait);
    }

    if let Some(c) = outcome.consistency {
        for f in c
            .fields
            .iter()
            .filter(|f| f.verdict == FieldVerdict::Mismatch)
        {
            fails.push(ReasonCode::DataMismatch(f.field));
        }
    }

    let live = outcome.liveness;
    let target = match live.decision {
        LivenessDecision::Pass => None,
        LivenessDecision::Fail => Some(&mut fails),
        LivenessDecision::Review => Some(&mut reviews),
    };
    if let Some(target) = target {
        if live.reasons.is_empty() {
            target.push(ReasonCode::Liveness(live.decision.as_str().into()));
        }
        target.extend(live.reasons.iter().cloned().map(ReasonCode::Liveness));
    }

    match outcome.face_match {
        Some(MatchDecision::Match) => {}
        Some(MatchDecision::Review) => reviews.push(ReasonCode::MatchUncertain),
        Some(MatchDecision::NoMatch) => fails.push(ReasonCode::NoMatch),
        None if doc.portrait.is_some() => fails.push(ReasonCode::NoUsableSelfieFrame),
        None => {}
    }

    let decision = if !fails.is_empty() {
        Decision::Fail
    } else if !reviews.is_empty() {
        Decision::Review
    } else {
        Decision::Pass
    };
    fails.extend(reviews);
    (decision, fails)
}
