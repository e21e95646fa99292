//! Selfie quality: the core's tracker and selfie gate behind one object per camera stream, and
//! the per-photo checks. Stand-in for `Session.pushFrame` until the liveness session lands.

use std::sync::{Arc, Mutex, MutexGuard};

use precheck_core::face::{FaceObservation, FaceTracker};
use precheck_core::frame::{FrameConverter, RgbImage};
use precheck_core::quality::{
    frame_issues, measure_frame, most_important, GateUpdate, QualityThresholds, SelfieGate,
};

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

/// Per-stream state: reused buffers, the tracker and the gate.
struct Stream {
    converter: FrameConverter,
    image: RgbImage,
    faces: Vec<FaceObservation>,
    tracker: FaceTracker,
    gate: SelfieGate,
}

impl Stream {
    fn reset(&mut self) {
        self.tracker.reset();
        self.gate.reset();
    }
}

/// Quality checks of one selfie camera stream: tracks the face across frames and answers each
/// frame with its issues and the one prompt to show. One per stream; `Send + Sync` (calls are
/// serialised by an internal lock), so it may be fed from the camera's analysis thread.
#[derive(uniffi::Object)]
pub struct SelfieChecker {
    stream: Mutex<Stream>,
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
                stream: Mutex::new(Stream {
                    converter: engine.inner.frame_converter(),
                    image: RgbImage::default(),
                    faces: Vec::with_capacity(1),
                    tracker: engine.inner.tracker(),
                    gate: SelfieGate::default(),
                }),
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
            let stream = &mut *stream;
            stream.converter.convert(&frame, &mut stream.image)?;
            stream.faces.clear();
            stream.faces.extend(stream.tracker.track(&stream.image)?);
            let update = stream
                .gate
                .push(&stream.image, &stream.faces, frame.timestamp_ms);
            Ok::<_, PrecheckError>(self.update(update, stream.faces.first()))
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
    fn lock(&self) -> MutexGuard<'_, Stream> {
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

    fn update(&self, update: &GateUpdate, face: Option<&FaceObservation>) -> QualityUpdate {
        QualityUpdate {
            issues: update.issues.clone(),
            prompt: update.prompt.map(|code| code.prompt(self.language)),
            ready: update.ready,
            face: face.map(Face::from),
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
            let report = self.inner.analyze_image(&image)?;
            let measures = measure_frame(&image, &report.faces, &mut Default::default());
            let issues = frame_issues(&measures, &QualityThresholds::default(), &[]);
            let prompt = most_important(&issues);
            Ok::<_, PrecheckError>(QualityUpdate {
                issues: issues.clone(),
                prompt: prompt.map(|code| code.prompt(language)),
                ready: issues.is_empty(),
                face: report.faces.first().map(Face::from),
            })
        })
    }
}
