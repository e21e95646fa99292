//! The HTML report on real material, loaded in headless Chromium (`scripts/check-html`).
//!
//! The input is built here the way the flow fills it: a TD1 specimen printed with a real photo
//! of Obama (`faces_pairs`), photographed on a table and checked by the document checks; the
//! 3DDFA news clip of Obama (`videos`, 2.2 s) played through a liveness session with a blink
//! challenge, its key frames analysed by the engine (box and 468 mesh points); the match of the
//! clip's frames against the portrait read off the card. The decision shown is this test's
//! simple combination of the parts (the flow's own decision belongs to `core::session`).
//!
//! What this cannot show: how the page looks (a person checks the screenshot:
//! `PRECHECK_TEST_OUT=DIR` keeps the report), nor a pass of every liveness check (the clip is
//! a short news cut with no requested action).

use std::path::{Path, PathBuf};
use std::process::Command;

use precheck_cli::report_html::{
    from_core, render_report, CodeMessage, DocumentSection, EvidenceSection, FieldComparison,
    ReportInput,
};
use precheck_core::consistency::{compare, DocumentData, TypedData};
use precheck_core::date::Date;
use precheck_core::decision::Decision;
use precheck_core::document::mrz_step::add_mrz;
use precheck_core::document::{DocumentChecker, DocumentConfig, DocumentKind};
use precheck_core::liveness::ChallengeKind;
use precheck_core::matching::{cosine_similarity, MatchThresholds};
use precheck_core::{Engine, Language};
use precheck_testkit::specimen::{
    on_table, render, PortraitSource, Sex, SpecimenData, SpecimenFormat,
};
use precheck_tests::session::run_session;
use precheck_tests::*;

const PHOTO: &str = "faces_pairs/ageitgey+face_recognition/tests/test_images/obama.jpg";
const CLIP: &str = "videos/cleardusk+3DDFA/demo@obama/obama.mp4";
const FPS: u32 = 15;

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The document step on a rendered specimen: the report's document section, the portrait crop
/// and the MRZ fields.
fn document_step(
    engine: &Engine,
    data_root: &Path,
) -> (
    DocumentSection,
    precheck_core::frame::RgbImage,
    Vec<FieldComparison>,
) {
    let photo = load_image(&data_root.join(PHOTO));
    let face = engine.analyze_image(&photo).unwrap().faces[0].bbox;
    let data = SpecimenData {
        surname: "Obama".into(),
        given_names: "Barack Hussein".into(),
        document_number: "X4RTBPFW4".into(),
        nationality: "UTO".into(),
        issuing_state: "UTO".into(),
        birth_date: Date::new(1961, 8, 4).unwrap(),
        sex: Sex::Male,
        expiry_date: Date::new(2031, 11, 30).unwrap(),
    };
    let specimen = render(
        SpecimenFormat::Td1Card,
        &data,
        PortraitSource {
            photo: &photo,
            face,
        },
        1012,
    )
    .unwrap();
    let scene = on_table(&specimen).unwrap();
    let today = Date::new(2026, 11, 23).unwrap();
    let mut checker = DocumentChecker::new(DocumentConfig::default());
    let mut report = checker
        .check_image(Some(engine.analyzer()), &scene, DocumentKind::IdCard)
        .unwrap();
    add_mrz(&scene, DocumentKind::IdCard, today, &mut report).unwrap();
    let mrz = report.mrz.clone().expect("MRZ read");
    let portrait = report.portrait.clone().expect("portrait found");

    // Typed data with one honest difference: the given names typed without the middle name.
    let typed = TypedData {
        surname: Some("Obama".into()),
        given_names: Some("Barack".into()),
        birth_date: Some("04/08/1961".into()),
        document_number: Some("X4RTBPFW4".into()),
        nationality: Some("UTO".into()),
        ..Default::default()
    };
    let document_data = DocumentData::from_mrz(&mrz);
    let consistency = compare(&typed, &document_data, today);
    let data_step = from_core::field_rows(&consistency, &typed, &document_data);
    let section =
        from_core::document_section(&scene, &report, DocumentKind::IdCard, Language::En, 1000)
            .unwrap();
    (section, portrait.crop, data_step)
}

