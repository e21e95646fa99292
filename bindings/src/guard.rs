//! No panic crosses the FFI: each exported call runs under `catch_unwind` and a panic becomes a
//! typed [`PrecheckError::Internal`].

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
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            log::error!("{what}: panic caught at the FFI boundary: {detail}");
            Err(PrecheckError::Internal(format!(
                "{what}: internal error (panic: {})",
                detail.lines().next().unwrap_or_default()
            )))
        }
    }
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
    fn core_errors_pass_through_converted() {
        let result: Result<(), PrecheckError> = guarded("test call", || {
            Err(precheck_core::PrecheckError::ImageDecode(
                "not a JPEG".into(),
            ))
        });
        assert!(matches!(result, Err(PrecheckError::InvalidImage(_))));
    }
}
