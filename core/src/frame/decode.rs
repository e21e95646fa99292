//! Encoded images (JPEG, PNG) into upright RGB, with the format told by content and the size
//! checked from the header before any pixel buffer is allocated.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use serde::Serialize;
use zeroize::{Zeroize, Zeroizing};

use super::convert::rotate_and_mirror;
use super::{RgbImage, Rotation};
use crate::error::{PrecheckError, Result};
use crate::limits::DecodeLimits;

/// What the decoder mended in a file it accepted (reported beside the result: the file itself is
/// not what a strict reader expects).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FileRepair {
    /// A baseline JPEG whose scan data is complete but whose end-of-image marker is missing
    /// (some uploaders and messaging apps drop it): every viewer shows the whole picture.
    JpegEndMarkerMissing,
}

impl FileRepair {
    pub fn as_str(self) -> &'static str {
        match self {
            FileRepair::JpegEndMarkerMissing => "jpeg_end_marker_missing",
        }
    }
}

/// What a file's first bytes say it is (the name is never trusted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContentFormat {
    Jpeg,
    Png,
    /// A recognised format the core does not read (PDF, HEIC, WebP, GIF, BMP, TIFF).
    Other(&'static str),
    /// Nothing recognisable (empty, text, random bytes).
    Unknown,
}

impl ContentFormat {
    /// JPEG or PNG, the two formats the core decodes and KYC uploads accept.
    pub fn is_supported(self) -> bool {
        matches!(self, ContentFormat::Jpeg | ContentFormat::Png)
    }

    pub fn name(self) -> &'static str {
        match self {
            ContentFormat::Jpeg => "JPEG",
            ContentFormat::Png => "PNG",
            ContentFormat::Other(name) => name,
            ContentFormat::Unknown => "unknown",
        }
    }
}

/// The format from the magic bytes.
pub fn sniff_format(bytes: &[u8]) -> ContentFormat {
    const SIGNATURES: [(&[u8], usize, ContentFormat); 9] = [
        (&[0xFF, 0xD8, 0xFF], 0, ContentFormat::Jpeg),
        (b"\x89PNG\r\n\x1a\n", 0, ContentFormat::Png),
        (b"%PDF", 0, ContentFormat::Other("PDF")),
        (b"GIF8", 0, ContentFormat::Other("GIF")),
        (b"BM", 0, ContentFormat::Other("BMP")),
        (b"II*\0", 0, ContentFormat::Other("TIFF")),
        (b"MM\0*", 0, ContentFormat::Other("TIFF")),
        (b"WEBP", 8, ContentFormat::Other("WebP")),
        (b"ftyp", 4, ContentFormat::Other("HEIC")),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, at, _)| bytes.get(*at..at + magic.len()) == Some(*magic))
        .map_or(ContentFormat::Unknown, |(_, _, format)| *format)
}

/// Decodes JPEG or PNG bytes (detected by content, not by name) into an upright RGB image,
/// applying the EXIF orientation the way a photo viewer shows it, with the default
/// [`DecodeLimits`].
pub fn decode_image(bytes: &[u8]) -> Result<RgbImage> {
    decode_image_with_limits(bytes, DecodeLimits::default())
}

/// [`decode_image`] with explicit size limits. Errors: [`PrecheckError::ImageDecode`] for empty,
/// damaged, truncated or unrecognisable bytes, [`PrecheckError::UnsupportedImageFormat`] for a
/// recognised format other than JPEG/PNG (a PDF renamed `.jpg`), [`PrecheckError::ImageTooLarge`]
/// when the header announces more than the limits allow.
pub fn decode_image_with_limits(bytes: &[u8], limits: DecodeLimits) -> Result<RgbImage> {
    decode_image_repairing(bytes, limits).map(|(image, _)| image)
}

