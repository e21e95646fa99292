//! National identity numbers (`precheck_core::idnum`): structure, check character,
//! embedded birth date and region. Reasons, sexes, CN kinds and regions are the core's own
//! types; the check is mirrored (it adds the reason's message and flattens the CN details).

use precheck_core::idnum as core;
pub use precheck_core::idnum::cn::{CnIdKind, CnRegion};
pub use precheck_core::idnum::{IdNumberReason, Sex};

use crate::date::{iso, parse_today};
use crate::error::PrecheckError;
use crate::guard::guarded;

/// Country-specific facts of a checked number.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum IdNumberDetails {
    Cn {
        kind: Option<CnIdKind>,
        region: Option<CnRegion>,
        /// The check character was a lower-case `x` (accepted; `X` is canonical).
        lower_case_x: bool,
        /// The input was the 15-digit form; `normalized` is its 18-character conversion.
        converted_from_15: bool,
    },
}

/// The verdict on one number.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IdNumberCheck {
    pub valid: bool,
    pub reason: Option<IdNumberReason>,
    /// `reason` in one English sentence for logs (not for end users).
    pub reason_message: Option<String>,
    /// The number in canonical form (for CN the 18-character form), when readable.
    pub normalized: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub sex: Option<Sex>,
    pub details: IdNumberDetails,
}

/// Checks `number` as an identity number of `country` (ISO 3166 alpha-2 or alpha-3, any case;
/// supported: CN). `today` (`YYYY-MM-DD`) bounds birth dates. An unsupported country is an
/// `UnsupportedCountry` error; an invalid number is not an error (`valid` is false).
#[uniffi::export]
pub fn check_id_number(
    country: String,
    number: String,
    today: String,
) -> Result<IdNumberCheck, PrecheckError> {
    guarded("checkIdNumber", || {
        let today = parse_today(&today)?;
        let check = core::check(&country, &number, today)?;
        Ok::<_, PrecheckError>(IdNumberCheck::from(check))
    })
}

impl From<core::Details> for IdNumberDetails {
    fn from(details: core::Details) -> Self {
        match details {
            core::Details::Cn(cn) => IdNumberDetails::Cn {
                kind: cn.kind,
                region: cn.region,
                lower_case_x: cn.lower_case_x,
                converted_from_15: cn.converted_from_15,
            },
        }
    }
}

impl From<core::IdNumberCheck> for IdNumberCheck {
    fn from(check: core::IdNumberCheck) -> Self {
        IdNumberCheck {
            valid: check.valid,
            reason: check.reason,
            reason_message: check.reason.map(|r| r.message().to_string()),
            normalized: check.normalized,
            birth_date: iso(check.birth_date),
            sex: check.sex,
            details: check.details.into(),
        }
    }
}
