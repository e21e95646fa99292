//! What the report shows: plain data the caller fills from a finished flow. Coordinates
//! (quadrilateral, boxes, mesh points) are in the pixels of the image they belong to, as
//! encoded (scale them with the factor [`EncodedImage::jpeg`] returns).

use precheck_core::decision::Decision;
use precheck_core::frame::RgbImage;
use precheck_core::math::{BoundingBox, Point};

/// An encoded picture to inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedImage {
    pub mime: ImageMime,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageMime {
    Jpeg,
    Png,
}

impl ImageMime {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageMime::Jpeg => "image/jpeg",
            ImageMime::Png => "image/png",
        }
    }
}

impl EncodedImage {
    /// `image` as a JPEG of `quality` (1-100), shrunk so its long side is at most `max_side`
    /// pixels. Returns the picture and the factor from `image` pixels to its pixels (≤ 1).
    pub fn jpeg(
        image: &RgbImage,
        max_side: u32,
        quality: u8,
    ) -> Result<(EncodedImage, f32), image::ImageError> {
        let (w, h) = (image.width(), image.height());
        let long = w.max(h).max(1);
        let scale = (max_side.max(1) as f32 / long as f32).min(1.0);
        let (tw, th) = (
            ((w as f32 * scale).round() as u32).max(1),
            ((h as f32 * scale).round() as u32).max(1),
        );
        let buffer =
            image::RgbImage::from_raw(w, h, image.as_bytes().to_vec()).ok_or_else(|| {
                image::ImageError::Parameter(image::error::ParameterError::from_kind(
                    image::error::ParameterErrorKind::DimensionMismatch,
                ))
            })?;
        let resized = if scale < 1.0 {
            image::imageops::resize(&buffer, tw, th, image::imageops::FilterType::Triangle)
        } else {
            buffer
        };
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality.clamp(1, 100))
            .encode_image(&resized)?;
        Ok((
            EncodedImage {
                mime: ImageMime::Jpeg,
                bytes,
                width: tw,
                height: th,
            },
            tw as f32 / w.max(1) as f32,
        ))
    }
}

/// A prompt code with its message in the report's language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeMessage {
    pub code: String,
    pub message: String,
}

/// One MRZ check digit's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzCheckLine {
    /// e.g. `document_number`, `birth_date`, `composite`.
    pub field: String,
    pub valid: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MrzSection {
    pub lines: Vec<String>,
    pub valid: bool,
    pub checks: Vec<MrzCheckLine>,
}

/// The document step.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentSection {
    pub image: EncodedImage,
    /// `passport`, `id_card`, ...
    pub kind: String,
    /// Top-left, top-right, bottom-right, bottom-left.
    pub quad: Option<[Point; 4]>,
    pub portrait_box: Option<BoundingBox>,
    pub mrz: Option<MrzSection>,
    pub issues: Vec<CodeMessage>,
}

/// How a typed value compares with the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldVerdict {
    Exact,
    Equivalent,
    Mismatch,
    /// The document does not show this field.
    Missing,
}

impl FieldVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldVerdict::Exact => "exact",
            FieldVerdict::Equivalent => "equivalent",
            FieldVerdict::Mismatch => "mismatch",
            FieldVerdict::Missing => "missing",
        }
    }
}

/// One row of the data step: what the user typed against what the document says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldComparison {
    pub field: String,
    pub typed: String,
    pub document: String,
    pub verdict: FieldVerdict,
    pub note: String,
}

/// A key frame of the selfie step.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfieFrame {
    pub image: EncodedImage,
    pub t_ms: i64,
    pub face_box: Option<BoundingBox>,
    /// The 468 FaceMesh points (any number is drawn).
    pub mesh: Vec<Point>,
    /// The prompt the user saw at that moment.
    pub prompt: Option<CodeMessage>,
    /// Why this frame is shown (e.g. "used for matching", "blink").
    pub caption: String,
}

/// One frame's face signals. Eye openness per eye and mouth openness as the session measures
/// them; `None` where no face was seen.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TimelineSample {
    pub t_ms: i64,
    pub left_eye: Option<f32>,
    pub right_eye: Option<f32>,
    pub mouth: Option<f32>,
    pub yaw_deg: Option<f32>,
}

/// A challenge and the time of the response the session accepted (or of its try).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeWindow {
    pub kind: String,
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    pub passed: bool,
}

/// The prompt shown changed at `t_ms` (`None`: nothing shown from then on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptChange {
    pub t_ms: i64,
    pub prompt: Option<CodeMessage>,
}

/// A liveness detector event (an action's onset, completion, or a try too fast or too slow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    pub t_ms: i64,
    /// What happened: `blink complete`, `turn_left onset`, ...
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    pub samples: Vec<TimelineSample>,
    pub challenges: Vec<ChallengeWindow>,
    pub prompts: Vec<PromptChange>,
    pub events: Vec<TimelineEvent>,
}

/// One liveness verdict.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VerdictLine {
    /// `live`, `spoof`, `unsure`, `pass`, `fail`, ...
    pub verdict: String,
    pub score: Option<f32>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LivenessSection {
    pub active: VerdictLine,
    pub passive: VerdictLine,
    pub depth: VerdictLine,
    /// Identity continuity over the selfie: `same`, `changed`, ...
    pub continuity: VerdictLine,
}

/// The face match of the selfie against the document portrait.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MatchSection {
    pub similarity: f32,
    /// `match` at or above.
    pub match_threshold: f32,
    /// `no_match` below.
    pub no_match_threshold: f32,
    /// `match`, `no_match` or `review`.
    pub decision: String,
}

/// A model and its digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelDigest {
    pub name: String,
    pub sha256: String,
}

/// The evidence bundle behind the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EvidenceSection {
    pub bundle_sha256: String,
    /// Ed25519 public key (hex) when the bundle is signed.
    pub public_key_hex: Option<String>,
    pub models: Vec<ModelDigest>,
    pub sdk_version: String,
}

/// Everything the report shows. Empty sections are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportInput {
    /// Page title, e.g. "precheck demo".
    pub title: String,
    /// BCP 47 tag of the messages (`en`, `ja`, ...), for the page's `lang`.
    pub language: String,
    /// When the flow ran, as the caller wants it printed (e.g. ISO 8601).
    pub generated_at: String,
    /// The flow's decision.
    pub decision: Decision,
    /// Every reason of the decision.
    pub reasons: Vec<CodeMessage>,
    pub document: Option<DocumentSection>,
    pub data_step: Vec<FieldComparison>,
    pub selfie_frames: Vec<SelfieFrame>,
    pub timeline: Timeline,
    pub liveness: Option<LivenessSection>,
    pub face_match: Option<MatchSection>,
    pub evidence: EvidenceSection,
}
