//! Frame ingest: every pixel format with arbitrary sizes, strides, rotations, mirroring and byte
//! buffers through `FrameConverter` (twice, to exercise buffer reuse), then the model-free
//! quality gate on the upright image (no faces: the frame-level checks only). Must never panic;
//! every refusal is a typed error.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use precheck_core::frame::{Frame, FrameConverter, PixelFormat, RgbImage, Rotation};
use precheck_core::limits::FrameLimits;
use precheck_core::quality::SelfieGate;
use precheck_core::PrecheckError;

/// Sizes and strides: mostly small (so conversions run), sometimes any `u32`.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Dim {
    Small(u8),
    Any(u32),
}

impl Dim {
    fn get(self) -> u32 {
        match self {
            Dim::Small(v) => v as u32,
            Dim::Any(v) => v,
        }
    }
}

#[derive(Arbitrary, Debug)]
struct FrameSpec {
    width: Dim,
    height: Dim,
    format: u8,
    strides: [Dim; 3],
    rotation: u8,
    mirrored: bool,
    timestamp_ms: i64,
    /// Share of the buffer the first frame uses (the second frame uses all of it).
    cut: u16,
}

#[derive(Arbitrary, Debug)]
struct Input {
    first: FrameSpec,
    second: FrameSpec,
    tight_limits: bool,
    data: Vec<u8>,
}

const FORMATS: [PixelFormat; 6] = [
    PixelFormat::Rgba8,
    PixelFormat::Bgra8,
    PixelFormat::Rgb8,
    PixelFormat::Gray8,
    PixelFormat::Nv21,
    PixelFormat::I420,
];

fn frame<'a>(spec: &FrameSpec, data: &'a [u8]) -> Frame<'a> {
    let rotation = [
        Rotation::Deg0,
        Rotation::Deg90,
        Rotation::Deg180,
        Rotation::Deg270,
    ][spec.rotation as usize % 4];
    Frame {
        width: spec.width.get(),
        height: spec.height.get(),
        format: FORMATS[spec.format as usize % FORMATS.len()],
        row_strides: spec.strides.map(Dim::get),
        rotation,
        mirrored: spec.mirrored,
        timestamp_ms: spec.timestamp_ms,
        data,
    }
}

fuzz_target!(|input: Input| {
    let limits = if input.tight_limits {
        FrameLimits {
            max_width: 64,
            max_height: 64,
            max_pixels: 2_048,
            max_buffer_bytes: 16_384,
        }
    } else {
        FrameLimits::default()
    };
    let mut converter = FrameConverter::with_limits(limits);
    let mut image = RgbImage::default();
    let mut gate = SelfieGate::default();
    let cut = input.data.len() * input.first.cut as usize / u16::MAX as usize;
    for (spec, data) in [
        (&input.first, &input.data[..cut]),
        (&input.second, &input.data[..]),
    ] {
        let frame = frame(spec, data);
        match converter.convert(&frame, &mut image) {
            Ok(()) => {
                let (w, h) = frame.upright_size();
                assert_eq!((image.width(), image.height()), (w, h));
                assert_eq!(image.as_bytes().len(), w as usize * h as usize * 3);
                gate.push(&image, &[], spec.timestamp_ms);
            }
            Err(PrecheckError::InvalidFrame(_) | PrecheckError::LimitExceeded { .. }) => {}
            Err(other) => panic!("unexpected error kind: {other}"),
        }
    }
});
