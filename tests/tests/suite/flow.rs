//! The whole KYC flow end to end on real material: a stranger's document must not pass, the
//! selfie must start within 15 minutes of the document, the retry policy's cooldown refuses new
//! attempts, steps out of order are typed errors. (Genuine flows — one person on the document
//! and in the selfie — are in `flow_genuine.rs`, on rendered specimen cards.)

use std::collections::BTreeSet;

use precheck_core::consistency::TypedData;
use precheck_core::date::Date;
use precheck_core::decision::Decision as FlowDecision;
use precheck_core::document::DocumentKind;
use precheck_core::flow::{FlowOptions, ReasonCode};
use precheck_core::liveness::{ChallengeKind, RetryState, RetryStatus};
use precheck_core::matching::Decision;
use precheck_core::PrecheckError;
use precheck_tests::flow::{run_flow, FlowInput, T0_MS, TEST_SALT};
use precheck_tests::*;

/// A real passport specimen (Iceland, expired 2011: judged on a 2010 calendar here).
const PASSPORT: &str = "id_docs/Arg0s1080+mrz/docs/images/passports/Iceland.png";
/// A real person who is not the passport's holder.
const SELFIE: &str =
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4";

fn stranger_input(test: &str) -> Option<FlowInput> {
    let root = require_data(test, &[PASSPORT])?;
    let frames = video_frames(test, SELFIE, 10)?;
    let mut input = FlowInput::new(
        std::fs::read(root.join(PASSPORT)).expect("read passport"),
        frames.into_iter().take(40).collect(),
    );
    input.kind = DocumentKind::Passport;
    input.today = Date::new(2010, 6, 1).unwrap();
    Some(input)
}

#[test]
fn a_strangers_document_does_not_pass() {
    const T: &str = "a_strangers_document_does_not_pass";
    let Some(engine) = engine(T) else { return };
    let Some(input) = stranger_input(T) else {
        return;
    };
    let (_, r) = run_flow(engine, &input, None).expect("flow runs");
    eprintln!(
        "stranger: decision {} reasons {:?} match {:?}",
        r.decision.as_str(),
        r.reasons,
        r.face_match
    );
    assert_ne!(r.decision, FlowDecision::Pass);
    assert!(
        r.document.portrait.is_some(),
        "the specimen's portrait is found"
    );
    assert!(
        r.document.mrz.as_ref().is_some_and(|m| m.valid),
        "its MRZ is read"
    );
    assert!(
        !r.face_match.frames.is_empty(),
        "selfie frames were matched"
    );
    assert_eq!(
        r.face_match.decision,
        Some(Decision::NoMatch),
        "{:?}",
        r.face_match
    );
    assert!(r
        .reasons
        .iter()
        .any(|x| x.to_string() == "face_match:no_match"));
    assert!(r.reasons.contains(&ReasonCode::NoMatch));
    // The failure counts against the retry policy.
    assert_eq!(r.retry_state.failures_ms.len(), 1);
}

#[test]
fn a_selfie_16_minutes_after_the_document_is_refused() {
    const T: &str = "a_selfie_16_minutes_after_the_document_is_refused";
    let Some(engine) = engine(T) else { return };
    let Some(mut input) = stranger_input(T) else {
        return;
    };
    input.selfie_delay_ms = 16 * 60 * 1000;
    match run_flow(engine, &input, None) {
        Err(PrecheckError::SelfieTooLate {
            elapsed_ms,
            limit_ms,
        }) => {
            assert_eq!(elapsed_ms, 16 * 60 * 1000);
            assert_eq!(limit_ms, 15 * 60 * 1000);
        }
        other => panic!(
            "expected SelfieTooLate, got {:?}",
            other.map(|(_, r)| r.decision)
        ),
    }
    // 14 minutes is fine.
    input.selfie_delay_ms = 14 * 60 * 1000;
    input.frames.truncate(5);
    assert!(run_flow(engine, &input, None).is_ok());
}

