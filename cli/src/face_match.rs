//! `precheck match A B` and `precheck match --pairs PAIRS.csv` (DESIGN §4): the largest face of
//! each image, aligned, embedded and compared with the calibrated thresholds.

use std::path::{Path, PathBuf};

use precheck_core::face::DetectorOptions;
use precheck_core::frame::decode_image;
use precheck_core::matching::{match_rows, parse_pairs_csv, MatchThresholds, PairOutcome};
use precheck_core::{Engine, EngineConfig, PrecheckError};

use crate::analyze::read_image;
use crate::report::{self, MatchOutput, PairShape, PairsOutput};
use crate::UserError;

/// Faces given landmarks per image; the match uses the largest that FaceMesh accepts.
const MATCH_MAX_FACES: usize = 4;

/// The engine for matching photos: tiled detection so that small faces (an ID portrait in a
/// document photo) are found too.
pub fn load_match_engine(models: &Path) -> Result<Engine, UserError> {
    Ok(Engine::new(EngineConfig {
        detector: DetectorOptions::all_faces(),
        max_faces: MATCH_MAX_FACES,
        ..EngineConfig::from_dir(models)
    })?)
}

pub fn run(
    models: &Path,
    images: &[PathBuf],
    pairs: Option<&Path>,
    json: bool,
) -> Result<(), UserError> {
    match (images, pairs) {
        ([a, b], None) => run_one(models, a, b, json),
        ([], Some(csv)) => run_pairs(models, csv, json),
        _ => Err(UserError(
            "match takes two images, or --pairs PAIRS.csv and no image".into(),
        )),
    }
}

fn round4(v: f32) -> f64 {
    (v as f64 * 1e4).round() / 1e4
}

fn run_one(models: &Path, a: &Path, b: &Path, json: bool) -> Result<(), UserError> {
    let image_a = read_image(a)?;
    let image_b = read_image(b)?;
    let engine = load_match_engine(models)?;
    let embed = |path: &Path, image| {
        engine
            .embed_largest_face(image)
            .map_err(|e| UserError(format!("{}: {e}", path.display())))
    };
    let ea = embed(a, &image_a)?;
    let eb = embed(b, &image_b)?;
    let result = precheck_core::matching::compare(&ea, &eb, &MatchThresholds::CALIBRATED);
    if json {
        report::print(&MatchOutput {
            similarity: round4(result.similarity),
            decision: result.decision,
        })?;
    } else {
        println!(
            "similarity {:.4}: {}",
            result.similarity,
            result.decision.as_str()
        );
    }
    Ok(())
}

fn run_pairs(models: &Path, csv: &Path, json: bool) -> Result<(), UserError> {
    let text = std::fs::read_to_string(csv)
        .map_err(|e| UserError(format!("cannot read {}: {e}", csv.display())))?;
    let rows = parse_pairs_csv(&text).map_err(|e| UserError(format!("{}: {e}", csv.display())))?;
    let base = csv.parent().unwrap_or(Path::new("")).to_path_buf();
    let engine = load_match_engine(models)?;
    let outcomes = match_rows(
        engine.analyzer(),
        &rows,
        &MatchThresholds::CALIBRATED,
        |reference| {
            let path = base.join(reference); // an absolute reference replaces the base
            let bytes = std::fs::read(&path).map_err(|e| PrecheckError::Io {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            decode_image(&bytes)
        },
    );
    if json {
        report::print(&PairsOutput {
            results: outcomes.iter().map(pair_shape).collect(),
        })?;
    } else {
        for o in &outcomes {
            match &o.result {
                Ok(r) => println!(
                    "{}\t{}\t{:.4}\t{}",
                    o.a,
                    o.b,
                    r.similarity,
                    r.decision.as_str()
                ),
                Err(e) => println!("{}\t{}\terror: {e}", o.a, o.b),
            }
        }
    }
    Ok(())
}

fn pair_shape(o: &PairOutcome) -> PairShape {
    let (similarity, decision, error) = match &o.result {
        Ok(r) => (Some(round4(r.similarity)), Some(r.decision), None),
        Err(e) => (None, None, Some(e.clone())),
    };
    PairShape {
        a: o.a.clone(),
        b: o.b.clone(),
        similarity,
        decision,
        error,
    }
}
