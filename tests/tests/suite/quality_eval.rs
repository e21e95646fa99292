//! Issue 3 evaluation: every selfie check on clean real frames (false alarms) and on the same
//! frames with a seeded, controlled degradation (detection rate). Prints the table that
//! BENCHMARKS.md quotes and asserts the targets on the fixed seed.
//!
//! Clean frames: `precheck_testkit::selfie` re-frames real faces (clip frames at 1 fps and the
//! single-face photos of `faces_pairs`) as a phone selfie. Each degradation's parameters are
//! drawn per frame from ranges (`precheck_testkit::degrade`), not tuned to any image.

use precheck_core::quality::{frame_issues, measure_frame, QualityScratch, QualityThresholds};
use precheck_core::{Issue, PromptCode};
use precheck_testkit::degrade::{degrade, Degradation, Rng};
use precheck_testkit::selfie::{clean_frame, CleanFrame};
use precheck_tests::split::{part_of, part_of_key, Part};
use precheck_tests::{
    engine, load_image, require_data, single_face_photos, single_face_photos_with_identity,
    try_load_image, video_frames,
};

const TEST: &str = "quality_eval";
const SEED: u64 = 0x005E_1F1E;

const CLIPS: [&str; 12] = [
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4",
    "videos/OpenTalker+video-retalking/examples/face/1.mp4",
    "videos/OpenTalker+video-retalking/examples/face/2.mp4",
    "videos/OpenTalker+video-retalking/examples/face/3.mp4",
    "videos/OpenTalker+video-retalking/examples/face/4.mp4",
    "videos/OpenTalker+video-retalking/examples/face/5.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d0.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d10.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d12.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d14.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d19.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d20.mp4",
];

fn expected(d: Degradation) -> PromptCode {
    match d {
        Degradation::Darken => PromptCode::TooDark,
        Degradation::Overexpose => PromptCode::TooBright,
        Degradation::Backlight => PromptCode::Backlit,
        Degradation::SideShadow
        | Degradation::SideRamp
        | Degradation::RadialFalloff
        | Degradation::ColouredSideLight => PromptCode::UnevenLight,
        Degradation::GaussianBlur | Degradation::MotionBlur => PromptCode::Blurry,
        Degradation::Haze => PromptCode::LensDirty,
        Degradation::Sunglasses => PromptCode::Sunglasses,
        Degradation::Mask => PromptCode::Mask,
        Degradation::HatBand => PromptCode::HeadCovered,
        Degradation::HairOverEye => PromptCode::EyesCovered,
        Degradation::GlassesGlare => PromptCode::GlassesGlare,
        Degradation::SmallFace => PromptCode::FaceTooFar,
        Degradation::OffCentre => PromptCode::FaceNotCentered,
        Degradation::SecondFace => PromptCode::MultipleFaces,
    }
}

fn clean_frames(rng: &mut Rng) -> Option<Vec<CleanFrame>> {
    let engine = engine(TEST)?;
    let data = require_data(TEST, &["faces_pairs/IDENTITIES.csv"])?;
    let mut frames = Vec::new();
    for clip in CLIPS {
        let paths = video_frames(TEST, clip, 1)?;
        let short = clip.rsplit('/').next().unwrap_or(clip);
        for (i, path) in paths.iter().enumerate() {
            let name = format!("{short}#{i}");
            if let Some(f) = clean_frame(engine, name, &load_image(path), 50.0, rng) {
                frames.push(f);
            }
        }
    }
    for photo in single_face_photos(&data) {
        if let Some(image) = try_load_image(&data.join(&photo)) {
            if let Some(f) = clean_frame(engine, photo.clone(), &image, 55.0, rng) {
                frames.push(f);
            }
        }
    }
    Some(frames)
}

fn issues_of(
    label: &str,
    image: &precheck_core::frame::RgbImage,
    scratch: &mut QualityScratch,
) -> (Vec<Issue>, bool) {
    let engine = engine(TEST).expect("engine");
    let report = engine.analyze_image(image).expect("analysis");
    let measures = measure_frame(image, &report.faces, scratch);
    if std::env::var_os("QUALITY_EVAL_DUMP").is_some() {
        dump(label, &measures);
    }
    let issues = frame_issues(&measures, &QualityThresholds::default(), &[]);
    (issues, !report.faces.is_empty())
}

