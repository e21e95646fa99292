//! Running the whole KYC flow in tests: a document photo's bytes, then selfie frames at a fixed
//! rate, with caller-chosen times (so a test can put the selfie 16 minutes after the document).

use std::path::PathBuf;

use precheck_core::consistency::TypedData;
use precheck_core::date::Date;
use precheck_core::document::DocumentKind;
use precheck_core::evidence::Signer;
use precheck_core::flow::{FlowOptions, FlowResult};
use precheck_core::liveness::{ChallengeKind, RetryState};
use precheck_core::session::SessionUpdate;
use precheck_core::{Engine, Frame, PixelFormat, PrecheckError};

use crate::clip_protocol::{apply, Reframe};
use crate::load_image;

/// A deployment salt for tests (≥ 16 bytes).
pub const TEST_SALT: &[u8] = b"precheck-tests deployment salt";

/// The host clock at the document capture in every test (2026-11-23T12:00:00Z).
pub const T0_MS: i64 = 1_795_435_200_000;

/// One flow's inputs.
pub struct FlowInput {
    pub document: Vec<u8>,
    pub kind: DocumentKind,
    pub frames: Vec<PathBuf>,
    pub fps: u32,
    pub challenges: Vec<ChallengeKind>,
    pub nonce: String,
    pub today: Date,
    pub typed: Option<TypedData>,
    pub selfie_delay_ms: i64,
    pub retry: RetryState,
    /// The clip protocol's re-framing of the selfie frames (`None`: as recorded).
    pub reframe: Option<Reframe>,
}

impl FlowInput {
    pub fn new(document: Vec<u8>, frames: Vec<PathBuf>) -> Self {
        FlowInput {
            document,
            kind: DocumentKind::Unknown,
            frames,
            fps: 10,
            challenges: Vec::new(),
            nonce: "test-nonce".into(),
            today: Date::new(2026, 11, 23).expect("valid date"),
            typed: None,
            selfie_delay_ms: 60_000,
            retry: RetryState::default(),
            reframe: None,
        }
    }
}

/// Runs the flow; errors are the flow's own (cooldown, selfie too late, ...).
pub fn run_flow(
    engine: &Engine,
    input: &FlowInput,
    signer: Option<&dyn Signer>,
) -> Result<(Vec<SessionUpdate>, FlowResult), PrecheckError> {
    let mut options = FlowOptions::new(input.nonce.clone(), input.today, TEST_SALT.to_vec());
    options.document_kind = input.kind;
    options.selfie.challenges = input.challenges.clone();
    let flow = engine.start_flow(options, input.retry.clone(), T0_MS)?;
    flow.submit_document(&input.document, T0_MS)?;
    if let Some(typed) = &input.typed {
        flow.submit_typed(typed.clone())?;
    }
    let start = T0_MS + input.selfie_delay_ms;
    flow.start_selfie(start)?;
    let mut updates = Vec::new();
    let mut last = 0;
    for (i, path) in input.frames.iter().enumerate() {
        let mut image = load_image(path);
        if let Some(reframe) = &input.reframe {
            image = apply(reframe, image);
        }
        let mut frame = Frame::packed(
            image.width(),
            image.height(),
            PixelFormat::Rgb8,
            image.as_bytes(),
        );
        last = i as i64 * 1000 / i64::from(input.fps);
        frame.timestamp_ms = last;
        updates.push(flow.push_frame(&frame)?);
    }
    let result = flow.finish(start + last, signer)?;
    Ok((updates, result))
}
