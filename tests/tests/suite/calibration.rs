//! The measurements behind the geometry constants of `core/src/face/geometry.rs`
//! (EYE_CLOSED_RATIO / EYE_OPEN_RATIO, MOUTH_CLOSED_RATIO / MOUTH_OPEN_RATIO, PITCH_OFFSET_DEG):
//! each test prints the raw figures the constant was set from and checks that the calibrated
//! output reads as intended on the same material.

use precheck_core::face::{eye_gap_ratios, mouth_gap_ratio};
use precheck_tests::*;

const D3: &str = "videos/KwaiVGI+LivePortrait/assets/examples/driving/d3.mp4";
const D9: &str = "videos/KwaiVGI+LivePortrait/assets/examples/driving/d9.mp4";

/// (raw ratio, calibrated value) per tracked frame, with the frame time.
fn track_clip(
    engine: &precheck_core::Engine,
    frames: &[std::path::PathBuf],
    fps: u32,
    read: impl Fn(&precheck_core::FaceObservation) -> (f32, f32),
) -> Vec<(f32, f32, f32)> {
    let mut tracker = engine.tracker();
    frames
        .iter()
        .enumerate()
        .filter_map(|(i, path)| {
            let face = tracker.track(&load_image(path)).expect("tracking runs")?;
            let (raw, value) = read(&face);
            Some((i as f32 / fps as f32, raw, value))
        })
        .collect()
}

#[test]
fn level_frontal_photos_read_pitch_zero() {
    const T: &str = "level_frontal_photos_read_pitch_zero";
    let Some(data) = require_data(T, &["faces_pairs/IDENTITIES.csv"]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let mut pitches = Vec::new();
    for rel in single_face_photos(&data) {
        let Some(image) = try_load_image(&data.join(&rel)) else {
            continue;
        };
        let report = engine.analyze_image(&image).expect("analysis runs");
        // The photo's subject: the most confident face (two photos have a spurious extra one).
        let Some(face) = report
            .faces
            .iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))
        else {
            continue;
        };
        if face.pose.yaw.abs() < 10.0 {
            pitches.push(face.pose.pitch);
        }
    }
    let s = Stats::of(&pitches);
    eprintln!(
        "calibration pitch: {} frontal-looking (|yaw| < 10°) faces_pairs photos: mean pitch {:+.2}°, median {:+.2}°, min {:+.1}°, max {:+.1}° (PITCH_OFFSET_DEG removes the raw mean)",
        s.n, s.mean, s.median, s.min, s.max
    );
    assert!(s.n >= 80, "too few frontal photos ({})", s.n);
    assert!(
        s.mean.abs() <= 1.5,
        "mean pitch of level photos {:+.2}°",
        s.mean
    );
}

#[test]
fn eye_openness_ramp_spans_closed_to_open() {
    const T: &str = "eye_openness_ramp_spans_closed_to_open";
    let Some(data) = require_data(T, &["faces_pairs/IDENTITIES.csv"]) else {
        return;
    };
    let Some(frames) = video_frames(T, D9, 10) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let both = |f: &precheck_core::FaceObservation| {
        let (r, l) = eye_gap_ratios(&f.mesh);
        ((r + l) / 2.0, (f.eyes_open.left + f.eyes_open.right) / 2.0)
    };

    // Open: the open-eyed single-face photos.
    let (mut raw, mut open) = (Vec::new(), Vec::new());
    for rel in single_face_photos(&data) {
        let Some(image) = try_load_image(&data.join(&rel)) else {
            continue;
        };
        let report = engine.analyze_image(&image).expect("analysis runs");
        if let Some(face) = report
            .faces
            .iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))
        {
            let (r, o) = both(face);
            raw.push(r);
            open.push(o);
        }
    }
    let (raw_open, read_open) = (Stats::of(&raw), Stats::of(&open));
    eprintln!(
        "calibration eyes, open (faces_pairs photos): raw ratio {raw_open}; openness median {:.2}, p10 {:.2}, min {:.2}",
        read_open.median,
        {
            let mut v = open.clone();
            v.sort_by(f32::total_cmp);
            quantile_sorted(&v, 0.1)
        },
        read_open.min
    );

    // Closed: d9.mp4 shuts its eyes several times while smiling; its lowest 5 % of frames.
    let series = track_clip(engine, &frames, 10, both);
    let mut raw: Vec<f32> = series.iter().map(|s| s.1).collect();
    raw.sort_by(f32::total_cmp);
    let mut read: Vec<f32> = series.iter().map(|s| s.2).collect();
    read.sort_by(f32::total_cmp);
    let (raw_p5, read_p5) = (quantile_sorted(&raw, 0.05), quantile_sorted(&read, 0.05));
    eprintln!(
        "calibration eyes, closed (d9.mp4 @10 fps, {} frames): raw ratio p5 {raw_p5:.3}, min {:.3}, median {:.3}; openness p5 {read_p5:.2}",
        series.len(),
        raw[0],
        quantile_sorted(&raw, 0.5)
    );
    assert!(
        read_open.median >= 0.95,
        "open eyes read {:.2}",
        read_open.median
    );
    assert!(read_p5 <= 0.05, "shut eyes read {read_p5:.2}");
}

#[test]
fn mouth_openness_ramp_spans_closed_to_wide_open() {
    const T: &str = "mouth_openness_ramp_spans_closed_to_wide_open";
    let Some(frames) = video_frames(T, D3, 30) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let series = track_clip(engine, &frames, 30, |f| {
        (mouth_gap_ratio(&f.mesh), f.mouth_open)
    });
    let pick = |from: f32, to: f32, value: fn(&(f32, f32, f32)) -> f32| -> Vec<f32> {
        series
            .iter()
            .filter(|s| s.0 >= from && s.0 <= to)
            .map(value)
            .collect()
    };
    // d3.mp4 (11.8 s): lips closed from 3 to 9 s; mouth wide open 10.0-10.7 s, still open after.
    let closed_raw = pick(3.0, 9.0, |s| s.1);
    let closed_read = pick(3.0, 9.0, |s| s.2);
    let wide_raw = pick(10.0, 10.7, |s| s.1);
    let wide_read = pick(10.0, 10.7, |s| s.2);
    let last_read = pick(9.8, 11.8, |s| s.2);
    let p90 = |v: &[f32]| {
        let mut v = v.to_vec();
        v.sort_by(f32::total_cmp);
        quantile_sorted(&v, 0.9)
    };
    eprintln!(
        "calibration mouth (d3.mp4 @30 fps, {} frames): closed 3-9 s raw median {:.3}, p90 {:.3} → openness p90 {:.2}; wide open 10.0-10.7 s raw median {:.3} (min {:.3}) → openness median {:.2}; last 2 s openness median {:.2}",
        series.len(),
        median(&closed_raw),
        p90(&closed_raw),
        p90(&closed_read),
        median(&wide_raw),
        Stats::of(&wide_raw).min,
        median(&wide_read),
        median(&last_read)
    );
    assert!(p90(&closed_read) <= 0.05, "closed mouth reads open");
    assert!(
        median(&wide_read) >= 0.9,
        "wide-open mouth reads {:.2}",
        median(&wide_read)
    );
    assert!(
        median(&last_read) >= 0.6,
        "open mouth (last 2 s) reads {:.2}",
        median(&last_read)
    );
}
