//! Challenge detectors on the real clips of `../shared/data/videos` (data README: blink,
//! mouth-open and head-turn moments, visual estimates ±0.2 s), and false triggers on talking.
//!
//! What these clips cannot show: nobody in them was asked to do anything, so there is no
//! "turn left and hold 1.8 s" or "open your mouth when prompted": the session tests build those
//! from segments and scripted streams. Here we check that each detector finds the listed natural
//! events and stays quiet on talking.

use precheck_core::liveness::{
    ActionDetectors, ActionEvent, ActionPhase, ChallengeKind, LivenessThresholds, MotionSample,
};
use precheck_tests::blinks::{duration_s, match_blinks, DetectionKind, AOC, GENUINE_BLINKS};
use precheck_tests::*;

const D3: &str = "videos/KwaiVGI+LivePortrait/assets/examples/driving/d3.mp4";

/// Talking clips (no deliberate wide mouth opening, no head turn held).
const TALKING: [&str; 9] = [
    AOC,
    "videos/OpenTalker+video-retalking/examples/face/1.mp4",
    "videos/OpenTalker+video-retalking/examples/face/2.mp4",
    "videos/OpenTalker+video-retalking/examples/face/3.mp4",
    "videos/OpenTalker+video-retalking/examples/face/4.mp4",
    "videos/OpenTalker+video-retalking/examples/face/5.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d10.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d14.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d20.mp4",
];

/// Tracks every frame of `clip` at `fps`; per frame the signals (None without a face).
fn signals(test: &str, clip: &str, fps: u32) -> Option<Vec<Option<MotionSample>>> {
    let frames = video_frames(test, clip, fps)?;
    let engine = engine(test)?;
    let mut tracker = engine.tracker();
    Some(
        frames
            .iter()
            .enumerate()
            .map(|(i, path)| {
                let t_ms = (i as i64 * 1000) / fps as i64;
                let face = tracker.track(&load_image(path)).expect("tracking runs");
                face.map(|f| MotionSample::from_face(&f, t_ms, false))
            })
            .collect(),
    )
}

fn detect(samples: &[Option<MotionSample>]) -> Vec<ActionEvent> {
    let mut d = ActionDetectors::new(LivenessThresholds::default());
    let mut events = Vec::new();
    for s in samples {
        match s {
            Some(s) => d.push(s, &mut events),
            None => d.reset(),
        }
    }
    events
}

fn completed(events: &[ActionEvent], kind: ChallengeKind) -> Vec<&ActionEvent> {
    events
        .iter()
        .filter(|e| e.kind == kind && e.phase == ActionPhase::Complete)
        .collect()
}

/// Eyes-closed spans (onset = last open frame, end = first reopened frame), seconds, of the
/// completed blinks in `events`.
fn blink_spans(events: &[ActionEvent]) -> Vec<(f32, f32)> {
    completed(events, ChallengeKind::Blink)
        .iter()
        .map(|e| (e.onset_ms as f32 / 1000.0, e.t_ms as f32 / 1000.0))
        .collect()
}

/// Per frame: (t s, right share, left share of the open-eye baseline, yaw, pitch) as the blink
/// detector sees them; for explaining misses.
fn shares(samples: &[Option<MotionSample>]) -> Vec<(f32, f32, f32, f32, f32)> {
    let mut d = ActionDetectors::new(LivenessThresholds::default());
    let mut events = Vec::new();
    let mut out = Vec::new();
    for s in samples {
        let Some(s) = s else {
            d.reset();
            continue;
        };
        if let Some((r, l)) = d.eye_baseline() {
            out.push((
                s.t_ms as f32 / 1000.0,
                s.eye_right / r,
                s.eye_left / l,
                s.yaw,
                s.pitch,
            ));
        }
        d.push(s, &mut events);
    }
    out
}

/// One row of the recall table.
#[derive(Default)]
struct Tally {
    blinks: usize,
    found: usize,
    false_triggers: usize,
    partial: usize,
    seconds: f32,
}

