//! The selfie liveness session (`precheck_core::session::Session`): one object per attempt,
//! fed camera frames in order, answering the prompt to show; `finish` decides.

use std::sync::Arc;

use precheck_core::liveness as core;
use precheck_core::session as core_session;

use crate::engine::Engine;
use crate::error::PrecheckError;
use crate::frame::Frame;
use crate::guard::guarded;
use crate::prompt::{Issue, Language, Prompt};

/// A liveness challenge the user is asked to perform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ChallengeKind {
    Blink,
    TurnLeft,
    TurnRight,
    OpenMouth,
    Nod,
}

/// Options of [`Engine::start_selfie`].
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SelfieOptions {
    /// The server's nonce for this attempt: the challenge order is drawn from it, so the server
    /// can recompute it.
    pub nonce: String,
    /// The challenges to ask (any order, duplicates ignored); `None` asks the four defaults
    /// (blink, turn left, turn right, open mouth); an empty list runs the passive and quality
    /// checks only.
    #[uniffi(default = None)]
    pub challenges: Option<Vec<ChallengeKind>>,
    /// The language of the prompts.
    pub language: Language,
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SessionState {
    /// Waiting for a well-framed, well-lit face (quality prompts).
    Positioning,
    /// Challenges running.
    Challenge,
    /// No challenges: capturing frames for the passive check.
    Capturing,
    /// Everything done: call `finish`.
    Completed,
    /// The attempt ended early (see `failure`): call `finish`.
    Failed,
}

/// Why an attempt ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AttemptFailure {
    ChallengeFailed,
    FaceLost,
    BackgroundMoving,
    UnnaturalMotion,
    IdentityChanged,
    /// `finish` was called before the challenges were done.
    NotCompleted,
}

/// What a detector saw the subject do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ActionPhase {
    /// The action visibly started.
    Onset,
    /// Performed as asked.
    Complete,
    /// Released too early.
    TooFast,
    /// Held too long.
    TooSlow,
}

/// One detector event on a frame (whatever challenge was asked).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct ActionEvent {
    pub kind: ChallengeKind,
    pub phase: ActionPhase,
    pub t_ms: i64,
}

/// One frame's face signals, for timelines and UI feedback.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct MotionSample {
    pub t_ms: i64,
    /// Degrees; > 0 when the subject turns to their left (corrected for mirrored frames).
    pub yaw: f32,
    /// Degrees; > 0 when the subject looks up.
    pub pitch: f32,
    /// Eyelid gap over inter-ocular distance, subject's right and left eye.
    pub eye_right: f32,
    pub eye_left: f32,
    /// Mouth openness in [0, 1].
    pub mouth: f32,
}

/// The answer to one frame: what to show now.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SessionUpdate {
    pub t_ms: i64,
    pub state: SessionState,
    /// The one prompt to show, in the session's language.
    pub prompt: Option<Prompt>,
    /// The challenge asked now (or next).
    pub challenge: Option<ChallengeKind>,
    /// Index of that challenge in the order, and the number of challenges.
    pub challenge_index: u32,
    pub challenge_count: u32,
    /// 0–1 over the whole session.
    pub progress: f32,
    pub face_found: bool,
    /// The quality checks that failed on this frame.
    pub issues: Vec<Issue>,
    pub failure: Option<AttemptFailure>,
    pub sample: Option<MotionSample>,
    pub events: Vec<ActionEvent>,
    /// Passive liveness score of this frame, when the schedule ran the models on it.
    pub passive_score: Option<f32>,
}

/// A check's three-way answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LivenessVerdict {
    Live,
    Spoof,
    /// Not enough evidence (model absent, scores between the thresholds, ...).
    Unsure,
}

/// One independent check (active, passive or depth): score, verdict and a short note.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckReport {
    pub score: Option<f32>,
    pub verdict: LivenessVerdict,
    pub note: Option<String>,
}

/// Why a challenge failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ChallengeFailure {
    TooFast,
    TooSlow,
    WrongAction,
    /// The attempt ended before this challenge passed.
    NotReached,
}

/// One challenge's outcome.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChallengeResult {
    pub kind: ChallengeKind,
    pub passed: bool,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    /// The last failure (a passed challenge may carry an earlier try's failure).
    pub reason: Option<ChallengeFailure>,
    pub tries: u32,
    /// Prompt to movement onset of the accepted response.
    pub latency_ms: Option<i64>,
}

