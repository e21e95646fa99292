//! Machine-readable zones: parsing and check digits of typed or OCR'd text, and reading the
//! MRZ from a document photo (`precheck_core::mrz`). Formats, check fields, checks and fields
//! are the core's own types; the report is mirrored (the core's repairs hold `usize` and
//! `char`).

use precheck_core::frame::decode_image;
use precheck_core::mrz as core;
pub use precheck_core::mrz::{
    CheckField as MrzCheckField, FieldCheck as MrzCheck, MrzFields, MrzFormat, MrzWarning,
};

use crate::date::parse_today;
use crate::error::PrecheckError;
use crate::guard::guarded;
use crate::report::Point;

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
            band: r.band.to_vec(),
        }))
    })
}

impl From<&core::MrzReport> for MrzReport {
    fn from(report: &core::MrzReport) -> Self {
        MrzReport {
            format: report.format,
            lines: report.lines.clone(),
            valid: report.valid,
            fields: report.fields.clone(),
            checks: report.checks.clone(),
            repairs: report
                .repairs
                .iter()
                .map(|r| MrzRepair {
                    field: r.field,
                    line: u32::try_from(r.line).unwrap_or(u32::MAX),
                    column: u32::try_from(r.column).unwrap_or(u32::MAX),
                    from: r.from.to_string(),
                    to: r.to.to_string(),
                })
                .collect(),
            warnings: report.warnings.clone(),
            expired: report.expired,
        }
    }
}