/// Blink recall and false triggers on the by-eye ground truth (`precheck_tests::blinks`), at
/// the sessions' 15 fps and at each clip's native rate.
#[test]
fn blink_recall_and_false_triggers_on_the_ground_truth() {
    const T: &str = "blink_recall_and_false_triggers_on_the_ground_truth";
    let mut totals: Vec<(String, Tally)> = Vec::new();
    for rate in ["15", "native"] {
        let mut total = Tally::default();
        eprintln!("blink detector @{rate} fps: clip | blinks found/listed | missed (s) | false triggers (s, kind) | partial hits");
        for truth in &GENUINE_BLINKS {
            let fps = if rate == "15" { 15 } else { truth.native_fps };
            let Some(samples) = signals(T, truth.clip, fps) else {
                return;
            };
            let spans = blink_spans(&detect(&samples));
            let (found, kinds) = match_blinks(truth, &spans);
            let missed: Vec<f32> = truth
                .blinks_s
                .iter()
                .zip(&found)
                .filter(|(_, f)| !**f)
                .map(|(t, _)| *t)
                .collect();
            let false_triggers: Vec<String> = spans
                .iter()
                .zip(&kinds)
                .filter(|(_, k)| k.is_false_trigger())
                .map(|(s, k)| format!("{:.2}-{:.2} {k:?}", s.0, s.1))
                .collect();
            let partial = kinds
                .iter()
                .filter(|k| **k == DetectionKind::Partial)
                .count();
            let n_found = found.iter().filter(|f| **f).count();
            eprintln!(
                "  {} | {n_found}/{} | {missed:?} | {false_triggers:?} | {partial}",
                truth.clip.rsplit('/').next().unwrap_or(truth.clip),
                truth.blinks_s.len()
            );
            // Why each miss was missed: the lowest shares of the baseline within ±0.15 s and
            // the head motion there.
            let series = shares(&samples);
            for t in &missed {
                let near: Vec<_> = series
                    .iter()
                    .filter(|(ts, ..)| (ts - t).abs() <= 0.15 + 1e-3)
                    .collect();
                let line: Vec<String> = near
                    .iter()
                    .map(|(ts, r, l, yaw, pitch)| {
                        format!("{ts:.2}s r{r:.2} l{l:.2} y{yaw:+.0} p{pitch:+.0}")
                    })
                    .collect();
                eprintln!("      miss {t:.2}: {}", line.join(", "));
            }
            total.blinks += truth.blinks_s.len();
            total.found += n_found;
            total.false_triggers += false_triggers.len();
            total.partial += partial;
            total.seconds += duration_s(samples.len(), fps);
        }
        eprintln!(
            "  all @{rate}: recall {}/{} = {:.0} %, false triggers {} in {:.2} min = {:.2}/min, partial blinks detected {}",
            total.found,
            total.blinks,
            100.0 * total.found as f32 / total.blinks.max(1) as f32,
            total.false_triggers,
            total.seconds / 60.0,
            total.false_triggers as f32 / (total.seconds / 60.0),
            total.partial
        );
        totals.push((rate.to_string(), total));
    }
    // Floors from the measurement (recall 79 % @15, 83 % @native; false triggers 0.8/min @15,
    // 2.3/min @native, in d14's smile with the eyes nearly shut and its lowered lids).
    for (rate, t) in &totals {
        let recall = t.found as f32 / t.blinks.max(1) as f32;
        let per_min = t.false_triggers as f32 / (t.seconds / 60.0);
        assert!(recall >= 0.75, "blink recall @{rate} {recall:.2}");
        let ceiling = if rate == "15" { 2.0 } else { 5.0 };
        assert!(
            per_min <= ceiling,
            "blink false triggers @{rate}: {} in {:.1} s",
            t.false_triggers,
            t.seconds
        );
    }
}

