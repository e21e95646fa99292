//! The whole KYC pre-check (`precheck_core::flow::Flow`): document → typed data → selfie
//! and liveness → face match → decision and evidence bundle, one object per attempt.

use std::sync::Arc;

use precheck_core::document as core_document;
use precheck_core::evidence::Signer as CoreSigner;
use precheck_core::flow as core;
pub use precheck_core::flow::{FaceMatchReport, MatchedFrame};

use crate::consistency::{ConsistencyReport, TypedData};
use crate::date::parse_today;
use crate::document::{DocumentKind, DocumentReport};
use crate::engine::Engine;
use crate::error::PrecheckError;
use crate::evidence::{HostSigner, Signer};
use crate::frame::Frame;
use crate::guard::guarded;
use crate::mrz::MrzReport;
use crate::prompt::Language;
use crate::retry::{parse_state, RetryPolicy, RetryStateStore, RetryStatus};
use crate::session::{ChallengeKind, Decision, SessionResult, SessionUpdate};

/// Options of [`Engine::start_flow`].
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FlowOptions {
    /// The server's nonce for this attempt (orders the challenges, starts the frame chain).
    pub nonce: String,
    /// Prompts and diagnoses in this language.
    pub language: Language,
    /// The document the user is asked for.
    pub document_kind: DocumentKind,
    /// Today on the user's calendar, `YYYY-MM-DD` (document expiry, birth dates).
    pub today: String,
    /// Per-deployment secret (at least 16 bytes) keying the document-number hash in the bundle,
    /// so a server can spot one document used by two accounts without storing the number.
    pub document_salt: Vec<u8>,
    /// The challenges (`None`: the four defaults; empty: passive and quality checks only).
    #[uniffi(default = None)]
    pub challenges: Option<Vec<ChallengeKind>>,
    /// Put the document photo and the matched selfie frames (JPEG, base64) into the bundle;
    /// digests only otherwise.
    #[uniffi(default = false)]
    pub include_images: bool,
    /// The selfie must start within this long of the document capture (default 15 minutes).
    #[uniffi(default = 900000)]
    pub max_selfie_delay_ms: i64,
    /// `None`: the default policy (see `defaultRetryPolicy()`).
    #[uniffi(default = None)]
    pub retry_policy: Option<RetryPolicy>,
}

/// The document step's answer: the capture checks and what the MRZ says.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DocumentStepReport {
    pub capture: DocumentReport,
    /// The MRZ read from the photo, when one was found.
    pub mrz: Option<MrzReport>,
    /// A printed portrait was found (the selfie is matched against it).
    pub portrait_found: bool,
}

/// Everything the flow decided.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FlowResult {
    pub decision: Decision,
    /// Stable `step:reason` codes, failures first (`face_match:no_match`, `document:DOC_EXPIRED`).
    pub reasons: Vec<String>,
    pub document: DocumentStepReport,
    /// Typed data against the MRZ (`None`: no typed data, or no MRZ to compare with).
    pub consistency: Option<ConsistencyReport>,
    pub liveness: SessionResult,
    pub face_match: FaceMatchReport,
    /// The retry state after this attempt. The SDK keeps nothing between attempts: the host
    /// stores this string (Android `SharedPreferences`, iOS Keychain/`UserDefaults`, or its
    /// server) and passes it to the next `startFlow`; it never needs to read it.
    pub retry_state_json: String,
    pub retry_status: RetryStatus,
    /// The evidence bundle (schema `docs/bundle.md`), signed when a signer was given.
    pub bundle_json: String,
    /// SHA-256 (hex) of the canonical bundle: its id.
    pub bundle_digest: String,
}

/// One run of the whole flow (`Send + Sync`). Create with [`Engine::start_flow`]; call the
/// steps in order: `submitDocument` (again for a retake), `submitTyped` (optional),
/// `startSelfie`, `pushFrame` per camera frame, `finish`. A step out of order is a
/// `FlowOrder` error.
#[derive(uniffi::Object)]
pub struct Flow {
    inner: core::Flow,
    language: Language,
    /// Where `finish` saves the new retry state (flows started with a store).
    store: Option<Arc<dyn RetryStateStore>>,
}

impl std::fmt::Debug for Flow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Flow")
            .field("inner", &self.inner)
            .field("language", &self.language)
            .field("store", &self.store.is_some())
            .finish()
    }
}

