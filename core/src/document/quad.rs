//! Finding the document: the best-supported convex quadrilateral of straight edges, then each
//! side refined on the full-resolution photo to sub-pixel corners.
//!
//! 1. Colour edges on a working copy (long side ≈ [`DocumentConfig::work_long_side`]).
//! 2. The strongest lines (orientation-aware Hough), each re-fitted to the edge pixels along
//!    it, plus the four image borders as weak "virtual" sides for a document that fills or
//!    overflows the frame.
//! 3. Every pair of roughly parallel lines times every other such pair gives a candidate;
//!    candidates must be convex, near-rectangular in angle, of a document's aspect and large
//!    enough. Score: the edge-supported length of the perimeter times the mean side
//!    support, re-ranked by how alike the document margin looks along the four sides; then
//!    an outline containing the best one, seen along its sides and into its corners, replaces
//!    it (the card around its portrait frame or MRZ band; see `select`).
//! 4. Each real side is re-measured at full resolution: the strongest colour step along its
//!    normal at ~48 places, parabola-interpolated, then a robust total-least-squares line.
//!    Corners are the intersections of the refined lines.

use super::config::DocumentConfig;
use crate::frame::RgbImage;
use crate::imgproc::edges::{detect_edges, EdgeMap, EdgeScratch};
use crate::imgproc::hough::hough_lines;
use crate::imgproc::line::{angle_difference_deg, edge_points_near, Line, Support};
use crate::imgproc::plane::{downscale_box, sample_rgb};
use crate::math::{upper_median, Point};

/// A found document outline in full-resolution pixels, in pixel-edge coordinates (pixel
/// (i, j) covers [i, i+1) × [j, j+1), as everywhere in the core).
#[derive(Debug, Clone, PartialEq)]
pub struct Quad {
    /// Top-left, top-right, bottom-right, bottom-left (as the photo shows them).
    pub corners: [Point; 4],
    /// Sides in order top, right, bottom, left; `true` when the side is an image border
    /// (nothing seen there: the document fills or overflows the frame on that side).
    pub virtual_sides: [bool; 4],
    /// Edge support per side in [0, 1] (share of its in-image length on an edge).
    pub support: [f32; 4],
    /// Longest stretch of each side without an edge, as a share of the side's length (corner
    /// zones excluded): where a finger or an object crosses the outline.
    pub longest_gap: [f32; 4],
    pub score: f32,
}

/// Reusable buffers for [`QuadFinder::find`].
#[derive(Debug, Default)]
pub struct QuadFinder {
    work: RgbImage,
    edges: EdgeMap,
    scratch: EdgeScratch,
    accumulator: Vec<u32>,
}

#[derive(Debug, Clone)]
struct Candidate {
    lines: [usize; 4],
    corners: [Point; 4],
    /// Ranking score (edge evidence, then the margin colour's consistency).
    score: f32,
    /// Edge evidence alone: the supported length of the perimeter times the mean support of
    /// the sides seen (image borders neither add nor cost).
    evidence: f32,
    support: [f32; 4],
    /// Per corner, the weaker edge support of its two sides next to it (within
    /// [`CORNER_WINDOW`]; 1 where the zone is outside the frame or the side a border): a true
    /// corner has both edges running into it, a corner made with a background line has not.
    corner_support: [f32; 4],
    /// Per corner, the edge support of its seen sides right next to it (within
    /// [`BORDER_WINDOW`]): where a side meets an image border, whether its edge runs into the
    /// border (the document continues past the frame) or stops short of it.
    reach: [f32; 4],
    /// Sides that are image borders.
    virtual_sides: [bool; 4],
}

/// The stretch of a side next to a corner where the corner's evidence is measured, as shares
/// of the side from the corner: clear of a rounded corner (radius ≤ ~5 % of a card's short
/// side), short enough to notice a side that stops before the corner.
const CORNER_WINDOW: (f32, f32) = (0.06, 0.18);

/// The stretch next to a corner on an image border (shares of the side): a document
/// correctly framed ends before the border by more than this.
const BORDER_WINDOW: (f32, f32) = (0.01, 0.05);

impl Candidate {
    /// The weakest edge support among the sides seen in the photo.
    fn weakest_real_support(&self) -> f32 {
        self.support
            .iter()
            .zip(&self.virtual_sides)
            .filter(|(_, &v)| !v)
            .map(|(s, _)| *s)
            .fold(1.0, f32::min)
    }
}

