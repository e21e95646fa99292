//! What a document check returns: plain data.

use serde::Serialize;

use crate::face::FaceObservation;
use crate::frame::RgbImage;
use crate::math::{BoundingBox, Point};
use crate::prompt::{Issue, PromptCode};

/// Which document the user was asked for; narrows the accepted shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DocumentKind {
    /// ICAO TD3 data page, 125 × 88 mm.
    Passport,
    /// ID-1 card, 85.6 × 54 mm (also TD1 cards).
    IdCard,
    /// ID-1 card format.
    DrivingLicence,
    /// Any of the above (and TD2 / visa pages).
    #[default]
    Unknown,
}

impl DocumentKind {
    /// Accepted long/short side ratio of the photographed outline (perspective included).
    pub fn aspect_range(self, unknown: (f32, f32)) -> (f32, f32) {
        match self {
            DocumentKind::Passport => (1.1, 2.6),
            DocumentKind::IdCard | DocumentKind::DrivingLicence => (1.2, 3.0),
            DocumentKind::Unknown => unknown,
        }
    }

    /// The nominal long/short side ratio, when the kind fixes it.
    pub fn nominal_aspect(self) -> Option<f32> {
        match self {
            DocumentKind::Passport => Some(125.0 / 88.0),
            DocumentKind::IdCard | DocumentKind::DrivingLicence => Some(85.6 / 54.0),
            DocumentKind::Unknown => None,
        }
    }
}

impl std::str::FromStr for DocumentKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "passport" => Ok(DocumentKind::Passport),
            "id_card" => Ok(DocumentKind::IdCard),
            "driving_licence" | "driving_license" => Ok(DocumentKind::DrivingLicence),
            "unknown" | "any" => Ok(DocumentKind::Unknown),
            _ => Err(format!(
                "unknown document kind {s:?} (passport, id_card, driving_licence)"
            )),
        }
    }
}

/// Distance in pixels from the document outline to each frame edge (negative when the
/// document crosses it).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Margins {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

/// One glare spot on the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GlareSpot {
    /// Share of the document's area.
    pub area: f32,
    /// Bounding box in the rectified document, as shares of its width and height.
    pub bbox: BoundingBox,
    /// Over printed text (text around it continues under it).
    pub covers_text: bool,
    /// Over the portrait.
    pub covers_portrait: bool,
}

/// The raw measure behind each check, for tuning and for the evaluation tables.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct DocumentMeasures {
    /// Fill relative to the largest fill this frame allows for the document's shape.
    pub relative_fill: f32,
    /// Long/short side ratio of the outline.
    pub aspect: f32,
    pub luma_p10: f32,
    pub luma_p90: f32,
    pub clipped_fraction: f32,
    pub glare_fraction: f32,
    pub acuity: f32,
    pub screen_peak: f32,
    pub colourfulness: f32,
    /// Longest stretch of a side covered by something lying across the edge (DOC_OBSCURED),
    /// as a share of the document's long side.
    pub largest_edge_gap: f32,
    /// Edge support of each side (top, right, bottom, left).
    pub side_support: [f32; 4],
}

/// The portrait printed on the document.
#[derive(Debug, Clone)]
pub struct Portrait {
    /// The face, in pixels of [`DocumentReport::rectified`].
    pub face: FaceObservation,
    /// Its box in the photo (the axis-aligned box of the face box mapped back).
    pub box_in_photo: BoundingBox,
    /// A square crop of the rectified document around the face (1.6 × the face box), for
    /// matching.
    pub crop: RgbImage,
}

/// The result of checking one document photo.
#[derive(Debug, Clone, Default)]
pub struct DocumentReport {
    pub width: u32,
    pub height: u32,
    pub found: bool,
    /// Top-left, top-right, bottom-right, bottom-left, sub-pixel, in photo pixels with pixel
    /// (i, j) covering [i, i+1) × [j, j+1) (corners outside the frame when the document
    /// overflows it).
    pub corners: Option<[Point; 4]>,
    /// Document area / frame area (0 when not found).
    pub fill_ratio: f32,
    pub margins: Option<Margins>,
    /// Failed checks, most important first.
    pub issues: Vec<Issue>,
    pub glare: Vec<GlareSpot>,
    pub measures: DocumentMeasures,
    pub portrait: Option<Portrait>,
    /// What the MRZ says, when one was read ([`super::mrz_step::add_mrz`]).
    pub mrz: Option<crate::mrz::MrzReport>,
    /// What the decoder mended in the uploaded file (a JPEG without its end marker), if anything.
    pub file_repair: Option<crate::frame::FileRepair>,
    /// The document cut out and flattened (long side [`super::DocumentConfig::rectified_long_side`]),
    /// turned upright when a portrait was found the other way up.
    pub rectified: Option<RgbImage>,
}

impl DocumentReport {
    pub fn has(&self, code: PromptCode) -> bool {
        self.issues.iter().any(|i| i.code == code)
    }

    /// The portrait's box in the photo.
    pub fn portrait_box(&self) -> Option<BoundingBox> {
        self.portrait.as_ref().map(|p| p.box_in_photo)
    }
}
