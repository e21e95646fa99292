//! The engine: the one facade over the core. It loads and verifies the models once, builds the
//! face analyzer and the passive models from them, and holds every public entry point (photo
//! and frame analysis, document check, face match, selfie session, whole flow). Nothing below it
//! imports it.

use crate::date::Date;
use crate::document::{DocumentChecker, DocumentConfig, DocumentKind, DocumentReport};
use crate::error::{PrecheckError, Result};
use crate::face::{
    Analyzer, DetectorOptions, Embedding, FaceDetector, FaceEmbedder, FaceLandmarker, FaceTracker,
    FrameReport,
};
use crate::flow::{Flow, FlowModels, FlowOptions};
use crate::frame::{decode_image_with_limits, Frame, FrameConverter, RgbImage};
use crate::limits::Limits;
use crate::liveness::{MiniFasNet, PadSlot, RetryState};
use crate::matching::{
    match_images, match_rows, MatchResult, MatchThresholds, PairOutcome, PairRow,
};
use crate::models::{load_verified, LoadedModel, ModelKind, ModelSource, Network};
use crate::quality::{check_photo, PhotoCheck};
use crate::session::{QualityStream, SelfieOptions, Session};

/// How to build an [`Engine`].
#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub models: ModelSource,
    pub detector: DetectorOptions,
    /// Faces given landmarks per image in [`Engine::analyze_image`] (largest first).
    pub max_faces: usize,
    /// Load the optional passive presentation-attack models when present (MiniFASNet V2 and
    /// V1SE); without them the passive verdict is "unsure".
    pub passive_models: bool,
    /// Frame, encoded-image and session limits (documented defaults).
    pub limits: Limits,
}

impl EngineConfig {
    /// Models from `dir`, default settings.
    pub fn from_dir(dir: impl Into<std::path::PathBuf>) -> Self {
        EngineConfig {
            models: ModelSource::Directory(dir.into()),
            detector: DetectorOptions::default(),
            max_faces: 4,
            passive_models: true,
            limits: Limits::default(),
        }
    }
}

/// Weight of a passive model in the fused live probability. Upstream sums the two softmaxes
/// (equal weights); measured here (`tests/tests/suite/liveness_passive.rs`) V2 scores both spoof
/// stills 0.001 while V1SE passes the tablet at 0.685, and both score live frames high, so V2
/// counts double. Two spoof stills are thin evidence: re-measure with more attacks.
fn pad_weight(kind: ModelKind) -> f32 {
    match kind {
        ModelKind::MiniFasNetV2 => 2.0,
        _ => 1.0,
    }
}

/// Loaded, verified models. `Send + Sync`: share one engine between threads.
#[derive(Debug, Clone)]
pub struct Engine {
    faces: Analyzer,
    pad_slots: Vec<PadSlot>,
    models: Vec<LoadedModel>,
    limits: Limits,
}

