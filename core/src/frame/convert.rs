use super::{Frame, PixelFormat, RgbImage, Rotation};
use crate::error::{PrecheckError, Result};

/// Largest accepted frame side in pixels; larger frames are refused before any work.
pub const MAX_FRAME_SIDE: u32 = 16_384;

/// Converts frames into upright RGB images, reusing its buffers across frames.
#[derive(Debug, Default)]
pub struct FrameConverter {
    /// RGB in stored orientation, used only when the frame needs rotating or mirroring.
    scratch: RgbImage,
}

impl FrameConverter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Validates `frame` and writes its upright RGB image into `out`.
    pub fn convert(&mut self, frame: &Frame<'_>, out: &mut RgbImage) -> Result<()> {
        let layout = PlaneLayout::validate(frame)?;
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
    fn validate(frame: &Frame<'_>) -> Result<Self> {
        let (w, h) = (frame.width, frame.height);
        if w == 0 || h == 0 {
            return Err(PrecheckError::InvalidFrame(format!(
                "zero-sized frame {w}x{h}"
            )));
        }
        if w > MAX_FRAME_SIDE || h > MAX_FRAME_SIDE {
            return Err(PrecheckError::InvalidFrame(format!(
                "frame {w}x{h} exceeds the maximum side of {MAX_FRAME_SIDE} pixels"
            )));
        }
        let (w, h) = (w as usize, h as usize);
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
                stride * (rows - 1) + row
            } else {
                stride * rows
            };
            offset += plane_len;
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
            let nv21 = frame.format == PixelFormat::Nv21;
            for (y, dst) in out_rows.enumerate() {
                let luma = &data[y * stride..y * stride + w];
                let cy = y / 2;
                for (x, (d, &l)) in dst.chunks_exact_mut(3).zip(luma).enumerate() {
                    let cx = x / 2;
                    let (u, v) = if nv21 {
                        let i = layout.offsets[1] + cy * layout.strides[1] + cx * 2;
                        (data[i + 1], data[i])
                    } else {
                        (
                            data[layout.offsets[1] + cy * layout.strides[1] + cx],
                            data[layout.offsets[2] + cy * layout.strides[2] + cx],
                        )
                    };
                    d.copy_from_slice(&yuv_to_rgb(l, u, v));
                }
            }
        }
    }
}

/// BT.601 full-range YUV (what phone cameras deliver, JFIF) to RGB, 16-bit fixed point.
#[inline]
pub(crate) fn yuv_to_rgb(y: u8, u: u8, v: u8) -> [u8; 3] {
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
fn rotate_and_mirror(src: &RgbImage, rotation: Rotation, mirrored: bool, out: &mut RgbImage) {
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
    fn yuv_grey_stays_grey() {
        assert_eq!(yuv_to_rgb(128, 128, 128), [128, 128, 128]);
        assert_eq!(yuv_to_rgb(0, 128, 128), [0, 0, 0]);
        assert_eq!(yuv_to_rgb(255, 128, 128), [255, 255, 255]);
    }
}