/// One tab-separated line of the raw measures, for studying the distributions
/// (`QUALITY_EVAL_DUMP=1`).
fn dump(label: &str, m: &precheck_core::quality::FrameMeasures) {
    let mut v = vec![
        m.face_count as f32,
        m.second_face_ratio,
        m.haze.mean,
        m.haze.dark_floor,
        m.haze.contrast_range,
    ];
    if let Some(f) = &m.face {
        let l = &f.light;
        let (e, c) = (&f.eyes, &f.coverings);
        v.extend([
            l.mean,
            l.under_exposed,
            l.over_exposed,
            l.background_mean,
            l.background_bright,
            l.uniformity,
            l.half_ratio,
            f.sharpness,
            e.right.brightness_ratio,
            e.left.brightness_ratio,
            e.right.dark_fraction,
            e.left.dark_fraction,
            e.right.texture_ratio,
            e.left.texture_ratio,
            e.right.specular_fraction,
            e.left.specular_fraction,
            e.right.chroma_distance,
            e.left.chroma_distance,
            0.0,
            0.0,
            0.0,
            c.forehead.chroma,
            c.forehead.brightness,
            c.forehead.texture_ratio,
            c.mouth_contrast.chroma,
            c.mouth_contrast.brightness,
            c.mouth_contrast.texture_ratio,
            f.framing.face_width_share,
            f.framing.offset_x,
            f.framing.offset_y,
        ]);
    }
    let values: Vec<String> = v.iter().map(|x| format!("{x:.4}")).collect();
    eprintln!("DUMP\t{label}\t{}", values.join("\t"));
}

