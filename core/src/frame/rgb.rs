use crate::error::{PrecheckError, Result};

/// An interleaved 8-bit RGB image, row-major, no padding. Buffers are reused: [`RgbImage::resize`]
/// only allocates when the image grows. Frames and face photos are biometric data: the buffer is
/// wiped (`zeroize`) when the image is dropped and before a growing resize frees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RgbImage {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl RgbImage {
    /// Wraps packed RGB bytes; the length must be `width × height × 3`.
    pub fn from_raw(width: u32, height: u32, data: Vec<u8>) -> Result<Self> {
        let expected = width as usize * height as usize * 3;
        if width == 0 || height == 0 || data.len() != expected {
            return Err(PrecheckError::InvalidFrame(format!(
                "RGB image {width}x{height} needs {expected} bytes, got {}",
                data.len()
            )));
        }
        Ok(Self {
            width,
            height,
            data,
        })
    }

    pub fn width(&self) -> u32 {
        self.width
    }
    pub fn height(&self) -> u32 {
        self.height
    }
    pub fn as_bytes(&self) -> &[u8] {
        &self.data
    }
    pub fn as_bytes_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }
    /// The bytes, handed over unwiped: the caller owns them now.
    pub fn into_raw(mut self) -> Vec<u8> {
        std::mem::take(&mut self.data)
    }

    /// Sets the size, keeping the allocation when it is large enough. Pixel values are unspecified.
    pub fn resize(&mut self, width: u32, height: u32) {
        self.width = width;
        self.height = height;
        let len = width as usize * height as usize * 3;
        if len > self.data.capacity() {
            // Growing reallocates: wipe the old pixels before the allocator gets them back.
            zeroize::Zeroize::zeroize(&mut self.data);
            self.data = Vec::with_capacity(len);
        }
        self.data.resize(len, 0);
    }

    /// The pixel at (x, y); callers keep coordinates in range.
    #[inline]
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y as usize * self.width as usize + x as usize) * 3;
        [self.data[i], self.data[i + 1], self.data[i + 2]]
    }

    /// A copy mirrored left-right (used by tests and tools; per-frame code mirrors in the converter).
    pub fn mirrored(&self) -> RgbImage {
        let w = self.width as usize;
        let mut data = Vec::with_capacity(self.data.len());
        for row in self.data.chunks_exact(w * 3) {
            for px in row.chunks_exact(3).rev() {
                data.extend_from_slice(px);
            }
        }
        RgbImage {
            width: self.width,
            height: self.height,
            data,
        }
    }
}

impl Drop for RgbImage {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.data);
    }
}