#[uniffi::export]
impl Engine {
    /// Starts the whole flow at `now_ms` (Unix ms). `retry_state_json` is the string the host
    /// stored from the previous attempt's `FlowResult.retryStateJson` (`None` for a new user).
    /// Refused with `RetryCooldown` / `RetryEscalated` while the retry policy forbids a new
    /// attempt (`retryStatus` tells how long), with `InvalidArgument` for a bad `today` and
    /// `InvalidInput` for a salt shorter than 16 bytes or malformed retry JSON.
    pub fn start_flow(
        &self,
        options: FlowOptions,
        retry_state_json: Option<String>,
        now_ms: i64,
    ) -> Result<Arc<Flow>, PrecheckError> {
        guarded("startFlow", || {
            let retry = parse_state(retry_state_json.as_deref())?;
            let language = options.language;
            let flow = self.inner.start_flow(options.to_core()?, retry, now_ms)?;
            Ok::<_, PrecheckError>(Arc::new(Flow {
                inner: flow,
                language,
                store: None,
            }))
        })
    }

    /// [`Engine::start_flow`] with the retry state in the host's `store`: loaded now, saved by
    /// `finish` (so a failed attempt is counted even if the app forgets to save it).
    pub fn start_flow_with_store(
        &self,
        options: FlowOptions,
        store: Arc<dyn RetryStateStore>,
        now_ms: i64,
    ) -> Result<Arc<Flow>, PrecheckError> {
        guarded("startFlowWithStore", || {
            let retry = parse_state(store.load().as_deref())?;
            let language = options.language;
            let flow = self.inner.start_flow(options.to_core()?, retry, now_ms)?;
            Ok::<_, PrecheckError>(Arc::new(Flow {
                inner: flow,
                language,
                store: Some(store),
            }))
        })
    }
}

#[uniffi::export]
impl Flow {
    /// The document step: checks the photo (JPEG/PNG bytes), reads its MRZ and finds its
    /// portrait. `captured_ms`: capture time (Unix ms); the selfie must start within the
    /// maximum delay of it. May be called again (a retake) until the selfie starts.
    pub fn submit_document(
        &self,
        encoded: Vec<u8>,
        captured_ms: i64,
    ) -> Result<DocumentStepReport, PrecheckError> {
        guarded("Flow.submitDocument", || {
            let report = self.inner.submit_document(&encoded, captured_ms)?;
            Ok::<_, PrecheckError>(DocumentStepReport::from(&report))
        })
    }

    /// The data step: what the user typed, compared with the document's MRZ (`None` when no
    /// MRZ was read: nothing to compare with).
    pub fn submit_typed(
        &self,
        typed: TypedData,
    ) -> Result<Option<ConsistencyReport>, PrecheckError> {
        guarded("Flow.submitTyped", || {
            let report = self.inner.submit_typed(typed)?;
            Ok::<_, PrecheckError>(
                report
                    .as_ref()
                    .map(|r| ConsistencyReport::of(r, self.language)),
            )
        })
    }

    /// Starts the selfie step at `now_ms` (Unix ms) and returns the challenge order. Refused
    /// with `SelfieTooLate` past the maximum delay after the document capture.
    pub fn start_selfie(&self, now_ms: i64) -> Result<Vec<ChallengeKind>, PrecheckError> {
        guarded("Flow.startSelfie", || {
            let order = self.inner.start_selfie(now_ms)?;
            Ok::<_, PrecheckError>(order)
        })
    }

    /// One selfie camera frame (bytes in `pixels`; Kotlin: a direct `ByteBuffer`), as
    /// `Session.pushFrame`.
    pub fn push_frame(&self, frame: Frame, pixels: &[u8]) -> Result<SessionUpdate, PrecheckError> {
        guarded("Flow.pushFrame", || {
            Ok::<_, PrecheckError>(self.inner.push_frame(&frame.to_core(pixels)?)?)
        })
    }

