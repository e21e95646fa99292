//! Where the evaluation material is and how its images are read.

use std::path::{Path, PathBuf};

use precheck_core::frame::{decode_image, RgbImage};

use crate::EvalError;

/// `$PRECHECK_DATA`, else `../shared/data` beside the workspace.
pub fn default_data_dir() -> PathBuf {
    match std::env::var_os("PRECHECK_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"),
    }
}

/// Reads and decodes an image file with the core's decoder (EXIF orientation applied).
pub fn read_image(path: &Path) -> Result<RgbImage, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    decode_image(&bytes).map_err(|source| EvalError::Image {
        path: path.to_path_buf(),
        source,
    })
}
