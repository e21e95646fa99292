//! Running liveness sessions over image sequences in tests.

use precheck_core::frame::RgbImage;
use precheck_core::liveness::ChallengeKind;
use precheck_core::session::{SessionResult, SessionState, SessionUpdate};
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
    play(engine, images, fps, options, false)
}

/// Plays `images` at `fps` through a session started with `options`, and stops feeding frames
/// once the session has completed or failed (later frames would change nothing).
pub fn run_session_with(
    engine: &Engine,
    images: impl IntoIterator<Item = RgbImage>,
    fps: u32,
    options: SelfieOptions,
) -> (Vec<SessionUpdate>, SessionResult) {
    play(engine, images, fps, options, true)
}

fn play(
    engine: &Engine,
    images: impl IntoIterator<Item = RgbImage>,
    fps: u32,
    options: SelfieOptions,
    stop_when_over: bool,
) -> (Vec<SessionUpdate>, SessionResult) {
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
        let update = session.push_frame(&frame).expect("frame accepted");
        let over = matches!(update.state, SessionState::Completed | SessionState::Failed);
        updates.push(update);
        if over && stop_when_over {
            break;
        }
    }
    (updates, session.finish())
}