impl QuadFinder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The working-resolution edge map of the last [`QuadFinder::find`] call.
    pub fn edges(&self) -> &EdgeMap {
        &self.edges
    }

    /// The document outline in `image`, if one is seen. `aspect` narrows the accepted
    /// long/short side ratio (from the document kind).
    pub fn find(
        &mut self,
        image: &RgbImage,
        aspect: (f32, f32),
        config: &DocumentConfig,
    ) -> Option<Quad> {
        let long = image.width().max(image.height()) as usize;
        let factor = long.div_ceil(config.work_long_side.max(64) as usize).max(1);
        downscale_box(image, factor, &mut self.work);
        detect_edges(
            &self.work,
            config.edge_min_magnitude,
            config.edge_max_fraction,
            &mut self.scratch,
            &mut self.edges,
        );
        let (w, h) = (self.work.width() as f32, self.work.height() as f32);
        let min_votes = (config.line_min_votes * w.min(h)) as u32;
        let lines: Vec<(Line, Option<Support>)> = hough_lines(
            &self.edges,
            config.max_lines,
            min_votes,
            &mut self.accumulator,
        )
        .into_iter()
        .map(|(line, _)| {
            let support = Support::measure(&line, &self.edges, config.support_angle_deg);
            // The Hough peak is quantised (1°, 1 px) and pulled by nearby parallel edges: the
            // line re-fitted to the edge pixels along it is kept when it is better supported.
            let points = edge_points_near(&line, &self.edges, config.support_angle_deg, 3);
            let snapped = fit_line_robust(&points, line.normal()).and_then(|fitted| {
                Support::measure(&fitted, &self.edges, config.support_angle_deg)
                    .map(|s| (fitted, s))
            });
            match (support, snapped) {
                (Some(s), Some((fitted, f))) if f.total() > s.total() => (fitted, Some(f)),
                (None, Some((fitted, f))) => (fitted, Some(f)),
                (s, _) => (line, s),
            }
        })
        .filter(|(_, s)| s.is_some())
        .collect();
        // Peaks re-fitted onto the same edge are one line.
        let mut unique: Vec<(Line, Option<Support>)> = Vec::with_capacity(lines.len() + 4);
        for (line, support) in lines {
            let duplicate = unique.iter().any(|(u, _)| {
                angle_difference_deg(u.theta, line.theta) < 1.0
                    && u.distance(line.at(line.param(Point::new(w / 2.0, h / 2.0))))
                        .abs()
                        < 1.5
            });
            if !duplicate {
                unique.push((line, support));
            }
        }
        let mut lines = unique;
        // The image borders, as virtual lines with no support profile.
        let borders = [
            Line {
                theta: std::f32::consts::FRAC_PI_2,
                rho: 0.0,
            },
            Line {
                theta: 0.0,
                rho: w - 1.0,
            },
            Line {
                theta: std::f32::consts::FRAC_PI_2,
                rho: h - 1.0,
            },
            Line {
                theta: 0.0,
                rho: 0.0,
            },
        ];
        lines.extend(borders.iter().map(|&l| (l, None)));
        let best = select(
            best_candidates(&lines, w, h, aspect, config),
            &self.work,
            config,
        )?;
        let best = close_uncrossed_borders(best, &mut lines, &self.edges, (w, h, aspect), config);
        let scale = factor as f32;
        let mut refined = [Line {
            theta: 0.0,
            rho: 0.0,
        }; 4];
        let full_w = image.width() as f32;
        let full_h = image.height() as f32;
        for (side, &index) in best.lines.iter().enumerate() {
            let (line, support) = &lines[index];
            refined[side] = match support {
                None => full_border(side_border(line, w, h), full_w, full_h),
                Some(_) => {
                    let a = best.corners[side].scaled_px(scale);
                    let b = best.corners[(side + 1) % 4].scaled_px(scale);
                    refine_side(image, &line.scaled(scale), a, b, scale)
                        .unwrap_or(line.scaled(scale))
                }
            };
        }
        let mut corners = [Point::default(); 4];
        for i in 0..4 {
            // Corner i joins side i-1 and side i.
            corners[i] = refined[(i + 3) % 4]
                .intersect(&refined[i])
                .unwrap_or(best.corners[i].scaled_px(scale));
        }
        let mut longest_gap = [0f32; 4];
        let mut virtual_sides = [false; 4];
        for (side, &index) in best.lines.iter().enumerate() {
            let (line, support) = &lines[index];
            virtual_sides[side] = support.is_none();
            if let Some(s) = support {
                let (t0, t1) = (
                    line.param(best.corners[side]),
                    line.param(best.corners[(side + 1) % 4]),
                );
                let length = (t1 - t0).abs().max(1.0);
                // Corner zones are skipped: rounded corners and the other side's edge.
                let margin = (t1 - t0) * config.corner_zone;
                longest_gap[side] = s.longest_gap(t0 + margin, t1 - margin) as f32 / length;
            }
        }
        let (corners, virtual_sides, support, longest_gap) =
            reorder(corners, virtual_sides, best.support, longest_gap);
        Some(Quad {
            corners,
            virtual_sides,
            support,
            longest_gap,
            score: best.score,
        })
    }
}

