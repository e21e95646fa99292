//! National identity numbers, one file per country. Each country's check returns the same
//! [`IdNumberCheck`]: a verdict, the first reason it failed, and what the number encodes.

pub mod cn;
mod cn_regions;

use serde::Serialize;

use crate::date::Date;

/// Why a number is not valid (the first problem found).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum IdNumberReason {
    Empty,
    /// Wrong number of characters for every form of this country's number.
    Length,
    /// A character that cannot appear where it is.
    Characters,
    /// The check character does not match.
    Checksum,
    /// The embedded birth date is not a calendar date.
    BirthDate,
    /// The embedded birth date is after the caller's "today".
    BirthInFuture,
    /// The region code is not a known region.
    Region,
}

impl IdNumberReason {
    pub fn message(self) -> &'static str {
        match self {
            IdNumberReason::Empty => "the number is empty",
            IdNumberReason::Length => "wrong number of characters",
            IdNumberReason::Characters => "a character cannot appear where it is",
            IdNumberReason::Checksum => "the check character does not match",
            IdNumberReason::BirthDate => "the birth date in the number is not a real date",
            IdNumberReason::BirthInFuture => "the birth date in the number is in the future",
            IdNumberReason::Region => "the region code is unknown",
        }
    }
}

/// Sex as the number encodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Sex {
    Male,
    Female,
}

/// The verdict on one number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdNumberCheck {
    pub valid: bool,
    pub reason: Option<IdNumberReason>,
    /// The number in its canonical form (upper case; for CN the 18-character form, also for a
    /// 15-digit input), when its structure could be read.
    pub normalized: Option<String>,
    pub birth_date: Option<Date>,
    pub sex: Option<Sex>,
    /// Country-specific facts (form, region, notes about the input).
    #[serde(flatten)]
    pub details: Details,
}

/// Country-specific facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Details {
    Cn(cn::CnDetails),
}

/// A country we have no checker for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no ID-number check for country {0:?} (supported: CN)")]
pub struct UnsupportedCountry(pub String);

/// Checks `number` as an identity number of `country` (ISO 3166 alpha-2 or alpha-3, any case).
/// `today` bounds birth dates.
pub fn check(
    country: &str,
    number: &str,
    today: Date,
) -> Result<IdNumberCheck, UnsupportedCountry> {
    match country.trim().to_ascii_uppercase().as_str() {
        "CN" | "CHN" => Ok(cn::check(number, today)),
        _ => Err(UnsupportedCountry(country.to_string())),
    }
}
