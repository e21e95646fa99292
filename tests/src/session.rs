//! Running liveness sessions over image sequences in tests.

use precheck_core::frame::RgbImage;
use precheck_core::liveness::ChallengeKind;
use precheck_core::session::{SessionResult, SessionUpdate};
use precheck_core::{Engine, Frame, PixelFormat, SelfieOptions};

/// Plays `images` at `fps` (timestamps index × 1000 / fps) through a new session.
pub fn run_session(
    engine: &Engine,
    images: impl IntoIterator<Item = RgbImage>,
    fps: u32,
    challenges: &[ChallengeKind],
    nonce: &str,
) -> (Vec<SessionUpdate>, SessionResult) {
    let mut options = SelfieOptions::new(nonce);
    options.challenges = challenges.to_vec();
    let session = engine.start_selfie(options);
    let mut updates = Vec::new();
    for (i, image) in images.into_iter().enumerate() {
        let mut frame = Frame::packed(
            image.width(),
            image.height(),
            PixelFormat::Rgb8,
            image.as_bytes(),
        );
        frame.timestamp_ms = i as i64 * 1000 / fps as i64;
        updates.push(session.push_frame(&frame).expect("frame accepted"));
    }
    (updates, session.finish())
}
