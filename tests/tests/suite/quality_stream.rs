//! Issue 3 on frame streams: the temporal checks (FLICKER, light changing, HOLD_STILL,
//! BACKGROUND_MOVING, focus hunting) and the one-prompt selector on real clips, clean and with
//! controlled changes across frames; and bad input that must give prompts, never a panic.

use precheck_core::frame::RgbImage;
use precheck_core::quality::{frame_issues, measure_frame, rank, QualityThresholds, SelfieGate};
use precheck_core::{FaceObservation, PromptCode};
use precheck_tests::{crop, engine, load_image, require_data, video_frames};

const TEST: &str = "quality_stream";
const SADTALKER: &str =
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4";
const D3: &str = "videos/KwaiVGI+LivePortrait/assets/examples/driving/d3.mp4";

/// Per-frame issue codes and prompts of a clip through the tracker and the gate; `edit` changes
/// frame `i` first. Frames are `1000 / fps` ms apart.
fn run(
    frames: &[std::path::PathBuf],
    fps: u32,
    mut edit: impl FnMut(usize, &mut RgbImage),
) -> (Vec<Vec<PromptCode>>, Vec<Option<PromptCode>>) {
    let engine = engine(TEST).expect("engine");
    let mut tracker = engine.tracker();
    let mut gate = SelfieGate::default();
    let (mut issues, mut prompts) = (Vec::new(), Vec::new());
    for (i, path) in frames.iter().enumerate() {
        let mut image = load_image(path);
        edit(i, &mut image);
        let faces: Vec<FaceObservation> =
            tracker.track(&image).expect("track").into_iter().collect();
        let update = gate.push(&image, &faces, (i as u32 * 1000 / fps) as i64);
        if std::env::var_os("STREAM_DEBUG").is_some() {
            eprintln!("{i} {:?}", update.temporal);
        }
        issues.push(update.issues.iter().map(|x| x.code).collect());
        prompts.push(update.prompt);
    }
    (issues, prompts)
}

fn share(issues: &[Vec<PromptCode>], code: PromptCode, from: usize) -> f32 {
    let n = issues.len().saturating_sub(from).max(1);
    issues[from..].iter().filter(|c| c.contains(&code)).count() as f32 / n as f32
}

fn scale(image: &mut RgbImage, k: f32) {
    for v in image.as_bytes_mut() {
        *v = (*v as f32 * k).round().clamp(0.0, 255.0) as u8;
    }
}

const TEMPORAL: [PromptCode; 3] = [
    PromptCode::Flicker,
    PromptCode::BackgroundMoving,
    PromptCode::HoldStill,
];

#[test]
fn clean_clips_raise_no_temporal_prompt() {
    for (clip, fps) in [(SADTALKER, 25), (D3, 30)] {
        let Some(frames) = video_frames(TEST, clip, fps) else {
            return;
        };
        let (issues, _) = run(&frames, fps, |_, _| {});
        for code in TEMPORAL {
            let s = share(&issues, code, 0);
            println!(
                "{clip}: {code} on {:.1} % of {} frames",
                100.0 * s,
                issues.len()
            );
            assert!(s <= 0.02, "{clip}: {code} on {:.1} % of frames", 100.0 * s);
        }
    }
}

#[test]
fn strobing_and_changing_light_are_flagged() {
    let Some(frames) = video_frames(TEST, SADTALKER, 25) else {
        return;
    };
    let frames = &frames[..100];
    // Strobing from frame 50 on: ±10 % brightness every other frame.
    let (issues, prompts) = run(frames, 25, |i, img| {
        if i >= 50 {
            scale(img, if i % 2 == 0 { 1.1 } else { 0.9 });
        }
    });
    assert!(!issues[..50]
        .iter()
        .any(|c| c.contains(&PromptCode::Flicker)));
    assert!(
        share(&issues, PromptCode::Flicker, 60) > 0.9,
        "{:?}",
        &issues[50..]
    );
    // Flicker is shown unless something more important is (the face leaving the oval).
    assert!(
        prompts[70..]
            .iter()
            .all(|p| p.is_some_and(|c| rank(c) <= rank(PromptCode::Flicker))),
        "{prompts:?}"
    );
    // The light dimming to half over one second.
    let (issues, _) = run(frames, 25, |i, img| {
        let t = (i.saturating_sub(40) as f32 / 25.0).min(1.0);
        scale(img, 1.0 - 0.5 * t);
    });
    assert!(
        share(&issues, PromptCode::Flicker, 55) > 0.5,
        "{:?}",
        &issues[40..]
    );
}

