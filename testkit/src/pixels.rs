//! Moving pixels between buffers without a fallible constructor: every image built here has
//! its size from the caller and its bytes copied in, so no code path can fail on a length.

use precheck_core::frame::RgbImage;

/// A `width` × `height` image holding `bytes` (packed RGB, row-major). Bytes beyond the image
/// are ignored and missing ones stay black; callers size `bytes` from the same dimensions.
pub(crate) fn image_from_bytes(width: u32, height: u32, bytes: &[u8]) -> RgbImage {
    let mut image = RgbImage::default();
    image.resize(width, height);
    let target = image.as_bytes_mut();
    let n = target.len().min(bytes.len());
    target[..n].copy_from_slice(&bytes[..n]);
    image
}

/// The core image as an `image` crate buffer (for its filters and resizing).
pub(crate) fn to_image_crate(image: &RgbImage) -> image::RgbImage {
    let mut out = image::RgbImage::new(image.width(), image.height());
    let target: &mut [u8] = &mut out;
    let n = target.len().min(image.as_bytes().len());
    target[..n].copy_from_slice(&image.as_bytes()[..n]);
    out
}

/// An `image` crate buffer as a core image.
pub(crate) fn from_image_crate(image: &image::RgbImage) -> RgbImage {
    image_from_bytes(image.width(), image.height(), image.as_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_image_crate() {
        let bytes: Vec<u8> = (0..2 * 3 * 3).map(|v| v as u8).collect();
        let image = image_from_bytes(2, 3, &bytes);
        assert_eq!(image.as_bytes(), &bytes[..]);
        let back = from_image_crate(&to_image_crate(&image));
        assert_eq!(back, image);
    }

    #[test]
    fn short_buffers_leave_black_pixels() {
        let image = image_from_bytes(2, 1, &[9, 9, 9]);
        assert_eq!(image.as_bytes(), &[9, 9, 9, 0, 0, 0]);
    }
}
