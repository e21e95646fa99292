//! `precheck bench-document`: document-check timings at 1920×1080
//! (`precheck_eval::document_bench`).

use std::path::Path;

use precheck_eval::data::default_data_dir;
use precheck_eval::document_bench;

use crate::UserError;

pub fn run(
    models: &Path,
    data: Option<&Path>,
    repeats: usize,
    json: bool,
) -> Result<(), UserError> {
    let data = data.map_or_else(default_data_dir, Path::to_path_buf);
    let bench = document_bench::run(models, &data, repeats)?;
    if json {
        println!("{}", document_bench::json(&bench));
    } else {
        print!("{}", document_bench::table(&bench));
    }
    Ok(())
}
