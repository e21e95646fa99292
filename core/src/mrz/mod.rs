//! Machine-readable zones (ICAO 9303): parse TD1, TD2, TD3, MRV-A, MRV-B and the French
//! national ID card, verify every check digit, repair OCR confusions where a check digit vouches
//! for the repair, resolve dates against a caller-given "today".
//!
//! ```
//! use precheck_core::{date::Date, mrz};
//! let today: Date = "2026-11-23".parse().unwrap();
//! let report = mrz::parse(
//!     "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
//!     today,
//! ).unwrap();
//! assert!(report.valid);
//! assert_eq!(report.fields.surname, "ERIKSSON");
//! assert_eq!(report.expired, Some(true));
//! ```

pub mod check_digit;
pub(crate) mod checks;
pub mod countries;
pub mod dates;
mod error;
mod fields;
pub(crate) mod format;
pub mod ocr;
pub(crate) mod repair;
mod text;

use serde::Serialize;

pub use checks::{CheckField, FieldCheck};
pub use error::MrzError;
pub use fields::{split_names, MrzFields};
pub use format::MrzFormat;
pub use ocr::{read_mrz_from_image, MrzReading};
pub use repair::Repair;

use crate::date::Date;

/// Something worth telling that is not a check-digit failure.
/// `value` is what the MRZ holds (serialised as `{"code": "unknown_issuing_state", "value": ...}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum MrzWarning {
    /// The issuing state is not an ICAO 9303 code.
    UnknownIssuingState { value: String },
    /// The nationality is not an ICAO 9303 code.
    UnknownNationality { value: String },
    /// The birth date is not a calendar date (or has unknown parts).
    InvalidBirthDate { value: String },
    /// The expiry date is not a calendar date.
    InvalidExpiryDate { value: String },
    /// The sex is not `M`, `F`, `X` or `<`.
    InvalidSex { value: String },
}

/// Everything read from one MRZ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MrzReport {
    pub format: MrzFormat,
    /// The lines after repairs.
    pub lines: Vec<String>,
    /// Every check digit right.
    pub valid: bool,
    pub fields: MrzFields,
    pub checks: Vec<FieldCheck>,
    pub repairs: Vec<Repair>,
    pub warnings: Vec<MrzWarning>,
    /// The expiry date is before `today`; `None` without a readable expiry date.
    pub expired: Option<bool>,
}

impl MrzReport {
    /// The verdict of one check digit, `None` when the format has no such check.
    pub fn check(&self, field: CheckField) -> Option<bool> {
        self.checks
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.valid)
    }
}

/// Parses MRZ text (lines separated by newlines or a literal `\n`) with OCR repairs.
pub fn parse(text: &str, today: Date) -> Result<MrzReport, MrzError> {
    parse_with(text, today, true)
}

/// Parses MRZ text exactly as given, without repairs.
pub fn parse_strict(text: &str, today: Date) -> Result<MrzReport, MrzError> {
    parse_with(text, today, false)
}

fn parse_with(text: &str, today: Date, repair: bool) -> Result<MrzReport, MrzError> {
    let lines = text::split_lines(text)?;
    let format = MrzFormat::detect(&lines)?;
    Ok(read_lines(format, &lines, today, repair))
}

/// Parses lines already known to be MRZ characters of `format`'s shape.
pub(crate) fn read_lines(
    format: MrzFormat,
    lines: &[String],
    today: Date,
    repair: bool,
) -> MrzReport {
    let layout = format.layout();
    let mut grid: Vec<Vec<u8>> = lines.iter().map(|l| l.as_bytes().to_vec()).collect();
    let repairs = if repair {
        repair::repair(layout, &mut grid)
    } else {
        Vec::new()
    };
    let specs = checks::specs(layout, &grid);
    let checks = checks::verdicts(&specs, &grid);
    let valid = checks.iter().all(|c| c.valid);

    let birth_raw = layout.birth_date.0.read(&grid);
    let birth_date = dates::birth_date(birth_raw.as_bytes(), today);
    let expiry_raw = layout.expiry_date.map(|(s, _)| s.read(&grid));
    let expiry_date = expiry_raw
        .as_deref()
        .and_then(|r| dates::expiry_date(r.as_bytes(), today));
    let fields = fields::extract(layout, &grid, birth_date, expiry_date);

    let mut warnings = Vec::new();
    let state = layout.issuing_state.read(&grid);
    if !countries::is_icao_code(&state) {
        warnings.push(MrzWarning::UnknownIssuingState { value: state });
    }
    if let Some(nationality) = layout.nationality.map(|s| s.read(&grid)) {
        if !countries::is_icao_code(&nationality) {
            warnings.push(MrzWarning::UnknownNationality { value: nationality });
        }
    }
    if birth_date.is_none() {
        warnings.push(MrzWarning::InvalidBirthDate { value: birth_raw });
    }
    if let (Some(raw), None) = (&expiry_raw, expiry_date) {
        warnings.push(MrzWarning::InvalidExpiryDate { value: raw.clone() });
    }
    let sex = layout.sex.read(&grid);
    if !matches!(sex.as_str(), "M" | "F" | "X" | "<") {
        warnings.push(MrzWarning::InvalidSex { value: sex });
    }

    MrzReport {
        format,
        lines: grid
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect(),
        valid,
        fields,
        checks,
        repairs,
        warnings,
        expired: expiry_date.map(|e| e < today),
    }
}
