//! `precheck liveness FRAMES_DIR|VIDEO`: one liveness session over a folder of frames or a video
//! (frames extracted with an installed ffmpeg), timestamps from `--fps`.

use std::path::{Path, PathBuf};
use std::process::Command;

use precheck_core::liveness::{ChallengeKind, LivenessDecision};
use precheck_core::session::{SessionResult, SessionUpdate};
use precheck_core::{Engine, Frame, Language, PixelFormat, SelfieOptions};

use crate::analyze::{load_engine, read_image};
use crate::report::{
    self, round, ChallengeShape, CheckShape, LivenessOutput, PromptEventShape, TimelineShape,
};
use crate::UserError;

/// Parsed command-line options.
pub struct LivenessArgs<'a> {
    pub input: &'a Path,
    pub challenges: &'a str,
    pub fps: f32,
    pub nonce: &'a str,
    pub timeline: bool,
    pub annotate: Option<&'a Path>,
}

/// `--challenges`: a comma-separated list, or `none`.
pub fn parse_challenges(list: &str) -> Result<Vec<ChallengeKind>, UserError> {
    if list.trim() == "none" {
        return Ok(Vec::new());
    }
    list.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().map_err(|e| UserError(format!("{e}"))))
        .collect()
}

/// The frames to play: image files of a folder in name order, or a video's frames extracted by
/// ffmpeg into a temporary folder (removed when the returned guard drops).
pub fn input_frames(input: &Path, fps: f32) -> Result<(Vec<PathBuf>, Option<TempDir>), UserError> {
    if input.is_dir() {
        return Ok((list_images(input)?, None));
    }
    if !input.exists() {
        return Err(UserError(format!("{} does not exist", input.display())));
    }
    let tmp = TempDir::new()?;
    let status = Command::new("ffmpeg")
        .args(["-loglevel", "error", "-nostdin", "-y", "-i"])
        .arg(input)
        .args(["-vf", &format!("fps={fps}"), "-start_number", "0"])
        .arg(tmp.0.join("f%05d.png"))
        .status()
        .map_err(|e| {
            UserError(format!(
                "cannot run ffmpeg (needed for videos; install it or pass a folder of frames): {e}"
            ))
        })?;
    if !status.success() {
        return Err(UserError(format!(
            "ffmpeg could not read {}",
            input.display()
        )));
    }
    Ok((list_images(&tmp.0)?, Some(tmp)))
}

fn list_images(dir: &Path) -> Result<Vec<PathBuf>, UserError> {
    let mut frames: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| UserError(format!("cannot read {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| matches!(x.to_ascii_lowercase().as_str(), "png" | "jpg" | "jpeg"))
        })
        .collect();
    frames.sort();
    if frames.is_empty() {
        return Err(UserError(format!(
            "no PNG/JPEG frames in {}",
            dir.display()
        )));
    }
    Ok(frames)
}

