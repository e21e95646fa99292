//! 3-D consistency: when a real head turns, its landmarks move non-planarly (the nose swings
//! across the cheeks); a photo or a screen turned or tilted in front of the camera moves them as
//! one plane, which a single homography explains. The verdict is the RMS residual of the best
//! homography from a frontal to a turned landmark set, in inter-ocular distances.

use super::thresholds::DepthThresholds;
use super::verdict::{CheckReport, Verdict};
use crate::face::{inter_ocular_distance, FaceMesh};
use crate::math::Point;

/// RMS distance (pixels of `to`) between `to` and `from` mapped by the least-squares homography
/// (DLT with Hartley normalisation). `None` with fewer than 5 pairs or a degenerate fit.
pub fn homography_residual(from: &[Point], to: &[Point]) -> Option<f32> {
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
    let h = solve8(ata, atb)?;
    let mut sum = 0f64;
    for (p, q) in from[..n].iter().zip(&to[..n]) {
        let (x, y) = fa.apply(*p);
        let w = h[6] * x + h[7] * y + 1.0;
        if w.abs() < 1e-9 {
            return None;
        }
        let u = (h[0] * x + h[1] * y + h[2]) / w;
        let v = (h[3] * x + h[4] * y + h[5]) / w;
        // Back to pixels of `to`.
        let (px, py) = fb.invert(u, v);
        sum += (px - q.x as f64).powi(2) + (py - q.y as f64).powi(2);
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
    fn invert(&self, u: f64, v: f64) -> (f64, f64) {
        (u / self.s + self.cx, v / self.s + self.cy)
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

/// Gaussian elimination with partial pivoting.
fn solve8(mut a: [[f64; 8]; 8], mut b: [f64; 8]) -> Option<[f64; 8]> {
    for col in 0..8 {
        let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..8 {
            let f = a[row][col] / pivot_row[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0f64; 8];
    for row in (0..8).rev() {
        let s: f64 = (row + 1..8).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Collects a frontal and the most-turned landmark set per side during a session.
#[derive(Debug, Clone, Default)]
pub struct DepthCollector {
    frontal: Option<(f32, Vec<Point>, f32)>,
    /// (yaw, points) of the most turned frame per side (left, right).
    turned: [Option<(f32, Vec<Point>)>; 2],
}

impl DepthCollector {
    pub fn reset(&mut self) {
        *self = DepthCollector::default();
    }

    /// Offers one frame's mesh with its (subject-frame) yaw.
    pub fn push(&mut self, mesh: &FaceMesh, yaw: f32, t: &DepthThresholds) {
        if mesh.points.len() < 468 {
            return;
        }
        if yaw.abs() <= t.frontal_yaw_deg
            && self
                .frontal
                .as_ref()
                .is_none_or(|(y, _, _)| yaw.abs() < y.abs())
        {
            let pts = mesh.points.iter().map(|p| p.xy()).collect();
            self.frontal = Some((yaw, pts, inter_ocular_distance(mesh)));
        }
        let side = usize::from(yaw < 0.0);
        if self.turned[side]
            .as_ref()
            .is_none_or(|(y, _)| yaw.abs() > y.abs())
        {
            self.turned[side] = Some((yaw, mesh.points.iter().map(|p| p.xy()).collect()));
        }
    }

    /// The verdict: the largest residual over the sides turned far enough.
    pub fn report(&self, t: &DepthThresholds) -> CheckReport {
        let Some((frontal_yaw, frontal, iod)) = &self.frontal else {
            return CheckReport::unsure("no_frontal_frame");
        };
        let scores: Vec<f32> = self
            .turned
            .iter()
            .flatten()
            .filter(|(yaw, _)| (yaw - frontal_yaw).abs() >= t.min_yaw_change_deg)
            .filter_map(|(_, pts)| homography_residual(frontal, pts))
            .map(|r| r / iod.max(1.0))
            .collect();
        let Some(score) = scores.iter().copied().reduce(f32::max) else {
            return CheckReport::unsure("no_head_turn");
        };
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
