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

/// image_document, crash-cd7c9943…: a mutated real JPEG (first byte: the target's document-kind
/// selector, 0 = passport) whose MRZ line geometry runs past the right edge of the image; the
/// ink search of a cell beyond it sliced `[x0..=x1]` with `x0 > x1`.
#[test]
fn mrz_cell_beyond_the_image_edge_does_not_panic() {
    use precheck_core::date::Date;
    use precheck_core::document::mrz_step::add_mrz;
    use precheck_core::document::{DocumentChecker, DocumentConfig, DocumentKind};
    use precheck_core::frame::decode_image_with_limits;
    use precheck_core::limits::DecodeLimits;

    let input = include_bytes!(
        "../../fuzz/seeds/image_document/crash-cd7c9943040c5a61c351b9ea0e9b5e1f874a7f0f"
    );
    let bytes = &input[1..];
    let limits = DecodeLimits {
        max_pixels: 1_000_000,
        max_side: 4_096,
    };
    let config = DocumentConfig {
        decode_limits: limits,
        ..DocumentConfig::default()
    };
    let mut report = DocumentChecker::new(config)
        .check_file(None, bytes, DocumentKind::Passport)
        .expect("the mutated JPEG still decodes");
    let image = decode_image_with_limits(bytes, limits).expect("decode");
    let today = Date::new(2026, 11, 23).expect("date");
    add_mrz(&image, DocumentKind::Passport, today, &mut report).expect("MRZ step");
}
