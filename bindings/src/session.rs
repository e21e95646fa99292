//! The selfie liveness session (`precheck_core::session::Session`): one object per attempt,
//! fed camera frames in order, answering the prompt to show; `finish` decides. Updates, results
//! and everything in them are the core's own types; only the options are mirrored (the core's
//! carry the policy and the frames to keep, which the host does not set).

use std::sync::Arc;

pub use precheck_core::liveness::{
    ActionEvent, ActionPhase, AttemptFailure, ChallengeFailure, ChallengeKind, ChallengeResult,
    CheckReport, Continuity, CueReport, LivenessDecision as Decision, MotionAnomaly, MotionEvent,
    MotionSample, Verdict as LivenessVerdict,
};
use precheck_core::session as core_session;
pub use precheck_core::session::{
    IdentityReport, PromptEvent, SessionResult, SessionState, SessionUpdate,
};

use crate::engine::Engine;
use crate::error::PrecheckError;
use crate::frame::Frame;
use crate::guard::guarded;
use crate::prompt::Language;

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
        self.inner.order()
    }

    /// Processes one camera frame (bytes in `pixels`; Kotlin: a direct `ByteBuffer`, read
    /// without a copy). Timestamps must increase strictly and the size stay the same; other
    /// frames are refused with `InvalidFrame` and change nothing.
    pub fn push_frame(&self, frame: Frame, pixels: &[u8]) -> Result<SessionUpdate, PrecheckError> {
        guarded("Session.pushFrame", || {
            Ok::<_, PrecheckError>(self.inner.push_frame(&frame.to_core(pixels)?)?)
        })
    }

    /// Ends the attempt and decides. Later `pushFrame` calls are refused (`InvalidInput`).
    pub fn finish(&self) -> Result<SessionResult, PrecheckError> {
        guarded("Session.finish", || {
            Ok::<_, PrecheckError>(self.inner.finish())
        })
    }
}

impl SelfieOptions {
    fn to_core(&self) -> core_session::SelfieOptions {
        let mut options = core_session::SelfieOptions::new(self.nonce.clone());
        if let Some(challenges) = &self.challenges {
            options.challenges = challenges.clone();
        }
        options.language = self.language;
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selfie_options_map_onto_the_core_defaults() {
        let mut options = SelfieOptions {
            nonce: "n".into(),
            challenges: None,
            language: Language::Ko,
        };
        let core = options.to_core();
        assert_eq!(core.challenges, ChallengeKind::DEFAULT.to_vec());
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
            vec![ChallengeKind::Nod, ChallengeKind::Blink]
        );
    }
}
