//! No panic crosses the FFI: every exported function and method runs under `catch_unwind`.
//! Fallible calls use [`guarded`] (a panic becomes a typed [`PrecheckError::Internal`]);
//! infallible ones use [`shielded`] (a panic is logged and a documented fallback returned).
//! uniffi's scaffolding catches panics too, but as an untyped `InternalException`; these helpers
//! keep the error typed and the message free of anything but the panic's first line.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::PrecheckError;

/// Runs `call`, converting core errors and panics into [`PrecheckError`].
pub(crate) fn guarded<T, E>(
    what: &str,
    call: impl FnOnce() -> Result<T, E>,
) -> Result<T, PrecheckError>
where
    E: Into<PrecheckError>,
{
    // AssertUnwindSafe: after a panic we only report it; no state observed by the host is left
    // half-updated because the wrapped calls borrow engines immutably.
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(result) => result.map_err(|error| {
            let error = error.into();
            log::debug!("{what}: {error}");
            error
        }),
        Err(payload) => {
            let detail = panic_detail(payload.as_ref());
            log::error!("{what}: panic caught at the FFI boundary: {detail}");
            Err(PrecheckError::Internal(format!(
                "{what}: internal error (panic: {detail})"
            )))
        }
    }
}

/// Runs an infallible export; a panic (a bug) is logged and `fallback()` returned instead.
pub(crate) fn shielded<T>(what: &str, fallback: impl FnOnce() -> T, call: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(call)) {
        Ok(value) => value,
        Err(payload) => {
            let detail = panic_detail(payload.as_ref());
            log::error!("{what}: panic caught at the FFI boundary: {detail}");
            fallback()
        }
    }
}

/// The panic message's first line, at most 200 characters: panics in the core carry indices
/// and sizes, never pixel or embedding data, and the cap keeps a long one out of the host's log.
fn panic_detail(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    text.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_typed_error() {
        let result: Result<(), PrecheckError> =
            guarded("test call", || -> Result<(), PrecheckError> {
                panic!("boom\nsecond line")
            });
        match result {
            Err(PrecheckError::Internal(message)) => {
                assert!(message.contains("boom"));
                assert!(!message.contains('\n'));
            }
            other => panic!("expected Internal, got {other:?}"),
        }
    }

    #[test]
    fn a_panic_in_an_infallible_call_returns_the_fallback() {
        let value = shielded(
            "test call",
            || 7,
            || -> i32 { panic!("{}", "x".repeat(1000)) },
        );
        assert_eq!(value, 7);
        assert_eq!(panic_detail(&"a\nb"), "a");
        assert_eq!(panic_detail(&"y".repeat(500)).len(), 200);
    }

    #[test]
    fn core_errors_pass_through_converted() {
        let result: Result<(), PrecheckError> = guarded("test call", || {
            Err(precheck_core::PrecheckError::ImageDecode(
                "not a JPEG".into(),
            ))
        });
        assert!(matches!(result, Err(PrecheckError::InvalidImage(_))));
    }
}
