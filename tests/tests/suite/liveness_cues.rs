//! The screen-replay and print cues of the passive verdict (`core::liveness::{screen_cue,
//! print_cue}`), frame by frame on real material: live false alarms (BPCER per frame) on the
//! talking-head clips and on live stills, detections (APCER per frame) on the spoof stills of
//! `../shared/data/spoof` (F1 printed poster, F2 tablet) and on attacks composed from real frames
//! (screen replay with moiré / gamma / bezel; a photo held up; a photo swung so that its edge
//! shows). Numbers for BENCHMARKS.md "Liveness" → "Screen and print cues".

use precheck_core::frame::RgbImage;
use precheck_core::liveness::{cue_evidence, CueEvidence, CueScratch, CueThresholds};
use precheck_core::Engine;
use precheck_testkit::attacks::{handheld, photo_pose, screen_replay, warp};
use precheck_testkit::degrade::Rng;
use precheck_tests::*;
use std::sync::atomic::{AtomicU64, Ordering};

const SPOOF_DIR: &str = "spoof/minivision-ai+Silent-Face-Anti-Spoofing/images/sample";

/// Single-face clips (the crowd and stage clips are left out: many small faces).
const LIVE_CLIPS: [&str; 18] = [
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4",
    "videos/OpenTalker+video-retalking/examples/face/1.mp4",
    "videos/OpenTalker+video-retalking/examples/face/2.mp4",
    "videos/OpenTalker+video-retalking/examples/face/3.mp4",
    "videos/OpenTalker+video-retalking/examples/face/4.mp4",
    "videos/OpenTalker+video-retalking/examples/face/5.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d0.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d3.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d6.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d9.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d10.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d11.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d12.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d14.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d19.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d20.mp4",
    "videos/yoyo-nb+Thin-Plate-Spline-Motion-Model/assets/driving.mp4",
    "videos/cleardusk+3DDFA/demo@obama/obama.mp4",
];

/// Frames per second taken from each live clip, and at most this many per clip.
const CLIP_FPS: u32 = 2;
const MAX_PER_CLIP: usize = 16;

/// One set of presentations and what the cues said on each.
#[derive(Default)]
struct Set {
    name: String,
    items: Vec<(String, CueEvidence)>,
}

impl Set {
    fn new(name: &str) -> Self {
        Set {
            name: name.into(),
            items: Vec::new(),
        }
    }

    fn add(&mut self, label: String, e: CueEvidence) {
        self.items.push((label, e));
    }

    fn rate(&self, f: impl Fn(&CueEvidence) -> bool) -> (usize, usize) {
        (
            self.items.iter().filter(|(_, e)| f(e)).count(),
            self.items.len(),
        )
    }

    fn quantiles(&self, f: impl Fn(&CueEvidence) -> Option<f32>) -> String {
        let mut v: Vec<f32> = self.items.iter().filter_map(|(_, e)| f(e)).collect();
        if v.is_empty() {
            return "-".into();
        }
        v.sort_by(f32::total_cmp);
        let q = |p: f32| quantile_sorted(&v, p);
        format!("{:.2} / {:.2} / {:.2}", q(0.1), q(0.5), q(0.9))
    }

    fn row(&self) -> String {
        let screen = self.rate(|e| e.screen.score >= 1.0);
        let print = self.rate(|e| e.print.score >= 1.0);
        let either = self.rate(|e| e.screen.score >= 1.0 || e.print.score >= 1.0);
        let pct = |(k, n): (usize, usize)| {
            format!("{:.0} % ({k}/{n})", 100.0 * k as f32 / n.max(1) as f32)
        };
        format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.name,
            self.items.len(),
            self.quantiles(|e| Some(e.screen.peak_ratio)),
            self.quantiles(|e| Some(e.screen.bezel_iod)),
            self.quantiles(|e| e.print.texture),
            self.quantiles(|e| Some(e.print.highlight)),
            self.quantiles(|e| Some(e.print.edge_iod)),
            pct(screen),
            pct(print),
            pct(either)
        )
    }

    fn details(&self) {
        for (label, e) in &self.items {
            eprintln!(
                "  {} {label}: iod {:.0} peak {:.1} bezel {:.2} | texture {:?} highlight {:.3} edge {:.2} | screen {:.2} print {:.2}",
                self.name,
                e.iod_px,
                e.screen.peak_ratio,
                e.screen.bezel_iod,
                e.print.texture.map(|x| (x * 1000.0).round() / 1000.0),
                e.print.highlight,
                e.print.edge_iod,
                e.screen.score,
                e.print.score
            );
        }
    }
}

