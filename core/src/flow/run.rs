//! The whole KYC pre-check flow: document step → data step → selfie and liveness step → match
//! of the best selfie frames against the document portrait → decision and evidence bundle.
//! Times are the caller's (Unix epoch milliseconds for the steps; the camera's clock for the
//! frames): the core never reads a clock. `Send + Sync` like [`Session`].

use std::sync::{Mutex, MutexGuard};

use super::bundle::{build_bundle, BundleInputs};
use super::decision::{decide_flow, FlowOutcome};
use super::face_match::{match_portrait, FaceMatchReport};
use super::options::FlowOptions;
use crate::consistency::{compare, ConsistencyReport, DocumentData, TypedData};
use crate::decision::Decision;
use crate::document::{DocumentChecker, DocumentConfig, DocumentReport};
use crate::error::{PrecheckError, Result};
use crate::evidence::{ReasonCode, SealedBundle, Signer};
use crate::face::{Analyzer, Embedding};
use crate::frame::Frame;
use crate::limits::Limits;
use crate::liveness::{ChallengeKind, PadSlot, RetryState, RetryStatus};
use crate::models::LoadedModel;
use crate::session::{Session, SessionResult, SessionUpdate};

/// Everything the flow decided.
#[derive(Debug, Clone)]
pub struct FlowResult {
    pub decision: Decision,
    /// Every reason for the decision, failures first (written `step:reason`, as in the bundle).
    pub reasons: Vec<ReasonCode>,
    pub document: DocumentReport,
    pub consistency: Option<ConsistencyReport>,
    pub liveness: SessionResult,
    pub face_match: FaceMatchReport,
    /// The retry state after this attempt: the host persists it (JSON) for the next one.
    pub retry_state: RetryState,
    pub retry_status: RetryStatus,
    pub bundle: SealedBundle,
}

/// One run of the whole flow. Create with [`Flow::start`] (or `Engine::start_flow`).
#[derive(Debug)]
pub struct Flow {
    inner: Mutex<FlowInner>,
}

#[derive(Debug)]
struct FlowInner {
    models: FlowModels,
    options: FlowOptions,
    retry: RetryState,
    document: Option<DocumentStep>,
    typed: Option<TypedData>,
    selfie: Option<SelfieStep>,
    finished: bool,
}

#[derive(Debug)]
struct DocumentStep {
    report: DocumentReport,
    captured_ms: i64,
    image_digest: String,
    /// The submitted file, kept only when the host asked for images in the bundle.
    file: Option<Vec<u8>>,
    portrait: Option<Embedding>,
}

#[derive(Debug)]
struct SelfieStep {
    session: Session,
    started_ms: i64,
}

/// The models a flow runs on: the face analyzer, the passive presentation-attack models, the
/// loaded models' identities for the bundle, and the limits.
#[derive(Debug, Clone)]
pub struct FlowModels {
    pub faces: Analyzer,
    pub pad_slots: Vec<PadSlot>,
    pub loaded: Vec<LoadedModel>,
    pub limits: Limits,
}

