//! Every number the liveness challenges use, in one place, with where it comes from.
//!
//! Signals (see [`super::active::signals`]): yaw and pitch in degrees from `face::head_pose` (yaw > 0 when
//! the subject turns to their left, corrected for mirrored frames); eye openness as the raw
//! eyelid-gap / inter-ocular ratio of `face::eye_gap_ratios`, compared with the subject's own
//! open-eye baseline (FaceMesh lids never close fully: shut eyes read 0.055-0.10, open ones
//! 0.09-0.15, so an absolute threshold would miss narrow-eyed subjects and most blinks);
//! mouth openness in [0, 1] from `face::mouth_openness` (1 = the wide-open d3.mp4 plateau).

use serde::{Deserialize, Serialize};

/// Detector and sequencing thresholds. `Default` is the documented operating point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LivenessThresholds {
    // --- sequencing -------------------------------------------------------------------------
    /// An action starting sooner than this after its prompt was anticipated, not a response
    /// (human visual reaction time is ≥ ~200 ms): WRONG_ACTION.
    pub min_latency_ms: i64,
    /// No response this long after the prompt: TOO_SLOW.
    pub max_latency_ms: i64,
    /// The face must be neutral (frontal, mouth closed, eyes open) this long before the first
    /// prompt is issued, and again after a failed try.
    pub neutral_ms: i64,
    /// |yaw| and |pitch| of a neutral head (people hold their phone a little off-axis: the
    /// talking clips sit at |yaw| 10-13°, pitch up to +17°; a turn starts at 25°).
    pub neutral_yaw_deg: f32,
    pub neutral_pitch_deg: f32,
    /// Mouth openness of a neutral (closed) mouth.
    pub neutral_mouth: f32,
    /// How long a failure prompt (TOO_FAST, TOO_SLOW, WRONG_ACTION) stays before the retry.
    pub feedback_ms: i64,
    /// Tries per challenge before the attempt fails.
    pub tries_per_challenge: u32,
    /// The face may be missing this long once the challenges have started; longer ends the
    /// attempt.
    pub face_lost_grace_ms: i64,

    // --- blink --------------------------------------------------------------------------------
    /// The open-eye baseline: median raw eye ratio over this much recent neutral history.
    pub blink_baseline_ms: i64,
    /// Eyes count as closing below this share of the baseline, as open again above
    /// `blink_reopen` × baseline. On the SadTalker clip listed blinks drop the raw ratio by
    /// 25-40 % (0.128 → 0.083-0.10); talking and gaze shifts stay within ~10 %.
    pub blink_closed: f32,
    pub blink_reopen: f32,
    /// A blink also counts as reopened once above `blink_closed` and this much (baseline share)
    /// above its deepest point: on the talking clips blinks followed by looking down or a smile
    /// (AOC 0.44 and 1.42 s, 4.mp4 2.95 s, d14 3.65 s) came back only to 0.81-0.88 of the
    /// baseline and were held "closed" until TOO_SLOW.
    pub blink_reopen_rise: f32,
    /// Closed phase (first frame below `blink_closed` to first frame back above `blink_reopen`)
    /// shorter than this is a detection glitch / too fast; longer than `blink_max_ms` is not a
    /// blink (eyes held shut) and reads as TOO_SLOW.
    pub blink_min_ms: i64,
    pub blink_max_ms: i64,
    /// Both eyes must close: the less-closed eye must still be below this share of its baseline
    /// (a wink or a one-eye glitch does not count).
    pub blink_both_eyes: f32,
    /// While the eyes are below the closed level the head may move at most this much from the
    /// blink's last open frame (a nod or a tracking jump lowers the lid ratio too, and must not
    /// count as a blink). The reopening frames are not checked: people blink as a head
    /// movement starts, and on the talking clips 5 of 39 blinks moved the head 9-15° by the
    /// time the lids were back up.
    pub blink_max_head_deg: f32,
    /// ... and the eye-to-nose height (`MotionSample::face_height`) may differ at most this
    /// share from its open-eye baseline (median over the same history as the eye baseline): a
    /// photo tipped back 45° on the blink cue foreshortens the eye gaps like a blink (−15 % of
    /// the height too) while FaceMesh reports only ~7° of pitch (`liveness_attacks.rs`); a real
    /// blink leaves the rest of the face alone.
    pub blink_max_shape_change: f32,

    // --- turns --------------------------------------------------------------------------------
    /// A turn starts when |yaw| passes `turn_enter_deg` in the asked direction and holds while it
    /// stays above `turn_exit_deg`.
    pub turn_enter_deg: f32,
    pub turn_exit_deg: f32,
    /// Hold duration for a turn (the seed's "~1.8 s").
    pub turn_hold_ms: i64,
    /// A turn held past this |yaw| that loses the face (the detector finds no face near
    /// profile) keeps holding while the face is gone: going that far proves the turn. Below
    /// it a lost face ends the hold.
    pub turn_profile_deg: f32,

    // --- mouth --------------------------------------------------------------------------------
    /// Open mouth: openness above `mouth_open` for `mouth_hold_ms`, clearly above talking
    /// (talking peaks read 0.3-0.6 and last 100-250 ms on the talking clips); closed again below
    /// `mouth_closed`. Longer than `mouth_max_ms` open is TOO_SLOW.
    pub mouth_open: f32,
    pub mouth_closed: f32,
    pub mouth_hold_ms: i64,
    pub mouth_max_ms: i64,

    // --- nod ----------------------------------------------------------------------------------
    /// Nod: pitch drops by `nod_deg` below the neutral pitch and comes back within
    /// `nod_max_ms`.
    pub nod_deg: f32,
    pub nod_min_ms: i64,
    pub nod_max_ms: i64,

    // --- natural motion -----------------------------------------------------------------------
    /// Teleport: the eye centre moves more than this many inter-ocular distances between two
    /// frames less than `teleport_gap_ms` apart, or the face size changes by more than
    /// `teleport_scale` (ratio) between them.
    pub teleport_iod: f32,
    pub teleport_scale: f32,
    pub teleport_gap_ms: i64,
    /// Jerk: yaw speed above this (deg/s) or eye-centre acceleration above `jerk_iod_per_s2`
    /// (inter-ocular distances / s²). Fast deliberate head turns peak at ~200-300 deg/s.
    pub max_yaw_speed: f32,
    pub jerk_iod_per_s2: f32,
    /// Unnatural-motion events tolerated per attempt before the active verdict is spoof.
    pub max_unnatural_events: u32,
    /// Frozen stream: this many consecutive frames whose 468 landmarks move less than
    /// `frozen_px` (mean) — a live camera always has sensor noise; a replayed still does not.
    pub frozen_frames: u32,
    pub frozen_px: f32,
}

