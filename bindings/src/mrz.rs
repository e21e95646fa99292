//! Machine-readable zones: parsing and check digits of typed or OCR'd text, and reading the
//! MRZ from a document photo (`precheck_core::mrz`).

use precheck_core::frame::decode_image;
use precheck_core::mrz as core;

use crate::date::{iso, parse_today};
use crate::error::PrecheckError;
use crate::guard::guarded;
use crate::report::Point;

/// The MRZ layouts of ICAO 9303 (and the French national ID card).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MrzFormat {
    /// ID-1 cards: 3 lines of 30.
    Td1,
    /// ID-2 cards: 2 lines of 36.
    Td2,
    /// Passports: 2 lines of 44.
    Td3,
    /// Visa format A: 2 lines of 44.
    MrvA,
    /// Visa format B: 2 lines of 36.
    MrvB,
    /// French national ID card (1988-2021): 2 lines of 36 starting `IDFRA`.
    FrenchId,
}

/// The field a check digit covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MrzCheckField {
    DocumentNumber,
    BirthDate,
    ExpiryDate,
    PersonalNumber,
    Composite,
}

/// What the MRZ says. Dates are ISO `YYYY-MM-DD`, `None` when not a calendar date; the raw
/// `YYMMDD` is kept beside each.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MrzFields {
    pub document_code: String,
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    pub document_number: String,
    pub nationality: Option<String>,
    pub birth_date_raw: String,
    pub birth_date: Option<String>,
    /// `M`, `F` or `X` (unspecified).
    pub sex: String,
    pub expiry_date_raw: Option<String>,
    pub expiry_date: Option<String>,
    pub optional_data: String,
    pub optional_data_2: Option<String>,
}

/// One check digit's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct MrzCheck {
    pub field: MrzCheckField,
    pub valid: bool,
}

/// One character changed because a check digit vouched for it (OCR look-alikes such as O/0).
/// `line` and `column` count from 1.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MrzRepair {
    pub field: MrzCheckField,
    pub line: u32,
    pub column: u32,
    pub from: String,
    pub to: String,
}

/// Something worth telling that is not a check-digit failure; `value` is what the MRZ holds.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum MrzWarning {
    UnknownIssuingState { value: String },
    UnknownNationality { value: String },
    InvalidBirthDate { value: String },
    InvalidExpiryDate { value: String },
    InvalidSex { value: String },
}

/// Everything read from one MRZ.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MrzReport {
    pub format: MrzFormat,
    /// The lines after repairs.
    pub lines: Vec<String>,
    /// Every check digit right.
    pub valid: bool,
    pub fields: MrzFields,
    pub checks: Vec<MrzCheck>,
    pub repairs: Vec<MrzRepair>,
    pub warnings: Vec<MrzWarning>,
    /// The expiry date is before `today`; `None` without a readable expiry date.
    pub expired: Option<bool>,
}

/// An MRZ read from a photo.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MrzImageReading {
    pub report: MrzReport,
    /// Characters the check digits changed to a runner-up reading.
    pub corrected: u32,
    /// Mean similarity of the chosen characters to their OCR-B templates (1 = identical).
    pub confidence: f32,
    /// The MRZ band in image pixels: top-left, top-right, bottom-right, bottom-left.
    pub band: Vec<Point>,
}

/// Parses MRZ text (lines separated by newlines) and verifies every check digit, repairing OCR
/// confusions a check digit vouches for. `today` (`YYYY-MM-DD`) resolves two-digit years and
/// `expired`. Text that cannot be an MRZ is an `InvalidMrz` error; a wrong check digit is not
/// an error (`valid` is false).
#[uniffi::export]
pub fn check_mrz(text: String, today: String) -> Result<MrzReport, PrecheckError> {
    guarded("checkMrz", || {
        let today = parse_today(&today)?;
        let report = core::parse(&text, today)?;
        Ok::<_, PrecheckError>(MrzReport::from(&report))
    })
}

