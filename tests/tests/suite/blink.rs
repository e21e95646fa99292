//! Eye openness on a real talking-head clip with blinks (SadTalker's reference video of AOC,
//! 512², 25 fps, 8 s; the ten blinks of the by-eye ground truth in `precheck_tests::blinks`,
//! ±0.1 s: the README's seven and 1.42, 4.44, 5.18 s).

use precheck_core::face::eye_gap_ratios;
use precheck_core::FaceObservation;
use precheck_tests::blinks::{AOC, GENUINE_BLINKS};
use precheck_tests::*;

const CLIP: &str = AOC;
const FPS: u32 = 25;

fn blinks_s() -> &'static [f32] {
    GENUINE_BLINKS
        .iter()
        .find(|c| c.clip == AOC)
        .map_or(&[], |c| c.blinks_s)
}

fn openness(face: &FaceObservation) -> f32 {
    (face.eyes_open.left + face.eyes_open.right) / 2.0
}

/// Per listed blink: (time, baseline = median openness 0.3-1.0 s before and after, minimum
/// openness within ±0.2 s). Blinks come every 0.4-1.2 s here, so a 0.5-1.0 s ring would be
/// mostly the neighbouring blink for the first one (0.4 s: nothing before it, 1.0 s after it).
fn blink_contrast(series: &[Option<f32>]) -> Vec<(f32, f32, f32)> {
    let t = |i: usize| i as f32 / FPS as f32;
    blinks_s()
        .iter()
        .map(|&b| {
            let around: Vec<f32> = series
                .iter()
                .enumerate()
                .filter(|(i, _)| (0.3..=1.0).contains(&(t(*i) - b).abs()))
                .filter_map(|(_, v)| *v)
                .collect();
            let low = series
                .iter()
                .enumerate()
                .filter(|(i, _)| (t(*i) - b).abs() <= 0.2 + 1e-4)
                .filter_map(|(_, v)| *v)
                .fold(f32::INFINITY, f32::min);
            (b, median(&around), low)
        })
        .collect()
}

fn report_and_check(mode: &str, series: &[Option<f32>]) {
    let missing = series.iter().filter(|v| v.is_none()).count();
    // "Clearly lower": the openness falls by at least 0.3 of its 0-1 range.
    let contrast = blink_contrast(series);
    let lines: Vec<String> = contrast
        .iter()
        .map(|(t, base, low)| format!("{t:.1}s {base:.2}→{low:.2} (drop {:.2})", base - low))
        .collect();
    eprintln!(
        "blink ({mode}): {} frames, {missing} without a face; openness around → min at blink: {}",
        series.len(),
        lines.join(", ")
    );
    assert_eq!(missing, 0, "{mode}: face lost on {missing} frames");
    for (t, base, low) in contrast {
        assert!(
            base - low >= 0.3,
            "{mode}: blink at {t:.1} s not clearly lower: openness {low:.2} vs {base:.2} around it"
        );
    }
}

#[test]
fn blinks_lower_eye_openness() {
    const T: &str = "blinks_lower_eye_openness";
    let Some(frames) = video_frames(T, CLIP, FPS) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let mut tracker = engine.tracker();
    let (mut tracked, mut stateless, mut raw) = (Vec::new(), Vec::new(), Vec::new());
    for path in &frames {
        let image = load_image(path);
        let face = tracker.track(&image).expect("tracking runs");
        raw.push(face.as_ref().map(|f| {
            let (r, l) = eye_gap_ratios(&f.mesh);
            (r + l) / 2.0
        }));
        tracked.push(face.as_ref().map(openness));
        let report = engine.analyze_image(&image).expect("analysis runs");
        stateless.push(report.faces.first().map(openness));
    }
    let raw_contrast: Vec<String> = blink_contrast(&raw)
        .iter()
        .map(|(t, base, low)| format!("{t:.1}s {base:.3}→{low:.3}"))
        .collect();
    eprintln!(
        "blink (tracking, raw lid gap / inter-ocular): {}",
        raw_contrast.join(", ")
    );
    eprintln!("  tracker stats: {:?}", tracker.stats());
    report_and_check("tracking", &tracked);
    report_and_check("analyze_image", &stateless);
}