impl Default for LivenessThresholds {
    fn default() -> Self {
        LivenessThresholds {
            min_latency_ms: 150,
            max_latency_ms: 5_000,
            neutral_ms: 300,
            neutral_yaw_deg: 15.0,
            neutral_pitch_deg: 20.0,
            neutral_mouth: 0.45,
            feedback_ms: 1_200,
            tries_per_challenge: 2,
            face_lost_grace_ms: 1_000,

            blink_baseline_ms: 1_500,
            blink_closed: 0.80,
            blink_reopen: 0.90,
            blink_reopen_rise: 0.25,
            blink_min_ms: 60,
            blink_max_ms: 1_200,
            blink_both_eyes: 0.88,
            blink_max_head_deg: 8.0,
            blink_max_shape_change: 0.08,

            turn_enter_deg: 25.0,
            turn_exit_deg: 18.0,
            turn_hold_ms: 1_800,
            turn_profile_deg: 45.0,

            mouth_open: 0.75,
            mouth_closed: 0.45,
            mouth_hold_ms: 400,
            mouth_max_ms: 4_000,

            nod_deg: 12.0,
            nod_min_ms: 150,
            nod_max_ms: 2_000,

            teleport_iod: 0.6,
            teleport_scale: 1.3,
            teleport_gap_ms: 100,
            max_yaw_speed: 400.0,
            jerk_iod_per_s2: 150.0,
            max_unnatural_events: 2,
            frozen_frames: 8,
            frozen_px: 0.02,
        }
    }
}

/// Depth (3-D consistency) thresholds: the planar residual of the best homography between a
/// frontal and a turned landmark set, divided by the inter-ocular distance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DepthThresholds {
    /// A turned frame counts when |yaw| is at least this far from the frontal frame's yaw.
    pub min_yaw_change_deg: f32,
    /// The frontal reference: |yaw| at most this.
    pub frontal_yaw_deg: f32,
    /// Residual (inter-ocular distances, RMS over the 468 points) at or above `live_at` is a
    /// head; below `spoof_below` a plane. Measured in `tests/tests/suite/liveness_depth.rs`
    /// (BENCHMARKS.md "Liveness"): real turns of 25-35° read 0.14-0.16 (obama, d12), 14° reads
    /// 0.07 (d11); a flat photo swung ±40° reads only 7-14° of FaceMesh yaw (0.03-0.05), but
    /// swung ±65° it reads 16-37° and 0.06-0.20: FaceMesh imposes its 3-D face prior on a flat
    /// picture, so the landmarks alone are weak against large swings: `planar_ncc` vetoes.
    pub live_at: f32,
    pub spoof_below: f32,
    /// Pixel veto: when the best homography explains a turned face crop at this NCC or above,
    /// the scene is flat (spoof). Measured in `liveness_depth.rs`: real turns 0.69-0.90 (d12,
    /// d11, obama), photos swung ±40° 0.989-0.998, swung ±65° 0.96-0.99 for 4 of 6 (the other
    /// two fits stall at 0.65 and 0.76, which then read like heads).
    pub planar_ncc: f32,
}