#[test]
fn shaking_head_and_moving_background_are_flagged() {
    let Some(frames) = video_frames(TEST, SADTALKER, 25) else {
        return;
    };
    let frames = &frames[..100];
    // The head jumping ±10 px every frame (the whole frame shifted: a shaking phone does this).
    let (issues, _) = run(frames, 25, |i, img| {
        if i >= 40 {
            let dx: i32 = if i % 2 == 0 { 10 } else { -10 };
            *img = shifted(img, dx);
        }
    });
    assert!(
        share(&issues, PromptCode::HoldStill, 50) > 0.8,
        "{:?}",
        &issues[40..]
    );
    // The clip's face fills its frame: show it smaller, in front of a wider static scene (the
    // first frame, enlarged and blurred), with something dark walking through the scene.
    let first = load_image(&frames[0]);
    let scene = imageproc::filter::gaussian_blur_f32(
        &image::imageops::resize(
            &to_image(&first),
            768,
            768,
            image::imageops::FilterType::Triangle,
        ),
        4.0,
    );
    let (issues, _) = run(frames, 25, |i, img| {
        let mut canvas = scene.clone();
        let small = image::imageops::resize(
            &to_image(img),
            384,
            384,
            image::imageops::FilterType::Triangle,
        );
        image::imageops::overlay(&mut canvas, &small, 192, 384);
        *img = RgbImage::from_raw(768, 768, canvas.into_raw()).expect("buffer");
        if i >= 40 {
            // A person-sized dark shape crossing the scene above the user's head. While it is
            // behind the head and hair area it is not background motion: hence ≥ 60 %, not all.
            let x = ((i as u32 - 40) * 20) % 700;
            fill(img, x, 0, 150, 320, [20, 20, 24]);
        }
    });
    assert!(
        share(&issues, PromptCode::BackgroundMoving, 45) > 0.6,
        "{:?}",
        &issues[40..]
    );
}

#[test]
fn focus_hunting_reads_as_blurry() {
    let Some(frames) = video_frames(TEST, SADTALKER, 25) else {
        return;
    };
    let frames = &frames[..75];
    let (issues, _) = run(frames, 25, |i, img| {
        if i >= 25 && (i / 3) % 2 == 0 {
            // A focus hunt: the lens sweeping out of focus and back every few frames.
            let blurred = imageproc::filter::gaussian_blur_f32(
                &image::RgbImage::from_raw(img.width(), img.height(), img.as_bytes().to_vec())
                    .expect("buffer"),
                4.0,
            );
            *img =
                RgbImage::from_raw(img.width(), img.height(), blurred.into_raw()).expect("buffer");
        }
    });
    assert!(
        share(&issues, PromptCode::Blurry, 40) > 0.9,
        "{:?}",
        &issues[25..]
    );
}

fn to_image(img: &RgbImage) -> image::RgbImage {
    image::RgbImage::from_raw(img.width(), img.height(), img.as_bytes().to_vec()).expect("buffer")
}

fn shifted(img: &RgbImage, dx: i32) -> RgbImage {
    let (w, h) = (img.width() as i32, img.height() as i32);
    let mut out = img.clone();
    let src = img.as_bytes();
    let dst = out.as_bytes_mut();
    for y in 0..h {
        for x in 0..w {
            let sx = (x - dx).clamp(0, w - 1);
            let (i, j) = (((y * w + x) * 3) as usize, ((y * w + sx) * 3) as usize);
            dst[i..i + 3].copy_from_slice(&src[j..j + 3]);
        }
    }
    out
}

fn fill(img: &mut RgbImage, x0: u32, y0: u32, w: u32, h: u32, colour: [u8; 3]) {
    let width = img.width();
    for y in y0..(y0 + h).min(img.height()) {
        for x in x0..(x0 + w).min(width) {
            let i = ((y * width + x) * 3) as usize;
            img.as_bytes_mut()[i..i + 3].copy_from_slice(&colour);
        }
    }
}

#[test]
fn bad_input_gives_prompts_not_panics() {
    let Some(engine) = engine(TEST) else {
        return;
    };
    let thresholds = QualityThresholds::default();
    let mut gate = SelfieGate::default();
    // A 1×1 frame and uniform frames: no face; black reads as too dark.
    for (w, h, v, expected) in [
        (1, 1, 128, PromptCode::FaceNotFound),
        (640, 480, 128, PromptCode::FaceNotFound),
        (640, 480, 0, PromptCode::TooDark),
        (640, 480, 255, PromptCode::TooBright),
    ] {
        let image = RgbImage::from_raw(w, h, vec![v; (w * h * 3) as usize]).expect("buffer");
        let report = engine.analyze_image(&image).expect("analysis");
        let issues = frame_issues(
            &measure_frame(&image, &report.faces, &mut Default::default()),
            &thresholds,
            &[],
        );
        assert_eq!(
            issues.iter().map(|i| i.code).collect::<Vec<_>>(),
            [expected],
            "{w}x{h} grey {v}"
        );
        // Shown once it has lasted past the selector's confirmation time.
        let shown = (0..6)
            .map(|k| gate.push(&image, &report.faces, k * 100).prompt)
            .last();
        assert_eq!(shown, Some(Some(expected)), "{w}x{h} grey {v}");
        gate.reset();
    }
    // A face half outside the frame: cut off (or, when too little is left, not found).
    let Some(data) = require_data(TEST, &["faces_pairs/IDENTITIES.csv"]) else {
        return;
    };
    let photo =
        load_image(&data.join("faces_pairs/ageitgey+face_recognition/examples/obama-720p.jpg"));
    let report = engine.analyze_image(&photo).expect("analysis");
    let face = &report.faces[0];
    let cut_x = (face.bbox.x + 0.5 * face.bbox.width) as u32;
    let half = crop(&photo, cut_x, 0, photo.width() - cut_x, photo.height());
    let report = engine.analyze_image(&half).expect("analysis");
    let issues = frame_issues(
        &measure_frame(&half, &report.faces, &mut Default::default()),
        &thresholds,
        &[],
    );
    let codes: Vec<PromptCode> = issues.iter().map(|i| i.code).collect();
    // Without a face left to find, the frame's own light may be what the prompt says.
    assert!(
        codes.contains(&PromptCode::FaceCutOff)
            || codes == [PromptCode::FaceNotFound]
            || codes == [PromptCode::TooDark],
        "{codes:?}"
    );
}
