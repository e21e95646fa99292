//! Straight lines from an edge map: a Hough transform in which each edge pixel votes only
//! near its own gradient direction (fast and free of the cross-talk of all-direction voting),
//! peaks picked with non-maximum suppression.

use super::edges::{EdgeMap, NO_EDGE};
use super::line::Line;

/// Angular resolution: 1°.
const THETA_BINS: usize = 180;
/// Each edge pixel votes for directions within this many degrees of its gradient.
const VOTE_SPREAD_DEG: isize = 2;
/// Peaks closer than this (degrees, pixels) to a stronger one are the same line.
const SUPPRESS_DEG: isize = 5;
const SUPPRESS_RHO: isize = 8;

/// The strongest lines, at most `max_lines`, each with at least `min_votes` edge pixels.
pub fn hough_lines(
    edges: &EdgeMap,
    max_lines: usize,
    min_votes: u32,
    acc: &mut Vec<u32>,
) -> Vec<(Line, u32)> {
    let (w, h) = (edges.width, edges.height);
    let diag = ((w * w + h * h) as f32).sqrt().ceil() as isize;
    let rho_bins = (2 * diag + 1) as usize;
    // θ bins run from −SPREAD to 180 + SPREAD so that a near-vertical edge, whose direction
    // flips between ~0° and ~180° with noise, gathers all its votes on both sides of the seam.
    let spread = VOTE_SPREAD_DEG;
    let total_bins = THETA_BINS + 2 * spread as usize;
    acc.clear();
    acc.resize(total_bins * rho_bins, 0);
    let trig: Vec<(f32, f32)> = (0..total_bins)
        .map(|b| {
            let a = ((b as isize - spread) as f32).to_radians();
            (a.cos(), a.sin())
        })
        .collect();
    let vote = |acc: &mut Vec<u32>, t: isize, x: usize, y: usize| {
        let b = (t + spread) as usize;
        let (c, s) = trig[b];
        let rho = (x as f32 * c + y as f32 * s).round() as isize + diag;
        acc[b * rho_bins + rho as usize] += 1;
    };
    for y in 0..h {
        for x in 0..w {
            let a = edges.angle[y * w + x];
            if a == NO_EDGE {
                continue;
            }
            for d in -spread..=spread {
                let t = a as isize + d;
                if t >= -spread && t < THETA_BINS as isize + spread {
                    vote(acc, t, x, y);
                }
                if t < spread {
                    vote(acc, t + THETA_BINS as isize, x, y);
                }
                if t >= THETA_BINS as isize - spread && t - (THETA_BINS as isize) >= -spread {
                    vote(acc, t - THETA_BINS as isize, x, y);
                }
            }
        }
    }
    // Local maxima above the vote floor, strongest first, then greedy suppression.
    let mut peaks: Vec<(u32, usize, usize)> = Vec::new();
    for t in 0..THETA_BINS {
        let row = (t + spread as usize) * rho_bins;
        for r in 1..rho_bins - 1 {
            let v = acc[row + r];
            if v < min_votes || v < acc[row + r - 1] || v < acc[row + r + 1] {
                continue;
            }
            peaks.push((v, t, r));
        }
    }
    peaks.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
    let mut kept: Vec<(u32, usize, usize)> = Vec::new();
    for (v, t, r) in peaks {
        let close = kept.iter().any(|&(_, kt, kr)| {
            let dt = (t as isize - kt as isize).rem_euclid(THETA_BINS as isize);
            let dt = dt.min(THETA_BINS as isize - dt);
            // Across the 0°/180° seam the same line has the opposite rho.
            let wrapped = (t as isize - kt as isize).abs() > THETA_BINS as isize / 2;
            let kr_eff = if wrapped {
                2 * diag - kr as isize
            } else {
                kr as isize
            };
            dt <= SUPPRESS_DEG && (r as isize - kr_eff).abs() <= SUPPRESS_RHO
        });
        if !close {
            kept.push((v, t, r));
            if kept.len() == max_lines {
                break;
            }
        }
    }
    kept.into_iter()
        .map(|(v, t, r)| {
            (
                Line {
                    theta: (t as f32).to_radians(),
                    rho: r as f32 - diag as f32,
                },
                v,
            )
        })
        .collect()
}
