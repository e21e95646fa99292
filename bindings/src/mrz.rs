//! Machine-readable zones: parsing and check digits of typed or OCR'd text, and reading the
//! MRZ from a document photo (`precheck_core::mrz`). The report and everything in it are the
//! core's own types; a reading from a photo is mirrored (its band is a fixed-size array).

use precheck_core::frame::decode_image;
use precheck_core::mrz as core;
pub use precheck_core::mrz::{
    CheckField as MrzCheckField, FieldCheck as MrzCheck, MrzFields, MrzFormat, MrzReport,
    MrzWarning, Repair as MrzRepair,
};

use crate::date::parse_today;
use crate::error::PrecheckError;
use crate::guard::guarded;
use crate::report::Point;

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
        Ok::<_, PrecheckError>(core::parse(&text, today)?)
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
            report: r.report(today),
            corrected: u32::try_from(r.corrected).unwrap_or(u32::MAX),
            confidence: r.confidence,
            band: r.band.to_vec(),
        }))
    })
}