#[test]
fn a_cooldown_in_force_refuses_the_next_attempt() {
    const T: &str = "a_cooldown_in_force_refuses_the_next_attempt";
    let Some(engine) = engine(T) else { return };
    let Some(mut input) = stranger_input(T) else {
        return;
    };
    input.frames.truncate(10);
    // Three failed attempts, ten minutes apart on the host clock (the flow's T0 is fixed, so the
    // earlier failures are placed before it).
    let mut retry = RetryState::default();
    let policy = FlowOptions::new("x", input.today, TEST_SALT.to_vec()).retry;
    retry.record(&policy, FlowDecision::Fail, T0_MS - 20 * 60_000);
    retry.record(&policy, FlowDecision::Fail, T0_MS - 10 * 60_000);
    input.retry = retry;
    let (_, third) = run_flow(engine, &input, None).expect("third attempt runs");
    assert_eq!(third.decision, FlowDecision::Fail);
    let RetryStatus::Cooldown { remaining_ms } = third.retry_status else {
        panic!(
            "expected a cooldown after the third failure, got {:?}",
            third.retry_status
        );
    };
    assert!(remaining_ms > 29 * 60_000, "{remaining_ms}");
    // The host persisted the state; the next attempt (same clock) is refused with the time left.
    input.retry = RetryState::from_json(&third.retry_state.to_json()).unwrap();
    match run_flow(engine, &input, None) {
        Err(PrecheckError::RetryCooldown { remaining_ms }) => assert!(remaining_ms > 0),
        other => panic!(
            "expected RetryCooldown, got {:?}",
            other.map(|(_, r)| r.decision)
        ),
    }
}

#[test]
fn steps_out_of_order_are_typed_errors() {
    const T: &str = "steps_out_of_order_are_typed_errors";
    let Some(engine) = engine(T) else { return };
    let Some(input) = stranger_input(T) else {
        return;
    };
    let flow = engine
        .start_flow(
            FlowOptions::new("order", input.today, TEST_SALT.to_vec()),
            RetryState::default(),
            T0_MS,
        )
        .unwrap();
    assert!(matches!(
        flow.start_selfie(T0_MS),
        Err(PrecheckError::FlowOrder(_))
    ));
    assert!(matches!(
        flow.finish(T0_MS, None),
        Err(PrecheckError::FlowOrder(_))
    ));
    flow.submit_document(&input.document, T0_MS).unwrap();
    assert!(matches!(
        flow.start_selfie(T0_MS - 1),
        Err(PrecheckError::InvalidInput(_))
    ));
    flow.start_selfie(T0_MS + 1000).unwrap();
    assert!(matches!(
        flow.submit_document(&input.document, T0_MS),
        Err(PrecheckError::FlowOrder(_))
    ));
    flow.finish(T0_MS + 2000, None).unwrap();
    assert!(matches!(
        flow.finish(T0_MS + 3000, None),
        Err(PrecheckError::FlowOrder(_))
    ));
    // A salt too short for a deployment is refused at the start.
    assert!(matches!(
        engine.start_flow(
            FlowOptions::new("order", input.today, b"short".to_vec()),
            RetryState::default(),
            T0_MS
        ),
        Err(PrecheckError::InvalidInput(_))
    ));
}

/// The keys of a JSON object.
fn keys(v: &serde_json::Value) -> BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

/// Every element of a JSON array has exactly these keys (`optional` ones may be absent).
fn each_has(v: &serde_json::Value, required: &[&str], optional: &[&str]) {
    for item in v.as_array().unwrap_or_else(|| panic!("not an array: {v}")) {
        let k = keys(item);
        assert!(
            set(required).is_subset(&k),
            "{item} lacks one of {required:?}"
        );
        let allowed: BTreeSet<&str> = required.iter().chain(optional).copied().collect();
        assert!(k.is_subset(&allowed), "{item}: keys beyond {allowed:?}");
    }
}

