//! Selfie quality without liveness: the core's quality stream behind one object per camera
//! stream, and the checks of one photo.

use std::sync::{Arc, Mutex, MutexGuard};

use precheck_core::session::QualityStream;

use crate::engine::Engine;
use crate::error::PrecheckError;
use crate::frame::Frame;
use crate::guard::guarded;
use crate::prompt::{Issue, Language, Prompt};
use crate::report::Face;

/// The quality verdict on one frame or photo.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct QualityUpdate {
    /// Every check that failed (per-frame and, for streams, temporal).
    pub issues: Vec<Issue>,
    /// The one prompt to show in the checker's language; `None` when nothing is to be said.
    /// On a stream it appears only once a problem persists and goes once it is fixed
    /// (hysteresis); on a photo it is the most important issue.
    pub prompt: Option<Prompt>,
    /// Every check passes and no prompt is showing: the frame is fit for capture.
    pub ready: bool,
    /// The tracked face (the largest one on a photo), for an overlay; `None` without a face.
    pub face: Option<Face>,
}

/// Quality checks of one selfie camera stream: tracks the face across frames and answers each
/// frame with its issues and the one prompt to show. One per stream; `Send + Sync` (calls are
/// serialised by an internal lock), so it may be fed from the camera's analysis thread.
#[derive(uniffi::Object)]
pub struct SelfieChecker {
    stream: Mutex<QualityStream>,
    language: Language,
}

impl std::fmt::Debug for SelfieChecker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SelfieChecker")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

#[uniffi::export]
impl SelfieChecker {
    /// A checker sharing `engine`'s models, with prompts in `language`.
    #[uniffi::constructor]
    pub fn new(
        engine: Arc<Engine>,
        language: Language,
    ) -> Result<Arc<SelfieChecker>, PrecheckError> {
        guarded("SelfieChecker(engine, language)", || {
            Ok::<_, PrecheckError>(Arc::new(SelfieChecker {
                stream: Mutex::new(engine.inner.start_quality_stream()),
                language,
            }))
        })
    }

    /// Checks the next frame of the stream (bytes in `pixels`, Kotlin: a direct `ByteBuffer`).
    /// Frames must come in capture order; `frame.timestamp_ms` drives the temporal checks and
    /// the prompt timing.
    pub fn push_frame(&self, frame: Frame, pixels: &[u8]) -> Result<QualityUpdate, PrecheckError> {
        guarded("SelfieChecker.pushFrame", || {
            let frame = frame.to_core(pixels)?;
            let mut stream = self.lock();
            let (update, face) = stream.push(&frame)?;
            Ok::<_, PrecheckError>(QualityUpdate {
                issues: update.issues.clone(),
                prompt: update.prompt.map(|code| code.prompt(self.language)),
                ready: update.ready,
                face: face.map(Face::from),
            })
        })
    }

    /// Forgets the stream (a new attempt): the next frame starts without history or prompt.
    pub fn reset(&self) {
        crate::guard::shielded("SelfieChecker.reset", || (), || self.lock().reset());
    }
}

impl SelfieChecker {
    /// The stream; after a panic in an earlier call (poisoned lock) it starts afresh rather
    /// than trusting half-updated state.
    fn lock(&self) -> MutexGuard<'_, QualityStream> {
        match self.stream.lock() {
            Ok(stream) => stream,
            Err(poisoned) => {
                self.stream.clear_poison();
                let mut stream = poisoned.into_inner();
                stream.reset();
                stream
            }
        }
    }
}

#[uniffi::export]
impl Engine {
    /// The per-frame quality checks on one encoded JPEG/PNG photo (no history: no temporal
    /// checks, no hysteresis), with the prompt in `language`.
    pub fn check_selfie_photo(
        &self,
        encoded: Vec<u8>,
        language: Language,
    ) -> Result<QualityUpdate, PrecheckError> {
        guarded("checkSelfiePhoto", || {
            let image = self.inner.decode_image(&encoded)?;
            let (report, check) = self.inner.check_selfie_photo(&image)?;
            Ok::<_, PrecheckError>(QualityUpdate {
                ready: check.ready(),
                prompt: check.prompt.map(|code| code.prompt(language)),
                issues: check.issues,
                face: report.faces.first().map(Face::from),
            })
        })
    }
}
