//! The challenge sequence: prompts one challenge at a time, checks the detectors' events against
//! it (latency window, too fast / too slow, wrong or repeated action), waits for a neutral face
//! before the first prompt and after a failed try, asks the next challenge as soon as one
//! passes, and records each challenge's result. Pure state machine over
//! timestamps and events: no pixels, no clock.

use serde::{Deserialize, Serialize};

use super::challenge::ChallengeKind;
use super::detectors::{ActionEvent, ActionPhase};
use crate::liveness::thresholds::LivenessThresholds;
use crate::prompt::PromptCode;

/// Why a challenge failed (the contract's `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChallengeFailure {
    TooFast,
    TooSlow,
    WrongAction,
    /// The attempt ended (face lost, background moving, ...) before this challenge passed.
    NotReached,
}

impl ChallengeFailure {
    pub fn prompt(self) -> Option<PromptCode> {
        match self {
            ChallengeFailure::TooFast => Some(PromptCode::TooFast),
            ChallengeFailure::TooSlow => Some(PromptCode::TooSlow),
            ChallengeFailure::WrongAction => Some(PromptCode::WrongAction),
            ChallengeFailure::NotReached => None,
        }
    }
}

/// One challenge's outcome (DESIGN §4 `challenges[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChallengeResult {
    pub kind: ChallengeKind,
    pub passed: bool,
    /// Movement onset and completion of the accepted response.
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    /// Last failure (a passed challenge may carry the failure of an earlier try).
    pub reason: Option<ChallengeFailure>,
    /// Tries used (1 = passed first time).
    pub tries: u32,
    /// Prompt to movement onset of the accepted response.
    pub latency_ms: Option<i64>,
    /// Blinks: eyelid closing speed (baseline shares per second).
    pub closing_speed: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    /// Waiting for a neutral face (held `neutral_ms`) before prompting challenge `index`.
    Neutral {
        since: Option<i64>,
    },
    /// Challenge `index` is on screen since `at`.
    Prompted {
        at: i64,
    },
    /// Showing `code` until `until` (DONE after a pass, the failure code after a failed try).
    Feedback {
        code: PromptCode,
        until: i64,
    },
    Completed,
    Failed,
}

/// What to show after a step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SequenceStep {
    /// The challenge's (or feedback's) prompt; `None` while waiting for a neutral face.
    pub prompt: Option<PromptCode>,
    /// The challenge being asked or the next one.
    pub challenge: Option<ChallengeKind>,
    pub progress: f32,
    pub completed: bool,
    pub failed: bool,
}

/// Runs one attempt's challenges.
#[derive(Debug, Clone)]
pub struct ChallengeSequencer {
    thresholds: LivenessThresholds,
    results: Vec<ChallengeResult>,
    index: usize,
    phase: Phase,
    /// The challenge passed last; doing it again before the next passes is a WRONG_ACTION.
    last_passed: Option<ChallengeKind>,
}

impl ChallengeSequencer {
    pub fn new(order: &[ChallengeKind], thresholds: LivenessThresholds) -> Self {
        ChallengeSequencer {
            thresholds,
            results: order
                .iter()
                .map(|&kind| ChallengeResult {
                    kind,
                    passed: false,
                    start_ms: None,
                    end_ms: None,
                    reason: None,
                    tries: 0,
                    latency_ms: None,
                    closing_speed: None,
                })
                .collect(),
            index: 0,
            phase: if order.is_empty() {
                Phase::Completed
            } else {
                Phase::Neutral { since: None }
            },
            last_passed: None,
        }
    }

    pub fn results(&self) -> &[ChallengeResult] {
        &self.results
    }

    pub fn current(&self) -> Option<ChallengeKind> {
        self.results.get(self.index).map(|r| r.kind)
    }

    pub fn is_completed(&self) -> bool {
        self.phase == Phase::Completed
    }

    pub fn is_failed(&self) -> bool {
        self.phase == Phase::Failed
    }

    /// Whether a challenge is on screen (detector events count against it).
    pub fn is_prompted(&self) -> bool {
        matches!(self.phase, Phase::Prompted { .. })
    }

    /// Ends the attempt from outside (face lost, background moving): remaining challenges are
    /// not reached.
    pub fn abort(&mut self) {
        if self.phase == Phase::Completed {
            return;
        }
        for r in self.results.iter_mut().skip(self.index) {
            if !r.passed && r.reason.is_none() {
                r.reason = Some(ChallengeFailure::NotReached);
            }
        }
        self.phase = Phase::Failed;
    }

