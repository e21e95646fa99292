//! Document capture checks (`precheck_core::document`): outline, framing, pixel checks and the
//! printed portrait of one document photo.

use precheck_core::document as core;
pub use precheck_core::document::{DocumentKind, GlareSpot, Margins};
pub use precheck_core::frame::FileRepair;

use crate::date::parse_today;
use crate::engine::Engine;
use crate::error::PrecheckError;
use crate::frame::Frame;
use crate::guard::guarded;
use crate::mrz::MrzReport;
use crate::prompt::Issue;
use crate::report::{BoundingBox, Point};

/// The capture checks of one document photo.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DocumentReport {
    /// Size of the (upright) photo the coordinates refer to.
    pub width: u32,
    pub height: u32,
    pub found: bool,
    /// Top-left, top-right, bottom-right, bottom-left in photo pixels; empty when not found.
    pub corners: Vec<Point>,
    /// Document area over photo area (0 when not found).
    pub fill_ratio: f32,
    pub margins: Option<Margins>,
    /// Failed checks, errors first (DOC_*, FILE_* codes).
    pub issues: Vec<Issue>,
    pub glare: Vec<GlareSpot>,
    /// The printed portrait's box in photo pixels, when found.
    pub portrait_box: Option<BoundingBox>,
    /// The MRZ read from the photo (`checkDocument` with a `today`), when one was found.
    pub mrz: Option<MrzReport>,
    /// What the decoder mended in the file (a JPEG without its end marker), if anything.
    pub file_repair: Option<FileRepair>,
}

#[uniffi::export]
impl Engine {
    /// Checks one document photo given as encoded bytes (JPEG/PNG; another recognised format
    /// gives a report with FILE_FORMAT, damaged bytes an `InvalidImage` error). With `today`
    /// (ISO `YYYY-MM-DD`) the MRZ is read too, as the CLI does (`mrz`, MRZ_* issues, DOC_EXPIRED).
    #[uniffi::method(default(today = None))]
    pub fn check_document(
        &self,
        encoded: Vec<u8>,
        kind: DocumentKind,
        today: Option<String>,
    ) -> Result<DocumentReport, PrecheckError> {
        guarded("checkDocument", || {
            let today = today.as_deref().map(parse_today).transpose()?;
            let report = self.inner.check_document(&encoded, kind, today)?;
            Ok::<_, PrecheckError>(DocumentReport::from(&report))
        })
    }

    /// Checks one camera frame of a document (bytes in `pixels`, Kotlin: a direct `ByteBuffer`).
    pub fn check_document_frame(
        &self,
        frame: Frame,
        pixels: &[u8],
        kind: DocumentKind,
    ) -> Result<DocumentReport, PrecheckError> {
        guarded("checkDocumentFrame", || {
            let report = self
                .inner
                .check_document_frame(&frame.to_core(pixels)?, kind)?;
            Ok::<_, PrecheckError>(DocumentReport::from(&report))
        })
    }
}

impl From<&core::DocumentReport> for DocumentReport {
    fn from(report: &core::DocumentReport) -> Self {
        DocumentReport {
            width: report.width,
            height: report.height,
            found: report.found,
            corners: report.corners.map(|c| c.to_vec()).unwrap_or_default(),
            fill_ratio: report.fill_ratio,
            margins: report.margins,
            issues: report.issues.clone(),
            glare: report.glare.clone(),
            portrait_box: report.portrait_box(),
            mrz: report.mrz.clone(),
            file_repair: report.file_repair,
        }
    }
}
