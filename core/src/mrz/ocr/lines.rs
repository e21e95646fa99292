//! From blobs to MRZ lines: character-sized blobs are chained left to right into text lines;
//! the MRZ is the group of 2 or 3 long, evenly pitched, equally long lines stacked at a
//! regular spacing (the lowest such group when there are several). OCR-B in an MRZ is
//! monospaced, so a line is cut into cells at a uniform pitch rather than by blobs, which
//! survives broken and touching characters.

use super::components::Component;
use crate::math::upper_median;

/// Where one MRZ line's characters are.
#[derive(Debug, Clone, PartialEq)]
pub struct LineGeometry {
    /// Centre of the first character cell.
    pub x_first: f32,
    pub pitch: f32,
    pub count: usize,
    /// Centre line y = `y_at_zero` + `slope` · x.
    pub y_at_zero: f32,
    pub slope: f32,
    /// Height of capitals and digits.
    pub cap_height: f32,
}

impl LineGeometry {
    pub fn cell_center(&self, i: usize) -> (f32, f32) {
        let x = self.x_first + i as f32 * self.pitch;
        (x, self.y_at_zero + self.slope * x)
    }
}

/// A chain of blobs along one text line.
#[derive(Debug, Clone)]
struct Chain {
    members: Vec<usize>,
}

/// Fewest blobs on a line to consider it part of an MRZ (a TD1 line has 30 cells; fillers
/// count, broken or merged characters are tolerated).
const MIN_BLOBS: usize = 20;

fn percentile(mut v: Vec<f32>, p: f32) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    let i = ((v.len() - 1) as f32 * p).round() as usize;
    Some(v[i])
}

/// Blobs that could be MRZ characters (or fillers) in an image of this height.
pub fn character_like(c: &Component, image_height: usize) -> bool {
    let (w, h) = (c.width(), c.height());
    h >= 5 && h <= image_height / 5 && w <= h * 2 && c.pixels >= 8
}

/// Links each blob to its nearest right-hand neighbour on the same text line.
fn chains(blobs: &[Component]) -> Vec<Chain> {
    let mut order: Vec<usize> = (0..blobs.len()).collect();
    order.sort_by(|&a, &b| blobs[a].cx().total_cmp(&blobs[b].cx()));
    let mut next: Vec<Option<usize>> = vec![None; blobs.len()];
    let mut has_prev = vec![false; blobs.len()];
    for (k, &i) in order.iter().enumerate() {
        let a = &blobs[i];
        let ha = a.height() as f32;
        let mut best: Option<(f32, usize)> = None;
        for &j in &order[k + 1..] {
            let b = &blobs[j];
            let gap = b.x0 as f32 - a.x1 as f32;
            if gap > 1.6 * ha {
                if b.cx() - a.cx() > 4.0 * ha {
                    break;
                }
                continue;
            }
            let hb = b.height() as f32;
            let tall = ha.max(hb);
            if (b.cy() - a.cy()).abs() > 0.3 * tall || ha / hb > 2.6 || hb / ha > 2.6 {
                continue;
            }
            if b.cx() <= a.cx() {
                continue;
            }
            let d = b.cx() - a.cx();
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, j));
            }
        }
        if let Some((_, j)) = best {
            if !has_prev[j] {
                next[i] = Some(j);
                has_prev[j] = true;
            }
        }
    }
    let mut out = Vec::new();
    for &i in &order {
        if has_prev[i] {
            continue;
        }
        let mut members = vec![i];
        let mut cur = i;
        while let Some(j) = next[cur] {
            members.push(j);
            cur = j;
        }
        let members = trim_ends(blobs, members);
        if members.len() >= MIN_BLOBS {
            out.push(Chain { members });
        }
    }
    out
}

/// Drops blobs at either end that are not one pitch from their neighbour (a stain or a
/// printed mark next to the MRZ would shift every cell).
fn trim_ends(blobs: &[Component], mut members: Vec<usize>) -> Vec<usize> {
    let step = |m: &[usize], i: usize| blobs[m[i + 1]].cx() - blobs[m[i]].cx();
    let Some(pitch) = upper_median(
        &mut (0..members.len().saturating_sub(1))
            .map(|i| step(&members, i))
            .collect::<Vec<_>>(),
    ) else {
        return members;
    };
    let regular = |d: f32| (0.75 * pitch..=1.3 * pitch).contains(&d);
    while members.len() > 2 && !regular(step(&members, 0)) {
        members.remove(0);
    }
    while members.len() > 2 && !regular(step(&members, members.len() - 2)) {
        members.pop();
    }
    members
}