trait ScalePx {
    fn scaled_px(self, factor: f32) -> Point;
}

impl ScalePx for Point {
    fn scaled_px(self, factor: f32) -> Point {
        Point::new((self.x + 0.5) * factor, (self.y + 0.5) * factor)
    }
}

/// Which border (0 top, 1 right, 2 bottom, 3 left) a virtual line is.
fn side_border(line: &Line, w: f32, h: f32) -> usize {
    let horizontal = line.theta > 1.0;
    match (horizontal, line.rho > 0.5 * if horizontal { h } else { w }) {
        (true, false) => 0,
        (false, true) => 1,
        (true, true) => 2,
        (false, false) => 3,
    }
}

/// The image border `border` at full resolution (pixel-edge coordinates: the frame spans
/// [0, w] × [0, h]).
fn full_border(border: usize, w: f32, h: f32) -> Line {
    use std::f32::consts::FRAC_PI_2;
    let (theta, rho) = match border {
        0 => (FRAC_PI_2, 0.0),
        1 => (0.0, w),
        2 => (FRAC_PI_2, h),
        _ => (0.0, 0.0),
    };
    Line { theta, rho }
}

fn best_candidates(
    lines: &[(Line, Option<Support>)],
    w: f32,
    h: f32,
    aspect: (f32, f32),
    config: &DocumentConfig,
) -> Vec<Candidate> {
    let min_separation = config.min_side_separation * w.min(h);
    // Roughly parallel pairs (perspective tilts opposite sides by up to ~30°).
    let mut pairs = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let (a, b) = (&lines[i].0, &lines[j].0);
            if angle_difference_deg(a.theta, b.theta) > config.max_parallel_deg {
                continue;
            }
            let centre = Point::new(w / 2.0, h / 2.0);
            let (da, db) = (a.distance(centre), b.distance(centre));
            let same_normal = (a.theta - b.theta).abs() < std::f32::consts::FRAC_PI_2;
            let gap = if same_normal {
                (da - db).abs()
            } else {
                (da + db).abs()
            };
            if gap < min_separation {
                continue;
            }
            pairs.push((i, j, a.theta));
        }
    }
    let frame_area = w * h;
    // One pool per number of image borders used as sides.
    let mut pools: [Vec<Candidate>; 3] = Default::default();
    for p in 0..pairs.len() {
        for q in p + 1..pairs.len() {
            let (a1, a2, ta) = pairs[p];
            let (b1, b2, tb) = pairs[q];
            if angle_difference_deg(ta, tb) < config.min_corner_deg {
                continue;
            }
            let used = [a1, a2, b1, b2];
            if used.iter().enumerate().any(|(k, x)| used[..k].contains(x)) {
                continue;
            }
            let virtual_count = used.iter().filter(|&&i| lines[i].1.is_none()).count();
            if virtual_count > config.max_virtual_sides {
                continue;
            }
            // Sides in cycle: a1, b2, a2, b1; corner k joins side k-1 and side k.
            let sides = [a1, b2, a2, b1];
            let mut corners = [Point::default(); 4];
            let mut ok = true;
            for k in 0..4 {
                match lines[sides[(k + 3) % 4]].0.intersect(&lines[sides[k]].0) {
                    Some(c) => corners[k] = c,
                    None => ok = false,
                }
            }
            if !ok || !plausible_shape(&corners, w, h, aspect, config) {
                continue;
            }
            let area = polygon_area(&corners);
            if area < config.min_area_fraction * frame_area {
                continue;
            }
            let mut support = [0f32; 4];
            let mut corner_support = [1f32; 4];
            let mut reach = [1f32; 4];
            let mut supported_length = 0.0;
            for k in 0..4 {
                let (line, s) = &lines[sides[k]];
                let (c0, c1) = (corners[k], corners[(k + 1) % 4]);
                let full = c0.distance(c1).max(1.0);
                match s {
                    Some(s) => {
                        let (hit, steps) = s.between(line.param(c0), line.param(c1));
                        if (steps as f32) < config.min_side_in_frame * full {
                            ok = false;
                            break;
                        }
                        support[k] = hit as f32 / steps.max(1) as f32;
                        supported_length += hit as f32;
                        let (t0, t1) = (line.param(c0), line.param(c1));
                        let near = |from: f32, to: f32| {
                            let (hit, steps) =
                                s.between(t0 + (t1 - t0) * from, t0 + (t1 - t0) * to);
                            // A corner zone outside the frame says nothing.
                            if steps < 3 {
                                1.0
                            } else {
                                hit as f32 / steps as f32
                            }
                        };
                        let (start, end) = CORNER_WINDOW;
                        corner_support[k] = corner_support[k].min(near(start, end));
                        corner_support[(k + 1) % 4] =
                            corner_support[(k + 1) % 4].min(near(1.0 - end, 1.0 - start));
                        let (start, end) = BORDER_WINDOW;
                        reach[k] = reach[k].min(near(start, end));
                        reach[(k + 1) % 4] = reach[(k + 1) % 4].min(near(1.0 - end, 1.0 - start));
                    }
                    None => support[k] = config.border_support,
                }
            }
            if !ok {
                continue;
            }
            let weakest = support.iter().cloned().fold(1.0f32, f32::min);
            let mean = support.iter().sum::<f32>() / 4.0;
            if weakest < config.min_side_support || mean < config.min_mean_support {
                continue;
            }
            // Image borders add no evidence: each one used costs a share of the score, so an
            // outline made of background lines and borders loses to a fully seen document.
            let mut score =
                supported_length * mean * config.border_penalty.powi(virtual_count as i32);
            if !borders_crossed(&sides.map(|i| lines[i].1.is_none()), &reach, config) {
                score *= config.uncrossed_border_penalty;
            }
            let real = 4 - virtual_count;
            let real_mean = (0..4)
                .filter(|&k| lines[sides[k]].1.is_some())
                .map(|k| support[k])
                .sum::<f32>()
                / real.max(1) as f32;
            let slot = virtual_count.min(POOLS.len() - 1);
            let (best, size) = (&mut pools[slot], POOLS[slot]);
            if best.len() < size || score > best[best.len() - 1].score {
                best.push(Candidate {
                    lines: sides,
                    corners,
                    score,
                    evidence: supported_length * real_mean,
                    support,
                    corner_support,
                    reach,
                    virtual_sides: sides.map(|i| lines[i].1.is_none()),
                });
                best.sort_by(|a, b| b.score.total_cmp(&a.score));
                best.truncate(size);
            }
        }
    }
    pools.into_iter().flatten().collect()
}

