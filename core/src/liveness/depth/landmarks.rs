//! 3-D consistency: when a real head turns, its landmarks move non-planarly (the nose swings
//! across the cheeks); a photo or a screen turned or tilted in front of the camera moves them as
//! one plane, which a single homography explains. The score is the RMS residual of the best
//! homography from a frontal to a turned landmark set, in inter-ocular distances. FaceMesh bends
//! its points on a strongly swung photo toward its 3-D face prior, so the pixels have a veto:
//! when one homography explains the turned face crop's pixels ([`super::planarity`]), the scene
//! is flat whatever the landmarks say.

use super::planarity::{planar_fit_ncc, FaceCrop};
use crate::face::{inter_ocular_distance, FaceMesh};
use crate::frame::RgbImage;
use crate::imgproc::homography::homography_residual;
use crate::liveness::thresholds::DepthThresholds;
use crate::liveness::verdict::{CheckReport, Verdict};
use crate::math::Point;

/// One frame kept for the check: its yaw, landmarks and grey face crop.
#[derive(Debug, Clone)]
struct View {
    yaw: f32,
    points: Vec<Point>,
    crop: Option<FaceCrop>,
}

impl View {
    fn new(image: &RgbImage, mesh: &FaceMesh, yaw: f32) -> View {
        View {
            yaw,
            points: mesh.points.iter().map(|p| p.xy()).collect(),
            crop: FaceCrop::from_mesh(image, mesh),
        }
    }
}

/// Collects a frontal and the most-turned view per side during a session. A view is copied only
/// when it replaces the kept one (a new most-frontal or most-turned frame).
#[derive(Debug, Clone, Default)]
pub struct DepthCollector {
    /// The most frontal view and its inter-ocular distance.
    frontal: Option<(View, f32)>,
    /// The most turned view per side (left, right).
    turned: [Option<View>; 2],
}

impl DepthCollector {
    pub fn reset(&mut self) {
        *self = DepthCollector::default();
    }

    /// Offers one frame (its upright image and mesh) with its (subject-frame) yaw.
    pub fn push(&mut self, image: &RgbImage, mesh: &FaceMesh, yaw: f32, t: &DepthThresholds) {
        if mesh.points.len() < 468 {
            return;
        }
        if yaw.abs() <= t.frontal_yaw_deg
            && self
                .frontal
                .as_ref()
                .is_none_or(|(v, _)| yaw.abs() < v.yaw.abs())
        {
            self.frontal = Some((View::new(image, mesh, yaw), inter_ocular_distance(mesh)));
        }
        let side = usize::from(yaw < 0.0);
        if self.turned[side]
            .as_ref()
            .is_none_or(|v| yaw.abs() > v.yaw.abs())
        {
            self.turned[side] = Some(View::new(image, mesh, yaw));
        }
    }

    /// The verdict: the largest landmark residual over the sides turned far enough, vetoed
    /// (spoof, note `planar_pixels`) when a homography explains a turned crop's pixels.
    pub fn report(&self, t: &DepthThresholds) -> CheckReport {
        let Some((frontal, iod)) = &self.frontal else {
            return CheckReport::unsure("no_frontal_frame");
        };
        let turned: Vec<&View> = self
            .turned
            .iter()
            .flatten()
            .filter(|v| (v.yaw - frontal.yaw).abs() >= t.min_yaw_change_deg)
            .collect();
        let Some(score) = turned
            .iter()
            .filter_map(|v| homography_residual(&frontal.points, &v.points))
            .map(|r| r / iod.max(1.0))
            .reduce(f32::max)
        else {
            return CheckReport::unsure("no_head_turn");
        };
        let planar_ncc = turned
            .iter()
            .filter_map(|v| planar_fit_ncc(frontal.crop.as_ref()?, v.crop.as_ref()?))
            .reduce(f32::max);
        if planar_ncc.is_some_and(|ncc| ncc >= t.planar_ncc) {
            return CheckReport {
                score: Some(score),
                verdict: Verdict::Spoof,
                note: Some("planar_pixels".to_string()),
            };
        }
        CheckReport {
            score: Some(score),
            verdict: Verdict::from_score(score, t.live_at, t.spoof_below),
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Vec<Point> {
        (0..100)
            .map(|i| {
                Point::new(
                    (i % 10) as f32 * 10.0 + 100.0,
                    (i / 10) as f32 * 12.0 + 80.0,
                )
            })
            .collect()
    }

    #[test]
    fn a_plane_under_perspective_fits_exactly_a_bulge_does_not() {
        let from = grid();
        // A projective map (a tilted plane).
        let to: Vec<Point> = from
            .iter()
            .map(|p| {
                let w = 1.0 + 0.0008 * p.x - 0.0003 * p.y;
                Point::new(
                    (1.1 * p.x + 0.1 * p.y + 5.0) / w,
                    (-0.05 * p.x + 0.95 * p.y + 2.0) / w,
                )
            })
            .collect();
        let r = homography_residual(&from, &to).unwrap();
        assert!(r < 0.01, "{r}");
        // Non-planar: the centre points shift sideways (a nose turning with the head).
        let bulge: Vec<Point> = from
            .iter()
            .map(|p| {
                let d = ((p.x - 145.0).powi(2) + (p.y - 134.0).powi(2)).sqrt();
                Point::new(p.x + 12.0 * (-d / 30.0).exp(), p.y)
            })
            .collect();
        let r = homography_residual(&from, &bulge).unwrap();
        assert!(r > 1.0, "{r}");
        assert!(homography_residual(&from[..3], &to[..3]).is_none());
    }
}