#[test]
fn selfie_checks_detect_degradations_and_pass_clean_frames() {
    let mut rng = Rng::new(SEED);
    let Some(frames) = clean_frames(&mut rng) else {
        return;
    };
    assert!(frames.len() >= 60, "only {} clean frames", frames.len());
    let mut scratch = QualityScratch::default();
    let clean_issues: Vec<Vec<Issue>> = frames
        .iter()
        .map(|f| issues_of(&format!("clean\t{}", f.name), &f.image, &mut scratch).0)
        .collect();
    let dump = std::env::var_os("QUALITY_EVAL_DUMP").is_some();
    let parts: Vec<Part> = frames.iter().map(|f| frame_part(&f.name)).collect();
    // Per degradation and part: frames, detected, false alarms on the clean frames.
    let mut per_part = Vec::new();
    println!(
        "\nquality evaluation: {} clean frames (seed {SEED:#x})\n",
        frames.len()
    );
    println!(
        "| degradation | check | detected | rate | no face found | false alarms on clean | rate |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut failures = Vec::new();
    for d in Degradation::ALL {
        let code = expected(d);
        let mut detected = 0;
        let mut no_face = 0;
        let mut missed = Vec::new();
        for (i, f) in frames.iter().enumerate() {
            let other = &frames[(i + 1) % frames.len()];
            let image = degrade(d, &f.image, &f.face, (&other.image, &other.face), &mut rng);
            let (issues, face_found) =
                issues_of(&format!("{d:?}\t{}", f.name), &image, &mut scratch);
            if issues.iter().any(|x| x.code == code) {
                detected += 1;
                tally(&mut per_part, d, parts[i]).1 += 1;
            } else {
                no_face += !face_found as usize;
                missed.push(format!(
                    "{} [{}]",
                    f.name,
                    issues
                        .iter()
                        .map(|x| x.code.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
            }
        }
        let false_alarms: Vec<&str> = frames
            .iter()
            .zip(&clean_issues)
            .filter(|(_, issues)| issues.iter().any(|x| x.code == code))
            .map(|(f, _)| f.name.as_str())
            .collect();
        for (i, issues) in clean_issues.iter().enumerate() {
            let t = tally(&mut per_part, d, parts[i]);
            t.0 += 1;
            t.2 += usize::from(issues.iter().any(|x| x.code == code));
        }
        let n = frames.len() as f32;
        let (rate, fa) = (detected as f32 / n, false_alarms.len() as f32 / n);
        println!(
            "| {d:?} | {code} | {detected}/{} | {:.1} % | {no_face} | {}/{} | {:.1} % |",
            frames.len(),
            100.0 * rate,
            false_alarms.len(),
            frames.len(),
            100.0 * fa
        );
        if dump {
            eprintln!("  {d:?} missed: {missed:?}\n  false alarms: {false_alarms:?}");
        }
        // A face shrunk until the detector loses it gets FACE_NOT_FOUND, not FACE_TOO_FAR: the
        // target for that check counts the frames where a face was still found.
        let rate_found = detected as f32 / (frames.len() - no_face).max(1) as f32;
        let judged = if d == Degradation::SmallFace {
            rate_found
        } else {
            rate
        };
        if judged < detection_floor(d) || fa > 0.05 {
            failures.push(format!("{code}: detection {rate:.3}, false alarms {fa:.3}"));
        }
    }
    println!("\n| degradation | detected, tune | test | false alarms, tune | test |");
    println!("|---|---|---|---|---|");
    for d in Degradation::ALL {
        let [tune, test] = Part::BOTH.map(|p| {
            per_part
                .iter()
                .find(|(dd, pp, _)| *dd == d && *pp == p)
                .map_or((0, 0, 0), |(_, _, t)| *t)
        });
        println!(
            "| {d:?} | {}/{} | {}/{} | {}/{} | {}/{} |",
            tune.1, tune.0, test.1, test.0, tune.2, tune.0, test.2, test.0
        );
    }
    let any_clean_issue = clean_issues.iter().filter(|i| !i.is_empty()).count();
    println!(
        "\nclean frames with any issue: {any_clean_issue}/{}",
        frames.len()
    );
    // Every code on the clean frames, including those without a degradation here (pose and
    // expression are properties of the source frames: talking, turned heads).
    let mut counts = std::collections::BTreeMap::new();
    for issues in &clean_issues {
        for issue in issues {
            *counts.entry(issue.code.as_str()).or_insert(0) += 1;
        }
    }
    println!("issues on clean frames: {counts:?}");
    assert!(failures.is_empty(), "targets missed: {failures:#?}");
}

/// The detection each drawn degradation must reach: 90 %, except for the accusing occlusion
/// checks, whose thresholds are set for precision on real faces (`occlusion_real.rs`: no
/// genuine face of the tune part accused). Drawn sunglasses, masks, hat bands and strands are
/// cleaner than real ones, and a share of them now falls inside what genuine faces show; the
/// floors are the measured rates rounded down (BENCHMARKS.md).
fn detection_floor(d: Degradation) -> f32 {
    match d {
        Degradation::Sunglasses => 0.80,
        Degradation::Mask => 0.85,
        Degradation::HatBand => 0.55,
        Degradation::HairOverEye => 0.85,
        // Light shapes added to show what is not caught: a gentle ramp across the frame and a
        // lamp beside the face are within what real frames under room light show (the lamp's
        // fall-off mostly reads TOO_DARK). Their figures are reported, not asserted.
        Degradation::SideRamp | Degradation::RadialFalloff => 0.0,
        Degradation::ColouredSideLight => 0.55,
        _ => 0.9,
    }
}

/// The part of the written split a clean frame belongs to: its clip, or its photo's person.
fn frame_part(name: &str) -> Part {
    if let Some((short, _)) = name.split_once('#') {
        let clip = CLIPS
            .iter()
            .find(|c| c.rsplit('/').next() == Some(short))
            .copied()
            .unwrap_or(short);
        return part_of(clip);
    }
    let data = precheck_tests::data_dir();
    single_face_photos_with_identity(&data)
        .into_iter()
        .find(|(photo, _)| photo == name)
        .map_or_else(|| part_of(name), |(_, id)| part_of_key(&id))
}

/// The tally of `d` on `part`: (frames, detected, false alarms on the clean frames).
fn tally(
    per_part: &mut Vec<(Degradation, Part, (usize, usize, usize))>,
    d: Degradation,
    part: Part,
) -> &mut (usize, usize, usize) {
    let at = match per_part
        .iter()
        .position(|(dd, pp, _)| *dd == d && *pp == part)
    {
        Some(at) => at,
        None => {
            per_part.push((d, part, (0, 0, 0)));
            per_part.len() - 1
        }
    };
    &mut per_part[at].2
}
