//! The flow's decision: every step's outcome as reasons, each either failing the check or
//! sending it to review. `fail` if any reason fails, else `review` if any asks for review, else
//! `pass`. Reasons are stable codes `step:reason`.

use crate::consistency::{ConsistencyReport, Verdict as FieldVerdict};
use crate::document::DocumentReport;
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
pub fn decide_flow(outcome: &FlowOutcome<'_>) -> (LivenessDecision, Vec<String>) {
    let mut fails = Vec::new();
    let mut reviews = Vec::new();

    let doc = outcome.document;
    for issue in doc.issues.iter().filter(|i| i.severity == Severity::Error) {
        let reason = format!("document:{}", issue.code.as_str());
        if DOCUMENT_FAILURES.contains(&issue.code) {
            fails.push(reason);
        } else {
            reviews.push(reason);
        }
    }
    if doc.found && doc.portrait.is_none() {
        fails.push("document:no_portrait".into());
    }

    if let Some(c) = outcome.consistency {
        for f in c
            .fields
            .iter()
            .filter(|f| f.verdict == FieldVerdict::Mismatch)
        {
            fails.push(format!("data:{}_mismatch", field_name(f.field)));
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
            target.push(format!("liveness:{}", live.decision.as_str()));
        }
        target.extend(live.reasons.iter().map(|r| format!("liveness:{r}")));
    }

    match outcome.face_match {
        Some(MatchDecision::Match) => {}
        Some(MatchDecision::Review) => reviews.push("face_match:uncertain".into()),
        Some(MatchDecision::NoMatch) => fails.push("face_match:no_match".into()),
        None if doc.portrait.is_some() => fails.push("face_match:no_usable_selfie_frame".into()),
        None => {}
    }

    let decision = if !fails.is_empty() {
        LivenessDecision::Fail
    } else if !reviews.is_empty() {
        LivenessDecision::Review
    } else {
        LivenessDecision::Pass
    };
    fails.extend(reviews);
    (decision, fails)
}

fn field_name(field: crate::consistency::Field) -> &'static str {
    use crate::consistency::Field;
    match field {
        Field::Name => "name",
        Field::BirthDate => "birth_date",
        Field::DocumentNumber => "document_number",
        Field::Nationality => "nationality",
        Field::CnIdNumber => "cn_id_number",
    }
}
