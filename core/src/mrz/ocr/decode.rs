//! From per-cell character scores to MRZ text: each position only takes the characters its
//! field allows (digits in dates and check digits, letters in names and country codes), then
//! every check digit that disagrees is settled by the cheapest change to runner-up readings
//! (one, else two characters) that makes it agree.

use super::classify::CHARSET;
use crate::mrz::checks::{self, CheckField, CheckSpec};
use crate::mrz::format::{MrzFormat, Pos};
use crate::mrz::repair::{kind, Kind};

/// Runner-up readings kept per position.
const ALTERNATIVES: usize = 3;
/// The most similarity a check digit may trade for agreement, per changed character and in
/// total: a runner-up must have been nearly as likely. Without a bound, two free changes
/// satisfy almost any check digit and "valid" would mean nothing.
const MAX_COST_ONE: f32 = 0.08;
const MAX_COST_TWO: f32 = 0.10;

fn allowed(k: Kind, c: u8) -> bool {
    match k {
        Kind::Numeric => c.is_ascii_digit() || c == b'<',
        Kind::Alpha => c.is_ascii_uppercase() || c == b'<',
        Kind::Alnum => true,
    }
}

/// The format these lines have, judged from the best letters at the start.
pub fn format_of(scores: &[Vec<[f32; 37]>]) -> Option<MrzFormat> {
    let best_letter = |line: usize, col: usize| -> u8 {
        let s = &scores[line][col];
        (10..37)
            .max_by(|&a, &b| s[a].total_cmp(&s[b]))
            .map(|i| CHARSET[i])
            .unwrap_or(b'<')
    };
    let count = scores.first()?.len();
    match (scores.len(), count) {
        (3, 30) => Some(MrzFormat::Td1),
        (2, 44) if best_letter(0, 0) == b'V' => Some(MrzFormat::MrvA),
        (2, 44) => Some(MrzFormat::Td3),
        (2, 36) if best_letter(0, 0) == b'V' => Some(MrzFormat::MrvB),
        (2, 36)
            if (0..5)
                .map(|i| best_letter(0, i))
                .eq(b"IDFRA".iter().copied()) =>
        {
            Some(MrzFormat::FrenchId)
        }
        (2, 36) => Some(MrzFormat::Td2),
        _ => None,
    }
}

/// The decoded lines and how many characters the check digits changed.
pub struct Decoded {
    pub lines: Vec<String>,
    pub corrected: usize,
    /// Mean score of the chosen characters (cosine similarity, 1 = identical to a template).
    pub confidence: f32,
}

pub fn decode(format: MrzFormat, scores: &[Vec<[f32; 37]>]) -> Decoded {
    let layout = format.layout();
    // Ranked allowed characters per position: (char, score).
    let ranked: Vec<Vec<Vec<(u8, f32)>>> = scores
        .iter()
        .enumerate()
        .map(|(line, cells)| {
            cells
                .iter()
                .enumerate()
                .map(|(column, s)| {
                    let k = kind(layout, Pos { line, column });
                    let mut r: Vec<(u8, f32)> = (0..37)
                        .filter(|&i| allowed(k, CHARSET[i]))
                        .map(|i| (CHARSET[i], s[i]))
                        .collect();
                    r.sort_by(|a, b| b.1.total_cmp(&a.1));
                    r.truncate(ALTERNATIVES);
                    r
                })
                .collect()
        })
        .collect();
    let mut grid: Vec<Vec<u8>> = ranked
        .iter()
        .map(|line| {
            line.iter()
                .map(|r| r.first().map_or(b'<', |c| c.0))
                .collect()
        })
        .collect();
    let mut corrected = 0;
    for field in [
        CheckField::DocumentNumber,
        CheckField::BirthDate,
        CheckField::ExpiryDate,
        CheckField::PersonalNumber,
        CheckField::Composite,
    ] {
        let specs = checks::specs(layout, &grid);
        let Some(spec) = specs.iter().find(|s| s.field == field) else {
            continue;
        };
        if spec.passes(&grid) {
            continue;
        }
        let others: Vec<Pos> = specs
            .iter()
            .filter(|s| s.field != field)
            .flat_map(|s| s.data.iter().copied().chain([s.digit]))
            .collect();
        let positions: Vec<Pos> = spec
            .data
            .iter()
            .copied()
            .chain([spec.digit])
            .filter(|p| field != CheckField::Composite || !others.contains(p))
            .collect();
        corrected += settle(spec, &positions, &ranked, &mut grid);
    }
    let mut total = 0.0;
    let mut n = 0usize;
    for (line, row) in grid.iter().enumerate() {
        for (column, &c) in row.iter().enumerate() {
            if let Some(i) = CHARSET.iter().position(|&x| x == c) {
                total += scores[line][column][i];
                n += 1;
            }
        }
    }
    Decoded {
        lines: grid
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect(),
        corrected,
        confidence: if n > 0 { total / n as f32 } else { 0.0 },
    }
}

/// The cheapest one- or two-character change among runner-ups that satisfies `spec`; returns
/// how many characters changed (0 when none works, leaving the grid as it was).
fn settle(
    spec: &CheckSpec,
    positions: &[Pos],
    ranked: &[Vec<Vec<(u8, f32)>>],
    grid: &mut [Vec<u8>],
) -> usize {
    let options = |p: Pos| &ranked[p.line][p.column];
    let best_score = |p: Pos| options(p).first().map_or(0.0, |c| c.1);
    let mut best: Option<(f32, Vec<(Pos, u8)>)> = None;
    let consider = |cost: f32,
                    change: Vec<(Pos, u8)>,
                    grid: &mut [Vec<u8>],
                    best: &mut Option<(f32, Vec<(Pos, u8)>)>| {
        let saved: Vec<u8> = change.iter().map(|(p, _)| grid[p.line][p.column]).collect();
        for &(p, c) in &change {
            grid[p.line][p.column] = c;
        }
        if spec.passes(grid) && best.as_ref().is_none_or(|(b, _)| cost < *b) {
            *best = Some((cost, change.clone()));
        }
        for ((p, _), c) in change.iter().zip(saved) {
            grid[p.line][p.column] = c;
        }
    };
    for &p in positions {
        for &(c, s) in options(p).iter().skip(1) {
            if best_score(p) - s <= MAX_COST_ONE {
                consider(best_score(p) - s, vec![(p, c)], grid, &mut best);
            }
        }
    }
    if best.is_none() {
        // Two changes among the least certain positions.
        let mut uncertain: Vec<(f32, Pos)> = positions
            .iter()
            .filter_map(|&p| options(p).get(1).map(|c| (best_score(p) - c.1, p)))
            .collect();
        uncertain.sort_by(|a, b| a.0.total_cmp(&b.0));
        uncertain.truncate(8);
        for (i, &(_, p)) in uncertain.iter().enumerate() {
            for &(_, q) in &uncertain[i + 1..] {
                for &(cp, sp) in options(p).iter().skip(1) {
                    for &(cq, sq) in options(q).iter().skip(1) {
                        let cost = best_score(p) - sp + best_score(q) - sq;
                        if cost <= MAX_COST_TWO {
                            consider(cost, vec![(p, cp), (q, cq)], grid, &mut best);
                        }
                    }
                }
            }
        }
    }
    match best {
        Some((_, change)) => {
            for &(p, c) in &change {
                grid[p.line][p.column] = c;
            }
            change.len()
        }
        None => 0,
    }
}