/// Least-squares line through the blob centres: (y at x=0, slope).
fn fit(blobs: &[Component], members: &[usize]) -> (f32, f32) {
    let n = members.len() as f32;
    let (mut sx, mut sy, mut sxx, mut sxy) = (0.0, 0.0, 0.0, 0.0);
    for &i in members {
        let (x, y) = (blobs[i].cx(), blobs[i].cy());
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    let den = n * sxx - sx * sx;
    let slope = if den.abs() > 1e-3 {
        (n * sxy - sx * sy) / den
    } else {
        0.0
    };
    ((sy - slope * sx) / n, slope)
}

/// Geometry of one chain with `count` cells, or the count it suggests when `count` is None.
fn geometry(blobs: &[Component], chain: &Chain) -> Option<(LineGeometry, f32)> {
    let members = &chain.members;
    let first = &blobs[members[0]];
    let last = &blobs[*members.last()?];
    let mut steps: Vec<f32> = members
        .windows(2)
        .map(|w| blobs[w[1]].cx() - blobs[w[0]].cx())
        .collect();
    let pitch = upper_median(&mut steps)?;
    let span = last.cx() - first.cx();
    let estimated = span / pitch + 1.0;
    let cap_height = percentile(
        members.iter().map(|&i| blobs[i].height() as f32).collect(),
        0.8,
    )?;
    let (y_at_zero, slope) = fit(blobs, members);
    Some((
        LineGeometry {
            x_first: first.cx(),
            pitch,
            count: 0,
            y_at_zero,
            slope,
            cap_height,
        },
        estimated,
    ))
}

/// The MRZ lines, top to bottom, with their cell counts (30, 36 or 44), or `None`.
pub fn find_mrz(blobs: &[Component]) -> Option<Vec<LineGeometry>> {
    let mut lines: Vec<(LineGeometry, f32, f32)> = chains(blobs)
        .iter()
        .filter_map(|c| {
            let (g, estimated) = geometry(blobs, c)?;
            let right = blobs[*c.members.last()?].cx();
            Some((g, estimated, right))
        })
        .collect();
    lines.sort_by(|a, b| a.0.y_at_zero.total_cmp(&b.0.y_at_zero));
    let mut best: Option<Vec<LineGeometry>> = None;
    for n_lines in [3usize, 2] {
        for start in 0..lines.len() {
            let group = match lines.get(start..start + n_lines) {
                Some(g) => g,
                None => continue,
            };
            let Some(mut picked) = consistent_group(group, n_lines) else {
                continue;
            };
            let lowest = |g: &[LineGeometry]| g[0].y_at_zero;
            if best.as_ref().is_none_or(|b| {
                // Prefer three lines over two when both fit the same place; else the lowest.
                (picked.len() > b.len()
                    && (lowest(&picked) - lowest(b)).abs() < picked[0].cap_height * 3.0)
                    || (picked.len() == b.len() && lowest(&picked) > lowest(b))
            }) {
                best = Some(std::mem::take(&mut picked));
            }
        }
    }
    best
}

fn consistent_group(
    group: &[(LineGeometry, f32, f32)],
    n_lines: usize,
) -> Option<Vec<LineGeometry>> {
    let estimated = group.iter().map(|g| g.1).sum::<f32>() / n_lines as f32;
    let count = match n_lines {
        3 => 30,
        _ if (estimated - 36.0).abs() < (estimated - 44.0).abs() => 36,
        _ => 44,
    };
    let cap = group[0].0.cap_height;
    for (g, est, right) in group {
        if (est - count as f32).abs() > 4.0 || (g.cap_height / cap - 1.0).abs() > 0.35 {
            return None;
        }
        // Lines start together and end together.
        if (g.x_first - group[0].0.x_first).abs() > 2.0 * g.pitch
            || (right - group[0].2).abs() > 2.5 * g.pitch
        {
            return None;
        }
    }
    // Even spacing, 1.3-3 cap heights apart.
    for w in group.windows(2) {
        let gap = w[1].0.y_at_zero - w[0].0.y_at_zero;
        if gap < 1.2 * cap || gap > 3.2 * cap {
            return None;
        }
    }
    Some(
        group
            .iter()
            .map(|(g, est, right)| {
                // A chain that covers the whole line gives the pitch from its ends; one that
                // lost a few cells keeps its median step.
                let span = right - g.x_first;
                let pitch = if (est - count as f32).abs() <= 1.0 {
                    span / (count - 1) as f32
                } else {
                    g.pitch
                };
                LineGeometry {
                    count,
                    pitch,
                    ..g.clone()
                }
            })
            .collect(),
    )
}
