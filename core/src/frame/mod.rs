//! Camera frames in the formats phones deliver, and their conversion into an upright RGB image.
//!
//! A [`Frame`] borrows the caller's bytes; [`FrameConverter`] turns it into an [`RgbImage`] whose
//! buffer is reused from frame to frame. Coordinates reported by the rest of the core are pixels
//! of that upright (rotated, then mirrored) image.

mod convert;
mod decode;
mod rgb;

pub use convert::FrameConverter;
pub use decode::{
    decode_image, decode_image_repairing, decode_image_with_limits, header_dimensions,
    sniff_format, ContentFormat, FileRepair,
};
pub use rgb::RgbImage;

/// Pixel layout of a frame's bytes.
///
/// Planar formats store their planes one after the other in `data`; each plane occupies
/// `row_stride × rows` bytes, except the last one, which may end right after its last pixel
/// (as camera buffers often do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PixelFormat {
    /// 4 bytes per pixel, R G B A (Android `Bitmap.Config.ARGB_8888` memory order).
    Rgba8,
    /// 4 bytes per pixel, B G R A (iOS `kCVPixelFormatType_32BGRA`).
    Bgra8,
    /// 3 bytes per pixel, R G B.
    Rgb8,
    /// 1 byte per pixel, luma only.
    Gray8,
    /// Y plane, then one interleaved V U plane at half resolution (Android camera NV21; a
    /// CameraX `YUV_420_888` image whose chroma planes have pixel stride 2 is this layout).
    Nv21,
    /// Y plane, then U plane, then V plane, chroma at half resolution (`YUV_420_888` with
    /// chroma pixel stride 1).
    I420,
}

impl PixelFormat {
    /// Number of planes the format stores in `data`.
    pub fn plane_count(self) -> usize {
        match self {
            PixelFormat::Nv21 => 2,
            PixelFormat::I420 => 3,
            _ => 1,
        }
    }

    /// Bytes of one row of plane `plane` without padding, for a frame `width` pixels wide.
    pub fn row_bytes(self, plane: usize, width: usize) -> usize {
        let chroma_width = width.div_ceil(2);
        match (self, plane) {
            (PixelFormat::Rgba8 | PixelFormat::Bgra8, _) => width * 4,
            (PixelFormat::Rgb8, _) => width * 3,
            (PixelFormat::Gray8, _) | (PixelFormat::Nv21 | PixelFormat::I420, 0) => width,
            (PixelFormat::Nv21, _) => chroma_width * 2,
            (PixelFormat::I420, _) => chroma_width,
        }
    }

    /// Rows of plane `plane` for a frame `height` pixels high.
    pub fn plane_rows(self, plane: usize, height: usize) -> usize {
        if plane == 0 {
            height
        } else {
            height.div_ceil(2)
        }
    }
}

/// Clockwise rotation that makes the frame upright (CameraX `rotationDegrees`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Rotation {
    #[default]
    Deg0,
    Deg90,
    Deg180,
    Deg270,
}

impl Rotation {
    /// The rotation for a number of degrees; `None` unless it is 0, 90, 180 or 270 (mod 360).
    pub fn from_degrees(degrees: i32) -> Option<Rotation> {
        match degrees.rem_euclid(360) {
            0 => Some(Rotation::Deg0),
            90 => Some(Rotation::Deg90),
            180 => Some(Rotation::Deg180),
            270 => Some(Rotation::Deg270),
            _ => None,
        }
    }

    pub fn degrees(self) -> u32 {
        match self {
            Rotation::Deg0 => 0,
            Rotation::Deg90 => 90,
            Rotation::Deg180 => 180,
            Rotation::Deg270 => 270,
        }
    }

    /// Whether the upright image swaps width and height.
    pub fn swaps_axes(self) -> bool {
        matches!(self, Rotation::Deg90 | Rotation::Deg270)
    }
}

/// One camera frame, borrowing its bytes. Plain data: build it with a struct literal or
/// [`Frame::packed`].
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// Width of the stored (not yet rotated) image in pixels.
    pub width: u32,
    /// Height of the stored image in pixels.
    pub height: u32,
    pub format: PixelFormat,
    /// Row stride in bytes of each plane (index 0: first plane); 0 means tightly packed.
    pub row_strides: [u32; 3],
    pub rotation: Rotation,
    /// Mirror the upright image left-right (front cameras deliver unmirrored frames; set this to
    /// get what the user sees on screen).
    pub mirrored: bool,
    /// Capture time in milliseconds on the caller's clock (the core never reads a clock).
    pub timestamp_ms: i64,
    pub data: &'a [u8],
}

impl<'a> Frame<'a> {
    /// A tightly packed, upright, unmirrored frame at time 0.
    pub fn packed(width: u32, height: u32, format: PixelFormat, data: &'a [u8]) -> Self {
        Frame {
            width,
            height,
            format,
            row_strides: [0; 3],
            rotation: Rotation::Deg0,
            mirrored: false,
            timestamp_ms: 0,
            data,
        }
    }

    /// Width and height of the upright image this frame converts to.
    pub fn upright_size(&self) -> (u32, u32) {
        if self.rotation.swaps_axes() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}
