//! All per-frame measures of one frame, computed in one call from the pixels and the faces.

use serde::Serialize;

use super::coverings::{coverings, Coverings};
use super::expression::{expression, Expression};
use super::eyes::{eye_regions, EyeRegions};
use super::framing::{framing, Framing};
use super::haze::{frame_haze, Haze};
use super::luminance::{face_light, FaceLight};
use super::ofiq;
use super::region::FaceRegions;
use super::sharpness::face_sharpness;
use crate::face::{eye_gap_ratios, FaceObservation, HeadPose};
use crate::frame::RgbImage;

/// Buffers reused from frame to frame.
#[derive(Debug, Clone, Default)]
pub struct QualityScratch {
    /// Face patch pixels: wiped on drop.
    patch: zeroize::Zeroizing<Vec<f32>>,
}

/// Measures of the main (largest) face.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FaceMeasures {
    pub regions: FaceRegions,
    pub light: FaceLight,
    /// Contrast-normalised Laplacian of the face at a fixed scale (see `sharpness.rs`).
    pub sharpness: f32,
    pub eyes: EyeRegions,
    pub coverings: Coverings,
    pub framing: Framing,
    pub expression: Expression,
    pub pose: HeadPose,
    /// Eyelid gap / inter-ocular distance, the smaller eye (OFIQ EyesOpen raw).
    pub eye_gap: f32,
    /// Calibrated openness in [0, 1] of the less open eye.
    pub eyes_open: f32,
    pub landmark_confidence: f32,
}

/// Everything measured on one frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrameMeasures {
    pub width: u32,
    pub height: u32,
    /// Faces in the frame (OFIQ SingleFacePresent counts them).
    pub face_count: usize,
    /// Width of the second-largest face over the largest's (0 with one face).
    pub second_face_ratio: f32,
    pub haze: Haze,
    /// The main face's measures, `None` when there is no face.
    pub face: Option<FaceMeasures>,
}

/// Measures one frame. `faces` are the frame's faces, largest first (as the engine returns
/// them); only the first gets the per-face measures.
pub fn measure_frame(
    image: &RgbImage,
    faces: &[FaceObservation],
    scratch: &mut QualityScratch,
) -> FrameMeasures {
    let (width, height) = (image.width(), image.height());
    let mut measures = FrameMeasures {
        width,
        height,
        face_count: faces.len(),
        haze: frame_haze(image),
        ..FrameMeasures::default()
    };
    if let [main, rest @ ..] = faces {
        let main_width = main.bbox.width.max(1.0);
        measures.second_face_ratio = rest
            .iter()
            .map(|f| f.bbox.width / main_width)
            .fold(0.0, f32::max);
        measures.face = measure_face(image, main, scratch);
    }
    measures
}

fn measure_face(
    image: &RgbImage,
    face: &FaceObservation,
    scratch: &mut QualityScratch,
) -> Option<FaceMeasures> {
    let (width, height) = (image.width(), image.height());
    let regions = FaceRegions::from_mesh(&face.mesh, width, height)?;
    let [right_eye, left_eye, _, mouth_right, mouth_left] = face.landmarks5;
    let (gap_right, gap_left) = eye_gap_ratios(&face.mesh);
    Some(FaceMeasures {
        regions,
        light: face_light(image, &regions),
        sharpness: face_sharpness(
            image,
            right_eye.midpoint(left_eye),
            mouth_right.midpoint(mouth_left),
            regions.eye_distance,
            &mut scratch.patch,
        ),
        eyes: eye_regions(image, &regions),
        coverings: coverings(image, &regions),
        framing: framing(&face.mesh, &regions, width, height),
        expression: expression(&face.mesh),
        pose: face.pose,
        eye_gap: gap_right.min(gap_left),
        eyes_open: face.eyes_open.left.min(face.eyes_open.right),
        landmark_confidence: face.landmark_confidence,
    })
}

/// One measure as reported: OFIQ's name where OFIQ has the measure (ours otherwise), the raw
/// value and the 0-100 scalar where there is a mapping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    pub name: &'static str,
    pub raw: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scalar: Option<u8>,
}

