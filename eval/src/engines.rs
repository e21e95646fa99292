//! The engines the evaluations run, set up as the `precheck` commands they measure.

use std::path::Path;

use precheck_core::face::DetectorOptions;
use precheck_core::frame::RgbImage;
use precheck_core::{Engine, EngineConfig, FaceObservation};

use crate::EvalError;

/// Faces kept per photo by `precheck match` (its engine looks for small faces too).
const MATCH_MAX_FACES: usize = 4;

/// The default engine (selfie frames: one large face).
pub fn selfie_engine(models: &Path) -> Result<Engine, EvalError> {
    Ok(Engine::new(EngineConfig::from_dir(models))?)
}

/// The engine of `precheck match`: every face of a photo, small ones included.
pub fn match_engine(models: &Path) -> Result<Engine, EvalError> {
    Ok(Engine::new(EngineConfig {
        detector: DetectorOptions::all_faces(),
        max_faces: MATCH_MAX_FACES,
        ..EngineConfig::from_dir(models)
    })?)
}

/// The largest face of a photo (the engine lists faces largest first).
pub fn largest_face(engine: &Engine, image: &RgbImage) -> Result<FaceObservation, EvalError> {
    engine
        .analyze_image(image)?
        .faces
        .into_iter()
        .next()
        .ok_or(EvalError::NoFace)
}