/// Reads the MRZ of a document photo (encoded JPEG/PNG, EXIF orientation applied); `None` when
/// no MRZ is found.
#[uniffi::export]
pub fn read_mrz_image(
    encoded: Vec<u8>,
    today: String,
) -> Result<Option<MrzImageReading>, PrecheckError> {
    guarded("readMrzImage", || {
        let today = parse_today(&today)?;
        let image = decode_image(&encoded)?;
        let reading = core::read_mrz_from_image(&image, None)?;
        Ok::<_, PrecheckError>(reading.map(|r| MrzImageReading {
            report: MrzReport::from(&r.report(today)),
            corrected: u32::try_from(r.corrected).unwrap_or(u32::MAX),
            confidence: r.confidence,
            band: r.band.into_iter().map(Point::from).collect(),
        }))
    })
}

impl From<core::MrzFormat> for MrzFormat {
    fn from(format: core::MrzFormat) -> Self {
        match format {
            core::MrzFormat::Td1 => MrzFormat::Td1,
            core::MrzFormat::Td2 => MrzFormat::Td2,
            core::MrzFormat::Td3 => MrzFormat::Td3,
            core::MrzFormat::MrvA => MrzFormat::MrvA,
            core::MrzFormat::MrvB => MrzFormat::MrvB,
            core::MrzFormat::FrenchId => MrzFormat::FrenchId,
        }
    }
}

impl From<core::CheckField> for MrzCheckField {
    fn from(field: core::CheckField) -> Self {
        match field {
            core::CheckField::DocumentNumber => MrzCheckField::DocumentNumber,
            core::CheckField::BirthDate => MrzCheckField::BirthDate,
            core::CheckField::ExpiryDate => MrzCheckField::ExpiryDate,
            core::CheckField::PersonalNumber => MrzCheckField::PersonalNumber,
            core::CheckField::Composite => MrzCheckField::Composite,
        }
    }
}

impl From<&core::MrzWarning> for MrzWarning {
    fn from(warning: &core::MrzWarning) -> Self {
        use core::MrzWarning as W;
        match warning {
            W::UnknownIssuingState(v) => MrzWarning::UnknownIssuingState { value: v.clone() },
            W::UnknownNationality(v) => MrzWarning::UnknownNationality { value: v.clone() },
            W::InvalidBirthDate(v) => MrzWarning::InvalidBirthDate { value: v.clone() },
            W::InvalidExpiryDate(v) => MrzWarning::InvalidExpiryDate { value: v.clone() },
            W::InvalidSex(v) => MrzWarning::InvalidSex { value: v.clone() },
        }
    }
}

impl From<&core::MrzFields> for MrzFields {
    fn from(f: &core::MrzFields) -> Self {
        MrzFields {
            document_code: f.document_code.clone(),
            issuing_state: f.issuing_state.clone(),
            surname: f.surname.clone(),
            given_names: f.given_names.clone(),
            document_number: f.document_number.clone(),
            nationality: f.nationality.clone(),
            birth_date_raw: f.birth_date_raw.clone(),
            birth_date: iso(f.birth_date),
            sex: f.sex.clone(),
            expiry_date_raw: f.expiry_date_raw.clone(),
            expiry_date: iso(f.expiry_date),
            optional_data: f.optional_data.clone(),
            optional_data_2: f.optional_data_2.clone(),
        }
    }
}

impl From<&core::MrzReport> for MrzReport {
    fn from(report: &core::MrzReport) -> Self {
        MrzReport {
            format: report.format.into(),
            lines: report.lines.clone(),
            valid: report.valid,
            fields: MrzFields::from(&report.fields),
            checks: report
                .checks
                .iter()
                .map(|c| MrzCheck {
                    field: c.field.into(),
                    valid: c.valid,
                })
                .collect(),
            repairs: report
                .repairs
                .iter()
                .map(|r| MrzRepair {
                    field: r.field.into(),
                    line: u32::try_from(r.line).unwrap_or(u32::MAX),
                    column: u32::try_from(r.column).unwrap_or(u32::MAX),
                    from: r.from.to_string(),
                    to: r.to.to_string(),
                })
                .collect(),
            warnings: report.warnings.iter().map(MrzWarning::from).collect(),
            expired: report.expired,
        }
    }
}
