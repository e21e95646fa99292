//! Straight lines in normal form and their edge support along the image.

use super::edges::{EdgeMap, NO_EDGE};
use crate::math::Point;

/// The line `x·cos θ + y·sin θ = rho` (θ is the direction of the normal, in [0, π)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub theta: f32,
    pub rho: f32,
}

impl Line {
    pub fn normal(&self) -> (f32, f32) {
        (self.theta.cos(), self.theta.sin())
    }

    /// Unit direction along the line.
    pub fn direction(&self) -> (f32, f32) {
        (-self.theta.sin(), self.theta.cos())
    }

    /// The line through `p` with unit normal `n` (θ folded into [0, π)).
    pub fn through(p: Point, n: (f32, f32)) -> Line {
        let mut theta = n.1.atan2(n.0);
        let mut rho = p.x * n.0 + p.y * n.1;
        if theta < 0.0 {
            theta += std::f32::consts::PI;
            rho = -rho;
        }
        if theta >= std::f32::consts::PI {
            theta -= std::f32::consts::PI;
            rho = -rho;
        }
        Line { theta, rho }
    }

    /// Signed distance from `p`.
    pub fn distance(&self, p: Point) -> f32 {
        let (c, s) = self.normal();
        p.x * c + p.y * s - self.rho
    }

    /// The point of the line nearest the origin.
    pub fn anchor(&self) -> Point {
        let (c, s) = self.normal();
        Point::new(c * self.rho, s * self.rho)
    }

    /// Position of `p`'s projection along [`Line::direction`] from [`Line::anchor`].
    pub fn param(&self, p: Point) -> f32 {
        let (dx, dy) = self.direction();
        let a = self.anchor();
        (p.x - a.x) * dx + (p.y - a.y) * dy
    }

    pub fn at(&self, t: f32) -> Point {
        let (dx, dy) = self.direction();
        let a = self.anchor();
        Point::new(a.x + t * dx, a.y + t * dy)
    }

    /// Where two lines cross; `None` when (nearly) parallel.
    pub fn intersect(&self, other: &Line) -> Option<Point> {
        let (a1, b1) = self.normal();
        let (a2, b2) = other.normal();
        let det = a1 * b2 - a2 * b1;
        if det.abs() < 1e-4 {
            return None;
        }
        Some(Point::new(
            (self.rho * b2 - other.rho * b1) / det,
            (a1 * other.rho - a2 * self.rho) / det,
        ))
    }

    /// A line in working-image pixel indices as a full-resolution line in pixel-edge
    /// coordinates (`full = (work + 0.5)·factor`).
    pub fn scaled(&self, factor: f32) -> Line {
        let (c, s) = self.normal();
        let offset = 0.5 * factor;
        Line {
            theta: self.theta,
            rho: self.rho * factor + offset * (c + s),
        }
    }

    /// The `[t_min, t_max]` span of the line inside a `w`×`h` image, if it crosses it.
    pub fn clip(&self, w: f32, h: f32) -> Option<(f32, f32)> {
        let a = self.anchor();
        let (dx, dy) = self.direction();
        let (mut lo, mut hi) = (f32::NEG_INFINITY, f32::INFINITY);
        for (p, d, max) in [(a.x, dx, w - 1.0), (a.y, dy, h - 1.0)] {
            if d.abs() < 1e-6 {
                if p < 0.0 || p > max {
                    return None;
                }
                continue;
            }
            let (t0, t1) = ((0.0 - p) / d, (max - p) / d);
            lo = lo.max(t0.min(t1));
            hi = hi.min(t0.max(t1));
        }
        (hi > lo).then_some((lo, hi))
    }
}

/// The edge pixels within `reach` pixels of `line` whose direction is within `max_angle_deg`
/// of it (one per step along the line, the nearest), to re-fit the line to them.
pub fn edge_points_near(
    line: &Line,
    edges: &EdgeMap,
    max_angle_deg: f32,
    reach: i32,
) -> Vec<Point> {
    let mut points = Vec::new();
    let Some((t_min, t_max)) = line.clip(edges.width as f32, edges.height as f32) else {
        return points;
    };
    let (nx, ny) = line.normal();
    let line_rad = line.theta;
    let steps = (t_max - t_min).floor() as usize + 1;
    for i in 0..steps {
        let p = line.at(t_min + i as f32);
        let nearest = (0..=reach).flat_map(|d| [d, -d]).find_map(|d| {
            let x = (p.x + d as f32 * nx).round();
            let y = (p.y + d as f32 * ny).round();
            if x < 0.0 || y < 0.0 || x >= edges.width as f32 || y >= edges.height as f32 {
                return None;
            }
            let a = edges.angle[y as usize * edges.width + x as usize];
            (a != NO_EDGE
                && angle_difference_deg((a as f32).to_radians(), line_rad) <= max_angle_deg)
                .then_some(Point::new(x, y))
        });
        points.extend(nearest);
    }
    points
}