fn build_input(engine: &'static Engine, data_root: &Path, frames: &[PathBuf]) -> ReportInput {
    let (document, portrait_crop, data_step) = document_step(engine, data_root);
    let images: Vec<_> = frames.iter().map(|p| load_image(p)).collect();
    let (updates, result) = run_session(
        engine,
        images.iter().cloned(),
        FPS,
        &[ChallengeKind::Blink],
        "report-test",
    );

    // Six key frames (first, last, prompt changes, then spread), each analysed by the engine.
    let portrait_embedding = engine.embed_largest_face(&portrait_crop).unwrap();
    let mut best_similarity = f32::NEG_INFINITY;
    let picks = from_core::key_frames(&updates, 6);
    assert_eq!(picks.len(), 6);
    assert!(picks.windows(2).all(|w| w[0] < w[1]));
    // Every prompt change among the first picks is shown (the user saw it).
    let changes: Vec<usize> = (1..updates.len())
        .filter(|&i| {
            updates[i].prompt.as_ref().map(|p| p.code)
                != updates[i - 1].prompt.as_ref().map(|p| p.code)
        })
        .collect();
    for i in changes.iter().take(4) {
        assert!(
            picks.contains(i),
            "prompt change at frame {i} not among {picks:?}"
        );
    }
    let mut selfie_frames = Vec::new();
    for &i in &picks {
        let analysis = engine.analyze_image(&images[i]).unwrap();
        let face = analysis.faces.first();
        if let Some(f) = face {
            let e = engine
                .analyzer()
                .embedder()
                .embed(&images[i], f, &mut Vec::new())
                .unwrap();
            best_similarity = best_similarity.max(cosine_similarity(&e, &portrait_embedding));
        }
        selfie_frames.push(
            from_core::selfie_frame(&images[i], face, &updates[i], &format!("frame {i}"), 480)
                .unwrap(),
        );
    }
    let timeline = from_core::timeline(&updates, &result, Language::En);
    let thresholds = MatchThresholds::CALIBRATED;
    let face_match = from_core::face_match(best_similarity, &thresholds);
    let decision = match (result.decision, face_match.decision.as_str()) {
        (Decision::Pass, "match") => Decision::Pass,
        (Decision::Fail, _) | (_, "no_match") => Decision::Fail,
        _ => Decision::Review,
    };
    let mut reasons: Vec<CodeMessage> = result
        .reasons
        .iter()
        .map(|r| CodeMessage {
            code: r.clone(),
            message: "liveness".into(),
        })
        .collect();
    if face_match.decision != "match" {
        reasons.push(CodeMessage {
            code: face_match.decision.clone(),
            message: format!("face match {best_similarity:.3}"),
        });
    }
    let summary = serde_json::to_vec(&result).unwrap();
    ReportInput {
        title: "precheck report — test <flow> & \"escaping\"".into(),
        language: "en".into(),
        generated_at: "2026-11-23T21:00:00Z".into(),
        decision,
        reasons,
        document: Some(document),
        data_step,
        selfie_frames,
        timeline,
        liveness: Some(from_core::liveness(&result)),
        face_match: Some(face_match),
        evidence: EvidenceSection {
            // No bundle in this test: the digest of the session result stands in for it.
            bundle_sha256: sha256_hex(&summary),
            public_key_hex: None,
            models: from_core::model_digests(engine.models()),
            sdk_version: env!("CARGO_PKG_VERSION").into(),
        },
    }
}

/// Runs scripts/check-html on `file`: `Ok(stdout)` or `Err(stderr)`.
fn check_html(file: &Path) -> Result<String, String> {
    let script = workspace_dir().join("scripts/check-html");
    let out = Command::new("bash")
        .arg(&script)
        .arg(file)
        .output()
        .expect("run scripts/check-html");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(stderr)
    }
}

fn chromium_available(test: &str) -> bool {
    let found = Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        skip_or_fail(test, "chromium not installed (apt-get install chromium)");
    }
    found
}

#[test]
fn report_on_real_material_loads_cleanly_in_headless_chromium() {
    const T: &str = "report_on_real_material_loads_cleanly_in_headless_chromium";
    let Some(data_root) = require_data(T, &[PHOTO, CLIP]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let Some(frames) = video_frames(T, CLIP, FPS) else {
        return;
    };
    let input = build_input(engine, &data_root, &frames);
    let started = std::time::Instant::now();
    let html = render_report(&input);
    let render_ms = started.elapsed().as_secs_f64() * 1e3;

    // What the page must hold, read from the HTML itself.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(html.contains("test &lt;flow&gt; &amp; &quot;escaping&quot;"));
    let images = html.matches("<img src=\"data:image/jpeg;base64,").count();
    assert_eq!(images, 1 + input.selfie_frames.len());
    let faces_with_mesh = input
        .selfie_frames
        .iter()
        .filter(|f| f.mesh.len() == 468)
        .count();
    assert!(
        faces_with_mesh >= 4,
        "only {faces_with_mesh} key frames with a mesh"
    );
    assert!(html.matches("h0").count() >= faces_with_mesh * 468);
    assert!(html.contains("class=\"timeline\""));
    assert!(html.contains("class=\"gauge\""));
    assert!(html.contains("class=\"mrz mono\""));
    let m = input.face_match.as_ref().unwrap();
    eprintln!(
        "report: {} bytes in {render_ms:.1} ms, decision {}, match {:.3} ({}), {} key frames ({} with mesh), {} timeline samples, {} prompt changes",
        html.len(),
        input.decision.as_str(),
        m.similarity,
        m.decision,
        input.selfie_frames.len(),
        faces_with_mesh,
        input.timeline.samples.len(),
        input.timeline.prompts.len()
    );
    // The portrait read off the card is Obama, and so is the man in the clip.
    assert_eq!(m.decision, "match", "similarity {}", m.similarity);

    let dir = std::env::var_os("PRECHECK_TEST_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("report-{}.html", std::process::id()));
    std::fs::write(&file, &html).unwrap();

    if chromium_available(T) {
        let started = std::time::Instant::now();
        let checked = check_html(&file);
        eprintln!("check-html took {:.1} s", started.elapsed().as_secs_f64());
        match checked {
            Ok(out) => eprintln!("{}", out.trim()),
            Err(err) => panic!("the report did not load cleanly:\n{err}"),
        }
        // The check can fail: the same report with one picture's bytes damaged must be refused.
        let start = html.find("base64,").unwrap() + "base64,".len();
        let mut broken = html.clone();
        broken.replace_range(start..start + 400, &"A".repeat(400));
        let broken_file = dir.join(format!("report-broken-{}.html", std::process::id()));
        std::fs::write(&broken_file, &broken).unwrap();
        let refused = check_html(&broken_file);
        assert!(refused.is_err(), "a damaged picture passed the check");
        eprintln!("damaged copy refused: {}", refused.unwrap_err().trim());
        let _ = std::fs::remove_file(&broken_file);
    }
    if std::env::var_os("PRECHECK_TEST_OUT").is_none() {
        let _ = std::fs::remove_file(&file);
    }
}
