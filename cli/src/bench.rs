//! `precheck bench`: per-stage timings on real frames (`precheck_eval::frame_bench`).

use std::path::{Path, PathBuf};

use precheck_eval::frame_bench;

use crate::progress_line;
use crate::UserError;

pub fn run(models: &Path, dirs: &[PathBuf], limit: usize, json: bool) -> Result<(), UserError> {
    let runs = frame_bench::run(models, dirs, limit, &mut progress_line::on_stderr("bench"))?;
    if json {
        println!("{}", frame_bench::json(&runs));
    } else {
        print!("{}", frame_bench::table(&runs));
    }
    Ok(())
}