    /// One frame: `neutral` = the face is neutral now; `hold` = hold progress (0-1) of the
    /// current challenge's action; `events` = the detectors' events of this frame.
    pub fn push(
        &mut self,
        t_ms: i64,
        neutral: bool,
        hold: f32,
        events: &[ActionEvent],
    ) -> SequenceStep {
        let t = self.thresholds;
        // Actions other than blinks are deliberate: outside their own prompt they are wrong
        // (before the prompt, repeated, or another challenge's). Spontaneous blinks are not, nor
        // are mouth openings and nods this session does not ask for.
        let asked = |k: ChallengeKind| self.counts_as_deliberate(k);
        let deliberate = |e: &ActionEvent| {
            e.kind != ChallengeKind::Blink
                && asked(e.kind)
                && matches!(e.phase, ActionPhase::Onset | ActionPhase::Complete)
                && !(e.phase == ActionPhase::Complete
                    && matches!(e.kind, ChallengeKind::TurnLeft | ChallengeKind::TurnRight))
        };
        match self.phase {
            Phase::Completed | Phase::Failed => {}
            Phase::Neutral { since } => {
                if events.iter().any(deliberate) {
                    self.fail_try(t_ms, ChallengeFailure::WrongAction);
                } else if neutral {
                    let since = since.unwrap_or(t_ms);
                    self.phase = if t_ms - since >= t.neutral_ms {
                        if let Some(r) = self.results.get_mut(self.index) {
                            r.tries += 1;
                        }
                        Phase::Prompted { at: t_ms }
                    } else {
                        Phase::Neutral { since: Some(since) }
                    };
                } else {
                    self.phase = Phase::Neutral { since: None };
                }
            }
            Phase::Prompted { at } => self.prompted_step(t_ms, at, hold, events),
            Phase::Feedback { until, .. } => {
                if events.iter().any(deliberate) && self.last_passed.is_some() {
                    self.fail_try(t_ms, ChallengeFailure::WrongAction);
                } else if t_ms >= until {
                    self.phase = if self.index >= self.results.len() {
                        Phase::Completed
                    } else {
                        Phase::Neutral { since: None }
                    };
                }
            }
        }
        self.step(t_ms, hold)
    }

    fn prompted_step(&mut self, t_ms: i64, at: i64, hold: f32, events: &[ActionEvent]) {
        let t = self.thresholds;
        let Some(kind) = self.current() else {
            self.phase = Phase::Completed;
            return;
        };
        for e in events {
            if e.kind != kind {
                let asked = self.counts_as_deliberate(e.kind);
                let wrong = asked
                    && e.kind != ChallengeKind::Blink
                    && (e.phase == ActionPhase::Onset
                        || (e.phase == ActionPhase::Complete
                            && matches!(e.kind, ChallengeKind::OpenMouth | ChallengeKind::Nod)));
                if wrong {
                    return self.fail_try(t_ms, ChallengeFailure::WrongAction);
                }
                continue;
            }
            let latency = e.onset_ms - at;
            // A blink that began before the prompt or faster than a reaction is spontaneous:
            // not the response, nor an error (people blink every few seconds).
            if kind == ChallengeKind::Blink && latency < t.min_latency_ms {
                continue;
            }
            match e.phase {
                ActionPhase::Onset | ActionPhase::Complete if latency < t.min_latency_ms => {
                    return self.fail_try(t_ms, ChallengeFailure::WrongAction);
                }
                ActionPhase::Onset => {}
                ActionPhase::Complete if latency > t.max_latency_ms => {
                    return self.fail_try(t_ms, ChallengeFailure::TooSlow);
                }
                ActionPhase::Complete => {
                    let r = &mut self.results[self.index];
                    r.passed = true;
                    r.start_ms = Some(e.onset_ms);
                    r.end_ms = Some(e.t_ms);
                    r.latency_ms = Some(latency);
                    if kind == ChallengeKind::Blink {
                        r.closing_speed = Some(e.speed);
                    }
                    self.last_passed = Some(kind);
                    self.index += 1;
                    self.phase = match self.results.get_mut(self.index) {
                        // The next challenge is asked at once: people come back from a turn
                        // and go on in one movement, and a prompt shown only after a held
                        // neutral face would come after they already moved. Its onset still
                        // counts from the return through neutral (turns) or needs a frontal,
                        // still face (blinks, mouth, nods), and its latency from this prompt.
                        Some(next) => {
                            next.tries += 1;
                            Phase::Prompted { at: t_ms }
                        }
                        None => Phase::Feedback {
                            code: PromptCode::Done,
                            until: t_ms + t.feedback_ms / 2,
                        },
                    };
                    return;
                }
                ActionPhase::TooFast => return self.fail_try(t_ms, ChallengeFailure::TooFast),
                ActionPhase::TooSlow => return self.fail_try(t_ms, ChallengeFailure::TooSlow),
            }
        }
        if t_ms - at > t.max_latency_ms && hold <= 0.0 {
            self.fail_try(t_ms, ChallengeFailure::TooSlow);
        }
    }

