use std::io::Cursor;
use std::sync::Arc;

use tract_onnx::prelude::*;

use super::ModelKind;
use crate::error::{PrecheckError, Result};

/// One loaded, optimised network. Cheap to share between threads (the plan is immutable).
#[derive(Debug, Clone)]
pub struct Network {
    kind: ModelKind,
    plan: Arc<TypedSimplePlan>,
}

impl Network {
    /// Parses and optimises verified ONNX bytes for the kind's fixed input shape.
    pub fn load(kind: ModelKind, bytes: &[u8]) -> Result<Network> {
        let fail = |e: TractError| PrecheckError::ModelLoad {
            name: kind.file_name().to_string(),
            reason: format!("{e:#}"),
        };
        let shape = kind.input_shape();
        let plan = tract_onnx::onnx()
            .model_for_read(&mut Cursor::new(bytes))
            .and_then(|m| m.with_input_fact(0, f32::fact(shape).into()))
            .and_then(|m| m.into_optimized())
            .and_then(|m| m.into_runnable())
            .map_err(fail)?;
        Ok(Network { kind, plan })
    }

    pub fn kind(&self) -> ModelKind {
        self.kind
    }

    /// Runs the network on `input` (NHWC floats of the kind's input shape) and hands every
    /// output, flattened and in the graph's output order, to `read`.
    pub fn run<R>(&self, input: &[f32], read: impl FnOnce(&[&[f32]]) -> R) -> Result<R> {
        let fail = |e: TractError| PrecheckError::Inference {
            name: self.kind.file_name().to_string(),
            reason: format!("{e:#}"),
        };
        let tensor = Tensor::from_shape(&self.kind.input_shape(), input).map_err(fail)?;
        let outputs = self.plan.run(tvec![tensor.into()]).map_err(fail)?;
        let views = outputs
            .iter()
            .map(|t| t.to_plain_array_view::<f32>())
            .collect::<TractResult<Vec<_>>>()
            .map_err(fail)?;
        let slices = views
            .iter()
            .map(|v| {
                v.as_slice()
                    .ok_or_else(|| fail(TractError::msg("output is not contiguous")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(read(&slices))
    }
}
