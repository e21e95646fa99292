//! Something over the document's edge (DOC_OBSCURED): a finger or an object interrupts the
//! outline, so one side has a long stretch with no edge although the rest of it is clear.

use crate::document::config::DocumentConfig;
use crate::prompt::{Issue, PromptCode, Severity};

/// The largest edge gap among the sides seen in the photo (image borders excluded).
pub fn largest_gap(gaps: &[f32; 4], virtual_sides: &[bool; 4]) -> f32 {
    gaps.iter()
        .zip(virtual_sides)
        .filter(|(_, &v)| !v)
        .map(|(g, _)| *g)
        .fold(0.0, f32::max)
}

pub fn issue(largest_gap: f32, config: &DocumentConfig) -> Option<Issue> {
    (largest_gap > config.obscured_gap)
        .then(|| Issue::new(PromptCode::DocObscured, Severity::Error, Some(largest_gap)))
}
