//! `Network` in a build without the `onnx` feature (the fuzz targets): the same API, but no
//! model can be loaded, so an engine is never built and every model-free path still works.

use super::ModelKind;
use crate::error::{PrecheckError, Result};

/// Never constructed in this build: [`Network::load`] always refuses.
#[derive(Debug, Clone)]
pub struct Network {
    kind: ModelKind,
}

impl Network {
    /// Refuses: this build of the core has no inference engine.
    pub fn load(kind: ModelKind, _bytes: &[u8]) -> Result<Network> {
        Err(PrecheckError::ModelLoad {
            name: kind.file_name().to_string(),
            reason: "precheck-core was built without the `onnx` feature (no inference engine)"
                .to_string(),
        })
    }

    pub fn kind(&self) -> ModelKind {
        self.kind
    }

    pub fn run<R>(&self, _input: &[f32], _read: impl FnOnce(&[&[f32]]) -> R) -> Result<R> {
        Err(PrecheckError::Inference {
            name: self.kind.file_name().to_string(),
            reason: "precheck-core was built without the `onnx` feature".to_string(),
        })
    }
}