    /// Whether doing `kind` unasked is a wrong action: the session's own challenges, and head
    /// turns always (a 25° turn is never incidental; talking heads do nod and open their mouths).
    fn counts_as_deliberate(&self, kind: ChallengeKind) -> bool {
        matches!(kind, ChallengeKind::TurnLeft | ChallengeKind::TurnRight)
            || self.results.iter().any(|r| r.kind == kind)
    }

    fn fail_try(&mut self, t_ms: i64, failure: ChallengeFailure) {
        let t = self.thresholds;
        let Some(r) = self.results.get_mut(self.index) else {
            // Everything passed already: an extra action after the last one is ignored.
            self.phase = Phase::Completed;
            return;
        };
        r.reason = Some(failure);
        // A wrong action between challenges costs the next challenge a try too.
        if r.tries == 0 {
            r.tries = 1;
        }
        if r.tries >= t.tries_per_challenge {
            self.abort();
            return;
        }
        self.last_passed = None;
        self.phase = Phase::Feedback {
            code: failure.prompt().unwrap_or(PromptCode::WrongAction),
            until: t_ms + t.feedback_ms,
        };
    }

    fn step(&self, t_ms: i64, hold: f32) -> SequenceStep {
        let n = self.results.len().max(1) as f32;
        let partial = match self.phase {
            Phase::Prompted { .. } => hold.clamp(0.0, 1.0) * 0.9,
            _ => 0.0,
        };
        let progress = if self.phase == Phase::Completed {
            1.0
        } else {
            ((self.index as f32 + partial) / n).min(1.0)
        };
        let prompt = match self.phase {
            Phase::Prompted { .. } => self.current().map(ChallengeKind::prompt),
            Phase::Feedback { code, until } if t_ms < until => Some(code),
            Phase::Completed => Some(PromptCode::Done),
            _ => None,
        };
        SequenceStep {
            prompt,
            challenge: self.current(),
            progress,
            completed: self.phase == Phase::Completed,
            failed: self.phase == Phase::Failed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::liveness::active::detectors::tests::neutral;
    use crate::liveness::active::detectors::ActionDetectors;
    use crate::liveness::active::signals::MotionSample;

    /// Drives detectors + sequencer over a scripted 30 fps stream; `script(t, prompt, sample)`
    /// plays the subject, seeing the prompt of the previous frame.
    fn play(
        order: &[ChallengeKind],
        len_ms: i64,
        mut script: impl FnMut(i64, Option<PromptCode>, &mut MotionSample),
    ) -> (ChallengeSequencer, Vec<(i64, Option<PromptCode>)>) {
        let t = LivenessThresholds::default();
        let mut det = ActionDetectors::new(t);
        let mut seq = ChallengeSequencer::new(order, t);
        let mut prompt = None;
        let mut prompts = Vec::new();
        let mut events = Vec::new();
        for i in 0..len_ms / 33 {
            let t_ms = i * 33;
            let mut s = neutral(t_ms);
            script(t_ms, prompt, &mut s);
            events.clear();
            det.push(&s, &mut events);
            let hold = seq.current().map_or(0.0, |k| det.hold_progress(k, t_ms));
            let step = seq.push(t_ms, det.is_neutral(&s), hold, &events);
            if step.prompt != prompt {
                prompts.push((t_ms, step.prompt));
            }
            prompt = step.prompt;
        }
        (seq, prompts)
    }

    /// A cooperative subject: reacts 400 ms after each prompt and performs it properly.
    fn cooperative() -> impl FnMut(i64, Option<PromptCode>, &mut MotionSample) {
        let mut since: Option<(PromptCode, i64)> = None;
        move |t, prompt, s| {
            match (prompt, since) {
                (Some(p), Some((q, _))) if p == q => {}
                (Some(p), _) => since = Some((p, t)),
                (None, _) => since = None,
            }
            let Some((p, at)) = since else { return };
            let dt = t - at - 400;
            if dt < 0 {
                return;
            }
            match p {
                PromptCode::TurnLeft if dt < 2300 => s.yaw = (dt as f32 / 10.0).min(32.0),
                PromptCode::TurnRight if dt < 2300 => s.yaw = -(dt as f32 / 10.0).min(32.0),
                PromptCode::OpenMouth if dt < 700 => s.mouth = 0.9,
                PromptCode::Blink if dt < 150 => {
                    s.eye_left = 0.07;
                    s.eye_right = 0.07;
                }
                PromptCode::Nod if dt < 500 => s.pitch = -18.0,
                _ => {}
            }
        }
    }

    #[test]
    fn cooperative_subject_passes_every_challenge_in_order() {
        let order = [
            ChallengeKind::TurnRight,
            ChallengeKind::Blink,
            ChallengeKind::OpenMouth,
            ChallengeKind::TurnLeft,
            ChallengeKind::Nod,
        ];
        let (seq, prompts) = play(&order, 30_000, cooperative());
        assert!(seq.is_completed(), "{:?} {prompts:?}", seq.results());
        assert!(seq.results().iter().all(|r| r.passed && r.tries == 1));
        let asked: Vec<_> = prompts
            .iter()
            .filter_map(|(_, p)| *p)
            .filter(|p| *p != PromptCode::Done)
            .collect();
        let expected: Vec<_> = order.iter().map(|k| k.prompt()).collect();
        assert_eq!(asked, expected);
    }

    #[test]
    fn turning_the_wrong_way_is_a_wrong_action_and_twice_fails() {
        let (seq, prompts) = play(&[ChallengeKind::TurnLeft], 20_000, |t, p, s| {
            if p == Some(PromptCode::TurnLeft) && t % 5000 > 1000 {
                s.yaw = -30.0;
            }
        });
        assert!(seq.is_failed(), "{prompts:?}");
        assert_eq!(seq.results()[0].reason, Some(ChallengeFailure::WrongAction));
        assert!(prompts
            .iter()
            .any(|(_, p)| *p == Some(PromptCode::WrongAction)));
    }

    #[test]
    fn releasing_a_turn_early_is_too_fast_then_a_proper_hold_passes() {
        let mut tries = 0;
        let mut last = None;
        let mut since = 0;
        let (seq, prompts) = play(&[ChallengeKind::TurnLeft], 20_000, |t, p, s| {
            if p != last {
                if p == Some(PromptCode::TurnLeft) {
                    tries += 1;
                    since = t;
                }
                last = p;
            }
            // First try held ~0.7 s, second 2.3 s.
            let hold = if tries == 1 { 700 } else { 2300 };
            if p == Some(PromptCode::TurnLeft) && (400..400 + hold).contains(&(t - since)) {
                s.yaw = 30.0;
            }
        });
        assert!(seq.is_completed(), "{prompts:?}");
        let r = &seq.results()[0];
        assert!(r.passed);
        assert_eq!(r.tries, 2);
        assert_eq!(r.reason, Some(ChallengeFailure::TooFast));
        assert!(prompts.iter().any(|(_, p)| *p == Some(PromptCode::TooFast)));
    }

    #[test]
    fn anticipated_or_unasked_actions_and_silence() {
        // No response at all: too slow, twice.
        let (seq, _) = play(&[ChallengeKind::Blink], 12_000, |_, _, _| {});
        assert!(seq.is_failed());
        assert_eq!(seq.results()[0].reason, Some(ChallengeFailure::TooSlow));
        // Turning again (a passed challenge's action) while the next one is asked: wrong action.
        let mut passed_left = false;
        let (mut last, mut since) = (None, 0);
        let (seq, prompts) = play(
            &[ChallengeKind::TurnLeft, ChallengeKind::Blink],
            30_000,
            |t, p, s| {
                if p != last {
                    last = p;
                    since = t;
                }
                let age = t - since;
                if p == Some(PromptCode::TurnLeft) && age >= 400 {
                    s.yaw = 30.0;
                }
                // The blink is asked only once the turn has passed.
                if p == Some(PromptCode::Blink) {
                    passed_left = true;
                }
                if passed_left && p == Some(PromptCode::Blink) && (400..2500).contains(&age) {
                    s.yaw = 30.0;
                }
            },
        );
        assert!(
            prompts
                .iter()
                .any(|(_, p)| *p == Some(PromptCode::WrongAction)),
            "{prompts:?}"
        );
        assert!(seq.results()[0].passed);
        assert!(!seq.results()[1].passed);
        // Turning as the prompt appears (no reaction time): anticipated, a wrong action.
        let (seq, _) = play(&[ChallengeKind::TurnLeft], 20_000, |_, p, s| {
            if p == Some(PromptCode::TurnLeft) {
                s.yaw = 30.0;
            }
        });
        assert!(seq.is_failed());
        assert_eq!(seq.results()[0].reason, Some(ChallengeFailure::WrongAction));
    }
}
