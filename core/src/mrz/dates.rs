//! MRZ dates (YYMMDD) to full dates. Birth dates lie in the past: the latest century that does
//! not put the birth after "today". Expiry dates lie at most `MAX_EXPIRY_AHEAD_YEARS` ahead of
//! today (passports run 10 years, some cards 15; 20 leaves room) and are otherwise in the past.
//! "Today" is always the caller's: the core never reads the clock.

use crate::date::{two_digits, Date};

/// How far in the future an expiry date may be before we read it as last century's.
pub const MAX_EXPIRY_AHEAD_YEARS: i32 = 20;

fn parts(raw: &[u8]) -> Option<(i32, u8, u8)> {
    if raw.len() != 6 {
        return None;
    }
    Some((
        i32::from(two_digits(&raw[0..2])?),
        two_digits(&raw[2..4])?,
        two_digits(&raw[4..6])?,
    ))
}

/// The birth date of a YYMMDD field, `None` when it is not a calendar date (unknown parts are
/// written as fillers on some documents).
pub fn birth_date(raw: &[u8], today: Date) -> Option<Date> {
    let (yy, month, day) = parts(raw)?;
    let century = today.year - today.year.rem_euclid(100);
    let this_century = Date::new(century + yy, month, day);
    match this_century {
        Some(d) if d <= today => Some(d),
        _ => Date::new(century - 100 + yy, month, day),
    }
}

/// The expiry date of a YYMMDD field.
pub fn expiry_date(raw: &[u8], today: Date) -> Option<Date> {
    let (yy, month, day) = parts(raw)?;
    let century = today.year - today.year.rem_euclid(100);
    let mut year = century + yy;
    if year > today.year + MAX_EXPIRY_AHEAD_YEARS {
        year -= 100;
    } else if year < today.year + MAX_EXPIRY_AHEAD_YEARS - 100 {
        year += 100;
    }
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn centuries() {
        let today = d("2026-11-23");
        assert_eq!(birth_date(b"740812", today), Some(d("1974-08-12")));
        assert_eq!(birth_date(b"261123", today), Some(d("2026-11-23")));
        assert_eq!(birth_date(b"261124", today), Some(d("1926-11-24")));
        assert_eq!(birth_date(b"050101", today), Some(d("2005-01-01")));
        assert_eq!(expiry_date(b"120415", today), Some(d("2012-04-15")));
        assert_eq!(expiry_date(b"360101", today), Some(d("2036-01-01")));
        assert_eq!(expiry_date(b"950712", today), Some(d("1995-07-12")));
        assert_eq!(expiry_date(b"460101", today), Some(d("2046-01-01")));
        assert_eq!(expiry_date(b"470101", today), Some(d("1947-01-01")));
        assert_eq!(birth_date(b"741312", today), None);
        assert_eq!(birth_date(b"<<<<<<", today), None);
        // 29 February only exists in leap years: 2000 is one, 1900 is not.
        assert_eq!(birth_date(b"000229", today), Some(d("2000-02-29")));
    }
}
