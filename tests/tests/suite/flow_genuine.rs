//! Genuine flows: one person on the document and in the selfie, from two different recordings.
//! The document is a specimen card rendered by `precheck_testkit::specimen` with a real photo of the
//! person as its portrait and a valid OCR-B MRZ, photographed in perspective on a table; the
//! selfie is a real clip.
//!
//! - Obama: portrait = face_recognition's `obama.jpg` (a press photo), selfie = the 3DDFA news
//!   clip (2.2 s, 1280×720). Shows: the match of two recordings years apart. Cannot show: a
//!   completed liveness session — the clip is too short for the passive models' schedule and
//!   holds no challenge, so liveness is not `pass` and neither is the flow.
//! - Ocasio-Cortez: portrait = a frame of the SadTalker reference clip, selfie = video-retalking
//!   `3.mp4` (5 s) with a blink challenge (she blinks at 4.4 s). Shows: document, MRZ, typed data,
//!   blink challenge, passive models, identity continuity and the match agreeing. Cannot show:
//!   the depth check (no head turn in the clip: `depth_unsure`), so the decision is `review`,
//!   not `pass`.
//! - Crossed (each person's document with the other's selfie): must not pass, `no_match`.
//! - The turning man of `liveness_clips/` (a private person: frames never leave the test):
//!   portrait = a frontal frame of his clip, selfie = his two held turns played by the clip
//!   protocol (`precheck_tests::clip_protocol`). Shows the whole flow reaching `pass` with a
//!   bundle that verifies; his replay on a feature phone, with the same card, does not pass.

use precheck_core::consistency::{Field, TypedData};
use precheck_core::date::Date;
use precheck_core::decision::Decision as FlowDecision;
use precheck_core::document::DocumentKind;
use precheck_core::evidence::{verify, Ed25519KeySigner, Signer, VerifyOptions};
use precheck_core::flow::{ReasonCode, Step};
use precheck_core::frame::RgbImage;
use precheck_core::liveness::ChallengeKind;
use precheck_core::matching::Decision;
use precheck_core::Engine;
use precheck_testkit::specimen::{
    on_table, render, to_png, PortraitSource, Sex, SpecimenData, SpecimenFormat,
};
use precheck_tests::clip_protocol::{nonce_for, reframe_for, window_frames, ClipSession};
use precheck_tests::flow::{run_flow, FlowInput};
use precheck_tests::*;

const OBAMA_PHOTO: &str = "faces_pairs/ageitgey+face_recognition/tests/test_images/obama.jpg";
const OBAMA_CLIP: &str = "videos/cleardusk+3DDFA/demo@obama/obama.mp4";
const AOC_PORTRAIT_CLIP: &str =
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4";
const AOC_SELFIE_CLIP: &str = "videos/OpenTalker+video-retalking/examples/face/3.mp4";

fn holder(surname: &str, given: &str, number: &str, birth: Date, sex: Sex) -> SpecimenData {
    SpecimenData {
        surname: surname.into(),
        given_names: given.into(),
        document_number: number.into(),
        nationality: "UTO".into(),
        issuing_state: "UTO".into(),
        birth_date: birth,
        sex,
        expiry_date: Date::new(2031, 11, 30).unwrap(),
    }
}

/// The specimen card with `photo` as its portrait, photographed on a table, as PNG.
fn document_photo(engine: &Engine, photo: &RgbImage, data: &SpecimenData) -> Vec<u8> {
    let face = engine.analyze_image(photo).unwrap().faces[0].bbox;
    let card = render(
        SpecimenFormat::Td1Card,
        data,
        PortraitSource { photo, face },
        1012,
    )
    .unwrap();
    to_png(&on_table(&card).unwrap()).unwrap()
}

struct Person {
    document: Vec<u8>,
    selfie: Vec<std::path::PathBuf>,
    challenges: Vec<ChallengeKind>,
    typed: TypedData,
}

