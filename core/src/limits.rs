//! Resource limits, checked before anything is allocated for the input they guard: camera frame
//! size, encoded image size, session length and the history a session keeps. Every limit is
//! configurable and every refusal is a typed error ([`crate::PrecheckError::LimitExceeded`],
//! [`crate::PrecheckError::ImageTooLarge`], [`crate::PrecheckError::SessionTooLong`]).

/// Largest camera frame accepted by [`crate::frame::FrameConverter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameLimits {
    /// Stored width in pixels. Default 16,384.
    pub max_width: u32,
    /// Stored height in pixels. Default 16,384.
    pub max_height: u32,
    /// Width × height. Default 50 megapixels (a 50 MP sensor at full resolution; the upright RGB
    /// copy is then ≤ 150 MB), the same as [`DecodeLimits`].
    pub max_pixels: u64,
    /// Length of the caller's byte buffer. Default 256 MiB: 50 MP RGBA with row padding.
    pub max_buffer_bytes: usize,
}

impl Default for FrameLimits {
    fn default() -> Self {
        FrameLimits {
            max_width: 16_384,
            max_height: 16_384,
            max_pixels: 50_000_000,
            max_buffer_bytes: 256 << 20,
        }
    }
}

/// How long a selfie session may run and how much history it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionLimits {
    /// Frames accepted by one session. Default 20,000 (10 minutes at 33 fps); the next push
    /// answers `SessionTooLong`.
    pub max_frames: u64,
    /// Frame time from the first frame to the last. Default 10 minutes; a real attempt takes
    /// well under a minute.
    pub max_duration_ms: i64,
    /// Entries kept in each timeline list of the result (prompt changes, motion events). Later
    /// entries are dropped (and counted in the log); the decision does not depend on them.
    /// Default 1,000.
    pub max_timeline_events: usize,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            max_frames: 20_000,
            max_duration_ms: 10 * 60 * 1000,
            max_timeline_events: 1_000,
        }
    }
}

/// How large an image the decoder accepts. The header's dimensions are checked before any
/// pixel is decoded, so a small file announcing a huge picture costs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeLimits {
    /// Width × height. Default 50 megapixels: a 48/50 MP phone sensor at full resolution
    /// (8160×6120) passes; the decoded RGB is then ≤ 150 MB.
    pub max_pixels: u64,
    /// Longest side in pixels (guards very thin images whose area is small).
    pub max_side: u32,
}

impl Default for DecodeLimits {
    fn default() -> Self {
        DecodeLimits {
            max_pixels: 50_000_000,
            max_side: 16_384,
        }
    }
}

/// Every limit of an [`crate::Engine`] (`EngineConfig::limits`), with the documented defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Limits {
    pub frame: FrameLimits,
    /// Encoded JPEG/PNG images (document photos, gallery picks): checked from the header.
    pub decode: DecodeLimits,
    pub session: SessionLimits,
}
