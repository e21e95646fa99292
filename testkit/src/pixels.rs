//! Moving pixels between buffers without a fallible constructor (every image built here has
//! its size from the caller and its bytes copied in, so no code path can fail on a length), and
//! rounding a rendered value to a byte.

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

/// `x.round().clamp(0.0, 255.0) as u8` (and `x.round() as u8`, which saturates the same way)
/// for every `x`, NaN included, without `round`: on baseline x86-64 that is a libm call per
/// channel, a tenth of the attack renderers' time. Truncation and an exact fraction instead.
#[inline]
pub(crate) fn round_u8(x: f32) -> u8 {
    // Negatives, zero and NaN.
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    if x >= 255.0 {
        return 255;
    }
    let whole = x as u8;
    // Exact: x and its integer part are within one binade of each other.
    whole + u8::from(x - f32::from(whole) >= 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_u8_is_round_then_clamp() {
        let reference = |x: f32| x.round().clamp(0.0, 255.0) as u8;
        let mut checked = 0;
        // Every half-way point and its neighbours, then a dense sweep and the odd values.
        for k in -3..=258 {
            let half = k as f32 + 0.5;
            for x in [half.next_down(), half, half.next_up(), k as f32] {
                assert_eq!(round_u8(x), reference(x), "{x}");
                checked += 1;
            }
        }
        let mut x = -4.0f32;
        while x < 260.0 {
            assert_eq!(round_u8(x), reference(x), "{x}");
            x += 0.000_7;
            checked += 1;
        }
        for x in [
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            -0.0,
            f32::MIN_POSITIVE,
            1e30,
        ] {
            assert_eq!(round_u8(x), reference(x), "{x}");
        }
        assert!(checked > 300_000);
    }

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
