//! Per-frame prompt codes from the measures. Every threshold is a field of
//! [`QualityThresholds`] with the reason for its default; `tests/tests/suite/quality_eval.rs` measures
//! detection and false-alarm rates for them on real frames with seeded degradations.
//!
//! Hysteresis: a code that is already showing (`active`) clears only once its measure is back
//! past the threshold by [`QualityThresholds::hysteresis`] (a share of the threshold), so a
//! value hovering at the limit does not make the prompt flicker.

use super::measures::{FaceMeasures, FrameMeasures};
use crate::prompt::{Issue, PromptCode, Severity};

/// Without a face, the frame's own exposure decides whether the light hides it: most of the frame
/// black (luma ≤ 25) or clipped white (≥ 247). Stricter than the face limits because a dark
/// room or a bright wall behind an absent user is normal.
const NO_FACE_UNDER_EXPOSED: f32 = 0.6;
const NO_FACE_OVER_EXPOSED: f32 = 0.4;

/// Thresholds of the per-frame checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QualityThresholds {
    /// Face width / frame short side below which the face is too far. A phone front camera
    /// spans ~60° across the short side of a portrait frame; a face (cheek to cheek ≈ 14 cm) at
    /// 30 cm fills ≈ 0.40 of it, at 50 cm ≈ 0.24. Prompt outside 0.20-0.55 (≈ 60 cm / 22 cm).
    pub min_face_width_share: f32,
    pub max_face_width_share: f32,
    /// Face centre offset from the frame centre (share of the short side) beyond which the face
    /// is outside the app's oval (drawn centred, ~0.6 of the width wide).
    pub max_offset_x: f32,
    pub max_offset_y: f32,
    /// Face outline beyond the frame edge, share of the face width.
    pub max_outside_share: f32,
    /// A second face at least this wide relative to the main one counts (smaller ones are far
    /// background faces).
    pub second_face_min_ratio: f32,
    /// Head pose limits in degrees (ICAO portraits allow ~±5-8°; a pre-check prompt is kinder).
    pub max_yaw: f32,
    pub max_pitch: f32,
    pub max_roll: f32,
    /// Face mean luma below which it is too dark, or share of under-exposed face pixels above
    /// which it is.
    pub min_face_luma: f32,
    pub max_under_exposed: f32,
    /// Face mean luma above which, or share of over-exposed face pixels above which, it is too
    /// bright.
    pub max_face_luma: f32,
    pub max_over_exposed: f32,
    /// Backlight: face luma below `backlit_ratio` × the background's (behind the head), with a
    /// background brighter than `backlit_min_background`.
    pub backlit_ratio: f32,
    pub backlit_min_background: f32,
    /// One side in shadow: the darker face half's mean luma below `min_half_ratio` × the
    /// brighter's (a hard shadow), or the halves' luma histograms intersecting below
    /// `min_uniformity` (OFIQ IlluminationUniformity: also coloured side light). Real frames
    /// under ordinary room light reach 0.60 and 0.38 (tune part); a gentle ramp across the
    /// face is within that and is not flagged.
    pub min_half_ratio: f32,
    pub min_uniformity: f32,
    /// Directional sharpness (see `sharpness.rs`) below which the face is blurred.
    pub min_sharpness: f32,
    /// Lens haze: dark floor above and contrast range below these.
    pub haze_dark_floor: f32,
    pub haze_contrast_range: f32,
    /// Sunglasses: both eye patches darker than `sunglasses_brightness` × the cheeks and more
    /// than `sunglasses_dark_fraction` of their pixels dark (deep-set eyes in a dim photo reach
    /// ~0.65; real dark lenses 0.7-1.0 on the tune part of `face_occlusions`).
    pub sunglasses_brightness: f32,
    pub sunglasses_dark_fraction: f32,
    /// Hair over the eyes: the eyes' dark shares differ by more than
    /// `eye_covered_asymmetry` (strands over one eye), or one is over
    /// `eye_covered_dark_fraction` with an eye patch darker than `eye_covered_brightness` ×
    /// the cheek (thick strands or bangs). Not judged on a face too dark to see: a shadow
    /// across one eye looks like hair there, and the light prompt comes first.
    pub eye_covered_asymmetry: f32,
    pub eye_covered_dark_fraction: f32,
    pub eye_covered_brightness: f32,
    /// Glare on glasses: specular share of an eye patch above this (a catch-light is < 1 %).
    pub glare_specular_fraction: f32,
    /// Mask: lips-versus-chin difference score below this (a mask makes both one fabric).
    pub min_mouth_contrast: f32,
    /// ...unless the mesh sees the lips this far apart (inner-lip gap / eye distance): teeth
    /// between open or smiling lips are as bright and colourless as a white mask, and a mask
    /// keeps the mesh's mouth closed (≤ 0.077 on every real mask of the tune part; a child's
    /// round "o" in a genuine clip reads 0.086).
    pub mask_open_mouth_gap: f32,
    /// ...or the face has less colour than this (`Coverings::skin_colour`): on a greyscale
    /// image lips and chin differ in brightness only, as two fabrics do. A blurred face is not
    /// judged either (BLURRY comes first; blur evens lips and chin out).
    pub min_skin_colour: f32,
    /// Head covering: forehead-versus-cheeks difference score above this. A bald or shiny
    /// forehead under a lamp, a dim photo of dark skin and hair cut by the frame reach ~11
    /// (tune part of the real material); caps and hats mostly 12-50. No texture rule: smooth
    /// skin is as flat as fabric, and a fringe as patterned as a knitted hat.
    pub head_cover_score: f32,
    /// The eye, mouth and head-covering checks judge only faces at least this wide (share of
    /// the frame's short side, as `min_face_width_share`): on a smaller face an eye patch is a
    /// few pixels of stage light or shadow, and FACE_TOO_FAR comes first.
    pub min_occlusion_face_share: f32,
    /// Not neutral: inner-lip gap / eye distance above this (OFIQ MouthClosed scalar < 50 at
    /// 0.2), or the mouth corners lifted by this share of the eye distance.
    pub max_mouth_gap: f32,
    pub max_corner_lift: f32,
    /// Share of a threshold a measure must clear before an active prompt goes away.
    pub hysteresis: f32,
}

