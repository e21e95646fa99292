//! Inputs the fuzz targets (`fuzz/`) crashed on, replayed as plain tests. The raw crash files
//! are also in the targets' seed corpora (`fuzz/seeds/TARGET/crash-*`), so `scripts/fuzz-smoke`
//! replays them too.

use precheck_core::liveness::{LivenessDecision, RetryPolicy, RetryState, RetryStatus};

/// retry_state, crash-a2471d9c…: a persisted state with failures at 1 and 2 ms, asked for its
/// status at `i64::MIN` (a host clock or JSON gone wrong) — `now - t` overflowed.
#[test]
fn retry_state_at_extreme_times_does_not_overflow() {
    let policy = RetryPolicy::default();
    let mut state = RetryState::from_json(
        r#"{"failures_ms":[1,2],"cooldowns_ms":[],"cooldown_until_ms":null,"escalated":false}"#,
    )
    .expect("state JSON");
    for now in [i64::MIN, -1, 0, i64::MAX] {
        let _ = state.status(&policy, now);
    }
    // A cooldown set near the end of time saturates instead of wrapping into the past.
    let extreme = RetryPolicy {
        max_failures: 1,
        cooldown_ms: i64::MAX,
        ..policy
    };
    assert!(matches!(
        state.record(&extreme, LivenessDecision::Fail, i64::MAX - 5),
        RetryStatus::Cooldown { .. } | RetryStatus::Escalated
    ));
    assert_eq!(state.cooldown_until_ms, Some(i64::MAX));
    let back = RetryState::from_json(&state.to_json()).expect("own JSON");
    assert_eq!(back, state);
}
