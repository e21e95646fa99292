//! A typed date of birth versus the document's. Typed dates come as `YYYY-MM-DD`,
//! `DD/MM/YYYY` or `MM/DD/YYYY` (separators `/ - . space`), or `YYYYMMDD`; the first two
//! groups of `a/b/YYYY` are ambiguous unless the caller says which order its form uses.

use serde::{Deserialize, Serialize};

use super::diagnosis::DiagnosisCode;
use super::Verdict;
use crate::date::Date;

/// The order the form asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DateOrder {
    /// Day, month, year.
    Dmy,
    /// Month, day, year.
    Mdy,
    /// Year, month, day.
    Ymd,
}

/// The readings of a typed date: (day-first, month-first) for `a/b/YYYY`, the same date twice
/// when unambiguous.
fn readings(typed: &str) -> Option<(Option<Date>, Option<Date>)> {
    let groups: Vec<&str> = typed
        .trim()
        .split(['/', '-', '.', ' ', '年', '月', '日'])
        .filter(|g| !g.is_empty())
        .collect();
    let num = |s: &str| -> Option<u32> {
        (s.chars().all(|c| c.is_ascii_digit()) && !s.is_empty() && s.len() <= 4)
            .then(|| s.parse().ok())
            .flatten()
    };
    match groups.as_slice() {
        [one] if one.len() == 8 && one.chars().all(|c| c.is_ascii_digit()) => {
            let y = num(&one[0..4])? as i32;
            let d = Date::new(y, num(&one[4..6])? as u8, num(&one[6..8])? as u8);
            Some((d, d))
        }
        [a, b, c] if a.len() == 4 => {
            let d = Date::new(num(a)? as i32, num(b)? as u8, num(c)? as u8);
            Some((d, d))
        }
        [a, b, c] if c.len() == 4 => {
            let (a, b, y) = (num(a)?, num(b)?, num(c)? as i32);
            let (a, b) = (u8::try_from(a).ok()?, u8::try_from(b).ok()?);
            Some((Date::new(y, b, a), Date::new(y, a, b)))
        }
        _ => None,
    }
}

/// The typed date when it has one reading, or when the form's order picks one.
pub fn single_reading(typed: &str, order: Option<DateOrder>) -> Option<Date> {
    let (day_first, month_first) = readings(typed)?;
    match order {
        Some(DateOrder::Mdy) => month_first,
        Some(_) => day_first,
        None if day_first == month_first => day_first,
        None => match (day_first, month_first) {
            (Some(d), None) | (None, Some(d)) => Some(d),
            _ => None,
        },
    }
}

/// Compares a typed date with the document's; `order` is the form's order when known.
pub fn compare(
    typed: &str,
    document: Date,
    order: Option<DateOrder>,
) -> (Verdict, Vec<DiagnosisCode>) {
    let Some((day_first, month_first)) = readings(typed) else {
        return (Verdict::Mismatch, vec![DiagnosisCode::DateUnreadable]);
    };
    let matches = |d: Option<Date>| d == Some(document);
    let (intended, other) = match order {
        Some(DateOrder::Mdy) => (month_first, day_first),
        Some(DateOrder::Dmy) | Some(DateOrder::Ymd) => (day_first, month_first),
        None => {
            if day_first == month_first || month_first.is_none() || day_first.is_none() {
                // One reading only.
                let only = day_first.or(month_first);
                if only.is_none() {
                    return (Verdict::Mismatch, vec![DiagnosisCode::DateUnreadable]);
                }
                return if matches(only) {
                    (Verdict::Exact, vec![])
                } else {
                    (Verdict::Mismatch, vec![DiagnosisCode::DateDifferent])
                };
            }
            // Two readings, form order unknown: one matching is a match we cannot be sure of.
            return if matches(day_first) || matches(month_first) {
                (Verdict::Equivalent, vec![DiagnosisCode::DateOrderAmbiguous])
            } else {
                (Verdict::Mismatch, vec![DiagnosisCode::DateDifferent])
            };
        }
    };
    if matches(intended) {
        (Verdict::Exact, vec![])
    } else if matches(other) {
        (Verdict::Mismatch, vec![DiagnosisCode::DateDayMonthSwapped])
    } else if intended.is_none() && other.is_none() {
        (Verdict::Mismatch, vec![DiagnosisCode::DateUnreadable])
    } else {
        (Verdict::Mismatch, vec![DiagnosisCode::DateDifferent])
    }
}
