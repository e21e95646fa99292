//! The core called directly from Rust on a raw frame: the baseline for the Kotlin-side overhead
//! that `scripts/bench-bindings` measures through the generated bindings.
//!
//! `cargo run --release -p precheck-ffi --example core_direct -- MODELS FRAME.nv21 W H ITERATIONS`
//! prints `core_direct <median_ms> <p95_ms> <min_ms>` for `Engine::analyze_frame` and
//! `core_session_push_frame ...` for `Session::push_frame` (the same frame at 30 fps, a fresh
//! session every 30 frames, as the Kotlin side does), single thread, after warm-up calls.

use std::error::Error;
use std::time::Instant;

use precheck_core::{Engine, EngineConfig, Frame, PixelFormat, SelfieOptions};

/// Frames per benchmark session (one second at 30 fps).
const SESSION_FRAMES: usize = 30;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, models, frame_path, width, height, iterations] = args.as_slice() else {
        return Err("usage: core_direct MODELS FRAME.nv21 WIDTH HEIGHT ITERATIONS".into());
    };
    let (width, height): (u32, u32) = (width.parse()?, height.parse()?);
    let iterations: usize = iterations.parse()?;
    if iterations == 0 {
        return Err("ITERATIONS must be at least 1".into());
    }
    let engine = Engine::new(EngineConfig::from_dir(models))?;
    let data = std::fs::read(frame_path)?;
    let frame = Frame::packed(width, height, PixelFormat::Nv21, &data);
    let mut faces = 0;
    for _ in 0..5 {
        faces = engine.analyze_frame(&frame)?.faces.len();
    }
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let start = Instant::now();
        let report = engine.analyze_frame(&frame)?;
        times.push(start.elapsed().as_secs_f64() * 1e3);
        faces = report.faces.len();
    }
    print_row("core_direct", &mut times, &format!(" faces={faces}"));

    let mut session = engine.start_selfie(SelfieOptions::new("bench"));
    let warm_up = (iterations / 10).max(5);
    let mut times = Vec::with_capacity(iterations);
    for pushed in 0..warm_up + iterations {
        let index = pushed % SESSION_FRAMES;
        if index == 0 {
            session = engine.start_selfie(SelfieOptions::new("bench"));
        }
        let frame = Frame {
            timestamp_ms: index as i64 * 33,
            ..frame
        };
        let start = Instant::now();
        session.push_frame(&frame)?;
        if pushed >= warm_up {
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    print_row("core_session_push_frame", &mut times, "");
    Ok(())
}

/// `name median p95 min` in milliseconds.
fn print_row(name: &str, times: &mut [f64], suffix: &str) {
    times.sort_by(f64::total_cmp);
    let p95 = times[((times.len() * 95) / 100).min(times.len() - 1)];
    println!(
        "{name} {:.3} {:.3} {:.3}{suffix}",
        times[times.len() / 2],
        p95,
        times[0]
    );
}
