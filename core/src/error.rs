//! The one error type of the core. Every fallible public function returns it; nothing panics on
//! bad input.

use std::path::PathBuf;

/// Errors the core reports. Messages are one line, written for the integrator.
#[derive(Debug, thiserror::Error)]
pub enum PrecheckError {
    /// Frame geometry, strides or buffer length do not fit together.
    #[error("invalid frame: {0}")]
    InvalidFrame(String),
    /// An encoded image (JPEG/PNG bytes) could not be decoded.
    #[error("cannot decode image: {0}")]
    ImageDecode(String),
    /// A model file is absent.
    #[error("model {name}: file not found at {path} (run scripts/fetch-models)")]
    ModelMissing { name: String, path: PathBuf },
    /// A model file's bytes do not match the expected sha256 (corrupted, truncated or wrong file).
    #[error("model {name}: sha256 mismatch, expected {expected}, got {actual} (corrupted, truncated or wrong file; run scripts/fetch-models)")]
    ModelChecksum {
        name: String,
        expected: String,
        actual: String,
    },
    /// The model manifest is unreadable or does not describe a required model.
    #[error("model manifest {path}: {reason}")]
    Manifest { path: PathBuf, reason: String },
    /// tract refused the model graph.
    #[error("model {name}: cannot load: {reason}")]
    ModelLoad { name: String, reason: String },
    /// Inference failed at run time (should not happen with verified models).
    #[error("model {name}: inference failed: {reason}")]
    Inference { name: String, reason: String },
    /// Reading a file failed.
    #[error("cannot read {path}: {reason}")]
    Io { path: PathBuf, reason: String },
    /// An image given for face matching holds no face the detector and landmarker accept.
    #[error("no usable face: {0}")]
    FaceNotFound(String),
    /// Input other than a frame or an image is malformed (e.g. a pairs CSV).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// The bytes are a recognised format other than JPEG or PNG (e.g. a PDF renamed `.jpg`).
    #[error("{0} is not supported, only JPEG or PNG")]
    UnsupportedImageFormat(String),
    /// The image header announces more pixels than the decoder accepts; refused before any
    /// pixel buffer is allocated.
    #[error("image {width}x{height} is larger than the limit of {max_pixels} pixels")]
    ImageTooLarge {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    /// The flow's steps were called out of order (e.g. a selfie before the document).
    #[error("flow: {0}")]
    FlowOrder(String),
    /// The selfie would start too long after the document capture (the two must belong to one
    /// sitting).
    #[error("the selfie must start within {limit_ms} ms of the document capture; {elapsed_ms} ms have passed: capture the document again")]
    SelfieTooLate { elapsed_ms: i64, limit_ms: i64 },
    /// Too many failed attempts: no new attempt before the cooldown ends.
    #[error("too many failed attempts: try again in {remaining_ms} ms")]
    RetryCooldown { remaining_ms: i64 },
    /// Too many cooldowns: self-service attempts are over, a person must review.
    #[error("too many failed attempts: the check is handed over to manual review")]
    RetryEscalated,
    /// The host's signing key refused or failed to sign (e.g. a hardware key that is locked or
    /// was invalidated), or answered with a malformed key or signature.
    #[error("signing key: {0}")]
    SignerFailed(String),
    /// An input exceeds a configured limit ([`crate::Limits`]); refused before anything was
    /// allocated for it.
    #[error("{what} {actual} exceeds the limit of {limit}")]
    LimitExceeded {
        what: &'static str,
        actual: u64,
        limit: u64,
    },
    /// The session reached its maximum length in frames or time ([`crate::SessionLimits`]):
    /// finish it and start a new one.
    #[error("session too long: {0}")]
    SessionTooLong(String),
}

pub type Result<T, E = PrecheckError> = std::result::Result<T, E>;
