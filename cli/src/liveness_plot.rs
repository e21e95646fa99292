//! `precheck liveness --annotate DIR`: every frame with the prompt shown on it, and
//! `timeline.svg`: eye openness, mouth openness and yaw over time, detector events, the prompts
//! and the challenge windows — the report's timeline drawing (`report_html::timeline`) as a
//! file of its own.

use std::path::{Path, PathBuf};

use precheck_cli::report_html::{from_core, timeline};
use precheck_core::quality::FrameMeasures;
use precheck_core::session::{SessionResult, SessionUpdate};
use precheck_core::Language;

use crate::analyze::read_image;
use crate::annotate::{self, Quality};
use crate::UserError;

/// Writes `DIR/fNNNNN.png` (frame + prompt banner) and `DIR/timeline.svg`.
pub fn write(
    dir: &Path,
    frames: &[PathBuf],
    updates: &[SessionUpdate],
    result: &SessionResult,
    language: Language,
) -> Result<(), UserError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| UserError(format!("cannot create {}: {e}", dir.display())))?;
    let empty = FrameMeasures::default();
    for (i, (path, update)) in frames.iter().zip(updates).enumerate() {
        let image = read_image(path)?;
        let quality = Quality {
            measures: &empty,
            issues: &[],
            prompt: update.prompt.as_ref().map(|p| (p.code, language)),
        };
        annotate::write(
            &image,
            &[],
            Some(&quality),
            &dir.join(format!("f{i:05}.png")),
        )?;
    }
    let caption = format!(
        "decision {} ({})",
        result.decision.as_str(),
        result.reasons.join(", ")
    );
    let svg = timeline::standalone_svg(&from_core::timeline(updates, result, language), &caption);
    let out = dir.join("timeline.svg");
    std::fs::write(&out, svg).map_err(|e| UserError(format!("cannot write {}: {e}", out.display())))
}