impl FrameMeasures {
    /// The measures as a flat list, OFIQ names first.
    pub fn list(&self) -> Vec<Measure> {
        let m = |name, raw: f32, scalar: Option<u8>| Measure { name, raw, scalar };
        let mut out = vec![m(
            "SingleFacePresent",
            self.face_count as f32,
            Some(if self.face_count == 1 { 100 } else { 0 }),
        )];
        out.push(m("LensHazeDarkFloor", self.haze.dark_floor, None));
        out.push(m("LensHazeContrastRange", self.haze.contrast_range, None));
        let Some(f) = &self.face else {
            return out;
        };
        let l = &f.light;
        let fr = &f.framing;
        let worse_eye =
            |a: &super::EyeRegion, b: &super::EyeRegion| a.brightness_ratio.min(b.brightness_ratio);
        out.extend([
            m("LuminanceMean", l.mean, None),
            m("LuminanceVariance", l.variance, None),
            m(
                "UnderExposurePrevention",
                l.under_exposed,
                Some(ofiq::UNDER_EXPOSURE.scalar(l.under_exposed)),
            ),
            m(
                "OverExposurePrevention",
                l.over_exposed,
                Some(ofiq::OVER_EXPOSURE.scalar(l.over_exposed)),
            ),
            m(
                "DynamicRange",
                l.dynamic_range,
                Some(ofiq::dynamic_range(l.dynamic_range)),
            ),
            m(
                "IlluminationUniformity",
                l.uniformity,
                Some(ofiq::linear(l.uniformity)),
            ),
            m("BackgroundLuminance", l.background_mean, None),
            m("Sharpness", f.sharpness, None),
            m(
                "HeadSize",
                fr.head_size,
                Some(ofiq::HEAD_SIZE.scalar((fr.head_size - 0.45).abs())),
            ),
            m("FaceWidthShare", fr.face_width_share, None),
            m(
                "InterEyeDistance",
                fr.inter_eye_distance,
                Some(ofiq::INTER_EYE_DISTANCE.scalar(fr.inter_eye_distance)),
            ),
            m(
                "LeftwardCropOfTheFaceImage",
                fr.margin_left,
                Some(ofiq::SIDE_CROP.scalar(fr.margin_left)),
            ),
            m(
                "RightwardCropOfTheFaceImage",
                fr.margin_right,
                Some(ofiq::SIDE_CROP.scalar(fr.margin_right)),
            ),
            m(
                "MarginAboveOfTheFaceImage",
                fr.margin_above,
                Some(ofiq::MARGIN_ABOVE.scalar(fr.margin_above)),
            ),
            m(
                "MarginBelowOfTheFaceImage",
                fr.margin_below,
                Some(ofiq::MARGIN_BELOW.scalar(fr.margin_below)),
            ),
            m("HeadPoseYaw", f.pose.yaw, Some(ofiq::head_pose(f.pose.yaw))),
            m(
                "HeadPosePitch",
                f.pose.pitch,
                Some(ofiq::head_pose(f.pose.pitch)),
            ),
            m(
                "HeadPoseRoll",
                f.pose.roll,
                Some(ofiq::head_pose(f.pose.roll)),
            ),
            m("EyesOpen", f.eye_gap, Some(ofiq::linear(f.eyes_open))),
            m(
                "MouthClosed",
                f.expression.mouth_gap,
                Some(ofiq::MOUTH_CLOSED.scalar(f.expression.mouth_gap)),
            ),
            m(
                "EyesVisible",
                worse_eye(&f.eyes.right, &f.eyes.left),
                Some(ofiq::linear(worse_eye(&f.eyes.right, &f.eyes.left))),
            ),
            m(
                "MouthOcclusionPrevention",
                f.coverings.mouth_contrast.score(),
                None,
            ),
            m("NoHeadCoverings", f.coverings.forehead.score(), None),
            m("ExpressionNeutrality", f.expression.corner_lift, None),
            m(
                "GlassesGlare",
                f.eyes
                    .right
                    .specular_fraction
                    .max(f.eyes.left.specular_fraction),
                None,
            ),
        ]);
        out
    }
}
