//! Calendar dates cross the FFI as ISO `YYYY-MM-DD` strings (Kotlin `LocalDate.toString()`,
//! Swift `ISO8601DateFormatter` with `.withFullDate`): no time zone, as documents print them.

use precheck_core::date::Date;

use crate::error::PrecheckError;

/// The caller's "today"; an `InvalidArgument` for anything but a real `YYYY-MM-DD` date.
pub(crate) fn parse_today(today: &str) -> Result<Date, PrecheckError> {
    today
        .parse::<Date>()
        .map_err(|e| PrecheckError::InvalidArgument(format!("today: {e}")))
}

pub(crate) fn iso(date: Option<Date>) -> Option<String> {
    date.map(|d| d.iso())
}
