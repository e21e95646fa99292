//! The error the host sees: a few variants it can act on, each carrying the core's one-line
//! message. Converted from [`precheck_core::PrecheckError`] in one place.

use precheck_core::PrecheckError as CoreError;

/// Errors of every fallible call. Kotlin: `PrecheckException.InvalidFrame` etc. (the message is
/// the exception's message); Swift: `PrecheckError.InvalidFrame(message:)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum PrecheckError {
    /// Frame geometry, strides or buffer length do not fit together (a caller bug).
    #[error("{0}")]
    InvalidFrame(String),
    /// Encoded image bytes are not a decodable JPEG/PNG.
    #[error("{0}")]
    InvalidImage(String),
    /// A model file is absent or unreadable, or the manifest does not list it (a packaging
    /// problem: the app did not bundle the models).
    #[error("{0}")]
    ModelUnavailable(String),
    /// A model file does not match its sha256 or cannot be loaded (corrupted or wrong file).
    #[error("{0}")]
    ModelCorrupted(String),
    /// An argument outside the documented range (e.g. an unknown model file name).
    #[error("{0}")]
    InvalidArgument(String),
    /// A failure inside the SDK (inference error, or a panic caught at the FFI boundary).
    #[error("{0}")]
    Internal(String),
}

impl From<CoreError> for PrecheckError {
    fn from(error: CoreError) -> Self {
        let message = error.to_string();
        match error {
            CoreError::InvalidFrame(_) => PrecheckError::InvalidFrame(message),
            CoreError::ImageDecode(_)
            | CoreError::UnsupportedImageFormat(_)
            | CoreError::ImageTooLarge { .. }
            | CoreError::FaceNotFound(_) => PrecheckError::InvalidImage(message),
            CoreError::InvalidInput(_) => PrecheckError::InvalidArgument(message),
            CoreError::ModelMissing { .. } | CoreError::Manifest { .. } | CoreError::Io { .. } => {
                PrecheckError::ModelUnavailable(message)
            }
            CoreError::ModelChecksum { .. } | CoreError::ModelLoad { .. } => {
                PrecheckError::ModelCorrupted(message)
            }
            CoreError::Inference { .. } => PrecheckError::Internal(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_their_one_line_message() {
        let core = CoreError::InvalidFrame("buffer too short".into());
        let text = core.to_string();
        let ffi = PrecheckError::from(core);
        assert_eq!(ffi, PrecheckError::InvalidFrame(text.clone()));
        assert_eq!(ffi.to_string(), text);
        assert!(!text.contains('\n'));
    }
}
