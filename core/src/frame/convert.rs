use super::{Frame, PixelFormat, RgbImage, Rotation};
use crate::error::{PrecheckError, Result};
use crate::limits::FrameLimits;

/// Converts frames into upright RGB images, reusing its buffers across frames.
#[derive(Debug, Default)]
pub struct FrameConverter {
    /// RGB in stored orientation, used only when the frame needs rotating or mirroring.
    scratch: RgbImage,
    limits: FrameLimits,
}

impl FrameConverter {
    /// A converter with the default [`FrameLimits`].
    pub fn new() -> Self {
        Self::default()
    }

    /// A converter refusing frames over `limits` ([`PrecheckError::LimitExceeded`]).
    pub fn with_limits(limits: FrameLimits) -> Self {
        FrameConverter {
            scratch: RgbImage::default(),
            limits,
        }
    }

    pub fn limits(&self) -> &FrameLimits {
        &self.limits
    }

    /// Validates `frame` (geometry, strides, buffer length, limits) before touching any buffer,
    /// then writes its upright RGB image into `out`.
    pub fn convert(&mut self, frame: &Frame<'_>, out: &mut RgbImage) -> Result<()> {
        let layout = PlaneLayout::validate(frame, &self.limits)?;
        if frame.rotation == Rotation::Deg0 && !frame.mirrored {
            out.resize(frame.width, frame.height);
            to_rgb(frame, &layout, out);
        } else {
            self.scratch.resize(frame.width, frame.height);
            to_rgb(frame, &layout, &mut self.scratch);
            rotate_and_mirror(&self.scratch, frame.rotation, frame.mirrored, out);
        }
        Ok(())
    }

    /// Convenience: converts into a new image.
    pub fn to_image(&mut self, frame: &Frame<'_>) -> Result<RgbImage> {
        let mut out = RgbImage::default();
        self.convert(frame, &mut out)?;
        Ok(out)
    }
}

/// Where each plane starts and its row stride, checked against the buffer length.
struct PlaneLayout {
    offsets: [usize; 3],
    strides: [usize; 3],
}

impl PlaneLayout {
    fn validate(frame: &Frame<'_>, limits: &FrameLimits) -> Result<Self> {
        let (w, h) = (frame.width, frame.height);
        if w == 0 || h == 0 {
            return Err(PrecheckError::InvalidFrame(format!(
                "zero-sized frame {w}x{h}"
            )));
        }
        let exceeded = |what, actual: u64, limit: u64| {
            Err(PrecheckError::LimitExceeded {
                what,
                actual,
                limit,
            })
        };
        if w > limits.max_width {
            return exceeded("frame width", w.into(), limits.max_width.into());
        }
        if h > limits.max_height {
            return exceeded("frame height", h.into(), limits.max_height.into());
        }
        let pixels = u64::from(w) * u64::from(h);
        if pixels > limits.max_pixels {
            return exceeded("frame pixel count", pixels, limits.max_pixels);
        }
        if frame.data.len() > limits.max_buffer_bytes {
            return exceeded(
                "frame buffer length",
                frame.data.len() as u64,
                limits.max_buffer_bytes as u64,
            );
        }
        let (w, h) = (w as usize, h as usize);
        // Checked arithmetic: on 32-bit targets (armv7 Android) a hostile stride × rows wraps.
        let overflow = || {
            PrecheckError::InvalidFrame(format!(
                "{:?} {w}x{h} with strides {:?}: plane size overflows",
                frame.format, frame.row_strides
            ))
        };
        let format = frame.format;
        let mut layout = PlaneLayout {
            offsets: [0; 3],
            strides: [0; 3],
        };
        let mut offset = 0usize;
        let planes = format.plane_count();
        for plane in 0..planes {
            let row = format.row_bytes(plane, w);
            let stride = match frame.row_strides[plane] as usize {
                0 => row,
                s if s < row => {
                    return Err(PrecheckError::InvalidFrame(format!(
                        "{format:?} plane {plane}: row stride {s} is smaller than a row of {row} bytes (width {w})"
                    )))
                }
                s => s,
            };
            let rows = format.plane_rows(plane, h);
            layout.offsets[plane] = offset;
            layout.strides[plane] = stride;
            let plane_len = if plane + 1 == planes {
                stride
                    .checked_mul(rows - 1)
                    .and_then(|b| b.checked_add(row))
            } else {
                stride.checked_mul(rows)
            }
            .ok_or_else(overflow)?;
            offset = offset.checked_add(plane_len).ok_or_else(overflow)?;
        }
        if frame.data.len() < offset {
            return Err(PrecheckError::InvalidFrame(format!(
                "{format:?} {w}x{h} with strides {:?} needs {offset} bytes, got {}",
                &layout.strides[..planes],
                frame.data.len()
            )));
        }
        Ok(layout)
    }
}

