//! Progress of the long evaluations on stderr: a count that overwrites itself on one line.

use precheck_eval::Progress;

/// Shows `command`'s progress reports (`eval match: 12 photos embedded`) on stderr.
pub fn on_stderr(command: &'static str) -> impl FnMut(Progress<'_>) {
    move |progress| match progress {
        Progress::Count { what, done } => eprint!("\r{command}: {done} {what}"),
        Progress::StepDone => eprintln!(),
        Progress::FramesLoaded { frames, dir } => {
            eprintln!("{command}: {frames} frames from {}", dir.display())
        }
    }
}
