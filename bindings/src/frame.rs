//! Camera frames as the host describes them. The pixel bytes travel beside the [`Frame`] as a
//! borrowed `&[u8]` (Kotlin: a direct `java.nio.ByteBuffer`, Swift: `Data`), so a camera frame
//! crosses the FFI without a copy.

use precheck_core::frame as core;
pub use precheck_core::frame::{PixelFormat, Rotation};

use crate::error::PrecheckError;
use crate::guard::shielded;

/// One camera frame's geometry and capture time; its bytes are passed beside it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Frame {
    /// Width of the stored (not yet rotated) image in pixels.
    pub width: u32,
    /// Height of the stored image in pixels.
    pub height: u32,
    pub format: PixelFormat,
    /// Row stride in bytes of each plane, in plane order (at most 3); a missing entry or 0
    /// means tightly packed.
    pub row_strides: Vec<u32>,
    pub rotation: Rotation,
    /// Mirror the upright image left-right (set it for front cameras to get what the user sees).
    pub mirrored: bool,
    /// Capture time in milliseconds on the host's clock.
    pub timestamp_ms: i64,
}

/// The rotation for a number of degrees (0, 90, 180, 270, mod 360); `None` otherwise.
#[uniffi::export]
pub fn rotation_from_degrees(degrees: i32) -> Option<Rotation> {
    shielded(
        "rotationFromDegrees",
        || None,
        || Rotation::from_degrees(degrees),
    )
}

impl Frame {
    /// The core frame borrowing `data`.
    pub(crate) fn to_core<'a>(&self, data: &'a [u8]) -> Result<core::Frame<'a>, PrecheckError> {
        if self.row_strides.len() > 3 {
            return Err(PrecheckError::InvalidFrame(format!(
                "invalid frame: {} row strides given, at most 3 planes exist",
                self.row_strides.len()
            )));
        }
        let mut row_strides = [0u32; 3];
        row_strides[..self.row_strides.len()].copy_from_slice(&self.row_strides);
        Ok(core::Frame {
            width: self.width,
            height: self.height,
            format: self.format,
            row_strides,
            rotation: self.rotation,
            mirrored: self.mirrored,
            timestamp_ms: self.timestamp_ms,
            data,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(row_strides: Vec<u32>) -> Frame {
        Frame {
            width: 4,
            height: 2,
            format: PixelFormat::Nv21,
            row_strides,
            rotation: Rotation::Deg270,
            mirrored: true,
            timestamp_ms: 42,
        }
    }

    #[test]
    fn strides_are_padded_to_three_planes() {
        let data = [0u8; 12];
        let core = frame(vec![8]).to_core(&data).map_err(|e| e.to_string());
        let core = core.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(core.row_strides, [8, 0, 0]);
        assert_eq!(core.rotation, Rotation::Deg270);
        assert!(core.mirrored);
        assert_eq!(core.timestamp_ms, 42);
    }

    #[test]
    fn more_than_three_strides_is_an_invalid_frame() {
        let data = [0u8; 12];
        let result = frame(vec![4, 4, 4, 4]).to_core(&data);
        assert!(matches!(result, Err(PrecheckError::InvalidFrame(_))));
    }

    #[test]
    fn degrees_map_to_rotations() {
        assert_eq!(rotation_from_degrees(-90), Some(Rotation::Deg270));
        assert_eq!(rotation_from_degrees(45), None);
    }
}