/// Best-scored candidates kept for the final choice, by the number of image borders used as
/// sides (0, 1, 2 or more). Each border costs score, so without pools of their own the
/// outlines of a card running past the frame edge are crowded out by the inner rectangles of
/// its print, and `select` never sees the container it needs.
const POOLS: [usize; 3] = [32, 16, 16];

/// The outline among the best candidates.
///
/// 1. Each score is divided by how unlike the document's margin looks along its four sides:
///    a document has one paper colour just inside its outline, while an outline that borrows
///    a background line has background inside one side.
/// 2. The best is then replaced by a candidate containing it whenever that one is seen along
///    every side and scores not much lower: inner rectangles (the portrait's frame, the line
///    above the MRZ, the edge of a colour band) make convincing outlines, but lie inside the
///    card, whose own outline contains them.
fn select(
    candidates: Vec<Candidate>,
    work: &RgbImage,
    config: &DocumentConfig,
) -> Option<Candidate> {
    let mut pool: Vec<Candidate> = candidates
        .into_iter()
        .map(|mut c| {
            let spread = inner_margin_spread(&c.corners, work);
            c.score /= 1.0 + spread / config.margin_colour_scale;
            c
        })
        .collect();
    pool.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut chosen = 0;
    while let Some(inner) = pool.get(chosen) {
        let inner_area = polygon_area(&inner.corners);
        let container = pool
            .iter()
            .enumerate()
            .filter(|(i, outer)| {
                let more_borders = virtual_count(outer) > virtual_count(inner);
                let min_area = if more_borders {
                    config.container_min_area_at_border
                } else {
                    config.container_min_area
                };
                *i != chosen
                    && (!more_borders
                        || runs_into_borders(outer, config.container_min_border_reach))
                    && polygon_area(&outer.corners) >= min_area * inner_area
                    && outer.weakest_real_support() >= config.container_min_support
                    && outer
                        .corner_support
                        .iter()
                        .filter(|&&s| s >= config.container_min_corner_support)
                        .count()
                        >= 3
                    && outer.evidence >= config.container_min_score * inner.evidence
                    && contains(&outer.corners, &inner.corners, 1.5)
            })
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score));
        match container {
            Some((i, _)) => {
                chosen = i;
            }
            None => break,
        }
    }
    pool.into_iter().nth(chosen)
}

