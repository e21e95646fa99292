//! Natural-motion checks: a real head moves continuously. Teleports (the face jumping between
//! frames), jerks (impossible yaw speed or acceleration) and a frozen stream (landmarks that do
//! not move at all, as a replayed still produces) are counted as unnatural-motion events.

use serde::Serialize;

use super::signals::MotionSample;
use crate::face::FaceMesh;
use crate::liveness::thresholds::LivenessThresholds;

/// Kinds of unnatural motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MotionAnomaly {
    Teleport,
    Jerk,
    Frozen,
}

/// One anomaly at a frame time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MotionEvent {
    pub anomaly: MotionAnomaly,
    pub t_ms: i64,
    pub value: f32,
}

/// Running check over consecutive samples of one face.
#[derive(Debug, Clone, Default)]
pub struct MotionChecker {
    previous: Option<MotionSample>,
    /// Eye-centre velocity of the previous step, IOD/s.
    velocity: Option<(f32, f32)>,
    previous_mesh: Option<FaceMesh>,
    frozen_run: u32,
    frozen_reported: bool,
}

impl MotionChecker {
    /// Forgets the previous frame (face lost: the next frame starts a new track).
    pub fn reset(&mut self) {
        self.previous = None;
        self.velocity = None;
        self.previous_mesh = None;
        self.frozen_run = 0;
        self.frozen_reported = false;
    }

    /// Checks `s` (and its mesh, for the frozen check) against the previous frame.
    pub fn push(
        &mut self,
        s: &MotionSample,
        mesh: Option<&FaceMesh>,
        t: &LivenessThresholds,
        events: &mut Vec<MotionEvent>,
    ) {
        if let Some(p) = self.previous {
            let dt_ms = (s.t_ms - p.t_ms).max(1);
            let dt = dt_ms as f32 / 1000.0;
            let iod = p.iod.max(1.0);
            let dx = (s.eye_centre.x - p.eye_centre.x) / iod;
            let dy = (s.eye_centre.y - p.eye_centre.y) / iod;
            let step = (dx * dx + dy * dy).sqrt();
            let scale = (s.iod / iod).max(iod / s.iod.max(1.0));
            if dt_ms <= t.teleport_gap_ms && (step > t.teleport_iod || scale > t.teleport_scale) {
                events.push(MotionEvent {
                    anomaly: MotionAnomaly::Teleport,
                    t_ms: s.t_ms,
                    value: step.max(scale - 1.0),
                });
            }
            let yaw_speed = (s.yaw - p.yaw).abs() / dt;
            let velocity = (dx / dt, dy / dt);
            let accel = self.velocity.map_or(0.0, |(vx, vy)| {
                ((velocity.0 - vx).powi(2) + (velocity.1 - vy).powi(2)).sqrt() / dt
            });
            if dt_ms <= t.teleport_gap_ms
                && (yaw_speed > t.max_yaw_speed || accel > t.jerk_iod_per_s2)
            {
                events.push(MotionEvent {
                    anomaly: MotionAnomaly::Jerk,
                    t_ms: s.t_ms,
                    value: yaw_speed.max(accel),
                });
            }
            self.velocity = Some(velocity);
        }
        if let (Some(mesh), Some(prev)) = (mesh, self.previous_mesh.as_ref()) {
            let moved = mean_point_motion(prev, mesh);
            if moved < t.frozen_px {
                self.frozen_run += 1;
                if self.frozen_run >= t.frozen_frames && !self.frozen_reported {
                    self.frozen_reported = true;
                    events.push(MotionEvent {
                        anomaly: MotionAnomaly::Frozen,
                        t_ms: s.t_ms,
                        value: self.frozen_run as f32,
                    });
                }
            } else {
                self.frozen_run = 0;
                self.frozen_reported = false;
            }
        }
        if let Some(mesh) = mesh {
            match self.previous_mesh.as_mut() {
                Some(stored) => stored.clone_from(mesh),
                None => self.previous_mesh = Some(mesh.clone()),
            }
        }
        self.previous = Some(*s);
    }
}

/// Mean 2-D displacement of corresponding mesh points, pixels.
fn mean_point_motion(a: &FaceMesh, b: &FaceMesh) -> f32 {
    let n = a.points.len().min(b.points.len());
    if n == 0 {
        return f32::INFINITY;
    }
    let sum: f32 = a.points[..n]
        .iter()
        .zip(&b.points[..n])
        .map(|(p, q)| p.xy().distance(q.xy()))
        .sum();
    sum / n as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::liveness::active::detectors::tests::neutral;
    use crate::math::Point;

    fn check(samples: &[MotionSample]) -> Vec<MotionEvent> {
        let mut m = MotionChecker::default();
        let mut ev = Vec::new();
        for s in samples {
            m.push(s, None, &LivenessThresholds::default(), &mut ev);
        }
        ev
    }

    #[test]
    fn smooth_turn_is_natural_teleport_and_snap_are_not() {
        // 60°/s turn with a slow drift: natural.
        let smooth: Vec<_> = (0..60)
            .map(|i| {
                let mut s = neutral(i * 33);
                s.yaw = i as f32 * 2.0;
                s.eye_centre = Point::new(320.0 + i as f32, 200.0);
                s
            })
            .collect();
        assert!(check(&smooth).is_empty());
        let mut jump = smooth.clone();
        for s in &mut jump[30..] {
            s.eye_centre.x += 80.0;
        }
        assert!(check(&jump)
            .iter()
            .any(|e| e.anomaly == MotionAnomaly::Teleport));
        let mut snap = smooth;
        for s in &mut snap[30..] {
            s.yaw += 30.0;
        }
        assert!(check(&snap)
            .iter()
            .any(|e| e.anomaly == MotionAnomaly::Jerk));
    }
}
