//! Retry-policy state JSON as the host persists it: arbitrary text through
//! `RetryState::from_json` (typed error or a state), then `status`/`record` at arbitrary times
//! with arbitrary policies, and a JSON round trip that must give the same state.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use precheck_core::liveness::{LivenessDecision, RetryPolicy, RetryState};

#[derive(Arbitrary, Debug)]
struct Input {
    max_failures: u32,
    window_ms: i64,
    cooldown_ms: i64,
    escalate_after_cooldowns: u32,
    escalation_window_ms: i64,
    default_policy: bool,
    /// (decision, time) of four attempts; fixed size so the text that follows is easy to seed.
    events: [(u8, i64); 4],
    json: String,
}

fuzz_target!(|input: Input| {
    let Ok(mut state) = RetryState::from_json(&input.json) else {
        return;
    };
    let policy = if input.default_policy {
        RetryPolicy::default()
    } else {
        RetryPolicy {
            max_failures: input.max_failures,
            window_ms: input.window_ms,
            cooldown_ms: input.cooldown_ms,
            escalate_after_cooldowns: input.escalate_after_cooldowns,
            escalation_window_ms: input.escalation_window_ms,
        }
    };
    for now_ms in [i64::MIN, -1, 0, i64::MAX] {
        let _ = state.status(&policy, now_ms);
    }
    for &(kind, now_ms) in &input.events {
        let _ = state.status(&policy, now_ms);
        let decision = [
            LivenessDecision::Pass,
            LivenessDecision::Fail,
            LivenessDecision::Review,
        ][kind as usize % 3];
        let _ = state.record(&policy, decision, now_ms);
    }
    let json = state.to_json();
    let back = RetryState::from_json(&json).expect("own JSON parses");
    assert_eq!(back, state);
});