/// An outline using an image border that the document does not cross (the sides next to it
/// stop short of it) is a document inside the frame whose own side there was not among the
/// lines (too weakly seen to be a Hough peak, or crowded out by text lines). That side is
/// looked for where the two sides next to the border stop: the line through their ends,
/// re-fitted to the edge pixels along it, replaces the border when its edge support makes it
/// a side (at least [`DocumentConfig::closing_min_support`]).
fn close_uncrossed_borders(
    mut c: Candidate,
    lines: &mut Vec<(Line, Option<Support>)>,
    edges: &EdgeMap,
    (w, h, aspect): (f32, f32, (f32, f32)),
    config: &DocumentConfig,
) -> Candidate {
    for k in 0..4 {
        // Side k runs from corner k to corner k+1, between sides k-1 and k+1.
        let (before, after) = (c.lines[(k + 3) % 4], c.lines[(k + 1) % 4]);
        if !c.virtual_sides[k]
            || c.reach[k] >= config.border_min_reach
            || c.reach[(k + 1) % 4] >= config.border_min_reach
        {
            continue;
        }
        let (Some(support_before), Some(support_after)) = (&lines[before].1, &lines[after].1)
        else {
            continue;
        };
        let (line_before, line_after) = (lines[before].0, lines[after].0);
        // Where each neighbouring side's edge begins, walking from the border back along it
        // (between the document's corner and the border there is only background).
        let end = |line: &Line, support: &Support, far: Point, near: Point| {
            support
                .dense_start(line.param(near), line.param(far), 10, 0.6)
                .map(|t| line.at(t))
        };
        let (Some(a), Some(b)) = (
            end(
                &line_before,
                support_before,
                c.corners[(k + 3) % 4],
                c.corners[k],
            ),
            end(
                &line_after,
                support_after,
                c.corners[(k + 2) % 4],
                c.corners[(k + 1) % 4],
            ),
        ) else {
            continue;
        };
        let length = a.distance(b);
        if length < 8.0 {
            continue;
        }
        let normal = (-(b.y - a.y) / length, (b.x - a.x) / length);
        let guess = Line::through(a, normal);
        // Edge pixels along the guess between the two ends only (the line runs on into the
        // background beyond them).
        let (ta, tb) = (guess.param(a), guess.param(b));
        let (lo, hi) = (ta.min(tb) - 2.0, ta.max(tb) + 2.0);
        let points: Vec<Point> = edge_points_near(&guess, edges, config.support_angle_deg, 3)
            .into_iter()
            .filter(|p| (lo..=hi).contains(&guess.param(*p)))
            .collect();
        let Some(fitted) = fit_line_robust(&points, normal) else {
            continue;
        };
        let (Some(corner_a), Some(corner_b)) = (
            line_before.intersect(&fitted),
            fitted.intersect(&line_after),
        ) else {
            continue;
        };
        let Some(support) = Support::measure(&fitted, edges, config.support_angle_deg) else {
            continue;
        };
        let (hit, steps) = support.between(fitted.param(corner_a), fitted.param(corner_b));
        let share = hit as f32 / steps.max(1) as f32;
        let mut corners = c.corners;
        corners[k] = corner_a;
        corners[(k + 1) % 4] = corner_b;
        if steps < 8
            || share < config.closing_min_support
            || !plausible_shape(&corners, w, h, aspect, config)
        {
            continue;
        }
        lines.push((fitted, Some(support)));
        c.lines[k] = lines.len() - 1;
        c.virtual_sides[k] = false;
        c.support[k] = share;
        c.corners = corners;
    }
    c
}