/// [`decode_image_with_limits`], also saying what was mended: a baseline JPEG without its
/// end-of-image marker is accepted when its scan data is complete (a strict decode reads every
/// block), while one cut short, or a progressive one without the marker (its later scans may be
/// missing), is refused as before.
pub fn decode_image_repairing(
    bytes: &[u8],
    limits: DecodeLimits,
) -> Result<(RgbImage, Option<FileRepair>)> {
    if bytes.is_empty() {
        return Err(PrecheckError::ImageDecode("empty input".to_string()));
    }
    match sniff_format(bytes) {
        ContentFormat::Jpeg | ContentFormat::Png => {}
        ContentFormat::Other(name) => {
            return Err(PrecheckError::UnsupportedImageFormat(name.to_string()))
        }
        ContentFormat::Unknown => {
            return Err(PrecheckError::ImageDecode(
                "not a JPEG or PNG image".to_string(),
            ))
        }
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(decode_error)?;
    // The decoders check these while reading the header, before allocating; our own check
    // below gives the typed error with the announced size.
    let mut decoder_limits = Limits::default();
    decoder_limits.max_image_width = Some(limits.max_side);
    decoder_limits.max_image_height = Some(limits.max_side);
    decoder_limits.max_alloc = Some(limits.max_pixels.saturating_mul(4).max(1 << 20));
    if let Some((width, height)) = header_dimensions(bytes) {
        check_size(width, height, limits)?;
    }
    reader.limits(decoder_limits);
    let mut repair = None;
    match reader.format() {
        Some(ImageFormat::Png) => {}
        Some(ImageFormat::Jpeg) if jpeg_is_truncated(bytes) => {
            if !jpeg_scan_is_complete(bytes) {
                return Err(PrecheckError::ImageDecode(
                    "truncated JPEG (no end-of-image marker after the last scan)".to_string(),
                ));
            }
            log::warn!("JPEG without its end-of-image marker: scan data complete, accepted");
            repair = Some(FileRepair::JpegEndMarkerMissing);
        }
        Some(ImageFormat::Jpeg) => {}
        _ => {
            return Err(PrecheckError::ImageDecode(
                "not a JPEG or PNG image".to_string(),
            ))
        }
    }
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height, limits)?;
    let orientation = decoder.orientation().map_err(decode_error)?;
    let image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    Ok((upright(into_rgb_wiping(image)?, orientation), repair))
}

/// The decoded pixels as an [`RgbImage`] (wiped when dropped). A decoder buffer of another layout
/// (grey, alpha, 16-bit) is converted, then wiped: document photos and selfies are biometric.
fn into_rgb_wiping(image: DynamicImage) -> Result<RgbImage> {
    let (width, height) = (image.width(), image.height());
    let mut image = match image {
        DynamicImage::ImageRgb8(rgb) => return RgbImage::from_raw(width, height, rgb.into_raw()),
        other => other,
    };
    let rgb = RgbImage::from_raw(width, height, image.to_rgb8().into_raw());
    match &mut image {
        DynamicImage::ImageLuma8(b) => b.zeroize(),
        DynamicImage::ImageLumaA8(b) => b.zeroize(),
        DynamicImage::ImageRgba8(b) => b.zeroize(),
        DynamicImage::ImageLuma16(b) => b.zeroize(),
        DynamicImage::ImageLumaA16(b) => b.zeroize(),
        DynamicImage::ImageRgb16(b) => b.zeroize(),
        DynamicImage::ImageRgba16(b) => b.zeroize(),
        DynamicImage::ImageRgb32F(b) => b.zeroize(),
        DynamicImage::ImageRgba32F(b) => b.zeroize(),
        // A layout added by a later `image` release: nothing to name, nothing wiped.
        _ => {}
    }
    rgb
}

/// Applies the EXIF orientation into a new image; the stored one is wiped when it drops.
fn upright(stored: RgbImage, orientation: Orientation) -> RgbImage {
    let (rotation, mirrored) = match orientation {
        Orientation::NoTransforms => return stored,
        Orientation::Rotate90 => (Rotation::Deg90, false),
        Orientation::Rotate180 => (Rotation::Deg180, false),
        Orientation::Rotate270 => (Rotation::Deg270, false),
        Orientation::FlipHorizontal => (Rotation::Deg0, true),
        Orientation::FlipVertical => (Rotation::Deg180, true),
        Orientation::Rotate90FlipH => (Rotation::Deg90, true),
        Orientation::Rotate270FlipH => (Rotation::Deg270, true),
    };
    let mut out = RgbImage::default();
    rotate_and_mirror(&stored, rotation, mirrored, &mut out);
    out
}

fn check_size(width: u32, height: u32, limits: DecodeLimits) -> Result<()> {
    let pixels = width as u64 * height as u64;
    if pixels > limits.max_pixels || width.max(height) > limits.max_side {
        return Err(PrecheckError::ImageTooLarge {
            width,
            height,
            max_pixels: limits.max_pixels,
        });
    }
    Ok(())
}

