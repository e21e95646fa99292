//! Blink ground truth for the genuine single-face talking clips of `../shared/data/videos`: the
//! one place the blink times live (the detector, session and eye-openness tests read it).
//!
//! **Checked by eye** (2026-11-24): every frame of each clip at its native rate (ffmpeg), the
//! eye band cropped (a fixed band per clip, moved where the head drifts), tiled into contact
//! sheets with frame number and time, and read frame by frame (30 fps clips: first every second
//! frame, then the odd frames too); each candidate then again at full size. A *blink* is both upper lids coming down over most of the iris and going back up within
//! ~0.5 s; its time is the frame where the lids are most closed (the middle of two equally
//! closed frames), ±0.1 s (frames are 33-40 ms apart). Listed apart: *partial* blinks (the lids
//! stop halfway: neither a hit nor a false trigger) and dips of eye openness that are **not**
//! blinks (looking down, squinting while smiling, eyes held shut, gaze shifts) — a detector that
//! fires there makes a false trigger. None of this was read from the detector's output.

/// One clip's blinks.
#[derive(Debug, Clone, Copy)]
pub struct ClipBlinks {
    /// Path under the data folder.
    pub clip: &'static str,
    /// The clip's own frame rate.
    pub native_fps: u32,
    /// Eyes-closed moments, seconds.
    pub blinks_s: &'static [f32],
    /// Lids lowered halfway and back: not counted either way.
    pub partial_s: &'static [f32],
    /// (from, to, what) stretches where eye openness drops without a blink.
    pub not_blinks: &'static [(f32, f32, &'static str)],
}

pub const AOC: &str =
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4";

/// The annotated clips. `retalking 3.mp4` is the same footage as the AOC clip (another crop,
/// 0.06 s later): its seven blinks are the AOC clip's first seven, not independent ones.
pub const GENUINE_BLINKS: [ClipBlinks; 9] = [
    ClipBlinks {
        clip: AOC,
        native_fps: 25,
        // README lists 0.4, 1.0, 2.2, 3.2, 3.8, 6.0, 7.0; 1.42, 4.44 and 5.18 are unlisted ones.
        blinks_s: &[0.44, 1.10, 1.42, 2.28, 3.24, 3.90, 4.44, 5.18, 6.02, 7.10],
        partial_s: &[],
        not_blinks: &[],
    },
    ClipBlinks {
        clip: "videos/OpenTalker+video-retalking/examples/face/1.mp4",
        native_fps: 30,
        blinks_s: &[3.77],
        partial_s: &[],
        not_blinks: &[],
    },
    ClipBlinks {
        clip: "videos/OpenTalker+video-retalking/examples/face/2.mp4",
        native_fps: 25,
        // Narrow, low-contrast eyes: no closure seen in 5 s.
        blinks_s: &[],
        partial_s: &[],
        not_blinks: &[],
    },
    ClipBlinks {
        clip: "videos/OpenTalker+video-retalking/examples/face/3.mp4",
        native_fps: 25,
        blinks_s: &[0.50, 1.12, 1.46, 2.34, 3.30, 3.98, 4.50],
        partial_s: &[],
        not_blinks: &[(2.40, 2.50, "lids low, looking down after the 2.34 blink")],
    },
    ClipBlinks {
        clip: "videos/OpenTalker+video-retalking/examples/face/4.mp4",
        native_fps: 30,
        // 1.25: closed again while the head drops fast (motion blur); 2.95: a slow one (170 ms
        // shut).
        blinks_s: &[1.02, 1.25, 2.55, 2.95, 4.20, 4.63],
        partial_s: &[],
        not_blinks: &[
            (3.10, 3.35, "lids lowered, looking down"),
            (3.60, 4.55, "frowning squint"),
        ],
    },
    ClipBlinks {
        clip: "videos/OpenTalker+video-retalking/examples/face/5.mp4",
        native_fps: 25,
        // A double blink: shut 0.36-0.48, half open 0.52-0.56, shut 0.60-0.68.
        blinks_s: &[0.42, 0.64],
        partial_s: &[],
        not_blinks: &[],
    },
    ClipBlinks {
        clip: "videos/KwaiVGI+LivePortrait/assets/examples/driving/d10.mp4",
        native_fps: 30,
        blinks_s: &[7.43, 11.12],
        partial_s: &[12.21],
        not_blinks: &[
            (2.20, 2.55, "wide-eyed gaze to the side"),
            (3.40, 3.75, "gaze to the side"),
            (7.50, 9.95, "gaze to the side"),
            (11.20, 11.35, "lids low after the 11.12 blink"),
            (12.55, 12.85, "squint"),
        ],
    },
    ClipBlinks {
        clip: "videos/KwaiVGI+LivePortrait/assets/examples/driving/d14.mp4",
        native_fps: 30,
        // Fast blinks: 2.20, 2.63, 3.13, 7.03 and 15.83 are shut on one frame at 30 fps (2.63,
        // 7.03 and 15.83 were first overlooked on a sheet of every second frame, then found on
        // the odd frames of all 30 fps clips).
        blinks_s: &[
            0.60, 1.72, 2.20, 2.63, 3.13, 3.65, 7.03, 9.48, 11.58, 12.38, 12.93, 15.24, 15.83,
        ],
        partial_s: &[],
        not_blinks: &[
            (3.75, 6.85, "eyes shut / slits while smiling (3 s)"),
            (8.65, 9.35, "lids lowered"),
            (16.0, 16.8, "looking down and to the side"),
        ],
    },
    ClipBlinks {
        clip: "videos/KwaiVGI+LivePortrait/assets/examples/driving/d19.mp4",
        native_fps: 30,
        blinks_s: &[3.33],
        partial_s: &[],
        not_blinks: &[
            (0.25, 0.65, "one eye squints (smile)"),
            (3.85, 4.20, "squint (smile)"),
            (5.30, 5.90, "squint (smile)"),
            (7.75, 8.30, "squint (smile)"),
        ],
    },
];