/// Identity continuity from the first to the later frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Continuity {
    Same,
    Different,
    Uncertain,
    /// Fewer than two embeddable frames.
    Unchecked,
}

/// Identity continuity over the session.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct IdentityReport {
    pub continuity: Continuity,
    /// Lowest similarity of a later frame to the first embedded one.
    pub min_similarity: Option<f32>,
    pub embedded_frames: u32,
}

/// A decision: of a liveness session or of the whole flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Decision {
    Pass,
    Fail,
    /// A person should look (see the reasons).
    Review,
}

/// A session's outcome.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SessionResult {
    pub decision: Decision,
    /// Machine-readable reasons (`passive_unsure`, `challenge_failed`, ...).
    pub reasons: Vec<String>,
    pub nonce: String,
    /// The order the challenges were asked in.
    pub order: Vec<ChallengeKind>,
    pub challenges: Vec<ChallengeResult>,
    pub active: CheckReport,
    pub passive: CheckReport,
    pub depth: CheckReport,
    pub identity: IdentityReport,
    pub failure: Option<AttemptFailure>,
    /// Frames accepted, and the first and last frame time (camera clock).
    pub frames: u64,
    pub first_ms: Option<i64>,
    pub last_ms: Option<i64>,
}

/// One liveness attempt (`Send + Sync`: push frames from the camera's analysis thread, read
/// the result from any thread). Create with [`Engine::start_selfie`].
#[derive(Debug, uniffi::Object)]
pub struct Session {
    inner: core_session::Session,
}

#[uniffi::export]
impl Engine {
    /// Starts a selfie liveness session; the challenge order is drawn from `options.nonce`.
    pub fn start_selfie(&self, options: SelfieOptions) -> Result<Arc<Session>, PrecheckError> {
        guarded("startSelfie", || {
            let session = self.inner.start_selfie(options.to_core());
            Ok::<_, PrecheckError>(Arc::new(Session { inner: session }))
        })
    }
}

#[uniffi::export]
impl Session {
    /// The order the challenges will be asked in.
    pub fn order(&self) -> Vec<ChallengeKind> {
        self.inner
            .order()
            .into_iter()
            .map(ChallengeKind::from)
            .collect()
    }

    /// Processes one camera frame (bytes in `pixels`; Kotlin: a direct `ByteBuffer`, read
    /// without a copy). Timestamps must increase strictly and the size stay the same; other
    /// frames are refused with `InvalidFrame` and change nothing.
    pub fn push_frame(&self, frame: Frame, pixels: &[u8]) -> Result<SessionUpdate, PrecheckError> {
        guarded("Session.pushFrame", || {
            let update = self.inner.push_frame(&frame.to_core(pixels)?)?;
            Ok::<_, PrecheckError>(SessionUpdate::from(&update))
        })
    }

    /// Ends the attempt and decides. Later `pushFrame` calls are refused (`InvalidInput`).
    pub fn finish(&self) -> Result<SessionResult, PrecheckError> {
        guarded("Session.finish", || {
            Ok::<_, PrecheckError>(SessionResult::from(&self.inner.finish()))
        })
    }
}

impl SelfieOptions {
    fn to_core(&self) -> core_session::SelfieOptions {
        let mut options = core_session::SelfieOptions::new(self.nonce.clone());
        if let Some(challenges) = &self.challenges {
            options.challenges = challenges.iter().copied().map(Into::into).collect();
        }
        options.language = self.language.into();
        options
    }
}

/// The core challenges of `kinds` (for the flow options).
pub(crate) fn core_challenges(
    kinds: &Option<Vec<ChallengeKind>>,
) -> Option<Vec<core::ChallengeKind>> {
    kinds
        .as_ref()
        .map(|kinds| kinds.iter().copied().map(Into::into).collect())
}

impl From<ChallengeKind> for core::ChallengeKind {
    fn from(kind: ChallengeKind) -> Self {
        match kind {
            ChallengeKind::Blink => core::ChallengeKind::Blink,
            ChallengeKind::TurnLeft => core::ChallengeKind::TurnLeft,
            ChallengeKind::TurnRight => core::ChallengeKind::TurnRight,
            ChallengeKind::OpenMouth => core::ChallengeKind::OpenMouth,
            ChallengeKind::Nod => core::ChallengeKind::Nod,
        }
    }
}

