//! Document capture checks (`precheck_core::document`): outline, framing, pixel checks and the
//! printed portrait of one document photo.

use precheck_core::document::{self as core, DocumentChecker, DocumentConfig};

use crate::engine::Engine;
use crate::error::PrecheckError;
use crate::frame::Frame;
use crate::guard::guarded;
use crate::prompt::Issue;
use crate::report::{BoundingBox, Point};

/// The document the user was asked for; it bounds the outline's aspect ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DocumentKind {
    Passport,
    IdCard,
    DrivingLicence,
    /// Any rectangle of a document's proportions.
    Unknown,
}

/// Distance in pixels from the document outline to each photo edge (negative when the
/// document crosses it).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct Margins {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

/// A specular highlight on the document.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct GlareSpot {
    /// Fraction of the document's area.
    pub area: f32,
    /// In the rectified document, as shares of its width and height.
    pub bbox: BoundingBox,
    pub covers_text: bool,
    pub covers_portrait: bool,
}

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
}

#[uniffi::export]
impl Engine {
    /// Checks one document photo given as encoded bytes (JPEG/PNG; another recognised format
    /// gives a report with FILE_FORMAT, damaged bytes an `InvalidImage` error).
    pub fn check_document(
        &self,
        encoded: Vec<u8>,
        kind: DocumentKind,
    ) -> Result<DocumentReport, PrecheckError> {
        guarded("checkDocument", || {
            let report = self.inner.check_document(&encoded, kind.into(), None)?;
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
            let image = self
                .inner
                .frame_converter()
                .to_image(&frame.to_core(pixels)?)?;
            let report = DocumentChecker::new(DocumentConfig::default()).check_image(
                Some(self.inner.analyzer()),
                &image,
                kind.into(),
            )?;
            Ok::<_, PrecheckError>(DocumentReport::from(&report))
        })
    }
}

impl From<DocumentKind> for core::DocumentKind {
    fn from(kind: DocumentKind) -> Self {
        match kind {
            DocumentKind::Passport => core::DocumentKind::Passport,
            DocumentKind::IdCard => core::DocumentKind::IdCard,
            DocumentKind::DrivingLicence => core::DocumentKind::DrivingLicence,
            DocumentKind::Unknown => core::DocumentKind::Unknown,
        }
    }
}

impl From<&core::DocumentReport> for DocumentReport {
    fn from(report: &core::DocumentReport) -> Self {
        DocumentReport {
            width: report.width,
            height: report.height,
            found: report.found,
            corners: report
                .corners
                .map(|c| c.into_iter().map(Point::from).collect())
                .unwrap_or_default(),
            fill_ratio: report.fill_ratio,
            margins: report.margins.map(|m| Margins {
                left: m.left,
                top: m.top,
                right: m.right,
                bottom: m.bottom,
            }),
            issues: report.issues.iter().map(Issue::from).collect(),
            glare: report
                .glare
                .iter()
                .map(|g| GlareSpot {
                    area: g.area,
                    bbox: g.bbox.into(),
                    covers_text: g.covers_text,
                    covers_portrait: g.covers_portrait,
                })
                .collect(),
            portrait_box: report.portrait_box().map(BoundingBox::from),
        }
    }
}
