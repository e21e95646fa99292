use std::path::Path;

use serde::Deserialize;

use crate::error::{PrecheckError, Result};

pub const MANIFEST_FILE: &str = "manifest.json";

/// `models/manifest.json` as `scripts/fetch-models` writes it (only the fields the core reads).
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub models: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ManifestEntry {
    pub file: String,
    pub sha256: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub licence: String,
}

impl Manifest {
    /// Reads `dir/manifest.json`; `None` when the folder has none.
    pub fn read_optional(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(PrecheckError::Io {
                    path,
                    reason: e.to_string(),
                })
            }
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| PrecheckError::Manifest {
                path,
                reason: e.to_string(),
            })
    }

    pub fn sha256_of(&self, file: &str) -> Option<String> {
        self.models
            .iter()
            .find(|m| m.file == file)
            .map(|m| m.sha256.clone())
    }
}
