//! `precheck session --document IMAGE --selfie FRAMES_DIR|VIDEO --out BUNDLE.json`: the whole
//! KYC pre-check flow on files, the evidence bundle written to `--out`.
//!
//! Times: the document is captured at `--now-ms` (default: the system clock), the selfie starts
//! `--selfie-delay-ms` later (default 60 s; over 15 minutes is refused), frames follow at
//! `--fps`, and the flow finishes after the last frame.

use std::path::{Path, PathBuf};

use precheck_core::consistency::TypedData;
use precheck_core::date::Date;
use precheck_core::document::DocumentKind;
use precheck_core::evidence::{Ed25519KeySigner, Signer};
use precheck_core::flow::{Flow, FlowOptions, FlowResult};
use precheck_core::liveness::RetryState;
use precheck_core::session::SessionUpdate;
use precheck_core::{Engine, Language};
use serde_json::Value;

use crate::analyze::load_engine;
use crate::liveness::{input_frames, parse_challenges, play_files, TempDir};
use crate::report::{
    self, BundleShape, RetryShape, SessionDocumentShape, SessionIssueShape, SessionOutput,
};
use crate::UserError;

/// The salt used when none is given: fine for trying the tool, useless for a deployment (its
/// `salt_id` in the bundle tells a server so).
const DEVELOPMENT_SALT: &[u8] = b"precheck development salt - not for production";

/// Parsed command-line options.
pub struct SessionArgs<'a> {
    pub document: &'a Path,
    pub selfie: &'a Path,
    pub out: &'a Path,
    pub kind: DocumentKind,
    pub typed: Option<&'a str>,
    pub challenges: &'a str,
    pub fps: f32,
    pub nonce: &'a str,
    pub key: Option<&'a Path>,
    pub salt_file: Option<&'a Path>,
    pub include_images: bool,
    pub today: Date,
    pub retry_state: Option<&'a Path>,
    pub now_ms: Option<i64>,
    pub selfie_delay_ms: i64,
}

/// What one run of the flow produced: the result and every frame's update (for reports).
pub struct FlowRun {
    pub result: FlowResult,
    pub updates: Vec<SessionUpdate>,
    /// The selfie frames played.
    pub frames: Vec<PathBuf>,
    /// Keeps a video's extracted frames on disk while the run lives (removed on drop).
    #[allow(dead_code)]
    pub frames_dir: Option<TempDir>,
    pub typed: Option<TypedData>,
}

/// `--typed surname=...,given_names=...,birth_date=...,document_number=...,nationality=...`.
pub fn parse_typed(text: &str) -> Result<TypedData, UserError> {
    let mut typed = TypedData::default();
    for pair in text.split(',').filter(|p| !p.trim().is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| UserError(format!("--typed: expected key=value, got \"{pair}\"")))?;
        let value = Some(value.trim().to_string());
        match key.trim() {
            "surname" => typed.surname = value,
            "given_names" | "given" => typed.given_names = value,
            "birth_date" | "dob" => typed.birth_date = value,
            "document_number" | "number" => typed.document_number = value,
            "nationality" => typed.nationality = value,
            "cn_id" => typed.cn_id_number = value,
            other => {
                return Err(UserError(format!(
                    "--typed: unknown field \"{other}\" (surname, given_names, birth_date, \
                     document_number, nationality, cn_id)"
                )))
            }
        }
    }
    Ok(typed)
}

/// Reads a signing key file (the Ed25519 seed as 64 hex characters).
pub fn read_signer(path: &Path) -> Result<Ed25519KeySigner, UserError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| UserError(format!("cannot read {}: {e}", path.display())))?;
    Ed25519KeySigner::from_hex_seed(&text)
        .map_err(|e| UserError(format!("{}: {e}", path.display())))
}

fn read_salt(path: Option<&Path>) -> Result<Vec<u8>, UserError> {
    match path {
        Some(p) => {
            std::fs::read(p).map_err(|e| UserError(format!("cannot read {}: {e}", p.display())))
        }
        None => {
            eprintln!(
                "precheck: using the development salt for the document hash (--salt-file for a deployment)"
            );
            Ok(DEVELOPMENT_SALT.to_vec())
        }
    }
}

fn read_retry_state(path: Option<&Path>) -> Result<RetryState, UserError> {
    match path {
        Some(p) if p.exists() => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| UserError(format!("cannot read {}: {e}", p.display())))?;
            Ok(RetryState::from_json(&text)?)
        }
        _ => Ok(RetryState::default()),
    }
}

