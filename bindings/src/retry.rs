//! The retry policy across attempts (`precheck_core::liveness::{RetryPolicy, RetryState}`).
//! The state crosses the FFI as the core's JSON text: the host stores that string (Android
//! `SharedPreferences`/DataStore, iOS Keychain or `UserDefaults`, or its server) and hands it
//! back to the next `Engine.startFlow`; it never needs to read it. The policy and the status are
//! the core's own types.

use precheck_core::liveness as core;
pub use precheck_core::liveness::{RetryPolicy, RetryStatus};

use crate::error::PrecheckError;
use crate::guard::guarded;

/// Where the host keeps the retry state between attempts (and app runs): Android
/// `SharedPreferences`/DataStore, iOS Keychain or `UserDefaults`, or its server. Given to
/// `Engine.startFlowWithStore`, it is read when the flow starts and written when it finishes;
/// the SDK never reads the text otherwise. Calls come from the thread that called the flow.
#[uniffi::export(foreign)]
pub trait RetryStateStore: Send + Sync {
    /// The JSON text saved last, `None` for a new user.
    fn load(&self) -> Option<String>;
    /// Keep `state_json` for the next attempt.
    fn save(&self, state_json: String);
}

/// The SDK's default policy.
#[uniffi::export]
pub fn default_retry_policy() -> RetryPolicy {
    RetryPolicy::default()
}

/// The status at `now_ms` (Unix ms) of the retry state JSON the host stored (`None` for a user
/// without attempts), under `policy` (`None`: the default): lets the app show "try again in
/// N minutes" before starting a flow. Malformed JSON is an `InvalidInput` error.
#[uniffi::export(default(policy = None))]
pub fn retry_status(
    retry_state_json: Option<String>,
    policy: Option<RetryPolicy>,
    now_ms: i64,
) -> Result<RetryStatus, PrecheckError> {
    guarded("retryStatus", || {
        let state = parse_state(retry_state_json.as_deref())?;
        let policy = policy.unwrap_or_default();
        Ok::<_, PrecheckError>(state.status(&policy, now_ms))
    })
}

/// The core state of the host's JSON (`None` or blank: a new user).
pub(crate) fn parse_state(json: Option<&str>) -> Result<core::RetryState, PrecheckError> {
    match json {
        Some(text) if !text.trim().is_empty() => Ok(core::RetryState::from_json(text)?),
        _ => Ok(core::RetryState::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use precheck_core::liveness::LivenessDecision;

    const MIN: i64 = 60_000;

    #[test]
    fn the_default_policy_is_the_cores() {
        let policy = default_retry_policy();
        assert_eq!(policy, core::RetryPolicy::default());
        assert_eq!(policy.max_failures, 3);
    }

    #[test]
    fn the_status_of_stored_json() {
        assert_eq!(
            retry_status(None, None, 0),
            Ok(RetryStatus::Allowed { attempts_left: 3 })
        );
        let mut state = core::RetryState::default();
        let policy = core::RetryPolicy::default();
        for t in [0, MIN, 2 * MIN] {
            state.record(&policy, LivenessDecision::Fail, t);
        }
        let json = state.to_json();
        assert_eq!(
            retry_status(Some(json.clone()), None, 12 * MIN),
            Ok(RetryStatus::Cooldown {
                remaining_ms: 20 * MIN
            })
        );
        // A stricter host policy is applied to the same state.
        let short = RetryPolicy {
            cooldown_ms: MIN,
            ..default_retry_policy()
        };
        assert_eq!(
            retry_status(Some(json), Some(short), 12 * MIN),
            Ok(RetryStatus::Cooldown {
                remaining_ms: 20 * MIN
            }),
            "the cooldown end is in the state: a later policy change does not shorten it"
        );
        assert!(matches!(
            retry_status(Some("{not json".into()), None, 0),
            Err(PrecheckError::InvalidInput(_))
        ));
    }
}