impl Default for QualityThresholds {
    fn default() -> Self {
        QualityThresholds {
            min_face_width_share: 0.20,
            max_face_width_share: 0.55,
            max_offset_x: 0.12,
            max_offset_y: 0.15,
            max_outside_share: 0.03,
            second_face_min_ratio: 0.25,
            max_yaw: 15.0,
            max_pitch: 15.0,
            max_roll: 12.0,
            min_face_luma: 0.20,
            max_under_exposed: 0.35,
            max_face_luma: 0.86,
            max_over_exposed: 0.20,
            backlit_ratio: 0.55,
            backlit_min_background: 0.5,
            min_half_ratio: 0.60,
            min_uniformity: 0.35,
            min_sharpness: 0.125,
            haze_dark_floor: 0.22,
            haze_contrast_range: 0.62,
            sunglasses_brightness: 0.5,
            sunglasses_dark_fraction: 0.7,
            eye_covered_asymmetry: 0.32,
            eye_covered_dark_fraction: 0.75,
            eye_covered_brightness: 0.55,
            glare_specular_fraction: 0.02,
            min_mouth_contrast: 2.0,
            mask_open_mouth_gap: 0.08,
            min_skin_colour: 1.0,
            head_cover_score: 12.0,
            min_occlusion_face_share: 0.20,
            max_mouth_gap: 0.20,
            max_corner_lift: 0.12,
            hysteresis: 0.08,
        }
    }
}

/// A limit with hysteresis: `fails_above` is true when `value` exceeds `limit`, or, when the
/// code is active, exceeds `limit` lowered by the hysteresis share.
struct Limits<'a> {
    t: &'a QualityThresholds,
    active: &'a [PromptCode],
}