/// Whether every image border used as a side is crossed by the document: a seen side next
/// to it runs into it with edge support at least [`DocumentConfig::border_min_reach`] (per
/// corner, `reach`; corners between two borders say nothing). An outline whose seen sides all
/// stop short of the border is a document inside the frame with its own side missed (or a
/// background line in its place), not one running past the frame edge.
fn borders_crossed(virtual_sides: &[bool; 4], reach: &[f32; 4], config: &DocumentConfig) -> bool {
    (0..4).filter(|&k| virtual_sides[k]).all(|k| {
        // Side k runs from corner k (after side k-1) to corner k+1 (before side k+1).
        let ends = [(k, (k + 3) % 4), ((k + 1) % 4, (k + 1) % 4)];
        let mut seen = ends
            .iter()
            .filter(|(_, neighbour)| !virtual_sides[*neighbour])
            .map(|(corner, _)| reach[*corner])
            .peekable();
        seen.peek().is_none() || seen.any(|r| r >= config.border_min_reach)
    })
}

/// Whether the sides seen next to each image border used as a side run into it with their
/// edges (the document continues past the frame there), rather than stopping short of it.
fn runs_into_borders(c: &Candidate, min_support: f32) -> bool {
    (0..4).all(|k| {
        // Side k runs from corner k to corner k+1.
        !c.virtual_sides[k] || (c.reach[k] >= min_support && c.reach[(k + 1) % 4] >= min_support)
    })
}

fn virtual_count(c: &Candidate) -> usize {
    c.virtual_sides.iter().filter(|&&v| v).count()
}

/// Whether every point of `inner` lies inside the convex quadrilateral `outer` or within
/// `tolerance` pixels of it.
fn contains(outer: &[Point; 4], inner: &[Point; 4], tolerance: f32) -> bool {
    let signed: f32 = (0..4)
        .map(|i| outer[i].x * outer[(i + 1) % 4].y - outer[(i + 1) % 4].x * outer[i].y)
        .sum();
    let orientation = signed.signum();
    inner.iter().all(|p| {
        (0..4).all(|k| {
            let (a, b) = (outer[k], outer[(k + 1) % 4]);
            let length = a.distance(b).max(1e-6);
            // Distance of p on the inner side of edge a→b (positive inside).
            let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
            orientation * cross / length >= -tolerance
        })
    })
}

/// Largest colour distance between the mean colours of thin strips just inside each side.
fn inner_margin_spread(corners: &[Point; 4], work: &RgbImage) -> f32 {
    const SAMPLES: usize = 24;
    let centre = Point::new(
        corners.iter().map(|p| p.x).sum::<f32>() / 4.0,
        corners.iter().map(|p| p.y).sum::<f32>() / 4.0,
    );
    let (w, h) = (work.width() as f32, work.height() as f32);
    let mut means: Vec<[f32; 3]> = Vec::with_capacity(4);
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        let (mut sum, mut n) = ([0f32; 3], 0);
        for i in 0..SAMPLES {
            let f = 0.2 + 0.6 * i as f32 / (SAMPLES - 1) as f32;
            let p = Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
            // 6 % of the way towards the centre: inside the margin, clear of the edge.
            let q = Point::new(p.x + (centre.x - p.x) * 0.06, p.y + (centre.y - p.y) * 0.06);
            if q.x < 0.0 || q.y < 0.0 || q.x > w - 1.0 || q.y > h - 1.0 {
                continue;
            }
            let px = work.pixel(q.x as u32, q.y as u32);
            for c in 0..3 {
                sum[c] += px[c] as f32;
            }
            n += 1;
        }
        if n > 0 {
            means.push(sum.map(|v| v / n as f32));
        }
    }
    // One side may differ (a finger or a glare over that margin): the spread is that of the
    // three most alike sides.
    let distance =
        |a: &[f32; 3], b: &[f32; 3]| (0..3).map(|c| (a[c] - b[c]).powi(2)).sum::<f32>().sqrt();
    (0..means.len())
        .map(|dropped| {
            let mut spread = 0f32;
            for i in (0..means.len()).filter(|&i| i != dropped) {
                for j in (i + 1..means.len()).filter(|&j| j != dropped) {
                    spread = spread.max(distance(&means[i], &means[j]));
                }
            }
            spread
        })
        .fold(f32::INFINITY, f32::min)
        .min(255.0)
}

