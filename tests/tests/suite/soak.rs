//! Soak and concurrency on real clips.
//!
//! - `soak_10k_frames_keeps_memory_flat` (ignored by default: several minutes; run by
//!   `scripts/soak`): one selfie session fed 10,000 real frames (a clip played forwards and
//!   backwards, 30 fps timestamps) with the attempt kept open (no challenges, endless capture),
//!   so every per-frame stage and history buffer runs all the way; prints peak RSS (VmHWM) at 1k
//!   and 10k frames. RSS is a measurement: the assertion is loose (10k ≤ 1k + 50 MB).
//! - One engine shared by 4 threads running sessions at once gives exactly the results of the
//!   same sessions run one after another.
//! - `push_frame` on one thread while another reads the session's state.

use std::sync::Arc;
use std::time::Instant;

use precheck_core::frame::RgbImage;
use precheck_core::liveness::ChallengeKind;
use precheck_core::session::{SessionResult, SessionState};
use precheck_core::{Engine, Frame, PixelFormat, PrecheckError, SelfieOptions, Session};
use precheck_tests::session::run_session;
use precheck_tests::*;

const FPS: u32 = 15;

const CLIPS: [&str; 4] = [
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4",
    "videos/OpenTalker+video-retalking/examples/face/1.mp4",
    "videos/OpenTalker+video-retalking/examples/face/2.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d10.mp4",
];

fn clip_images(test: &str, clip: &str, seconds: u32) -> Option<Vec<RgbImage>> {
    let frames = video_frames(test, clip, FPS)?;
    Some(
        frames
            .iter()
            .take((seconds * FPS) as usize)
            .map(|p| load_image(p))
            .collect(),
    )
}

/// Peak resident set size of this process in MB (VmHWM).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn push(session: &Session, image: &RgbImage, t_ms: i64) -> Result<SessionState, PrecheckError> {
    let mut frame = Frame::packed(
        image.width(),
        image.height(),
        PixelFormat::Rgb8,
        image.as_bytes(),
    );
    frame.timestamp_ms = t_ms;
    session.push_frame(&frame).map(|u| u.state)
}

#[test]
#[ignore = "several minutes: run by scripts/soak"]
fn soak_10k_frames_keeps_memory_flat() {
    const T: &str = "soak_10k_frames_keeps_memory_flat";
    let Some(engine) = engine(T) else { return };
    let Some(forward) = clip_images(T, CLIPS[0], 8) else {
        return;
    };
    // Forwards then backwards: no jump at the loop point for the motion checks.
    let cycle: Vec<&RgbImage> = forward.iter().chain(forward.iter().rev()).collect();
    let mut options = SelfieOptions::new("soak");
    options.challenges.clear();
    options.policy.capture_ms = i64::MAX;
    options.policy.challenges.max_unnatural_events = u32::MAX;
    let session = engine.start_selfie(options);
    let start = Instant::now();
    let mut rss_1k = None;
    let mut states = [0usize; 5];
    for i in 0..10_000usize {
        let image = cycle[i % cycle.len()];
        let state = push(&session, image, i as i64 * 33).expect("frame accepted");
        states[state as usize] += 1;
        if i + 1 == 1_000 {
            rss_1k = peak_rss_mb();
        }
    }
    let rss_10k = peak_rss_mb();
    let elapsed = start.elapsed().as_secs_f64();
    let result = session.finish();
    eprintln!(
        "soak: 10,000 frames in {elapsed:.0} s ({:.1} ms/frame); peak RSS at 1k {:.0} MB, at 10k {:.0} MB; \
         states positioning/challenge/capturing/completed/failed {states:?}; {} prompt changes, {} motion events, \
         {} embedded frames",
        elapsed * 1000.0 / 10_000.0,
        rss_1k.unwrap_or(f64::NAN),
        rss_10k.unwrap_or(f64::NAN),
        result.prompts.len(),
        result.motion_events.len(),
        result.identity.embedded_frames,
    );
    assert_eq!(result.frames, 10_000);
    // The attempt stayed open: the per-frame stages ran on (almost) every frame.
    assert!(
        states[SessionState::Capturing as usize] > 9_000,
        "session stopped early: {states:?} {:?}",
        result.failure
    );
    assert!(result.identity.embedded_frames > 100);
    let (Some(a), Some(b)) = (rss_1k, rss_10k) else {
        return;
    };
    assert!(b <= a + 50.0, "peak RSS grew from {a:.0} MB to {b:.0} MB");
}

