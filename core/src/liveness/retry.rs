//! Retry policy: too many failed attempts inside a window trigger a cooldown; repeated
//! cooldowns escalate (no more self-service attempts: a person must look). The host persists
//! the state as JSON between app runs and supplies the times (the core never reads a clock).

use serde::{Deserialize, Serialize};

use crate::decision::Decision;
use crate::error::{PrecheckError, Result};

/// The policy (defaults: 3 failures in 30 min → 30 min cooldown; the 3rd cooldown within 24 h
/// escalates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RetryPolicy {
    pub max_failures: u32,
    pub window_ms: i64,
    pub cooldown_ms: i64,
    pub escalate_after_cooldowns: u32,
    pub escalation_window_ms: i64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_failures: 3,
            window_ms: 30 * 60 * 1000,
            cooldown_ms: 30 * 60 * 1000,
            escalate_after_cooldowns: 3,
            escalation_window_ms: 24 * 60 * 60 * 1000,
        }
    }
}

/// Whether the user may start an attempt now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RetryStatus {
    Allowed {
        attempts_left: u32,
    },
    Cooldown {
        remaining_ms: i64,
    },
    /// Too many cooldowns: hand over to manual review.
    Escalated,
}

/// Persisted state: failure times inside the window, cooldown start times, escalation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RetryState {
    pub failures_ms: Vec<i64>,
    pub cooldowns_ms: Vec<i64>,
    pub cooldown_until_ms: Option<i64>,
    pub escalated: bool,
}

impl RetryState {
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text)
            .map_err(|e| PrecheckError::InvalidInput(format!("retry state JSON: {e}")))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// The status at `now_ms`. Times come from the host's persisted JSON and clock: any `i64` is
    /// accepted (differences saturate instead of overflowing).
    pub fn status(&self, policy: &RetryPolicy, now_ms: i64) -> RetryStatus {
        if self.escalated {
            return RetryStatus::Escalated;
        }
        if let Some(until) = self.cooldown_until_ms {
            if now_ms < until {
                return RetryStatus::Cooldown {
                    remaining_ms: until.saturating_sub(now_ms),
                };
            }
        }
        let recent = self
            .failures_ms
            .iter()
            .filter(|&&t| now_ms.saturating_sub(t) < policy.window_ms && t <= now_ms)
            .count() as u32;
        RetryStatus::Allowed {
            attempts_left: policy.max_failures.saturating_sub(recent).max(1),
        }
    }

    /// Records an attempt's decision (the whole flow's) at `now_ms` and returns the new status. A pass clears the
    /// failures; a review counts as neither.
    pub fn record(&mut self, policy: &RetryPolicy, decision: Decision, now_ms: i64) -> RetryStatus {
        match decision {
            Decision::Pass => {
                self.failures_ms.clear();
            }
            Decision::Review => {}
            Decision::Fail => {
                self.failures_ms
                    .retain(|&t| now_ms.saturating_sub(t) < policy.window_ms);
                self.failures_ms.push(now_ms);
                if self.failures_ms.len() as u32 >= policy.max_failures {
                    self.failures_ms.clear();
                    self.cooldown_until_ms = Some(now_ms.saturating_add(policy.cooldown_ms));
                    self.cooldowns_ms
                        .retain(|&t| now_ms.saturating_sub(t) < policy.escalation_window_ms);
                    self.cooldowns_ms.push(now_ms);
                    if self.cooldowns_ms.len() as u32 >= policy.escalate_after_cooldowns {
                        self.escalated = true;
                    }
                }
            }
        }
        self.status(policy, now_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn three_failures_in_30_minutes_cool_down_for_30_minutes() {
        let p = RetryPolicy::default();
        let mut s = RetryState::default();
        assert_eq!(
            s.record(&p, Decision::Fail, 0),
            RetryStatus::Allowed { attempts_left: 2 }
        );
        s.record(&p, Decision::Fail, 10 * MIN);
        assert_eq!(
            s.record(&p, Decision::Fail, 20 * MIN),
            RetryStatus::Cooldown {
                remaining_ms: 30 * MIN
            }
        );
        assert_eq!(
            s.status(&p, 45 * MIN),
            RetryStatus::Cooldown {
                remaining_ms: 5 * MIN
            }
        );
        assert_eq!(
            s.status(&p, 50 * MIN),
            RetryStatus::Allowed { attempts_left: 3 }
        );
        // Round trip through JSON keeps the cooldown.
        let back = RetryState::from_json(&s.to_json()).unwrap();
        assert_eq!(back, s);
        assert!(RetryState::from_json("{not json").is_err());
    }

    #[test]
    fn spread_out_failures_do_not_cool_down_and_repeated_cooldowns_escalate() {
        let p = RetryPolicy::default();
        let mut s = RetryState::default();
        for i in 0..6 {
            let st = s.record(&p, Decision::Fail, i * 20 * MIN);
            assert!(matches!(st, RetryStatus::Allowed { .. }), "{i}: {st:?}");
        }
        let mut s = RetryState::default();
        let mut t = 0;
        for round in 0..3 {
            for _ in 0..3 {
                s.record(&p, Decision::Fail, t);
                t += MIN;
            }
            t += 31 * MIN;
            if round < 2 {
                assert!(matches!(s.status(&p, t), RetryStatus::Allowed { .. }));
            }
        }
        assert_eq!(s.status(&p, t), RetryStatus::Escalated);
        // A pass clears failures (but not an escalation).
        let mut s = RetryState::default();
        s.record(&p, Decision::Fail, 0);
        s.record(&p, Decision::Fail, MIN);
        s.record(&p, Decision::Pass, 2 * MIN);
        assert_eq!(
            s.record(&p, Decision::Fail, 3 * MIN),
            RetryStatus::Allowed { attempts_left: 2 }
        );
    }
}