/// A temporary folder removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self, UserError> {
        let dir = std::env::temp_dir().join(format!("precheck-liveness-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| UserError(format!("cannot create {}: {e}", dir.display())))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Plays a file-based stream: each frame file decoded into an upright RGB frame stamped
/// `index × 1000 / fps` ms, handed to `push` (a session's or a flow's `push_frame`).
pub fn play_files<T>(
    frames: &[PathBuf],
    fps: f32,
    mut push: impl FnMut(&Frame<'_>) -> precheck_core::Result<T>,
) -> Result<(Vec<T>, i64), UserError> {
    let mut updates = Vec::with_capacity(frames.len());
    let mut last_t = 0;
    for (i, path) in frames.iter().enumerate() {
        let image = read_image(path)?;
        let mut frame = Frame::packed(
            image.width(),
            image.height(),
            PixelFormat::Rgb8,
            image.as_bytes(),
        );
        last_t = (i as f64 * 1000.0 / fps as f64).round() as i64;
        frame.timestamp_ms = last_t;
        let update = push(&frame).map_err(|e| UserError(format!("{}: {e}", path.display())))?;
        updates.push(update);
    }
    Ok((updates, last_t))
}

/// Plays the frames through a session; returns the per-frame updates and the result.
pub fn play(
    engine: &Engine,
    frames: &[PathBuf],
    options: SelfieOptions,
    fps: f32,
) -> Result<(Vec<SessionUpdate>, SessionResult), UserError> {
    let session = engine.start_selfie(options);
    let (updates, _) = play_files(frames, fps, |frame| session.push_frame(frame))?;
    Ok((updates, session.finish()))
}

/// The `liveness` JSON (DESIGN §4), without the timeline.
pub fn output(r: &SessionResult, language: Language) -> LivenessOutput {
    let check = |c: &precheck_core::liveness::CheckReport| CheckShape {
        score: c.score.map(|s| round(s, 4)),
        verdict: c.verdict,
        note: c.note.clone(),
    };
    LivenessOutput {
        decision: r.decision,
        reasons: r.reasons.clone(),
        nonce: r.nonce.clone(),
        order: r.order.clone(),
        challenges: r
            .challenges
            .iter()
            .map(|c| ChallengeShape {
                kind: c.kind,
                passed: c.passed,
                start_ms: c.start_ms,
                end_ms: c.end_ms,
                reason: c.reason,
                tries: c.tries,
                latency_ms: c.latency_ms,
            })
            .collect(),
        active: check(&r.active),
        passive: check(&r.passive),
        depth: check(&r.depth),
        identity: r.identity,
        failure: r.failure,
        prompts: r
            .prompts
            .iter()
            .map(|p| PromptEventShape {
                t_ms: p.t_ms,
                code: p.code,
                message: p.code.map(|c| c.message(language)),
            })
            .collect(),
        motion_events: r.motion_events.clone(),
        frames: r.frames,
        timeline: None,
    }
}

fn timeline(updates: &[SessionUpdate]) -> Vec<TimelineShape> {
    updates
        .iter()
        .map(|u| TimelineShape {
            t_ms: u.t_ms,
            state: u.state,
            prompt: u.prompt.as_ref().map(|p| p.code),
            yaw: u.sample.map(|s| round(s.yaw, 1)),
            pitch: u.sample.map(|s| round(s.pitch, 1)),
            eyes: u.sample.map(|s| round(s.eyes(), 4)),
            mouth: u.sample.map(|s| round(s.mouth, 3)),
            events: u.events.clone(),
            passive: u.passive_score.map(|s| round(s, 4)),
        })
        .collect()
}

pub fn run(
    models: &Path,
    args: &LivenessArgs<'_>,
    json: bool,
    language: Language,
) -> Result<(), UserError> {
    if !(args.fps.is_finite() && args.fps > 0.0 && args.fps <= 240.0) {
        return Err(UserError(format!(
            "--fps must be in (0, 240], got {}",
            args.fps
        )));
    }
    let challenges = parse_challenges(args.challenges)?;
    let (frames, _tmp) = input_frames(args.input, args.fps)?;
    let engine = load_engine(models)?;
    let mut options = SelfieOptions::new(args.nonce);
    options.challenges = challenges;
    options.language = language;
    let (updates, result) = play(&engine, &frames, options, args.fps)?;
    if let Some(dir) = args.annotate {
        crate::liveness_plot::write(dir, &frames, &updates, &result, language)?;
    }
    if json {
        let mut out = output(&result, language);
        if args.timeline {
            out.timeline = Some(timeline(&updates));
        }
        return report::print(&out);
    }
    println!(
        "{}: {} frames at {} fps, challenges {:?}, passive models: {}",
        args.input.display(),
        frames.len(),
        args.fps,
        result.order.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        engine.pad_slots().len()
    );
    let decision = match result.decision {
        LivenessDecision::Pass => "PASS",
        LivenessDecision::Fail => "FAIL",
        LivenessDecision::Review => "REVIEW",
    };
    println!(
        "  decision: {decision}  reasons: {}",
        result.reasons.join(", ")
    );
    for c in &result.challenges {
        println!(
            "  {:<10} {} tries {} start {:?} end {:?} reason {:?}",
            c.kind.as_str(),
            if c.passed { "passed" } else { "FAILED" },
            c.tries,
            c.start_ms,
            c.end_ms,
            c.reason
        );
    }
    let show = |name: &str, c: &precheck_core::liveness::CheckReport| {
        println!(
            "  {name:<8} {:<6} score {}{}",
            c.verdict.as_str(),
            c.score.map_or("-".into(), |s| format!("{s:.3}")),
            c.note.as_ref().map_or(String::new(), |n| format!(" ({n})"))
        );
    };
    show("active", &result.active);
    show("passive", &result.passive);
    show("depth", &result.depth);
    println!(
        "  identity {:?} (min similarity {})",
        result.identity.continuity,
        result
            .identity
            .min_similarity
            .map_or("-".into(), |s| format!("{s:.3}"))
    );
    for p in &result.prompts {
        println!(
            "  {:>6} ms  {}",
            p.t_ms,
            p.code
                .map_or("-".to_string(), |c| format!("{c}: {}", c.message(language)))
        );
    }
    if args.timeline {
        for u in &updates {
            if let Some(s) = u.sample {
                println!(
                    "  t {:>6} yaw {:+6.1} pitch {:+6.1} eyes {:.4} mouth {:.3} {}{}",
                    u.t_ms,
                    s.yaw,
                    s.pitch,
                    s.eyes(),
                    s.mouth,
                    u.events
                        .iter()
                        .map(|e| format!("[{} {:?}]", e.kind, e.phase))
                        .collect::<String>(),
                    u.passive_score
                        .map_or(String::new(), |p| format!(" pad {p:.3}"))
                );
            } else {
                println!("  t {:>6} no face", u.t_ms);
            }
        }
    }
    Ok(())
}
