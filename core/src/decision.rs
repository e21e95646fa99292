//! The three-way decision of a check, a step or the whole flow: `pass`, `fail` or `review`
//! (a person should look). The liveness consensus, the flow and the retry policy speak it; its
//! wire spelling (`"pass"`, `"fail"`, `"review"`) is the contract of the CLI's and the bundle's
//! `decision`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Pass, fail or review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Pass,
    Fail,
    /// A person should look (see the reasons).
    Review,
}

impl Decision {
    /// The contract's spelling: `pass`, `fail`, `review`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Pass => "pass",
            Decision::Fail => "fail",
            Decision::Review => "review",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not `pass`, `fail` or `review`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown decision {0:?} (pass, fail, review)")]
pub struct UnknownDecision(pub String);

impl FromStr for Decision {
    type Err = UnknownDecision;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pass" => Ok(Decision::Pass),
            "fail" => Ok(Decision::Fail),
            "review" => Ok(Decision::Review),
            _ => Err(UnknownDecision(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_the_same_by_display_serde_and_from_str() {
        for d in [Decision::Pass, Decision::Fail, Decision::Review] {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{d}\""));
            assert_eq!(serde_json::from_str::<Decision>(&json).unwrap(), d);
            assert_eq!(d.as_str().parse::<Decision>().unwrap(), d);
        }
        assert!("PASS".parse::<Decision>().is_err());
    }
}
