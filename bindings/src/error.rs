//! The error the host sees: a few variants it can act on, each carrying the core's one-line
//! message. Converted from [`precheck_core::PrecheckError`] in one place.

use precheck_core::date::InvalidDate;
use precheck_core::idnum::UnsupportedCountry;
use precheck_core::mrz::MrzError;
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
    /// An image given for face matching holds no usable face (ask for another photo).
    #[error("{0}")]
    FaceNotFound(String),
    /// Malformed input other than a frame or an image.
    #[error("{0}")]
    InvalidInput(String),
    /// The bytes are a recognised format other than JPEG or PNG (e.g. a PDF or HEIC).
    #[error("{0}")]
    UnsupportedImageFormat(String),
    /// The image announces more pixels than the decoder accepts (refused before decoding).
    #[error("{0}")]
    ImageTooLarge(String),
    /// MRZ text that cannot be an MRZ: wrong characters, line count or line lengths (the
    /// message says which line and column).
    #[error("{0}")]
    InvalidMrz(String),
    /// No ID-number check exists for this country.
    #[error("{0}")]
    UnsupportedCountry(String),
    /// The flow's steps were called out of order (a caller bug).
    #[error("{0}")]
    FlowOrder(String),
    /// The selfie would start more than 15 minutes after the document: capture it again.
    #[error("{0}")]
    SelfieTooLate(String),
    /// Too many failed attempts: the message says when to try again.
    #[error("{0}")]
    RetryCooldown(String),
    /// Too many cooldowns: the check goes to manual review.
    #[error("{0}")]
    RetryEscalated(String),
    /// The host's `Signer` failed, or returned a key or signature of the wrong size.
    #[error("{0}")]
    SignerFailed(String),
    /// An input exceeds a configured limit (frame size, buffer length); refused before any
    /// allocation.
    #[error("{0}")]
    LimitExceeded(String),
    /// A session reached its maximum length (frames or time): finish it and start a new one.
    #[error("{0}")]
    SessionTooLong(String),
}

impl From<CoreError> for PrecheckError {
    fn from(error: CoreError) -> Self {
        let message = error.to_string();
        match error {
            CoreError::InvalidFrame(_) => PrecheckError::InvalidFrame(message),
            CoreError::ImageDecode(_) => PrecheckError::InvalidImage(message),
            CoreError::ModelMissing { .. } | CoreError::Manifest { .. } | CoreError::Io { .. } => {
                PrecheckError::ModelUnavailable(message)
            }
            CoreError::ModelChecksum { .. } | CoreError::ModelLoad { .. } => {
                PrecheckError::ModelCorrupted(message)
            }
            CoreError::Inference { .. } => PrecheckError::Internal(message),
            CoreError::FaceNotFound(_) => PrecheckError::FaceNotFound(message),
            CoreError::InvalidInput(_) => PrecheckError::InvalidInput(message),
            CoreError::UnsupportedImageFormat(_) => PrecheckError::UnsupportedImageFormat(message),
            CoreError::ImageTooLarge { .. } => PrecheckError::ImageTooLarge(message),
            CoreError::FlowOrder(_) => PrecheckError::FlowOrder(message),
            CoreError::SelfieTooLate { .. } => PrecheckError::SelfieTooLate(message),
            CoreError::RetryCooldown { .. } => PrecheckError::RetryCooldown(message),
            CoreError::RetryEscalated => PrecheckError::RetryEscalated(message),
            CoreError::SignerFailed(_) => PrecheckError::SignerFailed(message),
            CoreError::LimitExceeded { .. } => PrecheckError::LimitExceeded(message),
            CoreError::SessionTooLong(_) => PrecheckError::SessionTooLong(message),
        }
    }
}

impl From<MrzError> for PrecheckError {
    fn from(error: MrzError) -> Self {
        PrecheckError::InvalidMrz(error.to_string())
    }
}

impl From<UnsupportedCountry> for PrecheckError {
    fn from(error: UnsupportedCountry) -> Self {
        PrecheckError::UnsupportedCountry(error.to_string())
    }
}

impl From<InvalidDate> for PrecheckError {
    fn from(error: InvalidDate) -> Self {
        PrecheckError::InvalidArgument(error.to_string())
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

    #[test]
    fn new_core_errors_get_their_own_variants() {
        let face = PrecheckError::from(CoreError::FaceNotFound("none in 10x10".into()));
        assert!(
            matches!(face, PrecheckError::FaceNotFound(ref m) if m.starts_with("no usable face"))
        );
        let pdf = PrecheckError::from(CoreError::UnsupportedImageFormat("PDF".into()));
        assert!(matches!(pdf, PrecheckError::UnsupportedImageFormat(_)));
        let large = PrecheckError::from(CoreError::ImageTooLarge {
            width: 1,
            height: 2,
            max_pixels: 1,
        });
        assert!(matches!(large, PrecheckError::ImageTooLarge(_)));
        let mrz = PrecheckError::from(MrzError::WrongLineCount { count: 1 });
        assert!(matches!(mrz, PrecheckError::InvalidMrz(ref m) if m.contains("1 line")));
        let country = PrecheckError::from(UnsupportedCountry("DE".into()));
        assert!(matches!(country, PrecheckError::UnsupportedCountry(_)));
    }
}
