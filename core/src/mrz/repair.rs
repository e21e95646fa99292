//! OCR-tolerant repair. A character that cannot belong to its field (a letter in a date, a
//! digit in a country code) is replaced by the one OCR usually confuses it with; inside
//! alphanumeric fields (document and personal numbers) one confusable character may be
//! swapped. A repair is kept only when the check digit covering it then agrees, and for the
//! alphanumeric search only when exactly one swap does.

use serde::Serialize;

use super::checks::{self, at, CheckField, CheckSpec};
use super::format::{Layout, Pos};
use super::text::{as_digit, as_letter};

/// One corrected character (line and column from 1; `from` and `to` are one character each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "uniffi", uniffi(name = "MrzRepair"))]
pub struct Repair {
    pub field: CheckField,
    pub line: u32,
    pub column: u32,
    pub from: String,
    pub to: String,
}

/// What a position may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Numeric,
    Alpha,
    Alnum,
}

pub(crate) fn kind(layout: &Layout, p: Pos) -> Kind {
    let inside = |span: super::format::Span| {
        span.line == p.line && (span.start..span.start + span.len).contains(&p.column)
    };
    let numeric_spans = [Some(layout.birth_date.0), layout.expiry_date.map(|e| e.0)]
        .into_iter()
        .chain(layout.numeric_parts.iter().copied().map(Some));
    let digits = [
        Some(layout.document_number.1),
        Some(layout.birth_date.1),
        layout.expiry_date.map(|e| e.1),
        layout.personal_number_digit,
        layout.composite.map(|c| c.1),
    ];
    if numeric_spans.flatten().any(inside) || digits.into_iter().flatten().any(|d| d == p) {
        return Kind::Numeric;
    }
    let alnum_spans = [
        Some(layout.document_number.0),
        layout.number_extension,
        layout.optional_data,
        layout.optional_data_2,
    ];
    if alnum_spans.into_iter().flatten().any(inside) {
        Kind::Alnum
    } else {
        Kind::Alpha
    }
}

/// The type-conforming replacement of the character at `p`, if it does not fit its kind.
fn by_type(layout: &Layout, grid: &[Vec<u8>], p: Pos) -> Option<u8> {
    let c = at(grid, p);
    match kind(layout, p) {
        Kind::Numeric => as_digit(c),
        Kind::Alpha => as_letter(c),
        Kind::Alnum => None,
    }
}

fn set(grid: &mut [Vec<u8>], p: Pos, c: u8) {
    grid[p.line][p.column] = c;
}

fn record(field: CheckField, p: Pos, from: u8, to: u8) -> Repair {
    // An MRZ has at most 3 lines of 44 characters: the positions always fit.
    let one_based = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
    Repair {
        field,
        line: one_based(p.line),
        column: one_based(p.column),
        from: char::from(from).to_string(),
        to: char::from(to).to_string(),
    }
}

/// Repairs `grid` in place where a check digit vouches for it; returns what was changed.
/// First every check's type repairs (a letter in a date cannot be right), then the single-swap
/// search in alphanumeric fields, which must also leave the composite digit agreeing: a swap
/// that only satisfies its own digit is right by chance one time in ten.
pub(crate) fn repair(layout: &Layout, grid: &mut [Vec<u8>]) -> Vec<Repair> {
    let mut repairs = Vec::new();
    for swaps in [false, true] {
        for field in [
            CheckField::DocumentNumber,
            CheckField::BirthDate,
            CheckField::ExpiryDate,
            CheckField::PersonalNumber,
            CheckField::Composite,
        ] {
            // Re-derived each time: an earlier repair can reveal a long document number.
            let specs = checks::specs(layout, grid);
            let Some(spec) = specs.iter().find(|s| s.field == field) else {
                continue;
            };
            if spec.passes(grid) {
                continue;
            }
            let covered_elsewhere: Vec<Pos> = specs
                .iter()
                .filter(|s| s.field != field)
                .flat_map(|s| s.data.iter().copied().chain([s.digit]))
                .collect();
            let composite = specs
                .iter()
                .find(|s| s.field == CheckField::Composite && s.field != field);
            if swaps {
                swap_one(
                    layout,
                    grid,
                    spec,
                    composite,
                    &covered_elsewhere,
                    &mut repairs,
                );
            } else {
                repair_types(layout, grid, spec, &covered_elsewhere, &mut repairs);
            }
        }
    }
    repairs
}

/// The composite may only touch what no other check digit vouches for.
fn free(spec: &CheckSpec, covered_elsewhere: &[Pos], p: Pos) -> bool {
    spec.field != CheckField::Composite || !covered_elsewhere.contains(&p)
}

fn repair_types(
    layout: &Layout,
    grid: &mut [Vec<u8>],
    spec: &CheckSpec,
    covered_elsewhere: &[Pos],
    repairs: &mut Vec<Repair>,
) {
    let typed: Vec<(Pos, u8, u8)> = spec
        .data
        .iter()
        .copied()
        .chain([spec.digit])
        .filter(|&p| free(spec, covered_elsewhere, p))
        .filter_map(|p| by_type(layout, grid, p).map(|to| (p, at(grid, p), to)))
        .collect();
    for &(p, _, to) in &typed {
        set(grid, p, to);
    }
    if spec.passes(grid) {
        repairs.extend(
            typed
                .iter()
                .map(|&(p, from, to)| record(spec.field, p, from, to)),
        );
    } else {
        for &(p, from, _) in &typed {
            set(grid, p, from);
        }
    }
}

/// One swap inside the alphanumeric characters, kept only if it is the only one that works.
fn swap_one(
    layout: &Layout,
    grid: &mut [Vec<u8>],
    spec: &CheckSpec,
    composite: Option<&CheckSpec>,
    covered_elsewhere: &[Pos],
    repairs: &mut Vec<Repair>,
) {
    let mut found: Option<(Pos, u8, u8)> = None;
    let mut count = 0;
    for &p in &spec.data {
        if kind(layout, p) != Kind::Alnum || !free(spec, covered_elsewhere, p) {
            continue;
        }
        let from = at(grid, p);
        let next_is_filler = grid[p.line].get(p.column + 1).is_none_or(|&c| c == b'<');
        let filler = (matches!(from, b'K' | b'X') && next_is_filler).then_some(b'<');
        for to in [as_digit(from), as_letter(from), filler]
            .into_iter()
            .flatten()
        {
            set(grid, p, to);
            if spec.passes(grid) && composite.is_none_or(|c| c.passes(grid)) {
                count += 1;
                found = Some((p, from, to));
            }
            set(grid, p, from);
        }
    }
    if let (Some((p, from, to)), 1) = (found, count) {
        set(grid, p, to);
        repairs.push(record(spec.field, p, from, to));
    }
}