impl Flow {
    /// Starts the whole flow at `now_ms`, refused with [`PrecheckError::RetryCooldown`] or
    /// [`PrecheckError::RetryEscalated`] while the retry policy forbids a new attempt. `retry`
    /// is the state the host persisted after the previous attempt (default for a new user).
    pub fn start(
        models: FlowModels,
        options: FlowOptions,
        retry: RetryState,
        now_ms: i64,
    ) -> Result<Flow> {
        crate::evidence::salt_id(&options.document_salt)?;
        match retry.status(&options.retry, now_ms) {
            RetryStatus::Allowed { .. } => {}
            RetryStatus::Cooldown { remaining_ms } => {
                return Err(PrecheckError::RetryCooldown { remaining_ms })
            }
            RetryStatus::Escalated => return Err(PrecheckError::RetryEscalated),
        }
        Ok(Flow {
            inner: Mutex::new(FlowInner {
                models,
                options,
                retry,
                document: None,
                typed: None,
                selfie: None,
                finished: false,
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, FlowInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The document step: checks the photo (JPEG/PNG bytes), reads its MRZ, embeds its
    /// portrait. May be called again (a retake) until the selfie starts.
    pub fn submit_document(&self, bytes: &[u8], captured_ms: i64) -> Result<DocumentReport> {
        self.lock().submit_document(bytes, captured_ms)
    }

    /// The data step: what the user typed, compared with the document's MRZ when one was read
    /// (`None` then: nothing to compare with). Call after the document step.
    pub fn submit_typed(&self, typed: TypedData) -> Result<Option<ConsistencyReport>> {
        let mut inner = self.lock();
        inner.ensure_open()?;
        let report = inner.consistency_with(&typed)?;
        inner.typed = Some(typed);
        Ok(report)
    }

    /// Starts the selfie step at `now_ms`: refused with [`PrecheckError::SelfieTooLate`] more
    /// than `max_selfie_delay_ms` after the document capture.
    pub fn start_selfie(&self, now_ms: i64) -> Result<Vec<ChallengeKind>> {
        self.lock().start_selfie(now_ms)
    }

    /// One selfie frame (see [`Session::push_frame`]).
    pub fn push_frame(&self, frame: &Frame<'_>) -> Result<SessionUpdate> {
        let inner = self.lock();
        let selfie = inner
            .selfie
            .as_ref()
            .ok_or_else(|| PrecheckError::FlowOrder("push_frame before start_selfie".into()))?;
        selfie.session.push_frame(frame)
    }

    /// Ends the flow at `now_ms`: decides, records the attempt in the retry state, builds the
    /// evidence bundle and signs it with `signer` when given. Called once: after an error here
    /// (e.g. the host's signer failed) the attempt is over, start a new flow.
    pub fn finish(&self, now_ms: i64, signer: Option<&dyn Signer>) -> Result<FlowResult> {
        self.lock().finish(now_ms, signer)
    }
}

impl FlowInner {
    fn ensure_open(&self) -> Result<()> {
        if self.finished {
            return Err(PrecheckError::FlowOrder(
                "the flow is finished: start a new one".into(),
            ));
        }
        Ok(())
    }

    fn submit_document(&mut self, bytes: &[u8], captured_ms: i64) -> Result<DocumentReport> {
        self.ensure_open()?;
        if self.selfie.is_some() {
            return Err(PrecheckError::FlowOrder(
                "the selfie step has started: the document can no longer change".into(),
            ));
        }
        let kind = self.options.document_kind;
        let mut checker = DocumentChecker::new(DocumentConfig {
            decode_limits: self.models.limits.decode,
            ..DocumentConfig::default()
        });
        let (report, _) = checker.check_upload(
            Some(&self.models.faces),
            bytes,
            kind,
            Some(self.options.today),
        )?;
        let portrait = match (&report.portrait, &report.rectified) {
            (Some(p), Some(rectified)) => {
                match self
                    .models
                    .faces
                    .embedder()
                    .embed(rectified, &p.face, &mut Vec::new())
                {
                    Ok(e) => Some(e),
                    Err(PrecheckError::FaceNotFound(_)) => None,
                    Err(e) => return Err(e),
                }
            }
            _ => None,
        };
        self.document = Some(DocumentStep {
            report: report.clone(),
            captured_ms,
            image_digest: crate::evidence::verify::sha256_hex(bytes),
            file: self.options.include_images.then(|| bytes.to_vec()),
            portrait,
        });
        Ok(report)
    }

    fn consistency_with(&self, typed: &TypedData) -> Result<Option<ConsistencyReport>> {
        let document = self.document.as_ref().ok_or_else(|| {
            PrecheckError::FlowOrder("typed data before the document step".into())
        })?;
        Ok(document
            .report
            .mrz
            .as_ref()
            .map(|mrz| compare(typed, &DocumentData::from_mrz(mrz), self.options.today)))
    }

    fn start_selfie(&mut self, now_ms: i64) -> Result<Vec<ChallengeKind>> {
        self.ensure_open()?;
        if self.selfie.is_some() {
            return Err(PrecheckError::FlowOrder(
                "the selfie step has already started".into(),
            ));
        }
        let document = self.document.as_ref().ok_or_else(|| {
            PrecheckError::FlowOrder("the selfie step before the document step".into())
        })?;
        let elapsed_ms = now_ms - document.captured_ms;
        if elapsed_ms < 0 {
            return Err(PrecheckError::InvalidInput(format!(
                "the selfie start ({now_ms} ms) is before the document capture ({} ms)",
                document.captured_ms
            )));
        }
        let limit_ms = self.options.max_selfie_delay_ms;
        if elapsed_ms > limit_ms {
            return Err(PrecheckError::SelfieTooLate {
                elapsed_ms,
                limit_ms,
            });
        }
        let session = Session::new(
            self.options.selfie.clone(),
            &self.models.faces,
            self.models.pad_slots.clone(),
            self.models.limits,
        );
        let order = session.order();
        self.selfie = Some(SelfieStep {
            session,
            started_ms: now_ms,
        });
        Ok(order)
    }

    fn finish(&mut self, now_ms: i64, signer: Option<&dyn Signer>) -> Result<FlowResult> {
        self.ensure_open()?;
        let (Some(document), Some(selfie)) = (&self.document, &self.selfie) else {
            return Err(PrecheckError::FlowOrder(
                "finish before the document and selfie steps".into(),
            ));
        };
        if now_ms < selfie.started_ms {
            return Err(PrecheckError::InvalidInput(format!(
                "finish time {now_ms} ms is before the selfie start ({} ms)",
                selfie.started_ms
            )));
        }
        // Whatever happens below (a host signer that fails), this attempt is over: the
        // selfie frames are handed over once, so a second finish could not decide the same.
        self.finished = true;
        let liveness = selfie.session.finish();
        let chain = selfie.session.frame_chain();
        let candidates = selfie.session.take_match_candidates();
        let face_match = match_portrait(
            self.models.faces.embedder(),
            document.portrait.as_ref(),
            &candidates,
            self.options.match_thresholds,
        )?;
        let consistency = match &self.typed {
            Some(t) => self.consistency_with(t)?,
            None => None,
        };
        let (decision, reasons) = decide_flow(&FlowOutcome {
            document: &document.report,
            consistency: consistency.as_ref(),
            liveness: &liveness,
            face_match: face_match.decision,
        });
        let mut retry_state = self.retry.clone();
        let retry_status = retry_state.record(&self.options.retry, decision, now_ms);

        let bundle = build_bundle(
            &BundleInputs {
                models: &self.models.loaded,
                options: &self.options,
                decision,
                reasons: &reasons,
                document: &document.report,
                document_captured_ms: document.captured_ms,
                document_digest: &document.image_digest,
                document_file: document.file.as_deref(),
                consistency: consistency.as_ref(),
                liveness: &liveness,
                face_match: &face_match,
                candidates: &candidates,
                chain: &chain,
                selfie_started_ms: selfie.started_ms,
                finished_ms: now_ms,
                retry_state: &retry_state,
                retry_status,
            },
            signer,
        )?;
        Ok(FlowResult {
            decision,
            reasons,
            document: document.report.clone(),
            consistency,
            liveness,
            face_match,
            retry_state,
            retry_status,
            bundle,
        })
    }
}
