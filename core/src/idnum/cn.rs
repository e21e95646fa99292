//! Chinese resident identity numbers (GB 11643-1999): 6-digit region code, birth date
//! YYYYMMDD, 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check character (`X` for
//! 10). Also the 15-digit form of the first-generation cards (birth year without century,
//! no check character) and its conversion, and the residence permits for Hong Kong, Macau and
//! Taiwan residents (region 810000, 820000, 830000; same structure, since 2018).
//!
//! Validity needs a known province-level code (first two digits). County-level codes change
//! often and people keep their number when their county is renamed or merged, so the county
//! is reported (known at all, in use in the birth year) but does not decide validity.

use serde::Serialize;

use super::cn_regions::{COUNTIES, PROVINCES};
use super::{Details, IdNumberCheck, IdNumberReason, Sex};
use crate::date::{two_digits, Date};

/// Which document the number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CnIdKind {
    /// Resident identity card, 18 characters.
    ResidentId,
    /// First-generation resident identity card, 15 digits.
    #[serde(rename = "resident_id_15")]
    ResidentId15,
    /// Residence permit for Hong Kong residents (810000).
    HongKongResidencePermit,
    /// Residence permit for Macau residents (820000).
    MacauResidencePermit,
    /// Residence permit for Taiwan residents (830000).
    TaiwanResidencePermit,
}

/// What the region code says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CnRegion {
    pub code: String,
    /// Province-level name (Chinese), when known.
    pub province: Option<String>,
    /// The 6-digit code appears in the table of administrative divisions (any year).
    pub county_known: bool,
    /// The 6-digit code was in use in the birth year.
    pub county_in_use_at_birth: bool,
}

/// CN-specific facts of a checked number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CnDetails {
    pub kind: Option<CnIdKind>,
    pub region: Option<CnRegion>,
    /// The check character was a lower-case `x` (accepted; `X` is canonical).
    pub lower_case_x: bool,
    /// The input was the 15-digit form; `normalized` is its 18-character conversion.
    pub converted_from_15: bool,
}

/// ISO 7064 MOD 11-2 check character over the first 17 digits.
pub fn check_character(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // Weights 2^(17-i) mod 11 for i = 0..17.
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let value = (12 - sum % 11) % 11;
    Some(if value == 10 {
        b'X'
    } else {
        b'0' + value as u8
    })
}

/// The 18-character form of a 15-digit number (born 1900-1999, as all first-generation
/// numbers are), `None` unless it is 15 digits.
pub fn convert_15_to_18(number: &str) -> Option<String> {
    let b = number.trim().as_bytes();
    if b.len() != 15 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut first17 = Vec::with_capacity(18);
    first17.extend_from_slice(&b[..6]);
    first17.extend_from_slice(b"19");
    first17.extend_from_slice(&b[6..]);
    let check = check_character(&first17)?;
    first17.push(check);
    String::from_utf8(first17).ok()
}

fn province_name(code: u8) -> Option<&'static str> {
    PROVINCES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

fn region(code: &[u8], birth_year: Option<i32>) -> CnRegion {
    let text = String::from_utf8_lossy(code).into_owned();
    let province = two_digits(&code[..2]).and_then(province_name);
    let county = text
        .parse::<u32>()
        .ok()
        .and_then(|c| COUNTIES.binary_search_by_key(&c, |e| e.0).ok())
        .map(|i| COUNTIES[i]);
    CnRegion {
        code: text,
        province: province.map(str::to_string),
        county_known: county.is_some(),
        county_in_use_at_birth: match (county, birth_year) {
            (Some((_, first, last)), Some(y)) => (i32::from(first)..=i32::from(last)).contains(&y),
            _ => false,
        },
    }
}

fn permit_kind(code: &[u8]) -> Option<CnIdKind> {
    match code {
        b"810000" => Some(CnIdKind::HongKongResidencePermit),
        b"820000" => Some(CnIdKind::MacauResidencePermit),
        b"830000" => Some(CnIdKind::TaiwanResidencePermit),
        _ => None,
    }
}

fn verdict(
    reason: Option<IdNumberReason>,
    normalized: Option<String>,
    birth_date: Option<Date>,
    sex: Option<Sex>,
    details: CnDetails,
) -> IdNumberCheck {
    IdNumberCheck {
        valid: reason.is_none(),
        reason,
        normalized,
        birth_date,
        sex,
        details: Details::Cn(details),
    }
}

/// Checks a Chinese resident-ID or residence-permit number (white space around it ignored).
pub fn check(number: &str, today: Date) -> IdNumberCheck {
    let input = number.trim();
    let mut details = CnDetails {
        kind: None,
        region: None,
        lower_case_x: false,
        converted_from_15: false,
    };
    let fail = |reason, details| verdict(Some(reason), None, None, None, details);
    if input.is_empty() {
        return fail(IdNumberReason::Empty, details);
    }
    let bytes = input.as_bytes();
    let full: Vec<u8> = match bytes.len() {
        18 => {
            let (body, last) = bytes.split_at(17);
            if !body.iter().all(u8::is_ascii_digit)
                || !(last[0].is_ascii_digit() || matches!(last[0], b'X' | b'x'))
            {
                return fail(IdNumberReason::Characters, details);
            }
            details.lower_case_x = last[0] == b'x';
            details.kind = Some(permit_kind(&bytes[..6]).unwrap_or(CnIdKind::ResidentId));
            bytes.to_ascii_uppercase()
        }
        15 => {
            let Some(converted) = convert_15_to_18(input) else {
                return fail(IdNumberReason::Characters, details);
            };
            details.kind = Some(CnIdKind::ResidentId15);
            details.converted_from_15 = true;
            converted.into_bytes()
        }
        _ => return fail(IdNumberReason::Length, details),
    };
    let birth_year = std::str::from_utf8(&full[6..10])
        .ok()
        .and_then(|y| y.parse::<i32>().ok());
    let birth_date = match (
        birth_year,
        two_digits(&full[10..12]),
        two_digits(&full[12..14]),
    ) {
        (Some(y), Some(m), Some(d)) => Date::new(y, m, d),
        _ => None,
    };
    let sex = Some(if (full[16] - b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    });
    let region_facts = region(&full[..6], birth_year);
    let known_region = region_facts.province.is_some() || permit_kind(&full[..6]).is_some();
    details.region = Some(region_facts);
    let normalized = String::from_utf8(full.clone()).ok();
    let reason = if check_character(&full[..17]) != Some(full[17]) {
        Some(IdNumberReason::Checksum)
    } else if birth_date.is_none() {
        Some(IdNumberReason::BirthDate)
    } else if birth_date.is_some_and(|b| b > today) {
        Some(IdNumberReason::BirthInFuture)
    } else if !known_region {
        Some(IdNumberReason::Region)
    } else {
        None
    };
    verdict(reason, normalized, birth_date, sex, details)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_powers_of_two_mod_11() {
        let mut w = 1u32;
        let mut expected = [0u32; 17];
        for i in (0..17).rev() {
            w = (w * 2) % 11;
            expected[i] = w;
        }
        assert_eq!(
            expected,
            [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        );
    }

    #[test]
    fn conversion_from_15() {
        // issue9/is: 350303900203307 is 350303199002033073 in its 18-character form.
        assert_eq!(
            convert_15_to_18("350303900203307").as_deref(),
            Some("350303199002033073")
        );
        assert_eq!(convert_15_to_18("35030390020330X"), None);
    }
}
