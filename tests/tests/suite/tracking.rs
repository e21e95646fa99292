//! The tracker on a real clip: it runs the detector only when it has to, and what it reports on
//! tracked frames matches what a fresh detection reports on the same frame.

use precheck_tests::*;

const CLIP: &str = "videos/KwaiVGI+LivePortrait/assets/examples/driving/d12.mp4";

#[test]
fn tracked_frames_agree_with_fresh_detection() {
    const T: &str = "tracked_frames_agree_with_fresh_detection";
    let Some(engine) = engine(T) else {
        return;
    };
    // Hand-held selfie with head tilts and turns, 10 fps.
    let Some(frames) = video_frames(T, CLIP, 10) else {
        return;
    };
    let mut tracker = engine.tracker();
    let (mut ious, mut eye_errors, mut size_ratios) = (Vec::new(), Vec::new(), Vec::new());
    for path in &frames {
        let image = load_image(path);
        let tracked = tracker.track(&image).expect("tracking runs");
        let fresh = engine.analyze_image(&image).expect("analysis runs");
        let (Some(t), Some(f)) = (tracked, fresh.faces.first()) else {
            continue;
        };
        ious.push(t.bbox.iou(&f.bbox));
        size_ratios.push(t.bbox.width / f.bbox.width);
        let iod = f.landmarks5[0].distance(f.landmarks5[1]);
        if t.landmarks5[0].distance(f.landmarks5[0]) / iod > 0.2 {
            eprintln!("  {}: tracked box {:?} yaw {:.0} conf {:.2}; fresh box {:?} yaw {:.0} conf {:.2} faces {}", path.display(), t.bbox, t.pose.yaw, t.landmark_confidence, f.bbox, f.pose.yaw, f.landmark_confidence, fresh.faces.len());
        }
        for k in 0..2 {
            eye_errors.push(t.landmarks5[k].distance(f.landmarks5[k]) / iod);
        }
    }
    let stats = tracker.stats();
    let iou = Stats::of(&ious);
    let size = Stats::of(&size_ratios);
    let eyes = Stats::of(&eye_errors);
    eprintln!(
        "tracking d12.mp4 @10 fps: {} frames, detector ran on {}; tracked vs fresh box IoU {iou}; width ratio {size}; eye centres / iod {eyes}",
        stats.frames, stats.detector_runs
    );
    assert_eq!(ious.len(), frames.len(), "a face in every frame");
    assert!(
        stats.detector_runs * 10 <= stats.frames,
        "detector ran too often: {stats:?}"
    );
    assert!(iou.median >= 0.8 && iou.min >= 0.6, "boxes disagree: {iou}");
    assert!(
        size.median > 0.9 && size.median < 1.1,
        "box size jumps: {size}"
    );
    assert!(eyes.p90 <= 0.05, "tracked landmarks drift: {eyes}");
}
