//! Limits before allocation, on real images: frame size and buffer limits, a real JPEG whose
//! header is edited to announce 30,000 × 30,000 pixels, configurable engine limits, and the
//! regression found by the hostile-input test (timestamps i64::MAX then i64::MIN overflowed the
//! temporal quality checks).

use precheck_core::frame::{decode_image_with_limits, header_dimensions, FrameConverter, RgbImage};
use precheck_core::limits::{DecodeLimits, FrameLimits};
use precheck_core::quality::SelfieGate;
use precheck_core::{Frame, PixelFormat, PrecheckError};
use precheck_tests::*;

const PHOTO: &str = "faces_detect/davisking+dlib/examples/faces/2009_004587.jpg";

/// The JPEG with its start-of-frame dimensions replaced.
fn with_jpeg_size(bytes: &[u8], width: u16, height: u16) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut i = 2;
    while i + 9 < out.len() {
        let marker = out[i + 1];
        let length = u16::from_be_bytes([out[i + 2], out[i + 3]]) as usize;
        if (0xC0..=0xC2).contains(&marker) {
            out[i + 5..i + 7].copy_from_slice(&height.to_be_bytes());
            out[i + 7..i + 9].copy_from_slice(&width.to_be_bytes());
            return out;
        }
        i += 2 + length;
    }
    panic!("no start-of-frame marker");
}

#[test]
fn a_real_jpeg_announcing_30000_squared_is_refused_before_decoding() {
    const T: &str = "a_real_jpeg_announcing_30000_squared_is_refused_before_decoding";
    let Some(data) = require_data(T, &[PHOTO]) else {
        return;
    };
    let bytes = std::fs::read(data.join(PHOTO)).expect("read photo");
    let real = decode_image_with_limits(&bytes, DecodeLimits::default()).expect("real photo");
    let huge = with_jpeg_size(&bytes, 30_000, 30_000);
    assert_eq!(header_dimensions(&huge), Some((30_000, 30_000)));
    let start = std::time::Instant::now();
    assert!(matches!(
        decode_image_with_limits(&huge, DecodeLimits::default()),
        Err(PrecheckError::ImageTooLarge {
            width: 30_000,
            height: 30_000,
            ..
        })
    ));
    assert!(
        start.elapsed().as_millis() < 100,
        "refusal took {:?}",
        start.elapsed()
    );
    // Tighter limits refuse the real photo itself, by pixel count and by side.
    let pixels = real.width() as u64 * real.height() as u64;
    for limits in [
        DecodeLimits {
            max_pixels: pixels - 1,
            max_side: 16_384,
        },
        DecodeLimits {
            max_pixels: u64::MAX,
            max_side: real.width().max(real.height()) - 1,
        },
    ] {
        assert!(matches!(
            decode_image_with_limits(&bytes, limits),
            Err(PrecheckError::ImageTooLarge { .. })
        ));
    }
}

#[test]
fn frame_limits_are_typed_errors_checked_before_conversion() {
    const T: &str = "frame_limits_are_typed_errors_checked_before_conversion";
    let Some(data) = require_data(T, &[PHOTO]) else {
        return;
    };
    let image = load_image(&data.join(PHOTO));
    let frame = Frame::packed(
        image.width(),
        image.height(),
        PixelFormat::Rgb8,
        image.as_bytes(),
    );
    let mut out = RgbImage::default();
    FrameConverter::new()
        .convert(&frame, &mut out)
        .expect("default limits accept the photo");
    assert_eq!(out.as_bytes(), image.as_bytes());
    let tight = |edit: fn(&mut FrameLimits)| {
        let mut limits = FrameLimits::default();
        edit(&mut limits);
        FrameConverter::with_limits(limits).convert(&frame, &mut RgbImage::default())
    };
    let refused = [
        tight(|l| l.max_width = 100),
        tight(|l| l.max_height = 100),
        tight(|l| l.max_pixels = 10_000),
        tight(|l| l.max_buffer_bytes = 1_000),
    ];
    for (i, result) in refused.into_iter().enumerate() {
        match result {
            Err(PrecheckError::LimitExceeded {
                what,
                actual,
                limit,
            }) => {
                assert!(actual > limit, "{what}: {actual} vs {limit}");
            }
            other => panic!("limit {i}: expected LimitExceeded, got {other:?}"),
        }
    }
    // Strides whose plane sizes overflow are refused, not wrapped.
    let mut overflow = Frame::packed(4, 4, PixelFormat::I420, image.as_bytes());
    overflow.row_strides = [u32::MAX, u32::MAX, u32::MAX];
    assert!(FrameConverter::new().convert(&overflow, &mut out).is_err());
}

#[test]
fn extreme_timestamps_on_real_frames_do_not_overflow_the_quality_history() {
    const T: &str = "extreme_timestamps_on_real_frames_do_not_overflow_the_quality_history";
    let Some(engine) = engine(T) else { return };
    let Some(data) = require_data(T, &[PHOTO]) else {
        return;
    };
    let image = load_image(&data.join(PHOTO));
    let faces = engine.analyze_image(&image).expect("analysis").faces;
    assert!(!faces.is_empty());
    let mut gate = SelfieGate::default();
    for t in [i64::MAX, i64::MIN, 0, -1, i64::MAX, i64::MIN + 1] {
        let update = gate.push(&image, &faces, t);
        assert!(update.measures.face.is_some());
    }
}