#[test]
fn wide_mouth_opening_found_and_talking_does_not_trigger() {
    const T: &str = "wide_mouth_opening_found_and_talking_does_not_trigger";
    let Some(d3) = signals(T, D3, 15) else {
        return;
    };
    let events = detect(&d3);
    let mouths = completed(&events, ChallengeKind::OpenMouth);
    eprintln!(
        "open_mouth on d3 @15: {:?} s",
        mouths
            .iter()
            .map(|e| e.t_ms as f32 / 1000.0)
            .collect::<Vec<_>>()
    );
    // README: mouth wide open in the last ~2 s (of 11.8 s).
    assert!(
        mouths.iter().any(|e| e.t_ms >= 9_500),
        "the wide opening at the end of d3 is not found"
    );
    let mut minutes = 0.0;
    let mut triggers = Vec::new();
    for clip in TALKING {
        let Some(s) = signals(T, clip, 15) else {
            return;
        };
        minutes += s.len() as f32 / 15.0 / 60.0;
        let events = detect(&s);
        for kind in [
            ChallengeKind::OpenMouth,
            ChallengeKind::TurnLeft,
            ChallengeKind::TurnRight,
            ChallengeKind::Nod,
        ] {
            for e in completed(&events, kind) {
                triggers.push(format!("{clip} {kind} {:.1}s", e.t_ms as f32 / 1000.0));
            }
        }
        let blinks = completed(&events, ChallengeKind::Blink).len();
        eprintln!("  {clip}: {:.1} s, {blinks} blinks", s.len() as f32 / 15.0);
    }
    eprintln!(
        "talking clips: {minutes:.2} min, {} deliberate-action triggers ({:.2}/min): {triggers:?}",
        triggers.len(),
        triggers.len() as f32 / minutes
    );
    assert!(
        triggers.len() as f32 / minutes <= 1.0,
        "talking triggers deliberate actions: {triggers:?}"
    );
}

#[test]
fn head_turns_on_the_turning_clips() {
    const T: &str = "head_turns_on_the_turning_clips";
    for clip in [
        "videos/KwaiVGI+LivePortrait/assets/examples/driving/d12.mp4",
        "videos/KwaiVGI+LivePortrait/assets/examples/driving/d11.mp4",
        "videos/cleardusk+3DDFA/demo@obama/obama.mp4",
        "videos/yoyo-nb+Thin-Plate-Spline-Motion-Model/assets/driving.mp4",
    ] {
        let Some(s) = signals(T, clip, 15) else {
            return;
        };
        let yaws: Vec<f32> = s.iter().flatten().map(|s| s.yaw).collect();
        let max = yaws.iter().copied().fold(f32::MIN, f32::max);
        let min = yaws.iter().copied().fold(f32::MAX, f32::min);
        let events = detect(&s);
        let turns: Vec<String> = events
            .iter()
            .filter(|e| matches!(e.kind, ChallengeKind::TurnLeft | ChallengeKind::TurnRight))
            .map(|e| format!("{} {:?} {:.1}s", e.kind, e.phase, e.t_ms as f32 / 1000.0))
            .collect();
        eprintln!(
            "{clip}: {} frames, {} with a face, yaw {min:+.1}..{max:+.1}; turn events {turns:?}",
            s.len(),
            yaws.len()
        );
    }
}

#[test]
fn mirrored_frames_keep_the_subjects_turn_direction() {
    const T: &str = "mirrored_frames_keep_the_subjects_turn_direction";
    let Some(engine) = engine(T) else { return };
    let Some(frames) = video_frames(T, "videos/cleardusk+3DDFA/demo@obama/obama.mp4", 15) else {
        return;
    };
    // The most turned frame of the clip, and the same frame mirrored as a front camera preview
    // shows it: the session is told `mirrored`, so the subject's yaw must keep its sign.
    let mut best: Option<(f32, precheck_core::frame::RgbImage)> = None;
    let mut tracker = engine.tracker();
    for path in &frames {
        let image = load_image(path);
        if let Some(f) = tracker.track(&image).expect("tracks") {
            if best
                .as_ref()
                .is_none_or(|(y, _)| f.pose.yaw.abs() > y.abs())
            {
                best = Some((f.pose.yaw, image));
            }
        }
    }
    let (yaw, image) = best.expect("faces in the obama clip");
    let mirrored = image.mirrored();
    let report = engine.analyze_image(&mirrored).expect("analysis runs");
    let face = report.faces.first().expect("face in the mirrored frame");
    let plain = MotionSample::from_face(face, 0, false).yaw;
    let corrected = MotionSample::from_face(face, 0, true).yaw;
    eprintln!("obama most turned frame: yaw {yaw:+.1}°, mirrored raw {plain:+.1}°, corrected {corrected:+.1}°");
    assert!(yaw.abs() > 20.0);
    assert_eq!(
        plain.signum(),
        -yaw.signum(),
        "mirroring flips the measured yaw"
    );
    assert_eq!(
        corrected.signum(),
        yaw.signum(),
        "the session's correction restores it"
    );
}