fn obama(test: &str, engine: &Engine) -> Option<Person> {
    let root = require_data(test, &[OBAMA_PHOTO])?;
    let photo = load_image(&root.join(OBAMA_PHOTO));
    let data = holder(
        "Obama",
        "Barack Hussein",
        "X4RTBPFW4",
        Date::new(1961, 8, 4).unwrap(),
        Sex::Male,
    );
    Some(Person {
        document: document_photo(engine, &photo, &data),
        selfie: video_frames(test, OBAMA_CLIP, 10)?,
        challenges: Vec::new(),
        typed: TypedData {
            surname: Some("OBAMA".into()),
            given_names: Some("Barack Hussein".into()),
            birth_date: Some("04/08/1961".into()),
            ..Default::default()
        },
    })
}

fn ocasio_cortez(test: &str, engine: &Engine) -> Option<Person> {
    let portrait_frames = video_frames(test, AOC_PORTRAIT_CLIP, 2)?;
    let photo = load_image(&portrait_frames[2]);
    let data = holder(
        "Ocasio-Cortez",
        "Alexandria",
        "D23145890",
        Date::new(1989, 10, 13).unwrap(),
        Sex::Female,
    );
    Some(Person {
        document: document_photo(engine, &photo, &data),
        selfie: video_frames(test, AOC_SELFIE_CLIP, 10)?,
        challenges: vec![ChallengeKind::Blink],
        typed: TypedData {
            surname: Some("Ocasio-Cortez".into()),
            given_names: Some("Alexandria".into()),
            birth_date: Some("1989-10-13".into()),
            document_number: Some("D23145890".into()),
            ..Default::default()
        },
    })
}

fn input(document: &[u8], selfie: &Person, typed: Option<TypedData>) -> FlowInput {
    let mut input = FlowInput::new(document.to_vec(), selfie.selfie.clone());
    input.kind = DocumentKind::IdCard;
    input.challenges = selfie.challenges.clone();
    input.typed = typed;
    input
}

#[test]
fn genuine_and_crossed_flows() {
    const T: &str = "genuine_and_crossed_flows";
    let Some(engine) = engine(T) else { return };
    let (Some(obama), Some(aoc)) = (obama(T, engine), ocasio_cortez(T, engine)) else {
        return;
    };
    let mut genuine = Vec::new();
    for (name, person) in [("obama", &obama), ("ocasio-cortez", &aoc)] {
        let (_, r) = run_flow(
            engine,
            &input(&person.document, person, Some(person.typed.clone())),
            None,
        )
        .expect("flow runs");
        eprintln!(
            "genuine {name}: {} reasons {:?} match {:?} (frames {:?}) data {:?}",
            r.decision.as_str(),
            r.reasons,
            r.face_match.similarity,
            r.face_match
                .frames
                .iter()
                .map(|f| f.similarity)
                .collect::<Vec<_>>(),
            r.consistency.as_ref().map(|c| c.exact)
        );
        assert!(
            r.document.found && r.document.portrait.is_some(),
            "{name}: document"
        );
        assert!(
            r.document.mrz.as_ref().is_some_and(|m| m.valid),
            "{name}: MRZ read and valid"
        );
        assert!(
            r.consistency.as_ref().is_some_and(|c| c.consistent),
            "{name}: typed data"
        );
        assert_eq!(
            r.face_match.decision,
            Some(Decision::Match),
            "{name}: {:?}",
            r.face_match
        );
        assert!(!r
            .reasons
            .iter()
            .any(|x| matches!(x.step(), Step::FaceMatch | Step::Data)));
        genuine.push(r);
    }
    // Ocasio-Cortez: everything but depth agrees → review. Besides `liveness:depth_unsure` only
    // document capture-quality codes may appear (review, not fail): the capture checks are
    // measured, with their false alarms, in BENCHMARKS "Document capture".
    let aoc_result = &genuine[1];
    assert!(aoc_result.liveness.challenges[0].passed);
    assert_eq!(
        aoc_result.decision,
        FlowDecision::Review,
        "{:?}",
        aoc_result.reasons
    );
    let depth_unsure = ReasonCode::Liveness("depth_unsure".into());
    assert!(aoc_result.reasons.contains(&depth_unsure));
    assert!(
        aoc_result.reasons.iter().all(|x| *x == depth_unsure
            || matches!(x, ReasonCode::Document(c) if c.as_str().starts_with("DOC_"))),
        "{:?}",
        aoc_result.reasons
    );

    for (name, document, selfie) in [
        ("obama card, AOC selfie", &obama.document, &aoc),
        ("AOC card, Obama selfie", &aoc.document, &obama),
    ] {
        let (_, r) = run_flow(engine, &input(document, selfie, None), None).expect("flow runs");
        eprintln!(
            "crossed {name}: {} reasons {:?} match {:?}",
            r.decision.as_str(),
            r.reasons,
            r.face_match.similarity
        );
        assert_ne!(r.decision, FlowDecision::Pass, "{name}");
        assert_eq!(r.face_match.decision, Some(Decision::NoMatch), "{name}");
    }

    // Typed data that is not the document's fails the flow.
    let wrong = TypedData {
        surname: Some("Smith".into()),
        ..aoc.typed.clone()
    };
    let (_, r) =
        run_flow(engine, &input(&aoc.document, &aoc, Some(wrong)), None).expect("flow runs");
    assert_eq!(r.decision, FlowDecision::Fail);
    assert!(
        r.reasons.contains(&ReasonCode::DataMismatch(Field::Name)),
        "{:?}",
        r.reasons
    );
}