/// How a detected blink (eyes-closed span `onset_s..end_s`) relates to the truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetectionKind {
    /// Covers a listed blink (the first unmatched one it covers).
    Hit,
    /// Covers a partial blink: neither a hit nor a false trigger.
    Partial,
    /// A second detection of an already found blink (a false trigger).
    Duplicate,
    /// A false trigger on a listed non-blink dip.
    OnNonBlink,
    /// A false trigger nowhere near anything listed.
    Unexplained,
}

/// Slack around a detection's span: the truth is ±0.1 s and a 15 fps detector sees the
/// closed phase only between frames 67 ms apart.
pub const MATCH_SLACK_S: f32 = 0.12;

/// Matches detections (eyes-closed spans, seconds) to `truth`: per blink whether it was found,
/// per detection what it was. One detection finds at most one blink.
pub fn match_blinks(truth: &ClipBlinks, spans: &[(f32, f32)]) -> (Vec<bool>, Vec<DetectionKind>) {
    let covers = |(a, b): (f32, f32), t: f32| t >= a - MATCH_SLACK_S && t <= b + MATCH_SLACK_S;
    let mut found = vec![false; truth.blinks_s.len()];
    let kinds = spans
        .iter()
        .map(|&span| {
            if let Some(i) =
                (0..found.len()).find(|&i| !found[i] && covers(span, truth.blinks_s[i]))
            {
                found[i] = true;
                DetectionKind::Hit
            } else if truth.partial_s.iter().any(|&t| covers(span, t)) {
                DetectionKind::Partial
            } else if truth.blinks_s.iter().any(|&t| covers(span, t)) {
                DetectionKind::Duplicate
            } else if truth
                .not_blinks
                .iter()
                .any(|&(a, b, _)| span.0 <= b + MATCH_SLACK_S && span.1 >= a - MATCH_SLACK_S)
            {
                DetectionKind::OnNonBlink
            } else {
                DetectionKind::Unexplained
            }
        })
        .collect();
    (found, kinds)
}

impl DetectionKind {
    /// Whether this detection is a false trigger (not a blink, or a blink counted twice).
    pub fn is_false_trigger(self) -> bool {
        matches!(
            self,
            DetectionKind::Duplicate | DetectionKind::OnNonBlink | DetectionKind::Unexplained
        )
    }
}

/// Seconds of the clip covered by `frames` frames at `fps`.
pub fn duration_s(frames: usize, fps: u32) -> f32 {
    frames as f32 / fps.max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_counts_each_blink_once_and_classifies_the_rest() {
        let truth = ClipBlinks {
            clip: "x",
            native_fps: 30,
            blinks_s: &[1.0, 2.0],
            partial_s: &[3.0],
            not_blinks: &[(4.0, 5.0, "squint")],
        };
        let spans = [(0.9, 1.1), (0.95, 1.05), (3.0, 3.1), (4.5, 4.6), (6.0, 6.1)];
        let (found, kinds) = match_blinks(&truth, &spans);
        assert_eq!(found, vec![true, false]);
        assert_eq!(
            kinds,
            vec![
                DetectionKind::Hit,
                DetectionKind::Duplicate,
                DetectionKind::Partial,
                DetectionKind::OnNonBlink,
                DetectionKind::Unexplained
            ]
        );
    }
}