impl From<core::ChallengeKind> for ChallengeKind {
    fn from(kind: core::ChallengeKind) -> Self {
        match kind {
            core::ChallengeKind::Blink => ChallengeKind::Blink,
            core::ChallengeKind::TurnLeft => ChallengeKind::TurnLeft,
            core::ChallengeKind::TurnRight => ChallengeKind::TurnRight,
            core::ChallengeKind::OpenMouth => ChallengeKind::OpenMouth,
            core::ChallengeKind::Nod => ChallengeKind::Nod,
        }
    }
}

impl From<core_session::SessionState> for SessionState {
    fn from(state: core_session::SessionState) -> Self {
        use core_session::SessionState as S;
        match state {
            S::Positioning => SessionState::Positioning,
            S::Challenge => SessionState::Challenge,
            S::Capturing => SessionState::Capturing,
            S::Completed => SessionState::Completed,
            S::Failed => SessionState::Failed,
        }
    }
}

impl From<core::AttemptFailure> for AttemptFailure {
    fn from(failure: core::AttemptFailure) -> Self {
        use core::AttemptFailure as F;
        match failure {
            F::ChallengeFailed => AttemptFailure::ChallengeFailed,
            F::FaceLost => AttemptFailure::FaceLost,
            F::BackgroundMoving => AttemptFailure::BackgroundMoving,
            F::UnnaturalMotion => AttemptFailure::UnnaturalMotion,
            F::IdentityChanged => AttemptFailure::IdentityChanged,
            F::NotCompleted => AttemptFailure::NotCompleted,
        }
    }
}

impl From<core::ActionPhase> for ActionPhase {
    fn from(phase: core::ActionPhase) -> Self {
        match phase {
            core::ActionPhase::Onset => ActionPhase::Onset,
            core::ActionPhase::Complete => ActionPhase::Complete,
            core::ActionPhase::TooFast => ActionPhase::TooFast,
            core::ActionPhase::TooSlow => ActionPhase::TooSlow,
        }
    }
}

impl From<&core::MotionSample> for MotionSample {
    fn from(s: &core::MotionSample) -> Self {
        MotionSample {
            t_ms: s.t_ms,
            yaw: s.yaw,
            pitch: s.pitch,
            eye_right: s.eye_right,
            eye_left: s.eye_left,
            mouth: s.mouth,
        }
    }
}

impl From<&core_session::SessionUpdate> for SessionUpdate {
    fn from(u: &core_session::SessionUpdate) -> Self {
        SessionUpdate {
            t_ms: u.t_ms,
            state: u.state.into(),
            prompt: u.prompt.as_ref().map(|p| Prompt {
                code: p.code.into(),
                message: p.message.clone(),
            }),
            challenge: u.challenge.map(ChallengeKind::from),
            challenge_index: count(u.challenge_index),
            challenge_count: count(u.challenge_count),
            progress: u.progress,
            face_found: u.face_found,
            issues: u.issues.iter().map(Issue::from).collect(),
            failure: u.failure.map(AttemptFailure::from),
            sample: u.sample.as_ref().map(MotionSample::from),
            events: u
                .events
                .iter()
                .map(|e| ActionEvent {
                    kind: e.kind.into(),
                    phase: e.phase.into(),
                    t_ms: e.t_ms,
                })
                .collect(),
            passive_score: u.passive_score,
        }
    }
}

/// A count for the FFI (u32; a session never has billions of challenges).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<core::Verdict> for LivenessVerdict {
    fn from(verdict: core::Verdict) -> Self {
        match verdict {
            core::Verdict::Live => LivenessVerdict::Live,
            core::Verdict::Spoof => LivenessVerdict::Spoof,
            core::Verdict::Unsure => LivenessVerdict::Unsure,
        }
    }
}

impl From<&core::CheckReport> for CheckReport {
    fn from(r: &core::CheckReport) -> Self {
        CheckReport {
            score: r.score,
            verdict: r.verdict.into(),
            note: r.note.clone(),
        }
    }
}

impl From<core::ChallengeFailure> for ChallengeFailure {
    fn from(failure: core::ChallengeFailure) -> Self {
        match failure {
            core::ChallengeFailure::TooFast => ChallengeFailure::TooFast,
            core::ChallengeFailure::TooSlow => ChallengeFailure::TooSlow,
            core::ChallengeFailure::WrongAction => ChallengeFailure::WrongAction,
            core::ChallengeFailure::NotReached => ChallengeFailure::NotReached,
        }
    }
}

impl From<core::Continuity> for Continuity {
    fn from(c: core::Continuity) -> Self {
        match c {
            core::Continuity::Same => Continuity::Same,
            core::Continuity::Different => Continuity::Different,
            core::Continuity::Uncertain => Continuity::Uncertain,
            core::Continuity::Unchecked => Continuity::Unchecked,
        }
    }
}