/// Writes the frame's pixels as RGB in stored orientation; `out` is already `width × height`.
fn to_rgb(frame: &Frame<'_>, layout: &PlaneLayout, out: &mut RgbImage) {
    let w = frame.width as usize;
    let data = frame.data;
    let stride = layout.strides[0];
    let out_rows = out.as_bytes_mut().chunks_exact_mut(w * 3);
    match frame.format {
        PixelFormat::Rgba8 | PixelFormat::Bgra8 => {
            let swap = frame.format == PixelFormat::Bgra8;
            for (y, dst) in out_rows.enumerate() {
                let src = &data[y * stride..y * stride + w * 4];
                for (d, s) in dst.chunks_exact_mut(3).zip(src.chunks_exact(4)) {
                    if swap {
                        d.copy_from_slice(&[s[2], s[1], s[0]]);
                    } else {
                        d.copy_from_slice(&s[..3]);
                    }
                }
            }
        }
        PixelFormat::Rgb8 => {
            for (y, dst) in out_rows.enumerate() {
                dst.copy_from_slice(&data[y * stride..y * stride + w * 3]);
            }
        }
        PixelFormat::Gray8 => {
            for (y, dst) in out_rows.enumerate() {
                let src = &data[y * stride..y * stride + w];
                for (d, &v) in dst.chunks_exact_mut(3).zip(src) {
                    d.copy_from_slice(&[v, v, v]);
                }
            }
        }
        PixelFormat::Nv21 | PixelFormat::I420 => {
            let chroma_row = frame.format.row_bytes(1, w);
            for (y, dst) in out_rows.enumerate() {
                let luma = &data[y * stride..y * stride + w];
                let row = |plane: usize| {
                    let start = layout.offsets[plane] + (y / 2) * layout.strides[plane];
                    &data[start..start + chroma_row]
                };
                // One chroma sample serves two pixels: compute its terms once per pair.
                let pairs = dst.chunks_mut(6).zip(luma.chunks(2));
                if frame.format == PixelFormat::Nv21 {
                    for ((px, l), vu) in pairs.zip(row(1).chunks_exact(2)) {
                        write_pair(px, l, ChromaTerms::new(vu[1], vu[0]));
                    }
                } else {
                    for (((px, l), &u), &v) in pairs.zip(row(1)).zip(row(2)) {
                        write_pair(px, l, ChromaTerms::new(u, v));
                    }
                }
            }
        }
    }
}

/// The chroma part of BT.601 full-range YUV → RGB, in 16-bit fixed point.
#[derive(Clone, Copy)]
struct ChromaTerms {
    r: i32,
    g: i32,
    b: i32,
}

impl ChromaTerms {
    #[inline]
    fn new(u: u8, v: u8) -> Self {
        let (u, v) = (u as i32 - 128, v as i32 - 128);
        ChromaTerms {
            r: 91_881 * v + 32_768,
            g: -22_554 * u - 46_802 * v + 32_768,
            b: 116_130 * u + 32_768,
        }
    }

    #[inline]
    fn rgb(self, y: u8) -> [u8; 3] {
        let y = (y as i32) << 16;
        let c = |v: i32| (v >> 16).clamp(0, 255) as u8;
        [c(y + self.r), c(y + self.g), c(y + self.b)]
    }
}

/// Writes the one or two pixels of `luma` sharing `chroma` into `out` (3 bytes each).
#[inline]
fn write_pair(out: &mut [u8], luma: &[u8], chroma: ChromaTerms) {
    for (d, &l) in out.chunks_exact_mut(3).zip(luma) {
        d.copy_from_slice(&chroma.rgb(l));
    }
}

/// Reference: BT.601 full-range YUV to RGB for one pixel, written out plainly; the converter's
/// per-pair fast path must give the same bytes.
#[cfg(test)]
fn yuv_to_rgb(y: u8, u: u8, v: u8) -> [u8; 3] {
    let y = (y as i32) << 16;
    let u = u as i32 - 128;
    let v = v as i32 - 128;
    let r = (y + 91_881 * v + 32_768) >> 16;
    let g = (y - 22_554 * u - 46_802 * v + 32_768) >> 16;
    let b = (y + 116_130 * u + 32_768) >> 16;
    [
        r.clamp(0, 255) as u8,
        g.clamp(0, 255) as u8,
        b.clamp(0, 255) as u8,
    ]
}

