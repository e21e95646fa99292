//! The 3-D consistency check on real head turns versus a flat photo swung in perspective
//! (planar warps of a real frame). Numbers for BENCHMARKS.md "Liveness".

use precheck_core::face::inter_ocular_distance;
use precheck_core::face::FaceObservation;
use precheck_core::frame::RgbImage;
use precheck_core::imgproc::homography::homography_residual;
use precheck_core::liveness::{
    planar_fit_ncc, CheckReport, DepthCollector, DepthThresholds, FaceCrop, MotionSample, Verdict,
};
use precheck_testkit::attacks::{photo_pose, warp};
use precheck_tests::*;

const TURNING: [&str; 3] = [
    "videos/cleardusk+3DDFA/demo@obama/obama.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d12.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d11.mp4",
];

/// Frontal source frames for the planar attacks (first frame of each clip with |yaw| < 8°).
const SOURCES: [&str; 6] = [
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4",
    "videos/OpenTalker+video-retalking/examples/face/1.mp4",
    "videos/OpenTalker+video-retalking/examples/face/2.mp4",
    "videos/OpenTalker+video-retalking/examples/face/4.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d10.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d14.mp4",
];

/// Residual (IOD) between the most frontal frame and the frame whose yaw differs most from it,
/// with that yaw difference: comparable at equal yaw change whatever the thresholds.
fn extreme_pair(faces: &[(FaceObservation, f32)]) -> Option<(f32, f32)> {
    let (front, fy) = faces
        .iter()
        .min_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))?;
    let (turned, ty) = faces
        .iter()
        .max_by(|a, b| (a.1 - fy).abs().total_cmp(&(b.1 - fy).abs()))?;
    let pts = |f: &FaceObservation| f.mesh.points.iter().map(|p| p.xy()).collect::<Vec<_>>();
    let r = homography_residual(&pts(front), &pts(turned))?;
    Some(((ty - fy).abs(), r / inter_ocular_distance(&front.mesh)))
}

/// Pixel planarity of the most frontal vs the most turned crop: NCC after the best homography.
fn photometric(crops: &[(FaceCrop, f32)]) -> Option<(f32, f32)> {
    let (front, fy) = crops
        .iter()
        .min_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))?;
    let (turned, ty) = crops
        .iter()
        .max_by(|a, b| (a.1 - fy).abs().total_cmp(&(b.1 - fy).abs()))?;
    Some(((ty - fy).abs(), planar_fit_ncc(front, turned)?))
}

/// The session's depth collector fed frame by frame, with the yaw span seen.
struct Depth {
    collector: DepthCollector,
    yaw_range: (f32, f32),
}

impl Depth {
    fn new() -> Depth {
        Depth {
            collector: DepthCollector::default(),
            yaw_range: (f32::MAX, f32::MIN),
        }
    }

    fn push(&mut self, image: &RgbImage, face: &FaceObservation, yaw: f32) {
        self.collector
            .push(image, &face.mesh, yaw, &DepthThresholds::default());
        self.yaw_range = (self.yaw_range.0.min(yaw), self.yaw_range.1.max(yaw));
    }

    fn report(&self) -> (f32, CheckReport) {
        let span = self.yaw_range.1 - self.yaw_range.0;
        (span, self.collector.report(&DepthThresholds::default()))
    }
}