impl Default for DepthThresholds {
    fn default() -> Self {
        DepthThresholds {
            min_yaw_change_deg: 20.0,
            frontal_yaw_deg: 10.0,
            live_at: 0.12,
            spoof_below: 0.07,
            planar_ncc: 0.95,
        }
    }
}

/// Passive presentation-attack thresholds on the aggregated real-class probability.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PassiveThresholds {
    /// Run the models at most once per this interval (frame time), on every usable face: the
    /// framing prompts (too far, not centred, backlit, ...) decide when a challenge is asked,
    /// never whether the session looks for an attack.
    pub interval_ms: i64,
    /// Frames with |yaw| above this are not scored (the models were trained on frontal faces).
    pub max_yaw_deg: f32,
    /// Faces whose box is narrower than this (pixels) are not scored: the models' 80×80 crops
    /// would be mostly upsampled blur. A replay on a feature phone held to a webcam shows a
    /// face of about 100 px, a webcam user at arm's length 70-90 px.
    #[serde(default = "default_min_face_px")]
    pub min_face_px: f32,
    /// Aggregate over the best this many scored frames (by face sharpness × frontality).
    pub best_frames: usize,
    /// Fewer scored frames than this: unsure.
    pub min_frames: usize,
    pub live_at: f32,
    pub spoof_below: f32,
    /// The screen-replay and print cues, run on the same schedule and frames as the models.
    #[serde(default)]
    pub cues: CueThresholds,
}

impl Default for PassiveThresholds {
    fn default() -> Self {
        PassiveThresholds {
            interval_ms: 300,
            max_yaw_deg: 20.0,
            min_face_px: default_min_face_px(),
            best_frames: 5,
            min_frames: 2,
            live_at: 0.6,
            spoof_below: 0.3,
            cues: CueThresholds::default(),
        }
    }
}

fn default_min_face_px() -> f32 {
    56.0
}

/// The screen-replay cue ([`super::passive::screen_cue`]) and the print cue ([`super::passive::print_cue`]). Each
/// cue's score is its strongest feature divided by that feature's threshold: ≥ 1 says "spoof".
/// Over a session a cue is *flagged* when the median score of the best frames (the frames the
/// models' score is averaged over) is ≥ 1; each flagged cue moves the passive verdict one step
/// toward spoof (live → unsure → spoof). Lengths are in inter-ocular distances (IOD) of the
/// normalised face ([`super::passive::cue_crop`]). Every threshold is set from the *live* material of
/// `tests/tests/suite/liveness_cues.rs` (236 frames of 18 clips, 111 live stills), never from the
/// spoof stills; BENCHMARKS.md "Liveness" → "Screen and print cues" has the numbers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CueThresholds {
    /// Run the cues at all (the models still run without them).
    pub enabled: bool,
    /// Spectral peak / ring median of a 64² full-resolution patch on the face (a display's
    /// pixel grid or its moiré with the camera's grid); at or above: screen. Live: p90 27 on
    /// the clips, ≤ 36 on the stills; only the TV-news clip (obama) reaches 44-77.
    pub screen_peak_ratio: f32,
    /// A straight edge beside the face, at least this long (IOD), with a dark band on its far
    /// side (a bezel): screen. Live: 0 on 90 % of clip frames, ≤ 1.25 on 90 % of stills; a dark
    /// curtain, post or doorway beside the head reads 3.6-3.8 (3 scenes of the stills).
    pub bezel_min_iod: f32,
    /// The bezel band is dark: mean luma at most this (0..255) and this much darker than the
    /// near side.
    pub bezel_max_luma: f32,
    pub bezel_min_step: f32,
    /// A straight edge beside the face at least this long (IOD) without a bezel: paper edge.
    /// Live backgrounds (flags, curtains, door frames) reach 4.1: above that.
    pub paper_edge_min_iod: f32,
    /// Fine-texture ratio of the skin (mean |fine detail| / mean |coarse detail| at the
    /// normalised scale) below this: flat (print). 5th percentile of the live clip frames.
    pub print_texture_min: f32,
    /// Specular highlight of the nose and forehead ((bright peak − skin median) / skin median)
    /// below this: matte (print). 5th percentile of the live clip frames. Flat texture and a
    /// matte skin must both hold (beauty-filtered video, d14, is flat and matte at p10).
    pub print_highlight_min: f32,
}

impl Default for CueThresholds {
    fn default() -> Self {
        CueThresholds {
            enabled: true,
            screen_peak_ratio: 60.0,
            bezel_min_iod: 2.0,
            bezel_max_luma: 60.0,
            bezel_min_step: 40.0,
            paper_edge_min_iod: 4.5,
            print_texture_min: 0.21,
            print_highlight_min: 0.085,
        }
    }
}