/// The system clock in Unix milliseconds (the CLI is the host here: the core reads no clock).
pub fn system_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Runs the whole flow on files.
pub fn run_flow(
    engine: &Engine,
    args: &SessionArgs<'_>,
    language: Language,
    signer: Option<&dyn Signer>,
) -> Result<FlowRun, UserError> {
    if !(args.fps.is_finite() && args.fps > 0.0 && args.fps <= 240.0) {
        return Err(UserError(format!(
            "--fps must be in (0, 240], got {}",
            args.fps
        )));
    }
    let typed = args.typed.map(parse_typed).transpose()?;
    let (frames, frames_dir) = input_frames(args.selfie, args.fps)?;
    let mut options = FlowOptions::new(args.nonce, args.today, read_salt(args.salt_file)?);
    options.document_kind = args.kind;
    options.include_images = args.include_images;
    options.selfie.challenges = parse_challenges(args.challenges)?;
    options.selfie.language = language;
    let now = args.now_ms.unwrap_or_else(system_now_ms);
    let flow: Flow = engine.start_flow(options, read_retry_state(args.retry_state)?, now)?;

    let bytes = std::fs::read(args.document)
        .map_err(|e| UserError(format!("cannot read {}: {e}", args.document.display())))?;
    flow.submit_document(&bytes, now)
        .map_err(|e| UserError(format!("{}: {e}", args.document.display())))?;
    if let Some(t) = &typed {
        flow.submit_typed(t.clone())?;
    }
    let selfie_start = now + args.selfie_delay_ms;
    flow.start_selfie(selfie_start)?;
    let (updates, last_t) = play_files(&frames, args.fps, |frame| flow.push_frame(frame))?;
    let result = flow.finish(selfie_start + last_t, signer)?;
    Ok(FlowRun {
        result,
        updates,
        frames,
        frames_dir,
        typed,
    })
}

/// The command's JSON (DESIGN §4 `session`): the decision, every reason, each step's verdict
/// and where the bundle went.
pub fn output(run: &FlowRun, out: &Path, language: Language) -> SessionOutput {
    let r = &run.result;
    let doc = &r.document;
    let bundle = &r.bundle.bundle;
    SessionOutput {
        decision: r.decision,
        reasons: r.reasons.clone(),
        document: SessionDocumentShape {
            found: doc.found,
            issues: doc
                .issues
                .iter()
                .map(|i| SessionIssueShape {
                    code: i.code,
                    severity: i.severity,
                    message: i.code.message(language),
                })
                .collect(),
            portrait_found: doc.portrait.is_some(),
            mrz_valid: doc.mrz.as_ref().map(|m| m.valid),
        },
        data: r.consistency.clone(),
        liveness: crate::liveness::output(&r.liveness, language),
        face_match: r.face_match.clone(),
        retry: RetryShape {
            status: r.retry_status,
            state: r.retry_state.clone(),
        },
        bundle: BundleShape {
            path: out.display().to_string(),
            digest: r.bundle.digest.clone(),
            signed: bundle.signature.is_some(),
            public_key: bundle.signature.as_ref().map(|s| s.public_key.clone()),
            frames_chained: bundle.frame_chain.count,
        },
    }
}

/// [`output`] as a JSON value (the demo adds its own keys to it).
pub fn result_json(run: &FlowRun, out: &Path, language: Language) -> Value {
    report::to_value(&output(run, out, language))
}

pub fn run(
    models: &Path,
    args: &SessionArgs<'_>,
    json: bool,
    language: Language,
) -> Result<(), UserError> {
    let signer = args.key.map(read_signer).transpose()?;
    let engine = load_engine(models)?;
    let run = run_flow(
        &engine,
        args,
        language,
        signer.as_ref().map(|s| s as &dyn Signer),
    )?;
    write_file(args.out, run.result.bundle.json.as_bytes())?;
    if let Some(p) = args.retry_state {
        write_file(p, run.result.retry_state.to_json().as_bytes())?;
    }
    if json {
        return report::print(&output(&run, args.out, language));
    }
    let r = &run.result;
    println!("decision: {}", r.decision.as_str().to_uppercase());
    for reason in &r.reasons {
        println!("  reason: {reason}");
    }
    println!(
        "  face match: {} (median of {} frames)",
        r.face_match
            .similarity
            .map_or("-".into(), |s| format!("{s:.3}")),
        r.face_match.frames.len()
    );
    println!(
        "  liveness: {} {}",
        r.liveness.decision.as_str(),
        r.liveness.reasons.join(", ")
    );
    println!(
        "  bundle: {} (sha256 {}, {} frames chained, {})",
        args.out.display(),
        r.bundle.digest,
        r.bundle.bundle.frame_chain.count,
        if r.bundle.bundle.signature.is_some() {
            "signed"
        } else {
            "unsigned"
        }
    );
    Ok(())
}

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), UserError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| UserError(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, bytes)
        .map_err(|e| UserError(format!("cannot write {}: {e}", path.display())))
}
