//! The frames kept for the face match: the seed's "frame-level scoring". Frames with blur,
//! flicker, shake, a face too dark or too bright, a dirty lens or not exactly one whole face are
//! discarded; every other quality issue (framing, pose, coverings, expression, light from behind
//! or the side: the face is still exposed) halves a frame's weight; the score
//! prefers sharp, frontal, eyes-open, mouth-closed frames. The best few are copied (into reused buffers) so they can be
//! embedded when the session ends, and overwritten when a better frame comes.

use crate::face::FaceObservation;
use crate::frame::RgbImage;
use crate::prompt::{Issue, PromptCode};

/// Frames kept by default.
pub const DEFAULT_KEPT: usize = 3;

/// Two kept frames are at least this far apart, so they are not the same instant three times.
const MIN_SPACING_MS: i64 = 250;

/// One kept frame.
#[derive(Debug, Clone)]
pub struct MatchCandidate {
    pub t_ms: i64,
    /// The frame's digest in the session's frame chain.
    pub digest: [u8; 32],
    pub score: f32,
    pub image: RgbImage,
    pub face: FaceObservation,
}

/// Issues that make a frame useless for matching, whatever their severity.
const DISCARDING: [PromptCode; 10] = [
    PromptCode::Blurry,
    PromptCode::Flicker,
    PromptCode::HoldStill,
    PromptCode::BackgroundMoving,
    PromptCode::LensDirty,
    PromptCode::FaceNotFound,
    PromptCode::MultipleFaces,
    PromptCode::FaceCutOff,
    PromptCode::TooDark,
    PromptCode::TooBright,
];

/// A frame's weight for matching given its quality issues: `None` to discard it, else 1 halved
/// per remaining issue.
pub fn match_eligibility(issues: &[Issue]) -> Option<f32> {
    if issues.iter().any(|i| DISCARDING.contains(&i.code)) {
        return None;
    }
    Some(0.5f32.powi(issues.len().min(30) as i32))
}

/// The quality score of an eligible frame (higher is better, 0 for a useless one).
pub fn frame_score(face: &FaceObservation, sharpness: f32) -> f32 {
    let frontal =
        face.pose.yaw.to_radians().cos().max(0.0) * face.pose.pitch.to_radians().cos().max(0.0);
    let eyes = face
        .eyes_open
        .left
        .min(face.eyes_open.right)
        .clamp(0.0, 1.0);
    let mouth_closed = (1.0 - face.mouth_open).clamp(0.0, 1.0);
    sharpness.max(0.0) * frontal.powi(4) * eyes * mouth_closed
}

/// The best frames so far, best first.
#[derive(Debug, Default)]
pub struct BestFrames {
    capacity: usize,
    kept: Vec<MatchCandidate>,
}

impl BestFrames {
    pub fn new(capacity: usize) -> Self {
        BestFrames {
            capacity,
            kept: Vec::with_capacity(capacity),
        }
    }

    /// Whether frames are kept at all.
    pub fn is_enabled(&self) -> bool {
        self.capacity > 0
    }

    /// Offers an eligible frame; copies it only when it enters the kept set.
    pub fn offer(
        &mut self,
        score: f32,
        t_ms: i64,
        digest: [u8; 32],
        image: &RgbImage,
        face: &FaceObservation,
    ) {
        if self.capacity == 0 || score <= 0.0 || !score.is_finite() {
            return;
        }
        // A frame too close to a kept one competes with that one only.
        let slot = match self
            .kept
            .iter()
            .position(|c| (c.t_ms - t_ms).abs() < MIN_SPACING_MS)
        {
            Some(i) if self.kept[i].score >= score => return,
            Some(i) => i,
            None if self.kept.len() < self.capacity => {
                self.kept.push(MatchCandidate {
                    t_ms,
                    digest,
                    score,
                    image: RgbImage::default(),
                    face: face.clone(),
                });
                self.kept.len() - 1
            }
            None => {
                let worst = self.kept.len() - 1;
                if self.kept[worst].score >= score {
                    return;
                }
                worst
            }
        };
        let c = &mut self.kept[slot];
        c.t_ms = t_ms;
        c.digest = digest;
        c.score = score;
        c.face.clone_from(face);
        c.image.resize(image.width(), image.height());
        c.image.as_bytes_mut().copy_from_slice(image.as_bytes());
        self.kept.sort_by(|a, b| b.score.total_cmp(&a.score));
    }

    /// The kept frames, best first.
    #[cfg(test)]
    pub fn kept(&self) -> &[MatchCandidate] {
        &self.kept
    }

    /// Hands the kept frames over (the session keeps none).
    pub fn take(&mut self) -> Vec<MatchCandidate> {
        std::mem::take(&mut self.kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face::FaceMesh;
    use crate::math::BoundingBox;

    fn face(yaw: f32) -> FaceObservation {
        let mut f = FaceObservation::from_mesh(
            FaceMesh::default(),
            BoundingBox {
                x: 0.0,
                y: 0.0,
                width: 10.0,
                height: 10.0,
            },
            1.0,
        );
        f.pose.yaw = yaw;
        f.eyes_open.left = 1.0;
        f.eyes_open.right = 1.0;
        f.mouth_open = 0.0;
        f
    }

    #[test]
    fn frontal_sharp_frames_win_and_close_frames_compete_for_one_slot() {
        let image = RgbImage::from_raw(2, 1, vec![1; 6]).unwrap();
        let mut best = BestFrames::new(2);
        for (t, sharp, yaw) in [
            (0, 0.5, 0.0),
            (100, 0.6, 0.0),
            (1000, 0.4, 30.0),
            (2000, 0.9, 0.0),
        ] {
            let f = face(yaw);
            best.offer(frame_score(&f, sharp), t, [t as u8; 32], &image, &f);
        }
        let times: Vec<i64> = best.kept().iter().map(|c| c.t_ms).collect();
        assert_eq!(times, vec![2000, 100]);
    }
}