impl Limits<'_> {
    fn above(&self, code: PromptCode, value: f32, limit: f32) -> bool {
        let limit = if self.active.contains(&code) {
            limit * (1.0 - self.t.hysteresis)
        } else {
            limit
        };
        value > limit
    }

    fn below(&self, code: PromptCode, value: f32, limit: f32) -> bool {
        let limit = if self.active.contains(&code) {
            limit * (1.0 + self.t.hysteresis)
        } else {
            limit
        };
        value < limit
    }
}

/// The issues of one frame. `active` lists the codes currently shown or pending (for
/// hysteresis; pass `&[]` for a single photo).
pub fn frame_issues(m: &FrameMeasures, t: &QualityThresholds, active: &[PromptCode]) -> Vec<Issue> {
    let mut issues = Vec::new();
    collect_frame_issues(m, t, active, &mut issues);
    issues
}

/// [`frame_issues`] into a reused buffer (cleared first).
pub fn collect_frame_issues(
    m: &FrameMeasures,
    t: &QualityThresholds,
    active: &[PromptCode],
    issues: &mut Vec<Issue>,
) {
    issues.clear();
    let Some(face) = &m.face else {
        // An unusable exposure hides the face: then the light is what to fix first.
        let h = m.haze;
        let code = if h.under_exposed > NO_FACE_UNDER_EXPOSED {
            PromptCode::TooDark
        } else if h.over_exposed > NO_FACE_OVER_EXPOSED {
            PromptCode::TooBright
        } else {
            PromptCode::FaceNotFound
        };
        issues.push(Issue::new(code, Severity::Error, Some(h.mean)));
        return;
    };
    let lim = Limits { t, active };
    let mut push =
        |code, severity, value: f32| issues.push(Issue::new(code, severity, Some(value)));
    use PromptCode::*;
    use Severity::{Error, Warning};
    if m.face_count > 1 && lim.above(MultipleFaces, m.second_face_ratio, t.second_face_min_ratio) {
        push(MultipleFaces, Error, m.second_face_ratio);
    }
    framing_issues(face, &lim, &mut push);
    light_issues(face, &lim, &mut push);
    // Haze is a frame property but only matters with a face to judge.
    let haze = m.haze;
    if haze.dark_floor > t.haze_dark_floor
        && lim.below(LensDirty, haze.contrast_range, t.haze_contrast_range)
    {
        push(LensDirty, Warning, haze.dark_floor);
    }
    if lim.below(Blurry, face.sharpness, t.min_sharpness) {
        push(Blurry, Error, face.sharpness);
    }
    occlusion_issues(face, &lim, &mut push);
    let pose = face.pose;
    let pose_excess = (pose.yaw.abs() / t.max_yaw)
        .max(pose.pitch.abs() / t.max_pitch)
        .max(pose.roll.abs() / t.max_roll);
    if lim.above(LookStraight, pose_excess, 1.0) {
        push(LookStraight, Error, pose_excess);
    }
    let e = face.expression;
    if lim.above(NotNeutral, e.mouth_gap, t.max_mouth_gap)
        || lim.above(NotNeutral, e.corner_lift, t.max_corner_lift)
    {
        push(NotNeutral, Warning, e.mouth_gap.max(e.corner_lift));
    }
}

fn framing_issues(
    face: &FaceMeasures,
    lim: &Limits<'_>,
    push: &mut impl FnMut(PromptCode, Severity, f32),
) {
    use PromptCode::*;
    let (t, f) = (lim.t, &face.framing);
    if lim.above(FaceCutOff, f.outside_share, t.max_outside_share) {
        push(FaceCutOff, Severity::Error, f.outside_share);
    }
    if lim.below(FaceTooFar, f.face_width_share, t.min_face_width_share) {
        push(FaceTooFar, Severity::Error, f.face_width_share);
    } else if lim.above(FaceTooClose, f.face_width_share, t.max_face_width_share) {
        push(FaceTooClose, Severity::Error, f.face_width_share);
    }
    let offset = (f.offset_x.abs() / t.max_offset_x).max(f.offset_y.abs() / t.max_offset_y);
    if lim.above(FaceNotCentered, offset, 1.0) {
        push(FaceNotCentered, Severity::Error, offset);
    }
}

