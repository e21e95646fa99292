//! precheck-ffi: the uniffi surface of `precheck-core` for Kotlin (`dev.precheck`) and Swift
//! (`Precheck`).
//!
//! Thin by design: every exported item converts its arguments into core types, forwards to the
//! core and converts the answer back. No check, threshold or decision lives here. The core's
//! plain records and enums carry uniffi derives behind its `uniffi` feature (enabled here
//! only) and are exported as they are (Kotlin package `dev.precheck.core`, Swift module
//! `Precheck`); this crate mirrors only what cannot cross as is (fixed-size arrays, images,
//! `usize`, `&'static str`, date strings the host types) and owns the objects, callbacks and
//! the error.
//!
//! Every fallible call runs inside [`guard::guarded`], so a panic becomes
//! [`PrecheckError::Internal`] instead of unwinding into the host.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

uniffi::setup_scaffolding!("precheck");

mod consistency;
mod date;
mod document;
mod engine;
mod error;
mod evidence;
mod flow;
mod frame;
mod guard;
mod idnum;
mod logging;
mod matching;
mod mrz;
mod prompt;
mod quality;
mod report;
mod retry;
mod session;

pub use consistency::{
    compare_typed_data, document_data_from_mrz, ConsistencyField, ConsistencyReport, DateOrder,
    Diagnosis, DiagnosisCode, DocumentData, FieldComparison, TypedData, Verdict,
};
pub use document::{DocumentKind, DocumentReport, GlareSpot, Margins};
pub use engine::{Engine, LoadedModel, ModelFile};
pub use error::PrecheckError;
pub use evidence::{verify_bundle, Signer, SignerError, Verification};
pub use flow::{DocumentStepReport, FaceMatchReport, Flow, FlowOptions, FlowResult, MatchedFrame};
pub use frame::{rotation_from_degrees, Frame, PixelFormat, Rotation};
pub use idnum::{
    check_id_number, CnIdKind, CnRegion, IdNumberCheck, IdNumberDetails, IdNumberReason, Sex,
};
pub use logging::{set_log_sink, LogLevel, LogRecord, LogSink};
pub use matching::{MatchDecision, MatchResult};
pub use mrz::{
    check_mrz, read_mrz_image, MrzCheck, MrzCheckField, MrzFields, MrzFormat, MrzImageReading,
    MrzRepair, MrzReport, MrzWarning,
};
pub use prompt::{
    language_from_locale, language_tag, prompt, prompt_code_from_id, prompt_code_id,
    prompt_message, Issue, Language, Prompt, PromptCode, Severity,
};
pub use quality::{QualityUpdate, SelfieChecker};
pub use report::{BoundingBox, EyesOpen, Face, FrameReport, HeadPose, Point};
pub use retry::{default_retry_policy, retry_status, RetryPolicy, RetryStateStore, RetryStatus};
pub use session::{
    ActionEvent, ActionPhase, AttemptFailure, ChallengeFailure, ChallengeKind, ChallengeResult,
    CheckReport, Continuity, CueReport, Decision, IdentityReport, LivenessVerdict, MotionAnomaly,
    MotionEvent, MotionSample, PromptEvent, SelfieOptions, Session, SessionResult, SessionState,
    SessionUpdate,
};