/// Time spent in `cue_evidence` (printed, never asserted).
static CUE_NANOS: AtomicU64 = AtomicU64::new(0);
static CUE_CALLS: AtomicU64 = AtomicU64::new(0);

/// The cues on the largest face of `image`, or `None` without a face.
fn cues(engine: &Engine, image: &RgbImage, scratch: &mut CueScratch) -> Option<CueEvidence> {
    let report = engine.analyze_image(image).expect("analysis runs");
    let face = report.faces.first()?;
    let start = std::time::Instant::now();
    let e = cue_evidence(image, &face.landmarks5, &CueThresholds::default(), scratch);
    CUE_NANOS.fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
    CUE_CALLS.fetch_add(1, Ordering::Relaxed);
    let e = e?;
    if let Some(dir) = std::env::var_os("CUES_DUMP") {
        dump(std::path::Path::new(&dir), scratch, &e);
    }
    Some(e)
}

/// Debugging aid: the normalised crop with its borders, as a PPM named by the scores.
fn dump(dir: &std::path::Path, scratch: &CueScratch, e: &CueEvidence) {
    use std::sync::atomic::AtomicUsize;
    static N: AtomicUsize = AtomicUsize::new(0);
    let crop = scratch.crop();
    let (w, h) = (crop.rgb.width() as usize, crop.rgb.height() as usize);
    let mut px = crop.rgb.as_bytes().to_vec();
    for b in scratch.borders() {
        let steps = (b.start.distance(b.end).ceil() as usize).max(1);
        for i in 0..=steps {
            let k = i as f32 / steps as f32;
            let x = (b.start.x + k * (b.end.x - b.start.x)).round() as usize;
            let y = (b.start.y + k * (b.end.y - b.start.y)).round() as usize;
            if x < w && y < h {
                px[(y * w + x) * 3..(y * w + x) * 3 + 3].copy_from_slice(&[0, 255, 0]);
            }
        }
    }
    let n = N.fetch_add(1, Ordering::Relaxed);
    let name = format!("{n:04}_s{:.2}_p{:.2}.ppm", e.screen.score, e.print.score);
    let mut out = format!("P6 {w} {h} 255\n").into_bytes();
    out.extend_from_slice(&px);
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(dir.join(name), out);
}

fn clip_frames(test: &str, clip: &str) -> Option<Vec<RgbImage>> {
    let frames = video_frames(test, clip, CLIP_FPS)?;
    Some(
        frames
            .iter()
            .take(MAX_PER_CLIP)
            .map(|p| load_image(p))
            .collect(),
    )
}

fn short(clip: &str) -> &str {
    clip.rsplit('/').next().unwrap_or(clip)
}

