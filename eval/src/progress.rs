//! What a long evaluation tells its caller while it runs (the CLI shows it on stderr).

use std::path::Path;

/// One progress report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress<'a> {
    /// `done` items of a step so far (`what`: "photos embedded", "card portraits").
    Count { what: &'a str, done: usize },
    /// The step that was counting is over.
    StepDone,
    /// `frames` frames were loaded from `dir` and are about to be timed.
    FramesLoaded { frames: usize, dir: &'a Path },
}