/// Rotates `src` clockwise by `rotation`, then mirrors left-right when asked, into `out`.
pub(crate) fn rotate_and_mirror(
    src: &RgbImage,
    rotation: Rotation,
    mirrored: bool,
    out: &mut RgbImage,
) {
    let (sw, sh) = (src.width() as usize, src.height() as usize);
    let (ow, oh) = if rotation.swaps_axes() {
        (sh, sw)
    } else {
        (sw, sh)
    };
    out.resize(ow as u32, oh as u32);
    let s = src.as_bytes();
    for (oy, row) in out.as_bytes_mut().chunks_exact_mut(ow * 3).enumerate() {
        for (ox, d) in row.chunks_exact_mut(3).enumerate() {
            let ux = if mirrored { ow - 1 - ox } else { ox };
            let (sx, sy) = match rotation {
                Rotation::Deg0 => (ux, oy),
                Rotation::Deg90 => (oy, sh - 1 - ux),
                Rotation::Deg180 => (sw - 1 - ux, sh - 1 - oy),
                Rotation::Deg270 => (sw - 1 - oy, ux),
            };
            let i = (sy * sw + sx) * 3;
            d.copy_from_slice(&s[i..i + 3]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32) -> Vec<u8> {
        (0..w * h)
            .flat_map(|i| {
                let (x, y) = (i % w, i / w);
                [(x * 40) as u8, (y * 50) as u8, 7]
            })
            .collect()
    }

    #[test]
    fn rotations_move_corners_clockwise() {
        let rgb = gradient(3, 2);
        let mut conv = FrameConverter::new();
        let mut frame = Frame::packed(3, 2, PixelFormat::Rgb8, &rgb);
        frame.rotation = Rotation::Deg90;
        let out = conv.to_image(&frame).unwrap();
        assert_eq!((out.width(), out.height()), (2, 3));
        // Clockwise: the stored bottom-left pixel (0,1) becomes the top-left.
        assert_eq!(out.pixel(0, 0), [0, 50, 7]);
        assert_eq!(out.pixel(1, 0), [0, 0, 7]);
        frame.rotation = Rotation::Deg270;
        let out = conv.to_image(&frame).unwrap();
        assert_eq!(out.pixel(0, 0), [80, 0, 7]);
        frame.rotation = Rotation::Deg180;
        frame.mirrored = true;
        let out = conv.to_image(&frame).unwrap();
        // 180° then mirror = vertical flip.
        assert_eq!(out.pixel(0, 0), [0, 50, 7]);
    }

    #[test]
    fn bad_geometry_is_a_typed_error() {
        let data = vec![0u8; 100];
        let mut conv = FrameConverter::new();
        let mut out = RgbImage::default();
        let zero = Frame::packed(0, 10, PixelFormat::Gray8, &data);
        assert!(matches!(
            conv.convert(&zero, &mut out),
            Err(PrecheckError::InvalidFrame(_))
        ));
        let short = Frame::packed(10, 11, PixelFormat::Gray8, &data);
        assert!(conv.convert(&short, &mut out).is_err());
        let mut narrow = Frame::packed(10, 5, PixelFormat::Rgba8, &data);
        narrow.row_strides = [20, 0, 0];
        assert!(conv.convert(&narrow, &mut out).is_err());
        let huge = Frame::packed(u32::MAX, u32::MAX, PixelFormat::I420, &data);
        assert!(conv.convert(&huge, &mut out).is_err());
        let nv21 = Frame::packed(10, 6, PixelFormat::Nv21, &data[..89]);
        assert!(conv.convert(&nv21, &mut out).is_err());
        let nv21 = Frame::packed(10, 6, PixelFormat::Nv21, &data[..90]);
        assert!(conv.convert(&nv21, &mut out).is_ok());
    }

    #[test]
    fn chroma_fast_path_matches_the_reference_formula() {
        for y in 0..=255u8 {
            for u in (0..=255u8).step_by(3) {
                for v in (0..=255u8).step_by(5) {
                    assert_eq!(
                        ChromaTerms::new(u, v).rgb(y),
                        yuv_to_rgb(y, u, v),
                        "{y} {u} {v}"
                    );
                }
            }
        }
    }

    #[test]
    fn yuv_grey_stays_grey() {
        assert_eq!(yuv_to_rgb(128, 128, 128), [128, 128, 128]);
        assert_eq!(yuv_to_rgb(0, 128, 128), [0, 0, 0]);
        assert_eq!(yuv_to_rgb(255, 128, 128), [255, 255, 255]);
    }
}