/// The whole flow on one clip-protocol session, signed by a test device key; the bundle's
/// verification beside the result.
fn clip_flow(
    test: &str,
    engine: &Engine,
    document: &[u8],
    typed: &TypedData,
    session: &ClipSession,
) -> Option<(precheck_core::flow::FlowResult, bool)> {
    let frames = window_frames(test, session)?;
    let mut input = FlowInput::new(document.to_vec(), Vec::new());
    input.reframe = Some(reframe_for(engine, &frames));
    input.frames = frames;
    input.fps = session.fps;
    input.kind = DocumentKind::IdCard;
    input.challenges = session.challenges.to_vec();
    input.nonce = nonce_for(session.challenges);
    input.typed = Some(typed.clone());
    let key = Ed25519KeySigner::from_seed(&[5; 32]);
    let (_, r) = run_flow(engine, &input, Some(&key as &dyn Signer)).expect("flow runs");
    let options = VerifyOptions {
        expected_nonce: Some(input.nonce.clone()),
        trusted_keys: vec![key.public_key().expect("public key")],
        require_signature: true,
    };
    let intact = verify(&r.bundle.json, &options).intact;
    Some((r, intact))
}

#[test]
fn turning_man_flow_passes_and_his_replay_does_not() {
    const T: &str = "turning_man_flow_passes_and_his_replay_does_not";
    let Some(engine) = engine(T) else { return };
    let sessions = &crate::liveness_clips::SESSIONS;
    let genuine = sessions.iter().find(|s| s.name == "turns").expect("listed");
    let replay = sessions
        .iter()
        .find(|s| s.name == "feature-phone replay")
        .expect("listed");
    // The card's portrait: a frontal frame before his session's window (0.5 s).
    let Some(frames) = video_frames(T, genuine.clip, genuine.fps) else {
        return;
    };
    let photo = load_image(&frames[genuine.fps as usize / 2]);
    let data = holder(
        "Specimen",
        "Turning Man",
        "T7731K0Q2",
        Date::new(1990, 3, 14).unwrap(),
        Sex::Male,
    );
    let document = document_photo(engine, &photo, &data);
    let typed = TypedData {
        surname: Some("Specimen".into()),
        given_names: Some("Turning Man".into()),
        birth_date: Some("1990-03-14".into()),
        document_number: Some("T7731K0Q2".into()),
        ..Default::default()
    };
    let mut outcomes = Vec::new();
    for session in [genuine, replay] {
        let Some((r, intact)) = clip_flow(T, engine, &document, &typed, session) else {
            return;
        };
        eprintln!(
            "{}: {} reasons {:?} liveness {} match {:?} bundle intact {intact}",
            session.name,
            r.decision.as_str(),
            r.reasons,
            r.liveness.decision.as_str(),
            r.face_match.similarity
        );
        assert!(intact, "{}: the signed bundle verifies", session.name);
        outcomes.push(r);
    }
    assert_eq!(
        outcomes[0].decision,
        FlowDecision::Pass,
        "{:?}",
        outcomes[0].reasons
    );
    assert_ne!(
        outcomes[1].decision,
        FlowDecision::Pass,
        "{:?}",
        outcomes[1].reasons
    );
}