impl Engine {
    /// Loads and verifies every model; fails with a typed error on a missing, corrupted or
    /// unloadable file. The face embedder loads here too, not on first use: every KYC flow ends
    /// in a match and the liveness session needs it for identity continuity, so a missing or
    /// corrupted embedder must fail at start-up, not halfway through a user's session.
    pub fn new(config: EngineConfig) -> Result<Engine> {
        let mut models = Vec::new();
        let mut load = |kind| -> Result<Network> {
            let (bytes, sha256) = load_verified(&config.models, kind)?;
            let net = Network::load(kind, &bytes)?;
            log::info!("loaded {} ({sha256})", kind.file_name());
            models.push(LoadedModel { kind, sha256 });
            Ok(net)
        };
        let detector = FaceDetector::new(load(ModelKind::FaceDetector)?, config.detector);
        let landmarker = FaceLandmarker::new(load(ModelKind::FaceLandmarks)?);
        let embedder = FaceEmbedder::new(load(ModelKind::FaceEmbedder)?);
        let mut pad_slots = Vec::new();
        if config.passive_models {
            for kind in [ModelKind::MiniFasNetV2, ModelKind::MiniFasNetV1Se] {
                match load(kind) {
                    Ok(net) => pad_slots.push(PadSlot {
                        model: std::sync::Arc::new(MiniFasNet::new(net)?),
                        weight: pad_weight(kind),
                    }),
                    // Optional: absent (or not in the manifest) is fine, corrupted is not.
                    Err(PrecheckError::ModelMissing { .. } | PrecheckError::Manifest { .. }) => {
                        log::warn!(
                            "optional model {} absent: passive check unsure",
                            kind.file_name()
                        );
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(Engine {
            faces: Analyzer::new(detector, landmarker, embedder, config.max_faces),
            pad_slots,
            models,
            limits: config.limits,
        })
    }

    /// The limits every analysis and session of this engine applies.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The loaded models, in load order, with their sha256.
    pub fn models(&self) -> &[LoadedModel] {
        &self.models
    }

    /// The face analyzer (detector, landmarker, embedder) the engine's checks run on.
    pub fn analyzer(&self) -> &Analyzer {
        &self.faces
    }

    /// The loaded passive presentation-attack models (empty when the optional files are absent).
    pub fn pad_slots(&self) -> &[PadSlot] {
        &self.pad_slots
    }

    /// Decodes JPEG/PNG bytes with this engine's [`Limits::decode`] (header checked before
    /// decoding).
    pub fn decode_image(&self, bytes: &[u8]) -> Result<RgbImage> {
        decode_image_with_limits(bytes, self.limits.decode)
    }

    /// A frame converter applying this engine's [`Limits::frame`].
    pub fn frame_converter(&self) -> FrameConverter {
        FrameConverter::with_limits(self.limits.frame)
    }

    /// A tracker for one frame stream, sharing this engine's models.
    pub fn tracker(&self) -> FaceTracker {
        self.faces.tracker()
    }

    /// Stateless analysis of one camera frame.
    pub fn analyze_frame(&self, frame: &Frame<'_>) -> Result<FrameReport> {
        let image = self.frame_converter().to_image(frame)?;
        self.faces.analyze_image(&image)
    }

    /// Stateless analysis of an upright RGB image (see [`Analyzer::analyze_image`]).
    pub fn analyze_image(&self, image: &RgbImage) -> Result<FrameReport> {
        self.faces.analyze_image(image)
    }

    /// The quality checks of one photo (upright RGB): its analysis and the per-frame checks,
    /// without history (no temporal checks, no hysteresis).
    pub fn check_selfie_photo(&self, image: &RgbImage) -> Result<(FrameReport, PhotoCheck)> {
        let report = self.faces.analyze_image(image)?;
        let check = check_photo(image, &report.faces);
        Ok((report, check))
    }

    /// Quality checks of one selfie camera stream, without a liveness challenge.
    pub fn start_quality_stream(&self) -> QualityStream {
        QualityStream::new(self.frame_converter(), self.tracker())
    }

    /// The embedding of the largest face in `image`; [`PrecheckError::FaceNotFound`] when there
    /// is none.
    pub fn embed_largest_face(&self, image: &RgbImage) -> Result<Embedding> {
        self.faces.embed_largest_face(image)
    }

    /// Compares the largest face of each image with the calibrated thresholds.
    pub fn match_images(&self, a: &RgbImage, b: &RgbImage) -> Result<MatchResult> {
        match_images(&self.faces, a, b, &MatchThresholds::CALIBRATED)
    }

    /// Compares every row of a pairs list, in order (see [`match_rows`]).
    pub fn match_rows(
        &self,
        rows: &[PairRow],
        thresholds: &MatchThresholds,
        load: impl FnMut(&str) -> Result<RgbImage>,
    ) -> Vec<PairOutcome> {
        match_rows(&self.faces, rows, thresholds, load)
    }

    /// A document checker with this engine's decode limits and the default thresholds; keep one
    /// per capture screen to reuse its buffers.
    pub fn document_checker(&self) -> DocumentChecker {
        DocumentChecker::new(DocumentConfig {
            decode_limits: self.limits.decode,
            ..DocumentConfig::default()
        })
    }

    /// Checks one document photo (encoded JPEG/PNG bytes) with the default settings, portrait
    /// included; with `today`, the MRZ is read too (expiry is judged against it).
    pub fn check_document(
        &self,
        bytes: &[u8],
        kind: DocumentKind,
        today: Option<Date>,
    ) -> Result<DocumentReport> {
        self.check_document_keeping_image(&mut self.document_checker(), bytes, kind, today)
            .map(|(report, _)| report)
    }

    /// [`Self::check_document`] with the caller's checker, also handing back the decoded photo
    /// (`None` for another format) for what follows — an annotation — without decoding again.
    pub fn check_document_keeping_image(
        &self,
        checker: &mut DocumentChecker,
        bytes: &[u8],
        kind: DocumentKind,
        today: Option<Date>,
    ) -> Result<(DocumentReport, Option<RgbImage>)> {
        checker.check_upload(Some(&self.faces), bytes, kind, today)
    }

    /// Checks one camera frame of a document (portrait included; no MRZ: a frame is for
    /// framing the capture, the photo taken then is read).
    pub fn check_document_frame(
        &self,
        frame: &Frame<'_>,
        kind: DocumentKind,
    ) -> Result<DocumentReport> {
        let image = self.frame_converter().to_image(frame)?;
        self.document_checker()
            .check_image(Some(&self.faces), &image, kind)
    }

    /// Starts a selfie liveness session (challenge order drawn from `options.nonce`).
    pub fn start_selfie(&self, options: SelfieOptions) -> Session {
        Session::new(options, &self.faces, self.pad_slots.clone(), self.limits)
    }

    /// Starts the whole flow at `now_ms` (see [`Flow::start`]).
    pub fn start_flow(&self, options: FlowOptions, retry: RetryState, now_ms: i64) -> Result<Flow> {
        Flow::start(
            FlowModels {
                faces: self.faces.clone(),
                pad_slots: self.pad_slots.clone(),
                loaded: self.models.clone(),
                limits: self.limits,
            },
            options,
            retry,
            now_ms,
        )
    }
}
