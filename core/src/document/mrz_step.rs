//! The MRZ step of a document check: read the MRZ inside the found outline (or the whole photo)
//! and turn what it says into document issues (MRZ_UNREADABLE, MRZ_CHECK_FAILED, DOC_EXPIRED).

use super::report::{DocumentKind, DocumentReport};
use crate::date::Date;
use crate::error::Result;
use crate::frame::RgbImage;
use crate::mrz::read_mrz_from_image;
use crate::prompt::{Issue, PromptCode, Severity};

/// Reads the MRZ of the photo `image` that `report` describes, stores it in `report.mrz` and adds
/// its issues. A missing MRZ is an issue only for passports (every ICAO passport has one; many
/// ID cards and driving licences do not). `today` judges expiry (the caller's date: the core
/// never reads a clock).
pub fn add_mrz(
    image: &RgbImage,
    kind: DocumentKind,
    today: Date,
    report: &mut DocumentReport,
) -> Result<()> {
    let reading = read_mrz_from_image(image, report.corners)?;
    let Some(reading) = reading else {
        if kind == DocumentKind::Passport && report.found {
            report
                .issues
                .push(Issue::new(PromptCode::MrzUnreadable, Severity::Error, None));
        }
        return Ok(());
    };
    let mrz = reading.report(today);
    if !mrz.valid {
        report.issues.push(Issue::new(
            PromptCode::MrzCheckFailed,
            Severity::Error,
            None,
        ));
    }
    if mrz.expired == Some(true) {
        report
            .issues
            .push(Issue::new(PromptCode::DocExpired, Severity::Error, None));
    }
    report.mrz = Some(mrz);
    Ok(())
}
