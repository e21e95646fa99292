//! The engine object: models loaded once, shared by every call (`Send + Sync`).

use std::sync::Arc;

use precheck_core::models::{ModelBytes, ModelKind, ModelSource};
use precheck_core::EngineConfig;

use crate::error::PrecheckError;
use crate::frame::Frame;
use crate::guard::guarded;
use crate::logging;
use crate::report::FrameReport;

/// One model file as an app bundles it (e.g. read from Android assets or an iOS bundle).
#[derive(Debug, Clone, uniffi::Record)]
pub struct ModelFile {
    /// The file name as in `models/`, e.g. `face_detection_short_range.onnx`.
    pub name: String,
    pub data: Vec<u8>,
    /// Hex sha256 to check against instead of the pinned one (for a rebuilt file); `None` uses
    /// the hash pinned in the SDK.
    pub sha256: Option<String>,
}

/// A model the engine loaded, for reports and evidence.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoadedModel {
    pub name: String,
    pub sha256: String,
}

/// Loaded and verified models. Create one per app and share it between threads.
#[derive(Debug, uniffi::Object)]
pub struct Engine {
    pub(crate) inner: precheck_core::Engine,
}

#[uniffi::export]
impl Engine {
    /// Loads every model from `model_dir` (the folder `scripts/fetch-models` writes, with its
    /// `manifest.json`), verifying each file's sha256.
    #[uniffi::constructor]
    pub fn new(model_dir: String) -> Result<Arc<Engine>, PrecheckError> {
        logging::install();
        guarded("Engine(modelDir)", || {
            precheck_core::Engine::new(EngineConfig::from_dir(model_dir))
        })
        .map(|inner| Arc::new(Engine { inner }))
    }

    /// Loads the models from bytes the app bundles, checked against the pinned sha256 (or each
    /// file's `sha256`). Files whose name is not a model of the SDK are refused.
    #[uniffi::constructor]
    pub fn from_model_files(files: Vec<ModelFile>) -> Result<Arc<Engine>, PrecheckError> {
        logging::install();
        guarded("Engine.fromModelFiles", || {
            let models = files
                .into_iter()
                .map(model_bytes)
                .collect::<Result<Vec<_>, _>>()?;
            // Default settings, with the bundled bytes instead of a folder.
            let config = EngineConfig {
                models: ModelSource::Bytes(models),
                ..EngineConfig::from_dir("")
            };
            precheck_core::Engine::new(config).map_err(PrecheckError::from)
        })
        .map(|inner| Arc::new(Engine { inner }))
    }

    /// The models this engine runs, with the sha256 each was verified against.
    pub fn loaded_models(&self) -> Vec<LoadedModel> {
        crate::guard::shielded("Engine.loadedModels", Vec::new, || {
            self.inner
                .models()
                .iter()
                .map(|m| LoadedModel {
                    name: m.kind.file_name().to_string(),
                    sha256: m.sha256.clone(),
                })
                .collect()
        })
    }

    /// Stateless analysis of one camera frame whose bytes are `pixels` (Kotlin: a direct
    /// `ByteBuffer`, read without a copy).
    pub fn analyze_frame(&self, frame: Frame, pixels: &[u8]) -> Result<FrameReport, PrecheckError> {
        guarded("analyzeFrame", || {
            let frame = frame.to_core(pixels)?;
            let report = self.inner.analyze_frame(&frame)?;
            Ok::<_, PrecheckError>(FrameReport::from(&report))
        })
    }

    /// Stateless analysis of an encoded JPEG or PNG (e.g. a photo picked from the gallery);
    /// EXIF orientation is applied. Takes a byte array: one copy is nothing next to decoding.
    pub fn analyze_encoded_image(&self, encoded: Vec<u8>) -> Result<FrameReport, PrecheckError> {
        guarded("analyzeEncodedImage", || {
            let image = self.inner.decode_image(&encoded)?;
            let report = self.inner.analyze_image(&image)?;
            Ok::<_, PrecheckError>(FrameReport::from(&report))
        })
    }
}

fn model_bytes(file: ModelFile) -> Result<ModelBytes, PrecheckError> {
    let kind = ModelKind::ALL
        .into_iter()
        .find(|kind| kind.file_name() == file.name)
        .ok_or_else(|| {
            let known: Vec<&str> = ModelKind::ALL.iter().map(|k| k.file_name()).collect();
            PrecheckError::InvalidArgument(format!(
                "unknown model file {:?} (known: {})",
                file.name,
                known.join(", ")
            ))
        })?;
    Ok(ModelBytes {
        kind,
        bytes: file.data,
        sha256: file.sha256,
    })
}
