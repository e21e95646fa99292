use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::RgbImage;
use crate::error::{PrecheckError, Result};

/// Decodes JPEG or PNG bytes (detected by content, not by name) into an upright RGB image,
/// applying the EXIF orientation the way a photo viewer shows it.
pub fn decode_image(bytes: &[u8]) -> Result<RgbImage> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(decode_error)?;
    match reader.format() {
        Some(ImageFormat::Png) => {}
        Some(ImageFormat::Jpeg) if jpeg_is_truncated(bytes) => {
            return Err(PrecheckError::ImageDecode(
                "truncated JPEG (no end-of-image marker after the last scan)".to_string(),
            ))
        }
        Some(ImageFormat::Jpeg) => {}
        Some(other) => {
            return Err(PrecheckError::ImageDecode(format!(
                "{other:?} is not supported, only JPEG or PNG"
            )))
        }
        None => {
            return Err(PrecheckError::ImageDecode(
                "not a JPEG or PNG image".to_string(),
            ))
        }
    }
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let orientation = decoder.orientation().map_err(decode_error)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);
    let rgb = image.into_rgb8();
    let (width, height) = rgb.dimensions();
    RgbImage::from_raw(width, height, rgb.into_raw())
}

/// The decoder's message on one line (some end with a newline or span several).
fn decode_error(e: impl std::fmt::Display) -> PrecheckError {
    let text = e.to_string();
    PrecheckError::ImageDecode(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A JPEG cut short decodes without complaint (the decoder pads the missing rows with grey), so
/// look for the end-of-image marker after the last start-of-scan. Entropy-coded data escapes
/// 0xFF bytes, so FF D9 cannot appear inside a scan.
fn jpeg_is_truncated(bytes: &[u8]) -> bool {
    let last = |marker: u8| {
        bytes
            .windows(2)
            .rposition(|w| w[0] == 0xFF && w[1] == marker)
    };
    match (last(0xDA), last(0xD9)) {
        (Some(scan), Some(end)) => end < scan,
        (_, None) => true,
        (None, Some(_)) => false,
    }
}
