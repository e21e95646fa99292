//! Per-stage timings on real frames, single thread, median and p95 (`precheck bench`).
//!
//! Frames come from PNG folders (`scripts/bench-frames` makes them from the shared videos). Each
//! frame is first re-encoded as NV21, the format an Android camera delivers, outside the timed
//! region. Stages:
//! - `frame_conversion`: NV21 → upright RGB into a reused buffer;
//! - `detection`: BlazeFace on the whole frame (with its fallbacks);
//! - `landmarks`: FaceMesh on the ROI from the previous frame's landmarks;
//! - `geometry`: 5 points, pose, eye and mouth openness from the mesh;
//! - `embedding`: five-point alignment of that face to 112×112 and MobileFaceNet (192-d, one
//!   face per call), as the match and the liveness identity check run it;
//! - `tracked_frame`: the tracker's whole step (landmarks + geometry; detector only when lost);
//! - `analyze_frame`: the stateless `Engine::analyze_frame` from the NV21 frame (conversion,
//!   detection, landmarks and geometry).

use std::path::{Path, PathBuf};
use std::time::Instant;

use precheck_core::evidence::frame_digest;
use precheck_core::face::{roi_from_detection, roi_from_mesh, FaceMesh};
use precheck_core::frame::{FrameConverter, RgbImage};
use precheck_core::quality::SelfieGate;
use precheck_core::session::SessionState;
use precheck_core::{Engine, FaceObservation, Frame, PixelFormat, SelfieOptions};

use crate::data::read_image;
use crate::engines::selfie_engine;
use crate::{EvalError, Progress};

mod report;

pub use report::{json, table};

/// Under the workspace: the folders `scripts/bench-frames` makes (each with a `.complete` stamp).
const DEFAULT_DIRS: [&str; 2] = ["build/bench-frames/640x480", "build/bench-frames/1280x720"];
const WARMUP_FRAMES: usize = 10;

/// One timed stage: its samples in milliseconds, one per frame.
pub struct Stage {
    pub name: &'static str,
    pub samples_ms: Vec<f64>,
}

impl Stage {
    fn new(name: &'static str) -> Self {
        Stage {
            name,
            samples_ms: Vec::new(),
        }
    }
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.samples_ms.push(start.elapsed().as_secs_f64() * 1e3);
        out
    }
    /// The `q` quantile of the samples (nearest rank; NaN without samples).
    pub fn quantile(&self, q: f64) -> f64 {
        let mut s = self.samples_ms.clone();
        s.sort_by(f64::total_cmp);
        if s.is_empty() {
            return f64::NAN;
        }
        s[((s.len() - 1) as f64 * q).round() as usize]
    }
}

/// The timings of one folder of frames (one resolution).
pub struct Run {
    pub width: u32,
    pub height: u32,
    pub frames: usize,
    pub stages: Vec<Stage>,
    /// Frames on which the tracker had to run the detector.
    pub detector_runs: u64,
}

/// Times every stage on the PNG frames of each folder of `dirs` (default: the two folders
/// `scripts/bench-frames` makes), the first `limit` frames of each (all when 0).
pub fn run(
    models: &Path,
    dirs: &[PathBuf],
    limit: usize,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Vec<Run>, EvalError> {
    let dirs: Vec<PathBuf> = if dirs.is_empty() {
        default_frames()?
    } else {
        dirs.to_vec()
    };
    let engine = selfie_engine(models)?;
    let mut runs = Vec::new();
    for dir in &dirs {
        let images = load_frames(dir, limit)?;
        progress(Progress::FramesLoaded {
            frames: images.len(),
            dir,
        });
        runs.push(bench_frames(&engine, dir, &images)?);
    }
    Ok(runs)
}

/// The default frame folders, made first by the workspace's `scripts/bench-frames` (from the
/// shared videos, with ffmpeg) when one is missing or incomplete: `precheck bench` works on a
/// fresh checkout. The script says in one line what it lacks when it cannot.
fn default_frames() -> Result<Vec<PathBuf>, EvalError> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().unwrap_or(manifest);
    let dirs: Vec<PathBuf> = DEFAULT_DIRS.iter().map(|d| root.join(d)).collect();
    if dirs.iter().all(|d| d.join(".complete").is_file()) {
        return Ok(dirs);
    }
    let script = root.join("scripts/bench-frames");
    let status = std::process::Command::new(&script)
        .arg(root.join("build/bench-frames"))
        .status()
        .map_err(|source| {
            EvalError::BenchFrames(format!("cannot run {}: {source}", script.display()))
        })?;
    if !status.success() {
        return Err(EvalError::BenchFrames(format!(
            "{} failed (its message is above)",
            script.display()
        )));
    }
    Ok(dirs)
}

fn load_frames(dir: &Path, limit: usize) -> Result<Vec<RgbImage>, EvalError> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| EvalError::FramesFolder {
            dir: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    paths.sort();
    if limit > 0 {
        paths.truncate(limit);
    }
    if paths.is_empty() {
        return Err(EvalError::NoFrames(dir.to_path_buf()));
    }
    paths.iter().map(|p| read_image(p)).collect()
}