/// Convex, corners near-right-angled (perspective allowed), of a document's aspect, and not
/// mostly outside the frame.
fn plausible_shape(
    c: &[Point; 4],
    w: f32,
    h: f32,
    aspect: (f32, f32),
    config: &DocumentConfig,
) -> bool {
    let slack = config.max_outside_fraction;
    if c.iter().any(|p| {
        p.x < -slack * w || p.y < -slack * h || p.x > (1.0 + slack) * w || p.y > (1.0 + slack) * h
    }) {
        return false;
    }
    let mut sign = 0f32;
    for k in 0..4 {
        let (p0, p1, p2) = (c[k], c[(k + 1) % 4], c[(k + 2) % 4]);
        let (ux, uy) = (p1.x - p0.x, p1.y - p0.y);
        let (vx, vy) = (p2.x - p1.x, p2.y - p1.y);
        let cross = ux * vy - uy * vx;
        if sign != 0.0 && cross * sign <= 0.0 {
            return false;
        }
        sign = cross.signum();
        let cos = (ux * vx + uy * vy)
            / ((ux * ux + uy * uy).sqrt() * (vx * vx + vy * vy).sqrt()).max(1e-6);
        if cos.abs() > config.max_corner_cos {
            return false;
        }
    }
    let s = [0, 1, 2, 3].map(|k| c[k].distance(c[(k + 1) % 4]));
    let (a, b) = ((s[0] + s[2]) / 2.0, (s[1] + s[3]) / 2.0);
    let ratio = a.max(b) / a.min(b).max(1.0);
    ratio >= aspect.0 && ratio <= aspect.1
}

/// Shoelace area of a polygon.
pub fn polygon_area(c: &[Point]) -> f32 {
    let n = c.len();
    (0..n)
        .map(|i| c[i].x * c[(i + 1) % n].y - c[(i + 1) % n].x * c[i].y)
        .sum::<f32>()
        .abs()
        / 2.0
}

/// Puts the corners in the contract order (top-left, top-right, bottom-right, bottom-left,
/// clockwise on screen) and the per-side data with them (side k runs from corner k to k+1).
fn reorder(
    corners: [Point; 4],
    virtual_sides: [bool; 4],
    support: [f32; 4],
    gaps: [f32; 4],
) -> ([Point; 4], [bool; 4], [f32; 4], [f32; 4]) {
    // Clockwise on screen (y down) means a positive shoelace sum.
    let signed: f32 = (0..4)
        .map(|i| corners[i].x * corners[(i + 1) % 4].y - corners[(i + 1) % 4].x * corners[i].y)
        .sum();
    let mut order: Vec<usize> = if signed >= 0.0 {
        vec![0, 1, 2, 3]
    } else {
        vec![0, 3, 2, 1]
    };
    // Side data follows: reversed traversal maps side k (k→k+1) to side of the pair (k+1, k).
    let side_of = |a: usize, b: usize| -> usize {
        if (a + 1) % 4 == b {
            a
        } else {
            b
        }
    };
    let start = (0..4)
        .min_by(|&i, &j| {
            let (p, q) = (corners[order[i]], corners[order[j]]);
            (p.x + p.y).total_cmp(&(q.x + q.y))
        })
        .unwrap_or(0);
    order.rotate_left(start);
    let c = order.iter().map(|&i| corners[i]).collect::<Vec<_>>();
    let mut v = [false; 4];
    let mut s = [0f32; 4];
    let mut g = [0f32; 4];
    for k in 0..4 {
        let side = side_of(order[k], order[(k + 1) % 4]);
        v[k] = virtual_sides[side];
        s[k] = support[side];
        g[k] = gaps[side];
    }
    ([c[0], c[1], c[2], c[3]], v, s, g)
}

/// Re-fits one side at full resolution between its coarse corners `a` and `b`. `None` when
/// too few places show a clear step (the coarse line is then kept).
fn refine_side(image: &RgbImage, coarse: &Line, a: Point, b: Point, scale: f32) -> Option<Line> {
    const SAMPLES: usize = 48;
    let (w, h) = (image.width() as f32, image.height() as f32);
    let (nx, ny) = coarse.normal();
    let reach = (2.0 * scale + 2.0).min(12.0);
    let step = 0.5f32;
    let count = (2.0 * reach / step) as usize + 1;
    let mut points = Vec::with_capacity(SAMPLES);
    let mut profile = vec![[0f32; 3]; count];
    for i in 0..SAMPLES {
        let f = 0.1 + 0.8 * i as f32 / (SAMPLES - 1) as f32;
        let base = Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
        if base.x < reach || base.y < reach || base.x > w - 1.0 - reach || base.y > h - 1.0 - reach
        {
            continue;
        }
        for (k, p) in profile.iter_mut().enumerate() {
            let d = -reach + k as f32 * step;
            *p = sample_rgb(image, base.x + d * nx, base.y + d * ny);
        }
        // Colour step strength between samples one pixel apart.
        let strength = |k: usize| -> f32 {
            let (p, q) = (profile[k - 1], profile[k + 1]);
            ((q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2) + (q[2] - p[2]).powi(2)).sqrt()
        };
        let (mut best_k, mut best) = (0, 0f32);
        for k in 2..count - 2 {
            let s = strength(k);
            if s > best {
                best = s;
                best_k = k;
            }
        }
        if best < 12.0 || best_k == 0 {
            continue;
        }
        let (l, c, r) = (strength(best_k - 1), best, strength(best_k + 1));
        let denom = l - 2.0 * c + r;
        let offset = if denom.abs() > 1e-6 {
            (0.5 * (l - r) / denom).clamp(-0.5, 0.5)
        } else {
            0.0
        };
        let d = -reach + (best_k as f32 + offset) * step;
        points.push(Point::new(base.x + d * nx, base.y + d * ny));
    }
    fit_line_robust(&points, (nx, ny))
}

