use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader};

use super::RgbImage;
use crate::error::{PrecheckError, Result};

/// Decodes JPEG or PNG bytes (detected by content, not by name) into an upright RGB image,
/// applying the EXIF orientation the way a photo viewer shows it.
pub fn decode_image(bytes: &[u8]) -> Result<RgbImage> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PrecheckError::ImageDecode(e.to_string()))?;
    if reader.format().is_none() {
        return Err(PrecheckError::ImageDecode(
            "not a JPEG or PNG image".to_string(),
        ));
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| PrecheckError::ImageDecode(e.to_string()))?;
    let orientation = decoder
        .orientation()
        .map_err(|e| PrecheckError::ImageDecode(e.to_string()))?;
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|e| PrecheckError::ImageDecode(e.to_string()))?;
    image.apply_orientation(orientation);
    let rgb = image.into_rgb8();
    let (width, height) = rgb.dimensions();
    RgbImage::from_raw(width, height, rgb.into_raw())
}