fn bench_frames(engine: &Engine, dir: &Path, images: &[RgbImage]) -> Result<Run, EvalError> {
    let Some(first) = images.first() else {
        return Err(EvalError::NoFrames(dir.to_path_buf()));
    };
    let (width, height) = (first.width(), first.height());
    let nv21: Vec<Vec<u8>> = images.iter().map(to_nv21).collect();
    let frame = |i: usize| Frame::packed(width, height, PixelFormat::Nv21, &nv21[i]);

    let mut conversion = Stage::new("frame_conversion");
    let mut detection = Stage::new("detection");
    let mut landmarks = Stage::new("landmarks");
    let mut geometry = Stage::new("geometry");
    let mut embedding = Stage::new("embedding");
    let mut tracked = Stage::new("tracked_frame");
    let mut analyze = Stage::new("analyze_frame");
    let mut quality = Stage::new("quality_checks");
    // The evidence chain's per-frame cost inside push_frame: SHA-256 of the NV21 frame.
    let mut digest = Stage::new("frame_digest");
    // A whole liveness session step (tracking, quality gate, detectors, scheduled passive
    // models and identity embeddings); a new session starts whenever one ends.
    let mut liveness = Stage::new("liveness_push_frame");
    let new_session = || engine.start_selfie(SelfieOptions::new("bench"));
    let mut session = new_session();
    // Session time runs forward across the warm-up and the timed pass (33 ms per frame).
    let mut clock = 0i64;
    let mut gate = SelfieGate::default();
    let mut faces: Vec<FaceObservation> = Vec::with_capacity(1);

    let mut converter = FrameConverter::new();
    let mut rgb = RgbImage::default();
    let mut input = Vec::new();
    let mut embed_input = Vec::new();
    let mut mesh = FaceMesh::default();
    let mut roi = None;
    let mut tracker = engine.tracker();
    let warmup = (0..WARMUP_FRAMES.min(images.len())).rev();
    // Warm-up walks backwards to frame 0 so trackers start the timed pass on a continuous stream.
    for (pass, indices) in [
        (false, warmup.collect::<Vec<_>>()),
        (true, (0..images.len()).collect()),
    ] {
        for i in indices {
            let f = frame(i);
            let timed = |stage: &mut Stage, f: &mut dyn FnMut()| {
                if pass {
                    stage.time(f)
                } else {
                    f()
                }
            };
            let mut result = Ok(());
            timed(&mut conversion, &mut || {
                result = converter.convert(&f, &mut rgb)
            });
            result?;
            timed(&mut digest, &mut || {
                std::hint::black_box(frame_digest(&f));
            });
            let mut detections = Ok(Vec::new());
            timed(&mut detection, &mut || {
                detections = engine.analyzer().detector().detect(&images[i], &mut input)
            });
            let detections = detections?;
            let roi_now = match (roi, detections.first()) {
                (Some(r), _) => r,
                (None, Some(d)) => roi_from_detection(d),
                (None, None) => continue,
            };
            let mut result = Ok(());
            timed(&mut landmarks, &mut || {
                result = engine
                    .analyzer()
                    .landmarker()
                    .run(&images[i], &roi_now, &mut input, &mut mesh)
            });
            result?;
            roi = (mesh.presence >= 0.5).then(|| roi_from_mesh(&mesh));
            let mut observation = None;
            timed(&mut geometry, &mut || {
                observation = Some(FaceObservation::from_mesh(
                    std::mem::take(&mut mesh),
                    Default::default(),
                    1.0,
                ))
            });
            if let Some(o) = observation {
                let mut result = Ok(());
                timed(&mut embedding, &mut || {
                    result = engine
                        .analyzer()
                        .embedder()
                        .embed(&images[i], &o, &mut embed_input)
                        .map(drop)
                });
                result?;
                mesh = o.mesh;
            }
            let mut result = Ok(None);
            timed(&mut tracked, &mut || result = tracker.track(&images[i]));
            faces.clear();
            faces.extend(result?);
            // Every selfie check of issue 3 on the tracked face (30 fps timestamps).
            let t_ms = i as i64 * 33;
            timed(&mut quality, &mut || {
                gate.push(&images[i], &faces, t_ms);
            });
            let mut stamped = f;
            clock += 33;
            stamped.timestamp_ms = clock;
            let mut result = Ok(None);
            timed(&mut liveness, &mut || {
                result = session.push_frame(&stamped).map(Some)
            });
            if result?
                .is_some_and(|u| matches!(u.state, SessionState::Completed | SessionState::Failed))
            {
                session = new_session();
            }
            let mut result = Ok(None);
            timed(&mut analyze, &mut || {
                result = engine.analyze_frame(&f).map(Some)
            });
            result?;
        }
    }
    Ok(Run {
        width,
        height,
        frames: images.len(),
        stages: vec![
            conversion, digest, detection, landmarks, geometry, embedding, tracked, analyze,
            quality, liveness,
        ],
        detector_runs: tracker.stats().detector_runs,
    })
}

/// RGB → NV21 (BT.601 full range), the layout an Android camera delivers.
fn to_nv21(image: &RgbImage) -> Vec<u8> {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let mut out = vec![0u8; w * h + cw * ch * 2];
    let px = |x: usize, y: usize| image.pixel(x as u32, y as u32).map(f32::from);
    for y in 0..h {
        for x in 0..w {
            let [r, g, b] = px(x, y);
            out[y * w + x] = (0.299 * r + 0.587 * g + 0.114 * b)
                .round()
                .clamp(0.0, 255.0) as u8;
        }
    }
    for cy in 0..ch {
        for cx in 0..cw {
            let [r, g, b] = px((cx * 2).min(w - 1), (cy * 2).min(h - 1));
            let u = -0.168_736 * r - 0.331_264 * g + 0.5 * b + 128.0;
            let v = 0.5 * r - 0.418_688 * g - 0.081_312 * b + 128.0;
            let i = w * h + (cy * cw + cx) * 2;
            out[i] = v.round().clamp(0.0, 255.0) as u8;
            out[i + 1] = u.round().clamp(0.0, 255.0) as u8;
        }
    }
    out
}