impl From<core::LivenessDecision> for Decision {
    fn from(d: core::LivenessDecision) -> Self {
        match d {
            core::LivenessDecision::Pass => Decision::Pass,
            core::LivenessDecision::Fail => Decision::Fail,
            core::LivenessDecision::Review => Decision::Review,
        }
    }
}

impl From<&core_session::SessionResult> for SessionResult {
    fn from(r: &core_session::SessionResult) -> Self {
        SessionResult {
            decision: r.decision.into(),
            reasons: r.reasons.clone(),
            nonce: r.nonce.clone(),
            order: r.order.iter().copied().map(ChallengeKind::from).collect(),
            challenges: r
                .challenges
                .iter()
                .map(|c| ChallengeResult {
                    kind: c.kind.into(),
                    passed: c.passed,
                    start_ms: c.start_ms,
                    end_ms: c.end_ms,
                    reason: c.reason.map(ChallengeFailure::from),
                    tries: c.tries,
                    latency_ms: c.latency_ms,
                })
                .collect(),
            active: (&r.active).into(),
            passive: (&r.passive).into(),
            depth: (&r.depth).into(),
            identity: IdentityReport {
                continuity: r.identity.continuity.into(),
                min_similarity: r.identity.min_similarity,
                embedded_frames: r.identity.embedded_frames,
            },
            failure: r.failure.map(AttemptFailure::from),
            frames: r.frames,
            first_ms: r.first_ms,
            last_ms: r.last_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_challenge_round_trips() {
        for kind in core::ChallengeKind::ALL {
            assert_eq!(core::ChallengeKind::from(ChallengeKind::from(kind)), kind);
        }
    }

    #[test]
    fn selfie_options_map_onto_the_core_defaults() {
        let mut options = SelfieOptions {
            nonce: "n".into(),
            challenges: None,
            language: Language::Ko,
        };
        let core = options.to_core();
        assert_eq!(core.challenges, core::ChallengeKind::DEFAULT.to_vec());
        assert_eq!(core.language, precheck_core::Language::Ko);
        assert_eq!(
            core.keep_frames, 0,
            "a liveness-only session keeps no frames"
        );
        options.challenges = Some(Vec::new());
        assert!(
            options.to_core().challenges.is_empty(),
            "empty = passive only"
        );
        options.challenges = Some(vec![ChallengeKind::Nod, ChallengeKind::Blink]);
        assert_eq!(
            options.to_core().challenges,
            vec![core::ChallengeKind::Nod, core::ChallengeKind::Blink]
        );
    }

    #[test]
    fn an_update_keeps_every_field() {
        let update = core_session::SessionUpdate {
            t_ms: 1234,
            state: core_session::SessionState::Challenge,
            prompt: Some(precheck_core::Prompt {
                code: precheck_core::PromptCode::TurnLeft,
                message: "Tournez".into(),
            }),
            challenge: Some(core::ChallengeKind::TurnLeft),
            challenge_index: 2,
            challenge_count: 4,
            progress: 0.5,
            face_found: true,
            issues: Vec::new(),
            failure: Some(core::AttemptFailure::FaceLost),
            sample: None,
            events: vec![core::ActionEvent {
                kind: core::ChallengeKind::Blink,
                phase: core::ActionPhase::TooFast,
                t_ms: 1200,
                onset_ms: 1100,
                speed: 0.0,
            }],
            passive_score: Some(0.9),
        };
        let ffi = SessionUpdate::from(&update);
        assert_eq!(ffi.t_ms, 1234);
        assert_eq!(ffi.state, SessionState::Challenge);
        assert_eq!(
            ffi.prompt.as_ref().map(|p| (p.code, p.message.as_str())),
            Some((crate::prompt::PromptCode::TurnLeft, "Tournez"))
        );
        assert_eq!(ffi.challenge, Some(ChallengeKind::TurnLeft));
        assert_eq!((ffi.challenge_index, ffi.challenge_count), (2, 4));
        assert_eq!(ffi.failure, Some(AttemptFailure::FaceLost));
        assert_eq!(
            ffi.events,
            vec![ActionEvent {
                kind: ChallengeKind::Blink,
                phase: ActionPhase::TooFast,
                t_ms: 1200
            }]
        );
        assert_eq!(ffi.passive_score, Some(0.9));
    }
}