#[test]
fn the_bundle_has_the_fields_docs_bundle_md_lists() {
    const T: &str = "the_bundle_has_the_fields_docs_bundle_md_lists";
    let Some(engine) = engine(T) else { return };
    let Some(mut input) = stranger_input(T) else {
        return;
    };
    input.challenges = vec![ChallengeKind::Blink, ChallengeKind::TurnLeft];
    input.typed = Some(TypedData {
        surname: Some("Smith".into()),
        birth_date: Some("01/02/1970".into()),
        nationality: Some("ISL".into()),
        ..TypedData::default()
    });
    let (_, r) = run_flow(engine, &input, None).expect("flow runs");
    let b: serde_json::Value = serde_json::from_str(&r.bundle.json).unwrap();
    assert_eq!(
        keys(&b),
        set(&[
            "schema",
            "sdk_version",
            "decision",
            "reasons",
            "scores",
            "challenges",
            "timestamps",
            "frame_chain",
            "matching_frames",
            "document",
            "models",
            "retry",
            "images",
            "seal",
            "signature",
        ])
    );
    assert_eq!(b["schema"], "precheck.bundle/1");
    assert_eq!(b["decision"], r.decision.as_str());
    assert!(["pass", "fail", "review"].contains(&b["decision"].as_str().unwrap()));
    // Reasons: `step:reason` strings, each a reason code, as the flow gave them.
    let reasons: Vec<String> = serde_json::from_value(b["reasons"].clone()).unwrap();
    let written: Vec<String> = r.reasons.iter().map(ToString::to_string).collect();
    assert_eq!(reasons, written);
    let codes: Vec<ReasonCode> = reasons.iter().map(|x| x.parse().unwrap()).collect();
    assert_eq!(codes, r.reasons);

    let scores = &b["scores"];
    assert_eq!(
        keys(scores),
        set(&["document", "data", "liveness", "face_match"])
    );
    let doc = &scores["document"];
    assert_eq!(
        keys(doc),
        set(&["found", "fill_ratio", "issues", "portrait_found", "mrz"])
    );
    each_has(&doc["issues"], &["code", "severity"], &["value"]);
    assert_eq!(
        keys(&doc["mrz"]),
        set(&["format", "valid", "checks", "expired"])
    );
    each_has(&doc["mrz"]["checks"], &["field", "valid"], &[]);

    let data = &scores["data"];
    assert_eq!(keys(data), set(&["exact", "consistent", "fields"]));
    each_has(&data["fields"], &["field", "verdict", "diagnoses"], &[]);
    for f in data["fields"].as_array().unwrap() {
        assert!(["exact", "equivalent", "mismatch"].contains(&f["verdict"].as_str().unwrap()));
    }

    let live = &scores["liveness"];
    assert_eq!(
        keys(live),
        set(&[
            "decision", "reasons", "active", "passive", "depth", "identity", "failure", "frames"
        ])
    );
    for check in ["active", "passive", "depth"] {
        each_has(
            &serde_json::Value::Array(vec![live[check].clone()]),
            &["score", "verdict"],
            &["note"],
        );
        assert!(["live", "spoof", "unsure"].contains(&live[check]["verdict"].as_str().unwrap()));
    }
    assert_eq!(
        keys(&live["identity"]),
        set(&["continuity", "min_similarity", "embedded_frames"])
    );

    let face_match = &scores["face_match"];
    assert_eq!(
        keys(face_match),
        set(&[
            "similarity",
            "decision",
            "frames",
            "match_at_or_above",
            "no_match_below"
        ])
    );
    assert_eq!(face_match["decision"], "no_match");
    each_has(&face_match["frames"], &["t_ms", "similarity", "score"], &[]);

    let challenges = &b["challenges"];
    assert_eq!(
        keys(challenges),
        set(&["nonce", "requested", "order", "results"])
    );
    assert_eq!(challenges["results"].as_array().unwrap().len(), 2);
    each_has(
        &challenges["results"],
        &[
            "kind",
            "passed",
            "tries",
            "start_ms",
            "end_ms",
            "reason",
            "latency_ms",
            "closing_speed",
        ],
        &[],
    );
    assert_eq!(
        keys(&b["timestamps"]),
        set(&[
            "document_captured_ms",
            "selfie_started_ms",
            "finished_ms",
            "first_frame_ms",
            "last_frame_ms"
        ])
    );
    assert_eq!(
        keys(&b["frame_chain"]),
        set(&["algorithm", "genesis", "count", "head", "links"])
    );
    each_has(&b["frame_chain"]["links"], &["t_ms", "digest", "link"], &[]);
    each_has(
        &b["matching_frames"],
        &["t_ms", "digest", "similarity"],
        &[],
    );
    assert_eq!(
        keys(&b["document"]),
        set(&[
            "kind",
            "issuing_state",
            "expiry",
            "number_hash",
            "salt_id",
            "image_digest"
        ])
    );
    each_has(&b["models"], &["name", "sha256"], &[]);
    assert_eq!(keys(&b["retry"]), set(&["state", "status"]));
    assert_eq!(
        keys(&b["retry"]["state"]),
        set(&[
            "failures_ms",
            "cooldowns_ms",
            "cooldown_until_ms",
            "escalated"
        ])
    );
    assert!(keys(&b["retry"]["status"]).contains("status"));
    assert!(b["images"].is_null());
    assert_eq!(keys(&b["seal"]), set(&["fields"]));
    assert!(b["signature"].is_null());
}
