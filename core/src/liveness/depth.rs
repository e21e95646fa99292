//! 3-D consistency: when a real head turns, its landmarks move non-planarly (the nose swings
//! across the cheeks); a photo or a screen turned or tilted in front of the camera moves them as
//! one plane, which a single homography explains. The score is the RMS residual of the best
//! homography from a frontal to a turned landmark set, in inter-ocular distances. FaceMesh bends
//! its points on a strongly swung photo toward its 3-D face prior, so the pixels have a veto:
//! when one homography explains the turned face crop's pixels ([`super::planarity`]), the scene
//! is flat whatever the landmarks say.

use super::planarity::{planar_fit_ncc, FaceCrop};
use super::thresholds::DepthThresholds;
use super::verdict::{CheckReport, Verdict};
use crate::face::{inter_ocular_distance, FaceMesh};
use crate::frame::RgbImage;
use crate::math::Point;

/// The least-squares homography (DLT with Hartley normalisation) mapping `from` onto `to`, as
/// row-major `[h0..h8]` in pixel coordinates with h8 = 1. `None` with fewer than 5 pairs or a
/// degenerate fit.
pub fn fit_homography(from: &[Point], to: &[Point]) -> Option<[f64; 9]> {
    let n = from.len().min(to.len());
    if n < 5 {
        return None;
    }
    let (fa, fb) = (normaliser(&from[..n])?, normaliser(&to[..n])?);
    // Unknowns h0..h7 with h8 = 1: for each pair two equations, accumulated in normal form.
    let mut ata = [[0f64; 8]; 8];
    let mut atb = [0f64; 8];
    for (p, q) in from[..n].iter().zip(&to[..n]) {
        let (x, y) = fa.apply(*p);
        let (u, v) = fb.apply(*q);
        let rows = [
            ([x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y], u),
            ([0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y], v),
        ];
        for (row, rhs) in rows {
            for i in 0..8 {
                atb[i] += row[i] * rhs;
                for j in 0..8 {
                    ata[i][j] += row[i] * row[j];
                }
            }
        }
    }
    let h = solve(ata, atb)?;
    // Denormalise: H = Tb⁻¹ · Hn · Ta.
    let hn = [[h[0], h[1], h[2]], [h[3], h[4], h[5]], [h[6], h[7], 1.0]];
    let ta = [
        [fa.s, 0.0, -fa.s * fa.cx],
        [0.0, fa.s, -fa.s * fa.cy],
        [0.0, 0.0, 1.0],
    ];
    let tb_inv = [
        [1.0 / fb.s, 0.0, fb.cx],
        [0.0, 1.0 / fb.s, fb.cy],
        [0.0, 0.0, 1.0],
    ];
    let m = mul3(&tb_inv, &mul3(&hn, &ta));
    let k = m[2][2];
    if k.abs() < 1e-12 || !k.is_finite() {
        return None;
    }
    let out = [
        m[0][0] / k,
        m[0][1] / k,
        m[0][2] / k,
        m[1][0] / k,
        m[1][1] / k,
        m[1][2] / k,
        m[2][0] / k,
        m[2][1] / k,
        1.0,
    ];
    out.iter().all(|v| v.is_finite()).then_some(out)
}

pub(crate) fn mul3(a: &[[f64; 3]; 3], b: &[[f64; 3]; 3]) -> [[f64; 3]; 3] {
    let mut m = [[0.0; 3]; 3];
    for (i, row) in m.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    m
}

/// RMS distance (pixels of `to`) between `to` and `from` mapped by [`fit_homography`].
pub fn homography_residual(from: &[Point], to: &[Point]) -> Option<f32> {
    let h = fit_homography(from, to)?;
    let n = from.len().min(to.len());
    let mut sum = 0f64;
    for (p, q) in from[..n].iter().zip(&to[..n]) {
        let (x, y) = (p.x as f64, p.y as f64);
        let w = h[6] * x + h[7] * y + 1.0;
        if w.abs() < 1e-9 {
            return None;
        }
        let u = (h[0] * x + h[1] * y + h[2]) / w;
        let v = (h[3] * x + h[4] * y + h[5]) / w;
        sum += (u - q.x as f64).powi(2) + (v - q.y as f64).powi(2);
    }
    Some((sum / n as f64).sqrt() as f32)
}

/// Similarity normalisation: centroid to the origin, mean distance √2.
#[derive(Debug, Clone, Copy)]
struct Normaliser {
    cx: f64,
    cy: f64,
    s: f64,
}

impl Normaliser {
    fn apply(&self, p: Point) -> (f64, f64) {
        (
            (p.x as f64 - self.cx) * self.s,
            (p.y as f64 - self.cy) * self.s,
        )
    }
}

fn normaliser(points: &[Point]) -> Option<Normaliser> {
    let n = points.len() as f64;
    let cx = points.iter().map(|p| p.x as f64).sum::<f64>() / n;
    let cy = points.iter().map(|p| p.y as f64).sum::<f64>() / n;
    let mean = points
        .iter()
        .map(|p| ((p.x as f64 - cx).powi(2) + (p.y as f64 - cy).powi(2)).sqrt())
        .sum::<f64>()
        / n;
    (mean > 1e-9 && mean.is_finite()).then(|| Normaliser {
        cx,
        cy,
        s: std::f64::consts::SQRT_2 / mean,
    })
}

/// Gaussian elimination with partial pivoting of an N×N system.
pub(crate) fn solve<const N: usize>(mut a: [[f64; N]; N], mut b: [f64; N]) -> Option<[f64; N]> {
    for col in 0..N {
        let pivot = (col..N).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..N {
            let f = a[row][col] / pivot_row[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0f64; N];
    for row in (0..N).rev() {
        let s: f64 = (row + 1..N).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

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