/// Smallest difference between two angles modulo π, in degrees.
pub fn angle_difference_deg(a: f32, b: f32) -> f32 {
    let d = (a - b).to_degrees().rem_euclid(180.0);
    d.min(180.0 - d)
}

/// Edge support along a line: for every unit step of the line's in-image span, whether an
/// edge pixel with the line's orientation lies within a pixel of it; prefix sums for O(1)
/// queries of any stretch.
#[derive(Debug, Clone)]
pub struct Support {
    pub t_min: f32,
    /// `prefix[i]` = supported steps among the first `i`.
    prefix: Vec<u32>,
    /// Per step, supported or not (for the longest-gap query).
    hits: Vec<bool>,
}

impl Support {
    /// Supported steps over the whole line.
    pub fn total(&self) -> u32 {
        self.prefix.last().copied().unwrap_or(0)
    }

    pub fn measure(line: &Line, edges: &EdgeMap, max_angle_deg: f32) -> Option<Support> {
        let (t_min, t_max) = line.clip(edges.width as f32, edges.height as f32)?;
        let steps = (t_max - t_min).floor() as usize + 1;
        let (nx, ny) = line.normal();
        let line_deg = line.theta.to_degrees();
        let mut prefix = Vec::with_capacity(steps + 1);
        let mut hits = Vec::with_capacity(steps);
        prefix.push(0);
        let mut count = 0;
        for i in 0..steps {
            let p = line.at(t_min + i as f32);
            let mut hit = false;
            for off in [0.0f32, -1.0, 1.0] {
                let x = (p.x + off * nx).round();
                let y = (p.y + off * ny).round();
                if x < 0.0 || y < 0.0 || x >= edges.width as f32 || y >= edges.height as f32 {
                    continue;
                }
                let a = edges.angle[y as usize * edges.width + x as usize];
                if a != NO_EDGE
                    && angle_difference_deg((a as f32).to_radians(), line_deg.to_radians())
                        <= max_angle_deg
                {
                    hit = true;
                    break;
                }
            }
            count += hit as u32;
            prefix.push(count);
            hits.push(hit);
        }
        Some(Support {
            t_min,
            prefix,
            hits,
        })
    }

    fn index(&self, t: f32) -> usize {
        ((t - self.t_min).round().max(0.0) as usize).min(self.hits.len())
    }

    /// (supported steps, in-image steps) between parameters `t0` and `t1`.
    pub fn between(&self, t0: f32, t1: f32) -> (u32, u32) {
        let (a, b) = (self.index(t0.min(t1)), self.index(t0.max(t1)));
        (self.prefix[b] - self.prefix[a], (b - a) as u32)
    }

    /// Walking from `from` towards `to`, the parameter of the first supported step that
    /// starts a dense stretch (at least `density` of the next `window` steps supported): where
    /// a seen edge begins after a stretch without one. `None` when there is none.
    pub fn dense_start(&self, from: f32, to: f32, window: usize, density: f32) -> Option<f32> {
        if self.hits.is_empty() {
            return None;
        }
        let last = self.hits.len() - 1;
        let (start, stop) = (self.index(from).min(last), self.index(to).min(last));
        let window = window.max(1);
        let needed = (density * window as f32).ceil() as u32;
        let dense = |i: usize| -> bool {
            if !self.hits[i] {
                return false;
            }
            // The window runs on in the walking direction.
            let (a, b) = if start <= stop {
                (i, (i + window).min(self.hits.len()))
            } else {
                (i.saturating_sub(window - 1), i + 1)
            };
            self.prefix[b] - self.prefix[a] >= needed
        };
        let found = if start <= stop {
            (start..=stop).find(|&i| dense(i))
        } else {
            (stop..=start).rev().find(|&i| dense(i))
        };
        found.map(|i| self.t_min + i as f32)
    }

    /// The longest unsupported run (in steps) between `t0` and `t1`.
    pub fn longest_gap(&self, t0: f32, t1: f32) -> u32 {
        let (a, b) = (self.index(t0.min(t1)), self.index(t0.max(t1)));
        let mut longest = 0;
        let mut run = 0;
        for &hit in &self.hits[a..b] {
            run = if hit { 0 } else { run + 1 };
            longest = longest.max(run);
        }
        longest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_intersect_and_clip() {
        let vertical = Line::through(Point::new(10.0, 0.0), (1.0, 0.0));
        let horizontal = Line::through(Point::new(0.0, 5.0), (0.0, -1.0));
        let p = vertical.intersect(&horizontal).unwrap();
        assert!((p.x - 10.0).abs() < 1e-4 && (p.y - 5.0).abs() < 1e-4);
        let (t0, t1) = vertical.clip(100.0, 50.0).unwrap();
        assert!(((t1 - t0) - 49.0).abs() < 1e-3);
        assert!(horizontal.distance(Point::new(3.0, 7.0)).abs() - 2.0 < 1e-4);
    }
}
