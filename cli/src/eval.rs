//! `precheck eval match`: the face-matching evaluation (`precheck_eval::face_match`), printed as
//! JSON or as the text tables of BENCHMARKS.md.

use std::path::Path;

use precheck_eval::data::default_data_dir;
use precheck_eval::face_match;

use crate::progress_line;
use crate::UserError;

pub fn run_match(models: &Path, data: Option<&Path>, json: bool) -> Result<(), UserError> {
    let data = data.map_or_else(default_data_dir, Path::to_path_buf);
    let report = face_match::evaluate(models, &data, &mut progress_line::on_stderr("eval match"))?;
    if json {
        println!("{report}");
    } else {
        print!("{}", face_match::table(&report));
    }
    Ok(())
}