    /// Ends the flow at `now_ms` (Unix ms): decides, updates the retry state and builds the
    /// evidence bundle, signed by `signer` when given. A signer error is a `SignerFailed`
    /// error; the attempt's selfie frames are spent by then, so start a new flow.
    #[uniffi::method(default(signer = None))]
    pub fn finish(
        &self,
        now_ms: i64,
        signer: Option<Arc<dyn Signer>>,
    ) -> Result<FlowResult, PrecheckError> {
        guarded("Flow.finish", || {
            let host = signer.map(HostSigner);
            let result = self
                .inner
                .finish(now_ms, host.as_ref().map(|s| s as &dyn CoreSigner))?;
            if let Some(store) = &self.store {
                store.save(result.retry_state.to_json());
            }
            Ok::<_, PrecheckError>(FlowResult::of(&result, self.language))
        })
    }
}

impl FlowOptions {
    fn to_core(&self) -> Result<core::FlowOptions, PrecheckError> {
        let today = parse_today(&self.today)?;
        let mut options =
            core::FlowOptions::new(self.nonce.clone(), today, self.document_salt.clone());
        if let Some(challenges) = &self.challenges {
            options.selfie.challenges = challenges.clone();
        }
        options.selfie.language = self.language;
        options.document_kind = self.document_kind;
        options.include_images = self.include_images;
        options.max_selfie_delay_ms = self.max_selfie_delay_ms;
        if let Some(policy) = self.retry_policy {
            options.retry = policy;
        }
        Ok(options)
    }
}

impl From<&core_document::DocumentReport> for DocumentStepReport {
    fn from(report: &core_document::DocumentReport) -> Self {
        DocumentStepReport {
            capture: DocumentReport::from(report),
            mrz: report.mrz.clone(),
            portrait_found: report.portrait.is_some(),
        }
    }
}

impl FlowResult {
    fn of(r: &core::FlowResult, language: Language) -> Self {
        FlowResult {
            decision: r.decision,
            reasons: r.reasons.iter().map(ToString::to_string).collect(),
            document: DocumentStepReport::from(&r.document),
            consistency: r
                .consistency
                .as_ref()
                .map(|c| ConsistencyReport::of(c, language)),
            liveness: r.liveness.clone(),
            face_match: r.face_match.clone(),
            retry_state_json: r.retry_state.to_json(),
            retry_status: r.retry_status,
            bundle_json: r.bundle.json.clone(),
            bundle_digest: r.bundle.digest.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> FlowOptions {
        FlowOptions {
            nonce: "nonce".into(),
            language: Language::Fr,
            document_kind: DocumentKind::Passport,
            today: "2024-02-29".into(),
            document_salt: vec![9; 16],
            challenges: None,
            include_images: false,
            max_selfie_delay_ms: 900_000,
            retry_policy: None,
        }
    }

    #[test]
    fn flow_options_map_onto_the_core_defaults() {
        let core = options().to_core().unwrap();
        let defaults = core::FlowOptions::new("nonce", core.today, vec![9; 16]);
        assert_eq!(core.today.iso(), "2024-02-29");
        assert_eq!(core.max_selfie_delay_ms, core::DEFAULT_MAX_SELFIE_DELAY_MS);
        assert_eq!(core.retry, defaults.retry);
        assert_eq!(core.selfie.challenges, defaults.selfie.challenges);
        assert_eq!(core.selfie.keep_frames, defaults.selfie.keep_frames);
        assert_eq!(core.selfie.language, precheck_core::Language::Fr);
        assert_eq!(core.document_kind, core_document::DocumentKind::Passport);
        assert!(!core.include_images);
    }

    #[test]
    fn flow_options_carry_the_hosts_choices() {
        let policy = RetryPolicy {
            max_failures: 5,
            ..crate::retry::default_retry_policy()
        };
        let core = FlowOptions {
            challenges: Some(vec![ChallengeKind::Blink]),
            include_images: true,
            max_selfie_delay_ms: 60_000,
            retry_policy: Some(policy),
            ..options()
        }
        .to_core()
        .unwrap();
        assert_eq!(
            core.selfie.challenges,
            vec![precheck_core::liveness::ChallengeKind::Blink]
        );
        assert!(core.include_images);
        assert_eq!(core.max_selfie_delay_ms, 60_000);
        assert_eq!(core.retry.max_failures, 5);
        let bad_day = FlowOptions {
            today: "2023-02-29".into(),
            ..options()
        };
        assert!(matches!(
            bad_day.to_core(),
            Err(PrecheckError::InvalidArgument(_))
        ));
    }
}
