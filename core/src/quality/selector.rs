//! One prompt at a time: a fixed priority (nothing else matters while no face is found; framing
//! before light, light before sharpness, accessories before pose, expression last), and timing
//! hysteresis so a prompt neither flickers between frames nor lingers after it is fixed.

use crate::prompt::{Issue, PromptCode};

/// Selfie codes, most important first.
pub const PRIORITY: [PromptCode; 22] = [
    PromptCode::FaceNotFound,
    PromptCode::MultipleFaces,
    PromptCode::FaceCutOff,
    PromptCode::FaceTooFar,
    PromptCode::FaceTooClose,
    PromptCode::FaceNotCentered,
    PromptCode::BackgroundMoving,
    PromptCode::TooDark,
    PromptCode::TooBright,
    PromptCode::Backlit,
    PromptCode::Flicker,
    PromptCode::UnevenLight,
    PromptCode::LensDirty,
    PromptCode::Blurry,
    PromptCode::HoldStill,
    PromptCode::Sunglasses,
    PromptCode::Mask,
    PromptCode::HeadCovered,
    PromptCode::EyesCovered,
    PromptCode::GlassesGlare,
    PromptCode::LookStraight,
    PromptCode::NotNeutral,
];

/// Rank of a code in [`PRIORITY`] (lower is more important; unknown codes last).
pub fn rank(code: PromptCode) -> usize {
    PRIORITY
        .iter()
        .position(|&c| c == code)
        .unwrap_or(PRIORITY.len())
}

/// The most important of `issues` (for a single photo, without timing).
pub fn most_important(issues: &[Issue]) -> Option<PromptCode> {
    issues.iter().map(|i| i.code).min_by_key(|&c| rank(c))
}

/// How long a problem must persist before it is shown, and be gone before its prompt goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelectorTiming {
    /// A code must fail for this long before it is shown (one bad frame is not a prompt).
    pub confirm_ms: i64,
    /// A shown code must pass for this long before it is cleared; until then a less important
    /// problem does not replace it.
    pub clear_ms: i64,
}

impl Default for SelectorTiming {
    fn default() -> Self {
        SelectorTiming {
            confirm_ms: 200,
            clear_ms: 400,
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct CodeState {
    /// Since when the code has been failing without a break (None: passing).
    failing_since: Option<i64>,
    /// When the code last failed.
    last_failed: Option<i64>,
}

/// Chooses the prompt to show from each frame's issues.
#[derive(Debug, Clone)]
pub struct PromptSelector {
    timing: SelectorTiming,
    states: [CodeState; PRIORITY.len()],
    shown: Option<(PromptCode, i64)>,
    active: Vec<PromptCode>,
}

impl PromptSelector {
    pub fn new(timing: SelectorTiming) -> Self {
        PromptSelector {
            timing,
            states: [CodeState::default(); PRIORITY.len()],
            shown: None,
            active: Vec::with_capacity(PRIORITY.len()),
        }
    }

    pub fn reset(&mut self) {
        self.states = [CodeState::default(); PRIORITY.len()];
        self.shown = None;
        self.active.clear();
    }

    /// Codes failing now or recently (for threshold hysteresis in the checks).
    pub fn active(&self) -> &[PromptCode] {
        &self.active
    }

    /// The prompt shown now.
    pub fn shown(&self) -> Option<PromptCode> {
        self.shown.map(|(c, _)| c)
    }

    /// Updates with one frame's issues at `t_ms` and returns the prompt to show.
    pub fn update(&mut self, issues: &[Issue], t_ms: i64) -> Option<PromptCode> {
        for (i, &code) in PRIORITY.iter().enumerate() {
            let state = &mut self.states[i];
            if issues.iter().any(|issue| issue.code == code) {
                state.failing_since.get_or_insert(t_ms);
                state.last_failed = Some(t_ms);
            } else {
                state.failing_since = None;
            }
        }
        let timing = self.timing;
        let confirmed = |s: &CodeState, code: PromptCode| {
            // No face is shown at once: every other prompt depends on it.
            s.failing_since.is_some_and(|since| {
                t_ms.saturating_sub(since) >= timing.confirm_ms || code == PromptCode::FaceNotFound
            })
        };
        let lingering = |s: &CodeState| {
            s.last_failed
                .is_some_and(|last| t_ms.saturating_sub(last) < timing.clear_ms)
        };
        self.active.clear();
        for (i, &code) in PRIORITY.iter().enumerate() {
            if self.states[i].failing_since.is_some() || lingering(&self.states[i]) {
                self.active.push(code);
            }
        }
        let best = PRIORITY
            .iter()
            .enumerate()
            .find(|(i, &code)| confirmed(&self.states[*i], code))
            .map(|(_, &code)| code);
        self.shown = match self.shown {
            None => best.map(|b| (b, t_ms)),
            Some((current, since)) => {
                let alive = lingering(&self.states[rank(current)]);
                match best {
                    // A more important problem replaces the prompt at once.
                    Some(b) if rank(b) < rank(current) => Some((b, t_ms)),
                    // Otherwise the prompt stays until its problem is fixed.
                    _ if alive => Some((current, since)),
                    Some(b) => Some((b, t_ms)),
                    None => None,
                }
            }
        };
        self.shown()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::Severity;

    fn issues(codes: &[PromptCode]) -> Vec<Issue> {
        codes
            .iter()
            .map(|&c| Issue::new(c, Severity::Error, None))
            .collect()
    }

    #[test]
    fn one_bad_frame_is_not_a_prompt_and_a_fixed_problem_clears() {
        let mut s = PromptSelector::new(SelectorTiming::default());
        assert_eq!(s.update(&issues(&[PromptCode::TooDark]), 0), None);
        assert_eq!(s.update(&[], 33), None);
        for t in (66..400).step_by(33) {
            s.update(&issues(&[PromptCode::TooDark]), t);
        }
        assert_eq!(s.shown(), Some(PromptCode::TooDark));
        // A single good frame does not clear it; 400 ms of good frames do.
        assert_eq!(s.update(&[], 433), Some(PromptCode::TooDark));
        let mut last = Some(PromptCode::TooDark);
        for t in (466..1000).step_by(33) {
            last = s.update(&[], t);
        }
        assert_eq!(last, None);
    }

    #[test]
    fn more_important_problems_win_and_face_not_found_is_immediate() {
        let mut s = PromptSelector::new(SelectorTiming::default());
        for t in (0..500).step_by(33) {
            s.update(&issues(&[PromptCode::LookStraight, PromptCode::TooDark]), t);
        }
        assert_eq!(s.shown(), Some(PromptCode::TooDark));
        assert_eq!(
            s.update(&issues(&[PromptCode::FaceNotFound]), 533),
            Some(PromptCode::FaceNotFound)
        );
    }

    #[test]
    fn alternating_frames_do_not_flicker_the_prompt() {
        let mut s = PromptSelector::new(SelectorTiming::default());
        for t in (0..300).step_by(33) {
            s.update(&issues(&[PromptCode::Blurry]), t);
        }
        let mut shown = Vec::new();
        for (k, t) in (300..2000).step_by(33).enumerate() {
            let codes: &[PromptCode] = if k % 2 == 0 {
                &[PromptCode::Blurry]
            } else {
                &[]
            };
            shown.push(s.update(&issues(codes), t));
        }
        assert!(
            shown.iter().all(|&c| c == Some(PromptCode::Blurry)),
            "{shown:?}"
        );
    }
}
