//! Action detectors on the landmark time series: blink, turn left / right, open mouth, nod.
//! They run on every frame whatever the current challenge is, and report what the subject did
//! as events; the sequencer decides whether that was the asked action, too early, repeated or
//! the wrong one.

use std::collections::VecDeque;

use serde::Serialize;

use super::challenge::ChallengeKind;
use super::signals::MotionSample;
use crate::liveness::thresholds::LivenessThresholds;
use crate::math::upper_median;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ActionPhase {
    /// The action visibly started (turns: |yaw| passed the enter angle).
    Onset,
    /// The action was performed as asked (turns: held long enough; mouth: open long enough;
    /// blink: closed and reopened within the time window).
    Complete,
    /// Released before the hold time (turns) or too short.
    TooFast,
    /// Held beyond the window (eyes or mouth kept closed / open too long).
    TooSlow,
}

/// One detector event.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ActionEvent {
    pub kind: ChallengeKind,
    pub phase: ActionPhase,
    pub t_ms: i64,
    /// When the movement began (turns: yaw last neutral; blink: last open frame).
    pub onset_ms: i64,
    /// Blink: eyelid closing speed, baseline shares per second; others 0.
    pub speed: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum BlinkState {
    Open,
    /// Eyes below the closed level since `onset_ms` (the last open frame, whose head pose is
    /// `yaw`, `pitch`).
    Closed {
        onset_ms: i64,
        first_closed_ms: i64,
        min_share: f32,
        yaw: f32,
        pitch: f32,
        head_moved: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum HoldState {
    Idle,
    /// Over the enter threshold since `entered_ms`; movement began at `onset_ms`.
    Holding {
        onset_ms: i64,
        entered_ms: i64,
        completed: bool,
        reported_slow: bool,
    },
}

/// Baseline samples kept at most (the window is also bounded in time, `blink_baseline_ms`): a
/// hostile stream with 1 ms frame spacing cannot grow it past this.
const MAX_HISTORY: usize = 512;

/// All detectors for one stream.
#[derive(Debug, Clone)]
pub struct ActionDetectors {
    pub thresholds: LivenessThresholds,
    history: VecDeque<MotionSample>,
    scratch: Vec<f32>,
    blink: BlinkState,
    turns: [HoldState; 2],
    /// Last time |yaw| was neutral in each direction (movement start of a turn).
    last_neutral_yaw: [i64; 2],
    mouth: HoldState,
    nod: HoldState,
    last_t: Option<i64>,
    /// Head pose (yaw, pitch) of the previous sample: a blink's head motion is measured from
    /// its last open frame.
    last_pose: Option<(f32, f32)>,
}

impl ActionDetectors {
    pub fn new(thresholds: LivenessThresholds) -> Self {
        ActionDetectors {
            thresholds,
            history: VecDeque::with_capacity(128),
            scratch: Vec::with_capacity(128),
            blink: BlinkState::Open,
            turns: [HoldState::Idle; 2],
            last_neutral_yaw: [0; 2],
            mouth: HoldState::Idle,
            nod: HoldState::Idle,
            last_t: None,
            last_pose: None,
        }
    }

    /// Forgets everything (new attempt).
    pub fn reset(&mut self) {
        *self = ActionDetectors::new(self.thresholds);
    }

    /// Whether a turn is being held past `turn_profile_deg` (its face may be lost meanwhile).
    pub fn is_past_profile(&self) -> bool {
        (0..2).any(|i| self.turn_past_profile(i))
    }

    /// Whether turn `i` (0 left, 1 right) is held and was last seen past `turn_profile_deg`.
    fn turn_past_profile(&self, i: usize) -> bool {
        let sign = if i == 0 { 1.0 } else { -1.0 };
        let yaw = self.last_pose.map_or(0.0, |(yaw, _)| yaw);
        matches!(self.turns[i], HoldState::Holding { .. })
            && sign * yaw >= self.thresholds.turn_profile_deg
    }

    /// A frame without a face. A turn held past `turn_profile_deg` goes on holding (the face
    /// detector loses faces near profile: the turn went far, not away); it completes only when
    /// the face is seen again, still turned, once the hold time has passed, so no turn passes on
    /// frames without a face. Otherwise everything is forgotten and a new track starts when the
    /// face comes back.
    pub fn push_face_lost(&mut self, t_ms: i64) {
        let mut kept = [HoldState::Idle; 2];
        for (i, k) in kept.iter_mut().enumerate() {
            if self.turn_past_profile(i) {
                *k = self.turns[i];
            }
        }
        let (last_neutral_yaw, last_pose) = (self.last_neutral_yaw, self.last_pose);
        self.reset();
        if kept.iter().any(|k| *k != HoldState::Idle) {
            self.turns = kept;
            self.last_neutral_yaw = last_neutral_yaw;
            // The pose the face was last seen in: the hold continues from it.
            self.last_pose = last_pose;
            self.last_t = Some(t_ms);
        }
    }

    /// The subject's open-eye baseline (median raw ratio per eye: right, left), once enough
    /// neutral history exists.
    pub fn eye_baseline(&self) -> Option<(f32, f32)> {
        let mut v: Vec<f32> = Vec::new();
        let r = median_of(self.history.iter().map(|s| s.eye_right), &mut v)?;
        let l = median_of(self.history.iter().map(|s| s.eye_left), &mut v)?;
        Some((r, l))
    }

    /// Whether `s` is a neutral face: frontal, level, mouth closed, eyes not closed.
    pub fn is_neutral(&self, s: &MotionSample) -> bool {
        let t = &self.thresholds;
        s.yaw.abs() <= t.neutral_yaw_deg
            && s.pitch.abs() <= t.neutral_pitch_deg
            && s.mouth <= t.neutral_mouth
            && self.blink == BlinkState::Open
    }

    /// How far the current hold of `kind` is, 0-1 (turns and mouth; 0 otherwise).
    pub fn hold_progress(&self, kind: ChallengeKind, t_ms: i64) -> f32 {
        let (state, need) = match kind {
            ChallengeKind::TurnLeft => (self.turns[0], self.thresholds.turn_hold_ms),
            ChallengeKind::TurnRight => (self.turns[1], self.thresholds.turn_hold_ms),
            ChallengeKind::OpenMouth => (self.mouth, self.thresholds.mouth_hold_ms),
            _ => return 0.0,
        };
        match state {
            HoldState::Holding { entered_ms, .. } => {
                ((t_ms - entered_ms) as f32 / need.max(1) as f32).clamp(0.0, 1.0)
            }
            HoldState::Idle => 0.0,
        }
    }

    /// Feeds one sample; appends what happened to `events`. Samples must come in time order
    /// (the session enforces it).
    pub fn push(&mut self, s: &MotionSample, events: &mut Vec<ActionEvent>) {
        let t = self.thresholds;
        self.blink_step(s, &t, events);
        for (i, sign) in [(0usize, 1.0f32), (1, -1.0)] {
            let kind = if i == 0 {
                ChallengeKind::TurnLeft
            } else {
                ChallengeKind::TurnRight
            };
            if sign * s.yaw <= t.neutral_yaw_deg {
                self.last_neutral_yaw[i] = s.t_ms;
            }
            let onset = self.last_neutral_yaw[i];
            self.turns[i] = hold_step(
                self.turns[i],
                sign * s.yaw > t.turn_enter_deg,
                sign * s.yaw < t.turn_exit_deg,
                s.t_ms,
                onset,
                t.turn_hold_ms,
                i64::MAX,
                true,
                kind,
                events,
            );
        }
        self.mouth = hold_step(
            self.mouth,
            s.mouth > t.mouth_open,
            s.mouth < t.mouth_closed,
            s.t_ms,
            s.t_ms,
            t.mouth_hold_ms,
            t.mouth_max_ms,
            false,
            ChallengeKind::OpenMouth,
            events,
        );
        self.nod_step(s, &t, events);
        // Baseline history: only frames of an open-eyed, frontal, still face.
        if self.blink == BlinkState::Open
            && s.yaw.abs() <= t.neutral_yaw_deg
            && self.nod == HoldState::Idle
        {
            if self.history.len() == MAX_HISTORY {
                self.history.pop_front();
            }
            self.history.push_back(*s);
        }
        while self
            .history
            .front()
            .is_some_and(|f| s.t_ms - f.t_ms > t.blink_baseline_ms)
        {
            self.history.pop_front();
        }
        self.last_t = Some(s.t_ms);
        self.last_pose = Some((s.yaw, s.pitch));
    }

    fn blink_step(
        &mut self,
        s: &MotionSample,
        t: &LivenessThresholds,
        events: &mut Vec<ActionEvent>,
    ) {
        let baseline = self.eye_baseline().filter(|_| self.history.len() >= 4);
        let Some((base_r, base_l)) = baseline else {
            // No open-eye reference left (the eyes stayed low longer than the baseline window,
            // or the head was turned): start over rather than wait for a reopening that can no
            // longer be measured.
            self.blink = BlinkState::Open;
            return;
        };
        let share_r = s.eye_right / base_r.max(1e-4);
        let share_l = s.eye_left / base_l.max(1e-4);
        let share = (share_r + share_l) / 2.0;
        let mut v = std::mem::take(&mut self.scratch);
        let base_height = median_of(self.history.iter().map(|h| h.face_height), &mut v);
        self.scratch = v;
        let base_height = base_height.unwrap_or(s.face_height);
        match self.blink {
            BlinkState::Open => {
                if share < t.blink_closed && share_r.max(share_l) < t.blink_both_eyes {
                    let (yaw, pitch) = self.last_pose.unwrap_or((s.yaw, s.pitch));
                    self.blink = BlinkState::Closed {
                        onset_ms: self.last_t.unwrap_or(s.t_ms),
                        first_closed_ms: s.t_ms,
                        min_share: share,
                        yaw,
                        pitch,
                        head_moved: false,
                    };
                }
            }
            BlinkState::Closed {
                onset_ms,
                first_closed_ms,
                ref mut min_share,
                yaw,
                pitch,
                ref mut head_moved,
            } => {
                *min_share = min_share.min(share);
                // Head motion counts while the eyes are shut (below the closed level), measured
                // from the last open frame: a nod or a tracking jump that lowers the lid ratio
                // moves the head there; a real blink during a slow head movement does not move
                // it far in 100-300 ms. The reopening frames are not checked (people blink as
                // they start to move their head).
                // The rest of the face must keep its open-eye shape: a photo tipped back shrinks
                // the eye gaps by foreshortening, and the eye-to-nose height with them.
                let shape_change = (s.face_height / base_height.max(1e-4) - 1.0).abs();
                if share < t.blink_closed
                    && ((s.yaw - yaw).abs() > t.blink_max_head_deg
                        || (s.pitch - pitch).abs() > t.blink_max_head_deg
                        || shape_change > t.blink_max_shape_change)
                {
                    *head_moved = true;
                }
                let duration = s.t_ms - onset_ms;
                // Reopened: back at the open level, or clearly up from the deepest point (the
                // next movement, looking down or smiling, often keeps the lids a little lower
                // than before the blink).
                let reopened = share > t.blink_reopen
                    || (share > t.blink_closed && share - *min_share >= t.blink_reopen_rise);
                if reopened {
                    let valid = !*head_moved;
                    let closing_ms = (first_closed_ms - onset_ms).max(1);
                    let speed = (1.0 - *min_share) / (closing_ms as f32 / 1000.0);
                    self.blink = BlinkState::Open;
                    if valid && duration >= t.blink_min_ms {
                        events.push(ActionEvent {
                            kind: ChallengeKind::Blink,
                            phase: if duration <= t.blink_max_ms {
                                ActionPhase::Complete
                            } else {
                                ActionPhase::TooSlow
                            },
                            t_ms: s.t_ms,
                            onset_ms,
                            speed,
                        });
                    }
                } else if duration > t.blink_max_ms {
                    // Eyes held low too long: not a blink (held shut, squinting, looking down).
                    // Report it once and re-learn the open level from here: the baseline window
                    // restarts, so a detector that waited for the old level would never rearm.
                    if !*head_moved {
                        events.push(ActionEvent {
                            kind: ChallengeKind::Blink,
                            phase: ActionPhase::TooSlow,
                            t_ms: s.t_ms,
                            onset_ms,
                            speed: 0.0,
                        });
                    }
                    self.blink = BlinkState::Open;
                    self.history.clear();
                }
            }
        }
    }

    fn nod_step(
        &mut self,
        s: &MotionSample,
        t: &LivenessThresholds,
        events: &mut Vec<ActionEvent>,
    ) {
        let mut v = std::mem::take(&mut self.scratch);
        let base = median_of(self.history.iter().map(|h| h.pitch), &mut v);
        self.scratch = v;
        let Some(base) = base else { return };
        let down = base - s.pitch;
        match self.nod {
            HoldState::Idle => {
                if down > t.nod_deg && s.yaw.abs() <= t.turn_exit_deg {
                    self.nod = HoldState::Holding {
                        onset_ms: self.last_t.unwrap_or(s.t_ms),
                        entered_ms: s.t_ms,
                        completed: false,
                        reported_slow: false,
                    };
                }
            }
            HoldState::Holding {
                onset_ms,
                ref mut reported_slow,
                ..
            } => {
                let duration = s.t_ms - onset_ms;
                if down < t.nod_deg / 2.0 {
                    let slow = *reported_slow;
                    self.nod = HoldState::Idle;
                    if !slow && duration >= t.nod_min_ms {
                        events.push(ActionEvent {
                            kind: ChallengeKind::Nod,
                            phase: if duration <= t.nod_max_ms {
                                ActionPhase::Complete
                            } else {
                                ActionPhase::TooSlow
                            },
                            t_ms: s.t_ms,
                            onset_ms,
                            speed: 0.0,
                        });
                    }
                } else if duration > t.nod_max_ms && !*reported_slow {
                    *reported_slow = true;
                    events.push(ActionEvent {
                        kind: ChallengeKind::Nod,
                        phase: ActionPhase::TooSlow,
                        t_ms: s.t_ms,
                        onset_ms,
                        speed: 0.0,
                    });
                }
            }
        }
    }
}

/// One step of a hold detector (turns, mouth). `report_onset`: emit an Onset event on entering
/// (turns are unmistakable; a mouth opening is only an action once held, talking opens it too).
#[allow(clippy::too_many_arguments)]
fn hold_step(
    state: HoldState,
    above_enter: bool,
    below_exit: bool,
    t_ms: i64,
    movement_onset_ms: i64,
    hold_ms: i64,
    max_ms: i64,
    report_onset: bool,
    kind: ChallengeKind,
    events: &mut Vec<ActionEvent>,
) -> HoldState {
    let event = |phase, onset_ms| ActionEvent {
        kind,
        phase,
        t_ms,
        onset_ms,
        speed: 0.0,
    };
    match state {
        HoldState::Idle => {
            if above_enter {
                if report_onset {
                    events.push(event(ActionPhase::Onset, movement_onset_ms));
                }
                HoldState::Holding {
                    onset_ms: movement_onset_ms,
                    entered_ms: t_ms,
                    completed: false,
                    reported_slow: false,
                }
            } else {
                HoldState::Idle
            }
        }
        HoldState::Holding {
            onset_ms,
            entered_ms,
            completed,
            reported_slow,
        } => {
            let held = t_ms - entered_ms;
            if below_exit {
                if !completed && report_onset {
                    events.push(event(ActionPhase::TooFast, onset_ms));
                }
                return HoldState::Idle;
            }
            let mut next = HoldState::Holding {
                onset_ms,
                entered_ms,
                completed,
                reported_slow,
            };
            if !completed && held >= hold_ms {
                events.push(event(ActionPhase::Complete, onset_ms));
                next = HoldState::Holding {
                    onset_ms,
                    entered_ms,
                    completed: true,
                    reported_slow,
                };
            } else if completed && !reported_slow && held > max_ms {
                events.push(event(ActionPhase::TooSlow, onset_ms));
                next = HoldState::Holding {
                    onset_ms,
                    entered_ms,
                    completed,
                    reported_slow: true,
                };
            }
            next
        }
    }
}

/// Median of `values` using `buf` as scratch; `None` when empty.
fn median_of(values: impl Iterator<Item = f32>, buf: &mut Vec<f32>) -> Option<f32> {
    buf.clear();
    buf.extend(values.filter(|v| v.is_finite()));
    upper_median(buf)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::math::Point;

    /// A neutral sample at `t_ms` (open eyes at the narrow-eyed 0.11 ratio).
    pub fn neutral(t_ms: i64) -> MotionSample {
        MotionSample {
            t_ms,
            yaw: 0.0,
            pitch: 0.0,
            eye_right: 0.11,
            eye_left: 0.11,
            mouth: 0.05,
            eye_centre: Point::new(320.0, 200.0),
            iod: 60.0,
            face_height: 0.9,
        }
    }

    fn run(samples: &[MotionSample]) -> Vec<ActionEvent> {
        let mut d = ActionDetectors::new(LivenessThresholds::default());
        let mut events = Vec::new();
        for s in samples {
            d.push(s, &mut events);
        }
        events
    }

    /// 30 fps stream: neutral, then `f(t)` modifies samples in [from, to).
    fn stream(len_ms: i64, f: impl Fn(i64, &mut MotionSample)) -> Vec<MotionSample> {
        (0..len_ms / 33)
            .map(|i| {
                let mut s = neutral(i * 33);
                f(i * 33, &mut s);
                s
            })
            .collect()
    }

    #[test]
    fn blink_relative_to_own_baseline() {
        // Lids drop from 0.11 to 0.075 (never near 0, as FaceMesh reports them) for 130 ms.
        let s = stream(3000, |t, s| {
            if (1500..1630).contains(&t) {
                s.eye_left = 0.075;
                s.eye_right = 0.078;
            }
        });
        let ev = run(&s);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, ChallengeKind::Blink);
        assert_eq!(ev[0].phase, ActionPhase::Complete);
    }

    #[test]
    fn blinks_count_again_after_eyes_held_shut() {
        // Shut for 2 s (longer than the blink window and the baseline window), then a blink.
        let s = stream(8000, |t, s| {
            if (1000..3000).contains(&t) || (5000..5130).contains(&t) {
                s.eye_left = 0.07;
                s.eye_right = 0.072;
            }
        });
        let phases: Vec<_> = run(&s)
            .into_iter()
            .filter(|e| e.kind == ChallengeKind::Blink)
            .map(|e| (e.phase, e.t_ms / 1000))
            .collect();
        assert_eq!(
            phases,
            vec![(ActionPhase::TooSlow, 2), (ActionPhase::Complete, 5)],
            "the detector must rearm after a long closure"
        );
    }

    #[test]
    fn a_tipped_photo_is_not_a_blink() {
        // Eye gaps and the eye-to-nose height shrink together (foreshortening), pose unchanged.
        let s = stream(3000, |t, s| {
            if (1500..1630).contains(&t) {
                s.eye_left = 0.08;
                s.eye_right = 0.08;
                s.face_height = 0.76;
            }
        });
        assert!(run(&s).iter().all(|e| e.kind != ChallengeKind::Blink));
    }

    #[test]
    fn a_blink_that_reopens_into_lowered_lids_counts() {
        // Shut (0.55 of the baseline) for 100 ms, then back only to 0.86 and held there
        // (looking down after the blink): reopened by the rise, not by the open level.
        let s = stream(4000, |t, s| {
            if (1500..1600).contains(&t) {
                s.eye_left = 0.06;
                s.eye_right = 0.06;
            } else if t >= 1600 {
                s.eye_left = 0.095;
                s.eye_right = 0.095;
            }
        });
        let phases: Vec<_> = run(&s)
            .into_iter()
            .filter(|e| e.kind == ChallengeKind::Blink)
            .map(|e| e.phase)
            .collect();
        assert_eq!(phases, vec![ActionPhase::Complete]);
    }

    #[test]
    fn a_blink_as_the_head_starts_to_move_counts() {
        // Lids down for 130 ms; the head pitches up 12° only once they are back up (reopening
        // frames are not gated), as people blink when a head movement starts.
        let s = stream(3000, |t, s| {
            if (1500..1630).contains(&t) {
                s.eye_left = 0.07;
                s.eye_right = 0.07;
            }
            if (1630..1800).contains(&t) {
                s.eye_left = 0.095;
                s.eye_right = 0.095;
                s.pitch = 12.0;
            }
        });
        let blinks = run(&s)
            .into_iter()
            .filter(|e| e.kind == ChallengeKind::Blink && e.phase == ActionPhase::Complete)
            .count();
        assert_eq!(blinks, 1);
    }

    #[test]
    fn wink_nod_blink_and_glitch_are_not_blinks() {
        let wink = stream(3000, |t, s| {
            if (1500..1630).contains(&t) {
                s.eye_left = 0.06;
            }
        });
        assert!(run(&wink).iter().all(|e| e.kind != ChallengeKind::Blink));
        // Lids "close" while the head pitches 15° (a nod seen from the camera).
        let nod = stream(3000, |t, s| {
            if (1500..1700).contains(&t) {
                s.eye_left = 0.07;
                s.eye_right = 0.07;
                s.pitch = -15.0;
            }
        });
        assert!(run(&nod).iter().all(|e| e.kind != ChallengeKind::Blink));
        // One frame at 30 fps bracketed by open frames is 66 ms: above the minimum, so a glitch
        // must be shorter: a 16 ms frame gap (60 fps) single dip.
        let mut glitch: Vec<MotionSample> = (0..180).map(|i| neutral(i * 16)).collect();
        glitch[100].eye_left = 0.07;
        glitch[100].eye_right = 0.07;
        assert!(run(&glitch).iter().all(|e| e.kind != ChallengeKind::Blink));
    }

    #[test]
    fn turn_hold_and_release() {
        // Left turn to 30° held 2 s: onset then complete.
        let held = stream(5000, |t, s| {
            if (1000..3200).contains(&t) {
                s.yaw = 30.0;
            }
        });
        let ev: Vec<_> = run(&held)
            .into_iter()
            .filter(|e| e.kind == ChallengeKind::TurnLeft)
            .map(|e| e.phase)
            .collect();
        assert_eq!(ev, vec![ActionPhase::Onset, ActionPhase::Complete]);
        // Right turn released after 0.8 s: too fast.
        let short = stream(5000, |t, s| {
            if (1000..1800).contains(&t) {
                s.yaw = -30.0;
            }
        });
        let ev: Vec<_> = run(&short)
            .into_iter()
            .filter(|e| e.kind == ChallengeKind::TurnRight)
            .map(|e| e.phase)
            .collect();
        assert_eq!(ev, vec![ActionPhase::Onset, ActionPhase::TooFast]);
    }

    /// Plays `samples`; a sample whose yaw is NaN stands for a frame without a face.
    fn run_with_gaps(samples: &[MotionSample]) -> Vec<ActionPhase> {
        let mut d = ActionDetectors::new(LivenessThresholds::default());
        let mut events = Vec::new();
        for s in samples {
            if s.yaw.is_nan() {
                d.push_face_lost(s.t_ms);
            } else {
                d.push(s, &mut events);
            }
        }
        events
            .iter()
            .filter(|e| e.kind == ChallengeKind::TurnRight)
            .map(|e| e.phase)
            .collect()
    }

    #[test]
    fn a_turn_past_profile_holds_through_a_lost_face() {
        // Right turn to 55°, the face lost for 0.6 s in the middle of a 2 s hold: complete.
        let far = stream(5000, |t, s| match t {
            1000..1800 | 2400..3100 => s.yaw = -55.0,
            1800..2400 => s.yaw = f32::NAN,
            _ => {}
        });
        assert_eq!(
            run_with_gaps(&far),
            vec![ActionPhase::Onset, ActionPhase::Complete]
        );
        // Past profile, then no face until the head is back at frontal: the hold time passed
        // without a face, so no completion (no turn passes on frames without a face).
        let gone = stream(5000, |t, s| match t {
            1000..1800 => s.yaw = -55.0,
            1800..3100 => s.yaw = f32::NAN,
            _ => {}
        });
        assert_eq!(
            run_with_gaps(&gone),
            vec![ActionPhase::Onset, ActionPhase::TooFast]
        );
        // The same gap after a 30° turn: the face left, the hold ends; back at frontal before
        // the hold time it was too fast.
        let near = stream(5000, |t, s| match t {
            1000..1800 => s.yaw = -30.0,
            1800..2400 => s.yaw = f32::NAN,
            _ => {}
        });
        assert_eq!(run_with_gaps(&near), vec![ActionPhase::Onset]);
    }

    #[test]
    fn talking_is_not_open_mouth_but_a_held_opening_is() {
        // Talking: openings to 0.6, 200 ms each, every 400 ms.
        let talking = stream(6000, |t, s| {
            if t % 400 < 200 {
                s.mouth = 0.6;
            }
        });
        assert!(run(&talking).is_empty());
        let wide = stream(4000, |t, s| {
            if (1000..1600).contains(&t) {
                s.mouth = 0.9;
            }
        });
        let ev = run(&wide);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, ChallengeKind::OpenMouth);
        assert_eq!(ev[0].phase, ActionPhase::Complete);
    }

    #[test]
    fn nod_down_and_up() {
        let nod = stream(4000, |t, s| {
            if (1500..1900).contains(&t) {
                s.pitch = -18.0;
            }
        });
        let ev = run(&nod);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].kind, ChallengeKind::Nod);
    }
}