#[test]
fn session_length_limit_is_a_typed_error() {
    const T: &str = "session_length_limit_is_a_typed_error";
    let Some(engine) = engine(T) else { return };
    let Some(images) = clip_images(T, CLIPS[0], 1) else {
        return;
    };
    let session = engine.start_selfie(SelfieOptions::new("limits"));
    let max_ms = engine.limits().session.max_duration_ms;
    push(&session, &images[0], 0).expect("first frame");
    assert!(matches!(
        push(&session, &images[1], max_ms + 1),
        Err(PrecheckError::SessionTooLong(_))
    ));
    // Refused frames change nothing; a frame inside the limit is still accepted.
    push(&session, &images[1], max_ms).expect("frame at the limit");
    assert_eq!(session.frames(), 2);
}

/// The same four sessions, one after another, then on four threads sharing one engine.
#[test]
fn four_threads_sharing_an_engine_match_sequential_runs() {
    const T: &str = "four_threads_sharing_an_engine_match_sequential_runs";
    let Some(engine) = engine(T) else { return };
    let mut clips = Vec::new();
    for clip in CLIPS {
        let Some(images) = clip_images(T, clip, 4) else {
            return;
        };
        clips.push(images);
    }
    // Passive-only sessions (which complete) alternate with blink sessions.
    let run = |engine: &Engine, i: usize, images: &[RgbImage]| -> SessionResult {
        let challenges: &[ChallengeKind] = if i.is_multiple_of(2) {
            &[]
        } else {
            &[ChallengeKind::Blink]
        };
        run_session(
            engine,
            images.iter().cloned(),
            FPS,
            challenges,
            &format!("nonce-{i}"),
        )
        .1
    };
    let start = Instant::now();
    let sequential: Vec<SessionResult> = clips
        .iter()
        .enumerate()
        .map(|(i, images)| run(engine, i, images))
        .collect();
    let sequential_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let concurrent: Vec<SessionResult> = std::thread::scope(|scope| {
        let handles: Vec<_> = clips
            .iter()
            .enumerate()
            .map(|(i, images)| scope.spawn(move || run(engine, i, images)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("session thread"))
            .collect()
    });
    let concurrent_s = start.elapsed().as_secs_f64();
    for (i, (s, c)) in sequential.iter().zip(&concurrent).enumerate() {
        eprintln!(
            "{}: {} {:?} passive {:?} depth {:?} identity {:?}",
            CLIPS[i],
            s.decision.as_str(),
            s.reasons,
            s.passive.score,
            s.depth.score,
            s.identity.min_similarity
        );
        // Everything: decision, reasons, every score, prompts and events, bit for bit.
        assert_eq!(s, c, "{}: concurrent run differs", CLIPS[i]);
        assert_eq!(s.frames, 4 * FPS as u64);
    }
    eprintln!(
        "4 sessions × {} frames: sequential {sequential_s:.1} s, 4 threads {concurrent_s:.1} s",
        4 * FPS
    );
}

/// Frames pushed on one thread while another thread reads the session's state.
#[test]
fn push_frame_while_another_thread_reads_state() {
    const T: &str = "push_frame_while_another_thread_reads_state";
    let Some(engine) = engine(T) else { return };
    let Some(images) = clip_images(T, CLIPS[1], 4) else {
        return;
    };
    let session = Arc::new(engine.start_selfie(SelfieOptions::new("reader")));
    let order = session.order();
    let done = std::sync::atomic::AtomicBool::new(false);
    let (reads, pushed) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let (mut reads, mut last) = (0u64, 0u64);
            while !done.load(std::sync::atomic::Ordering::Acquire) {
                let frames = session.frames();
                assert!(
                    frames >= last,
                    "frame count went back from {last} to {frames}"
                );
                assert_eq!(session.order(), order);
                last = frames;
                reads += 1;
            }
            reads
        });
        let mut pushed = 0;
        for (i, image) in images.iter().enumerate() {
            push(&session, image, i as i64 * 1000 / FPS as i64).expect("frame accepted");
            pushed += 1;
        }
        done.store(true, std::sync::atomic::Ordering::Release);
        (reader.join().expect("reader thread"), pushed)
    });
    assert_eq!(session.frames(), pushed);
    assert!(reads > 0);
    let result = session.finish();
    assert_eq!(result.frames, pushed);
    eprintln!("{pushed} frames pushed while the other thread read the state {reads} times");
}