#[test]
fn screen_and_print_cues_on_live_and_attack_frames() {
    const T: &str = "screen_and_print_cues_on_live_and_attack_frames";
    let Some(engine) = engine(T) else { return };
    let Some(data) = require_data(T, &[SPOOF_DIR, "faces_pairs/IDENTITIES.csv"]) else {
        return;
    };
    let mut scratch = CueScratch::default();

    // Live: clip frames and stills.
    let mut live_clips = Set::new("live clip frames");
    let mut first_frames = Vec::new();
    for clip in LIVE_CLIPS {
        let Some(frames) = clip_frames(T, clip) else {
            return;
        };
        for (i, image) in frames.iter().enumerate() {
            if let Some(e) = cues(engine, image, &mut scratch) {
                live_clips.add(format!("{} #{i}", short(clip)), e);
            }
        }
        first_frames.push((
            short(clip),
            frames.into_iter().step_by(5).collect::<Vec<_>>(),
        ));
    }
    let mut live_stills = Set::new("live stills (faces_pairs, T1)");
    let mut photos = single_face_photos(&data);
    photos.push(format!("{SPOOF_DIR}/image_T1.jpg"));
    for rel in &photos {
        let Some(image) = try_load_image(&data.join(rel)) else {
            continue;
        };
        if let Some(e) = cues(engine, &image, &mut scratch) {
            live_stills.add(short(rel).to_string(), e);
        }
    }

    // Real spoof stills.
    let mut f1 = Set::new("F1 printed poster");
    let mut f2 = Set::new("F2 tablet screen");
    let mut f1_held = Set::new("F1 held (tremor, noise)");
    let mut f2_held = Set::new("F2 held (tremor, noise)");
    let mut rng = Rng::new(5);
    for (set, held, name) in [
        (&mut f1, &mut f1_held, "image_F1.jpg"),
        (&mut f2, &mut f2_held, "image_F2.jpg"),
    ] {
        let image = load_image(&data.join(SPOOF_DIR).join(name));
        let e = cues(engine, &image, &mut scratch).expect("face in the spoof still");
        set.add(name.into(), e);
        for i in 0..10 {
            let moved = handheld(&image, &mut rng, 300 * i);
            if let Some(e) = cues(engine, &moved, &mut scratch) {
                held.add(format!("{name} t{}", 300 * i), e);
            }
        }
    }

    // Composed attacks from the live frames (every 5th sampled frame of each clip).
    let mut screen = Set::new("screen replay (composed)");
    let mut held = Set::new("photo held up (composed)");
    let mut swung = Set::new("photo swung 20° (composed)");
    let mut rng = Rng::new(11);
    for (clip, frames) in &first_frames {
        for (i, image) in frames.iter().enumerate() {
            let t = 1000 * i as i64 + 137;
            let shown = handheld(&screen_replay(image), &mut rng, t);
            if let Some(e) = cues(engine, &shown, &mut scratch) {
                screen.add(format!("{clip} #{i}"), e);
            }
            let photo = handheld(image, &mut rng, t);
            if let Some(e) = cues(engine, &photo, &mut scratch) {
                held.add(format!("{clip} #{i}"), e);
            }
            let (w, h) = (image.width(), image.height());
            let sign = if i % 2 == 0 { 1.0 } else { -1.0 };
            let pose = photo_pose(w, h, 0.0, 0.0, 0.0, 0.9, sign * 20.0, 0.0, 1.2 * w as f32);
            let photo = handheld(&warp(image, &pose, [40, 40, 40]), &mut rng, t);
            if let Some(e) = cues(engine, &photo, &mut scratch) {
                swung.add(format!("{clip} #{i}"), e);
            }
        }
    }

    for set in [&f1, &f2, &f1_held, &f2_held] {
        set.details();
    }
    if std::env::var_os("CUES_DETAILS").is_some() {
        for set in [&live_clips, &live_stills, &screen, &held, &swung] {
            set.details();
        }
    }
    eprintln!("| set | frames | spectral peak p10/p50/p90 | bezel IOD | texture | highlight | paper edge IOD | screen cue ≥ 1 | print cue ≥ 1 | either |");
    eprintln!("|---|---|---|---|---|---|---|---|---|---|");
    for set in [
        &live_clips,
        &live_stills,
        &f1,
        &f2,
        &f1_held,
        &f2_held,
        &screen,
        &held,
        &swung,
    ] {
        eprintln!("{}", set.row());
    }

    let calls = CUE_CALLS.load(Ordering::Relaxed).max(1);
    eprintln!(
        "cue_evidence: {:.2} ms per face on average over {calls} faces (test profile, this machine; not asserted)",
        CUE_NANOS.load(Ordering::Relaxed) as f64 / calls as f64 / 1e6
    );

    // Live false alarms per frame (BPCER of each cue) stay at or below 10 %.
    for set in [&live_clips, &live_stills] {
        for (cue, (k, n)) in [
            ("screen", set.rate(|e| e.screen.score >= 1.0)),
            ("print", set.rate(|e| e.print.score >= 1.0)),
        ] {
            assert!(n >= 50, "{}: only {n} frames with a face", set.name);
            assert!(
                k * 10 <= n,
                "{cue} cue false alarms on {}: {k}/{n}",
                set.name
            );
        }
    }
    // The tablet still is a screen; the composed screen replays are seen as screens.
    assert!(
        f2.items[0].1.screen.score >= 1.0,
        "F2 not flagged as a screen"
    );
    let (k, n) = screen.rate(|e| e.screen.score >= 1.0);
    assert!(k * 10 >= n * 8, "composed screen replays flagged {k}/{n}");
}