fn light_issues(
    face: &FaceMeasures,
    lim: &Limits<'_>,
    push: &mut impl FnMut(PromptCode, Severity, f32),
) {
    use PromptCode::*;
    let (t, l) = (lim.t, &face.light);
    let too_dark = lim.below(TooDark, l.mean, t.min_face_luma)
        || lim.above(TooDark, l.under_exposed, t.max_under_exposed);
    let too_bright = lim.above(TooBright, l.mean, t.max_face_luma)
        || lim.above(TooBright, l.over_exposed, t.max_over_exposed);
    let ratio = l.mean / l.background_mean.max(1e-3);
    let backlit =
        l.background_mean > t.backlit_min_background && lim.below(Backlit, ratio, t.backlit_ratio);
    // A dark face against a bright background is backlight, not a dark room: say the cause.
    if backlit {
        push(Backlit, Severity::Error, ratio);
    } else if too_dark {
        push(TooDark, Severity::Error, l.mean);
    }
    if too_bright {
        push(TooBright, Severity::Error, l.over_exposed.max(l.mean));
    }
    let uneven = lim.below(UnevenLight, l.half_ratio, t.min_half_ratio)
        || lim.below(UnevenLight, l.uniformity, t.min_uniformity);
    if !too_dark && !too_bright && uneven {
        push(
            UnevenLight,
            Severity::Warning,
            l.half_ratio.min(l.uniformity),
        );
    }
}

fn occlusion_issues(
    face: &FaceMeasures,
    lim: &Limits<'_>,
    push: &mut impl FnMut(PromptCode, Severity, f32),
) {
    use PromptCode::*;
    let t = lim.t;
    if face.framing.face_width_share < t.min_occlusion_face_share {
        return;
    }
    let (r, l) = (&face.eyes.right, &face.eyes.left);
    let brighter = r.brightness_ratio.max(l.brightness_ratio);
    let sunglasses = lim.below(Sunglasses, brighter, t.sunglasses_brightness)
        && r.dark_fraction.min(l.dark_fraction) > t.sunglasses_dark_fraction;
    if sunglasses {
        push(Sunglasses, Severity::Error, brighter);
    }
    // Checked even with sunglasses (the prompt shows SUNGLASSES first): dark lenses hide the
    // eyes too, and hair over one eye can look like a dark lens on that side.
    let asymmetry = (r.dark_fraction - l.dark_fraction).abs();
    let darkest = r.dark_fraction.max(l.dark_fraction);
    let too_dark =
        face.light.mean < t.min_face_luma || face.light.under_exposed > t.max_under_exposed;
    let covered = !too_dark
        && (lim.above(EyesCovered, asymmetry, t.eye_covered_asymmetry)
            || (lim.above(EyesCovered, darkest, t.eye_covered_dark_fraction)
                && r.brightness_ratio.min(l.brightness_ratio) < t.eye_covered_brightness));
    if covered {
        push(EyesCovered, Severity::Error, asymmetry.max(darkest));
    }
    let glare = r.specular_fraction.max(l.specular_fraction);
    if lim.above(GlassesGlare, glare, t.glare_specular_fraction) {
        push(GlassesGlare, Severity::Warning, glare);
    }
    let mouth = face.coverings.mouth_contrast.score();
    let judgeable = face.expression.mouth_gap <= t.mask_open_mouth_gap
        && face.coverings.skin_colour >= t.min_skin_colour
        && face.sharpness >= t.min_sharpness;
    if judgeable && lim.below(Mask, mouth, t.min_mouth_contrast) {
        push(Mask, Severity::Error, mouth);
    }
    let forehead = face.coverings.forehead.score();
    if lim.above(HeadCovered, forehead, t.head_cover_score) {
        push(HeadCovered, Severity::Error, forehead);
    }
}