#[test]
fn real_turns_are_non_planar_swung_photos_are_planar() {
    const T: &str = "real_turns_are_non_planar_swung_photos_are_planar";
    let Some(engine) = engine(T) else { return };
    let t = DepthThresholds::default();
    let mut real = Vec::new();
    for clip in TURNING {
        let Some(frames) = video_frames(T, clip, 10) else {
            return;
        };
        let mut tracker = engine.tracker();
        let mut crops = Vec::new();
        let mut depth = Depth::new();
        let faces: Vec<(FaceObservation, f32)> = frames
            .iter()
            .filter_map(|p| {
                let image = load_image(p);
                let f = tracker.track(&image).expect("tracks")?;
                let yaw = MotionSample::from_face(&f, 0, false).yaw;
                if let Some(c) = FaceCrop::from_mesh(&image, &f.mesh) {
                    crops.push((c, yaw));
                }
                depth.push(&image, &f, yaw);
                Some((f, yaw))
            })
            .collect();
        eprintln!(
            "real {clip}: photometric (Δyaw, NCC after best homography) {:?}",
            photometric(&crops)
        );
        let (span, report) = depth.report();
        eprintln!(
            "real {clip}: yaw span {span:.1}°, verdict {:?} (residual {:?} IOD, note {:?}), extreme pair (Δyaw, residual) {:?}",
            report.verdict,
            report.score,
            report.note,
            extreme_pair(&faces)
        );
        real.push(report.verdict);
    }
    let mut planar = Vec::new();
    for clip in SOURCES {
        let Some(frames) = video_frames(T, clip, 1) else {
            return;
        };
        let image = load_image(&frames[0]);
        let (w, h) = (image.width(), image.height());
        // The photo swings about its vertical axis (±40°, then ±65°) and tilts ±15° about the
        // horizontal one, with a hand's drift, seen at a phone's field of view (focal ≈ 1.2 ×
        // width).
        for swing in [40.0, 65.0] {
            let mut tracker = engine.tracker();
            let mut faces = Vec::new();
            let mut crops = Vec::new();
            let mut depth = Depth::new();
            for step in 0..=16 {
                let a = (step as f32 / 16.0 * std::f32::consts::TAU).sin();
                let b = (step as f32 / 16.0 * std::f32::consts::TAU).cos();
                let pose = photo_pose(
                    w,
                    h,
                    10.0 * a,
                    5.0 * b,
                    5.0 * a,
                    0.9,
                    swing * a,
                    15.0 * b,
                    1.2 * w as f32,
                );
                let warped = warp(&image, &pose, [40, 40, 40]);
                if let Some(f) = tracker.track(&warped).expect("tracks") {
                    let yaw = MotionSample::from_face(&f, 0, false).yaw;
                    if let Some(c) = FaceCrop::from_mesh(&warped, &f.mesh) {
                        crops.push((c, yaw));
                    }
                    depth.push(&warped, &f, yaw);
                    faces.push((f, yaw));
                }
            }
            let (span, report) = depth.report();
            eprintln!(
                "planar ±{swing}° {clip}: {} faces, yaw span {span:.1}°, verdict {:?} (residual {:?} IOD, note {:?}), extreme pair (Δyaw, residual) {:?}",
                faces.len(),
                report.verdict,
                report.score,
                report.note,
                extreme_pair(&faces)
            );
            eprintln!(
                "planar ±{swing}° {clip}: photometric (Δyaw, NCC after best homography) {:?}",
                photometric(&crops)
            );
            planar.push(report.verdict);
        }
    }
    eprintln!(
        "depth thresholds: live at ≥ {}, spoof below {}, pixel veto at NCC ≥ {}",
        t.live_at, t.spoof_below, t.planar_ncc
    );
    let live = |v: &[Verdict]| v.iter().filter(|v| **v == Verdict::Live).count();
    let (real_live, planar_live) = (live(&real), live(&planar));
    eprintln!(
        "real turns judged live {real_live}/{}; planar swings judged live {planar_live}/{} {planar:?}",
        real.len(),
        planar.len()
    );
    // The two real turns of 25°+ are heads (d11 turns only 14°: no verdict). No swung photo is
    // judged live: the ±40° swings never show a 20° FaceMesh turn, and the ±65° swings that the
    // landmarks call non-planar are explained by one homography at the pixel level.
    assert!(real_live >= 2, "real head turns not judged live: {real:?}");
    assert_eq!(planar_live, 0, "planar swings judged live: {planar:?}");
}