/// Width and height as the header states them, read without decoding: PNG's IHDR, or the first
/// JPEG start-of-frame marker. `None` when the header is not where it should be (the decoder
/// then reports the damage).
pub fn header_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |i: usize| Some(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]) as u32);
    let be32 = |i: usize| Some(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
    match sniff_format(bytes) {
        ContentFormat::Png if bytes.get(12..16) == Some(b"IHDR") => Some((be32(16)?, be32(20)?)),
        ContentFormat::Jpeg => {
            let mut i = 2;
            while i + 4 <= bytes.len() {
                if bytes[i] != 0xFF {
                    return None;
                }
                let marker = bytes[i + 1];
                if marker == 0xFF {
                    i += 1;
                    continue;
                }
                let length = be16(i + 2)? as usize;
                // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
                if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                    return Some((be16(i + 7)?, be16(i + 5)?));
                }
                i += 2 + length;
            }
            None
        }
        _ => None,
    }
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

/// Whether a JPEG without its end-of-image marker still holds every block of its image: a
/// baseline (sequential) JPEG decoded in strict mode fails when its scan data runs out. A
/// progressive JPEG cannot tell (a missing later scan only lowers the quality), so it is
/// never taken as complete. The pixels of this check are wiped: the photo is biometric.
fn jpeg_scan_is_complete(bytes: &[u8]) -> bool {
    // SOF2 (progressive) or SOF10 (arithmetic progressive) anywhere before the first scan.
    let first_scan = bytes
        .windows(2)
        .position(|w| w == [0xFF, 0xDA])
        .unwrap_or(bytes.len());
    let progressive = bytes[..first_scan]
        .windows(2)
        .any(|w| w[0] == 0xFF && matches!(w[1], 0xC2 | 0xCA));
    if progressive {
        return false;
    }
    let options = zune_core::options::DecoderOptions::default().set_strict_mode(true);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
        zune_core::bytestream::ZCursor::new(bytes),
        options,
    );
    decoder.decode().map(Zeroizing::new).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our orientation and conversion (which wipe what they replace) give the `image` crate's
    /// own result for every EXIF orientation, from an RGBA decoder buffer (the converting path)
    /// and from an RGB one (the moving path).
    #[test]
    fn upright_matches_the_image_crate_for_every_orientation() {
        let (w, h) = (5u32, 3u32);
        let rgba: Vec<u8> = (0..w * h * 4).map(|i| (i * 37 % 251) as u8).collect();
        let Some(rgba) = image::RgbaImage::from_raw(w, h, rgba) else {
            panic!("rgba buffer")
        };
        let orientations = [
            Orientation::NoTransforms,
            Orientation::Rotate90,
            Orientation::Rotate180,
            Orientation::Rotate270,
            Orientation::FlipHorizontal,
            Orientation::FlipVertical,
            Orientation::Rotate90FlipH,
            Orientation::Rotate270FlipH,
        ];
        for source in [
            DynamicImage::ImageRgba8(rgba.clone()),
            DynamicImage::ImageRgb8(DynamicImage::ImageRgba8(rgba).to_rgb8()),
        ] {
            for orientation in orientations {
                let mut reference = source.clone();
                reference.apply_orientation(orientation);
                let reference = reference.to_rgb8();
                let ours = upright(into_rgb_wiping(source.clone()).unwrap(), orientation);
                assert_eq!(
                    (ours.width(), ours.height()),
                    reference.dimensions(),
                    "{orientation:?}"
                );
                assert_eq!(
                    ours.as_bytes(),
                    reference.as_raw().as_slice(),
                    "{orientation:?}"
                );
            }
        }
    }

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(sniff_format(b"%PDF-1.7\n"), ContentFormat::Other("PDF"));
        assert_eq!(
            sniff_format(b"RIFF\0\0\0\0WEBPVP8 "),
            ContentFormat::Other("WebP")
        );
        assert_eq!(sniff_format(&[0xFF, 0xD8, 0xFF, 0xE0]), ContentFormat::Jpeg);
        assert_eq!(sniff_format(b""), ContentFormat::Unknown);
        assert!(matches!(
            decode_image(b"%PDF-1.4 renamed.jpg"),
            Err(PrecheckError::UnsupportedImageFormat(_))
        ));
    }

    #[test]
    fn huge_png_header_is_refused_before_decoding() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&30_000u32.to_be_bytes());
        png.extend_from_slice(&30_000u32.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(header_dimensions(&png), Some((30_000, 30_000)));
        assert!(matches!(
            decode_image(&png),
            Err(PrecheckError::ImageTooLarge { width: 30_000, .. })
        ));
    }
}