/// Total-least-squares line through `points`, twice dropping points more than 1.5 px (or 2.5
/// median deviations) away. Keeps the normal's orientation close to `hint`.
fn fit_line_robust(points: &[Point], hint: (f32, f32)) -> Option<Line> {
    let mut inliers: Vec<Point> = points.to_vec();
    let mut line = None;
    for _ in 0..3 {
        if inliers.len() < 8 {
            return line;
        }
        let n = inliers.len() as f32;
        let mx = inliers.iter().map(|p| p.x).sum::<f32>() / n;
        let my = inliers.iter().map(|p| p.y).sum::<f32>() / n;
        let (mut sxx, mut sxy, mut syy) = (0f32, 0f32, 0f32);
        for p in &inliers {
            let (dx, dy) = (p.x - mx, p.y - my);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        // Normal = eigenvector of the smallest eigenvalue of the scatter matrix.
        let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
        let (dx, dy) = (angle.cos(), angle.sin());
        let mut normal = (-dy, dx);
        if normal.0 * hint.0 + normal.1 * hint.1 < 0.0 {
            normal = (dy, -dx);
        }
        let fitted = Line::through(Point::new(mx, my), normal);
        let mut residuals: Vec<f32> = inliers.iter().map(|p| fitted.distance(*p).abs()).collect();
        let Some(median) = upper_median(&mut residuals) else {
            break;
        };
        let limit = (2.5 * median).max(1.5);
        inliers.retain(|p| fitted.distance(*p).abs() <= limit);
        line = Some(fitted);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A card drawn with 4×4 supersampling (exact area coverage at its edges) on a plain
    /// background, tilted and in perspective.
    fn render(corners: &[Point; 4], w: u32, h: u32) -> RgbImage {
        let inside = |x: f32, y: f32| {
            (0..4).all(|k| {
                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) >= 0.0
            })
        };
        let mut data = Vec::with_capacity((w * h * 3) as usize);
        for y in 0..h {
            for x in 0..w {
                let mut cover = 0.0;
                for sy in 0..4 {
                    for sx in 0..4 {
                        let (px, py) = (
                            x as f32 + (sx as f32 + 0.5) / 4.0,
                            y as f32 + (sy as f32 + 0.5) / 4.0,
                        );
                        cover += inside(px, py) as u8 as f32 / 16.0;
                    }
                }
                for (bg, card) in [(70.0, 225.0), (95.0, 215.0), (120.0, 195.0)] {
                    data.push((bg + (card - bg) * cover) as u8);
                }
            }
        }
        RgbImage::from_raw(w, h, data).unwrap()
    }

    #[test]
    fn corners_are_found_to_a_fraction_of_a_pixel() {
        // Pixel-edge coordinates, as the finder reports them: pixel (i, j) covers
        // [i, i+1) × [j, j+1).
        let truth = [
            Point::new(131.3, 97.8),
            Point::new(652.6, 121.2),
            Point::new(641.9, 455.7),
            Point::new(118.4, 430.1),
        ];
        let image = render(&truth, 800, 560);
        let quad = QuadFinder::new()
            .find(&image, (1.1, 3.0), &DocumentConfig::default())
            .expect("found");
        let worst = quad
            .corners
            .iter()
            .zip(&truth)
            .map(|(a, t)| a.distance(*t))
            .fold(0.0, f32::max);
        eprintln!("worst corner error {worst:.3} px");
        assert!(
            worst < 0.25,
            "corners {:?}, worst error {worst:.3} px",
            quad.corners
        );
    }
}
