//! The passive presentation-attack models on the spoof stills of `../shared/data/spoof` (F1
//! printed poster, F2 tablet screen → spoof; T1 live; stored rotated 90° with EXIF orientation,
//! which the decoder applies) and on live frames of the genuine clips; FaceAntiSpoofing measured
//! beside the MiniFASNets to decide whether it earns a slot.

use precheck_core::liveness::{FaceAntiSpoofing, PadModel, PadScratch, PassiveThresholds};
use precheck_core::models::{load_verified, ModelKind, ModelSource, Network};
use precheck_tests::*;

const SPOOF_DIR: &str = "spoof/minivision-ai+Silent-Face-Anti-Spoofing/images/sample";

const LIVE_CLIPS: [&str; 10] = [
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4",
    "videos/OpenTalker+video-retalking/examples/face/1.mp4",
    "videos/OpenTalker+video-retalking/examples/face/2.mp4",
    "videos/OpenTalker+video-retalking/examples/face/3.mp4",
    "videos/OpenTalker+video-retalking/examples/face/4.mp4",
    "videos/OpenTalker+video-retalking/examples/face/5.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d10.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d14.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d19.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d20.mp4",
];

#[test]
fn minifasnet_separates_spoof_stills_from_live_frames() {
    const T: &str = "minifasnet_separates_spoof_stills_from_live_frames";
    let Some(engine) = engine(T) else { return };
    let Some(data) = require_data(T, &[SPOOF_DIR]) else {
        return;
    };
    let slots = engine.pad_slots();
    if slots.is_empty() {
        skip_or_fail(T, "optional MiniFASNet models absent");
        return;
    }
    let fas = load_verified(
        &ModelSource::Directory(models_dir()),
        ModelKind::FaceAntiSpoofing,
    )
    .ok()
    .and_then(|(bytes, _)| Network::load(ModelKind::FaceAntiSpoofing, &bytes).ok())
    .map(FaceAntiSpoofing::new);
    let mut scratch = PadScratch::default();
    let mut score_all =
        |image: &precheck_core::frame::RgbImage| -> Option<(Vec<f32>, f32, Option<f32>)> {
            let report = engine.analyze_image(image).expect("analysis runs");
            let face = report.faces.first()?;
            let per: Vec<f32> = slots
                .iter()
                .map(|s| {
                    s.model
                        .live_probability(image, &face.bbox, &mut scratch)
                        .expect("model runs")
                })
                .collect();
            let weights: f32 = slots.iter().map(|s| s.weight).sum();
            let fused = per
                .iter()
                .zip(slots)
                .map(|(p, s)| p * s.weight)
                .sum::<f32>()
                / weights;
            let fas_live = fas.as_ref().map(|m| {
                m.live_probability(image, &face.bbox, &mut scratch)
                    .expect("FAS runs")
            });
            Some((per, fused, fas_live))
        };
    let t = PassiveThresholds::default();
    eprintln!("| image | truth | V2 live | V1SE live | fused | FaceAntiSpoofing live |");
    let mut fused_by = Vec::new();
    for (name, spoof) in [
        ("image_F1.jpg", true),
        ("image_F2.jpg", true),
        ("image_T1.jpg", false),
    ] {
        let image = load_image(&data.join(SPOOF_DIR).join(name));
        let (per, fused, fas_live) = score_all(&image).expect("face in the spoof sample");
        eprintln!(
            "| {name} ({}x{}) | {} | {:.3} | {:.3} | {fused:.3} | {:?} |",
            image.width(),
            image.height(),
            if spoof { "spoof" } else { "live" },
            per[0],
            per.get(1).copied().unwrap_or(f32::NAN),
            fas_live
        );
        fused_by.push((spoof, fused, fas_live));
    }
    let mut live_scores = Vec::new();
    let mut fas_live_scores = Vec::new();
    for clip in LIVE_CLIPS {
        let Some(frames) = video_frames(T, clip, 1) else {
            return;
        };
        for path in frames.iter().take(2) {
            let image = load_image(path);
            if let Some((per, fused, fas_live)) = score_all(&image) {
                eprintln!(
                    "| {clip} {} | live | {:.3} | {:.3} | {fused:.3} | {fas_live:?} |",
                    path.file_name().unwrap().to_string_lossy(),
                    per[0],
                    per.get(1).copied().unwrap_or(f32::NAN)
                );
                live_scores.push(fused);
                fas_live_scores.extend(fas_live);
            }
        }
    }
    let live_ok = live_scores.iter().filter(|s| **s >= t.live_at).count();
    let fas_ok = fas_live_scores.iter().filter(|s| **s >= 0.5).count();
    let fas_spoof_caught = fused_by
        .iter()
        .filter(|(spoof, _, f)| *spoof && f.is_some_and(|f| f < 0.5))
        .count();
    eprintln!(
        "MiniFASNet fusion: live frames ≥ {}: {live_ok}/{}; FaceAntiSpoofing: live frames called live {fas_ok}/{}, spoof stills caught {fas_spoof_caught}/2",
        t.live_at,
        live_scores.len(),
        fas_live_scores.len()
    );
    for (spoof, fused, _) in &fused_by {
        if *spoof {
            assert!(*fused < t.spoof_below, "spoof still scored {fused}");
        } else {
            assert!(*fused >= t.live_at, "live still scored {fused}");
        }
    }
    // FaceAntiSpoofing calls half the live frames spoof (score 0): it gets no slot.
    assert!(fas_ok * 2 <= fas_live_scores.len().max(1) || fas.is_none());
    assert!(
        live_ok * 10 >= live_scores.len() * 9,
        "live frames judged live {live_ok}/{}",
        live_scores.len()
    );
}
