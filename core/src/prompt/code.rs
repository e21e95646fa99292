//! Prompt codes (DESIGN §5, contract): what the user must fix, as stable codes. Their messages in
//! the user's language are data in [`super::messages`]; the codes themselves never change meaning.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! prompt_codes {
    ($($variant:ident = $code:literal, $category:ident;)+) => {
        /// Every prompt the SDK can show. Serialised as the contract's upper-case code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum PromptCode {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl PromptCode {
            /// All codes, in contract order (selfie, challenge, document).
            pub const ALL: &'static [PromptCode] = &[$(PromptCode::$variant,)+];

            /// The contract code, e.g. `"FACE_NOT_FOUND"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(PromptCode::$variant => $code,)+
                }
            }

            /// Which step of the flow the code belongs to.
            pub fn category(self) -> PromptCategory {
                match self {
                    $(PromptCode::$variant => PromptCategory::$category,)+
                }
            }
        }

        impl FromStr for PromptCode {
            type Err = UnknownPromptCode;

            /// Accepts the contract code and the aliases (`FV-07` for `EYES_COVERED`).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok(PromptCode::$variant),)+
                    "FV-07" => Ok(PromptCode::EyesCovered),
                    _ => Err(UnknownPromptCode(s.to_string())),
                }
            }
        }
    };
}

prompt_codes! {
    FaceNotFound = "FACE_NOT_FOUND", Selfie;
    MultipleFaces = "MULTIPLE_FACES", Selfie;
    FaceTooFar = "FACE_TOO_FAR", Selfie;
    FaceTooClose = "FACE_TOO_CLOSE", Selfie;
    FaceNotCentered = "FACE_NOT_CENTERED", Selfie;
    FaceCutOff = "FACE_CUT_OFF", Selfie;
    LookStraight = "LOOK_STRAIGHT", Selfie;
    TooDark = "TOO_DARK", Selfie;
    TooBright = "TOO_BRIGHT", Selfie;
    Backlit = "BACKLIT", Selfie;
    UnevenLight = "UNEVEN_LIGHT", Selfie;
    Flicker = "FLICKER", Selfie;
    Blurry = "BLURRY", Selfie;
    HoldStill = "HOLD_STILL", Selfie;
    BackgroundMoving = "BACKGROUND_MOVING", Selfie;
    EyesCovered = "EYES_COVERED", Selfie;
    Sunglasses = "SUNGLASSES", Selfie;
    GlassesGlare = "GLASSES_GLARE", Selfie;
    Mask = "MASK", Selfie;
    HeadCovered = "HEAD_COVERED", Selfie;
    NotNeutral = "NOT_NEUTRAL", Selfie;
    LensDirty = "LENS_DIRTY", Selfie;
    Blink = "BLINK", Challenge;
    TurnLeft = "TURN_LEFT", Challenge;
    TurnRight = "TURN_RIGHT", Challenge;
    OpenMouth = "OPEN_MOUTH", Challenge;
    Nod = "NOD", Challenge;
    TooFast = "TOO_FAST", Challenge;
    TooSlow = "TOO_SLOW", Challenge;
    WrongAction = "WRONG_ACTION", Challenge;
    Done = "DONE", Challenge;
    DocNotFound = "DOC_NOT_FOUND", Document;
    DocTooSmall = "DOC_TOO_SMALL", Document;
    DocTooClose = "DOC_TOO_CLOSE", Document;
    DocCornersMissing = "DOC_CORNERS_MISSING", Document;
    DocBlurry = "DOC_BLURRY", Document;
    DocGlare = "DOC_GLARE", Document;
    DocTooDark = "DOC_TOO_DARK", Document;
    DocTooBright = "DOC_TOO_BRIGHT", Document;
    DocScreen = "DOC_SCREEN", Document;
    DocCopy = "DOC_COPY", Document;
    DocObscured = "DOC_OBSCURED", Document;
    DocExpired = "DOC_EXPIRED", Document;
    MrzUnreadable = "MRZ_UNREADABLE", Document;
    MrzCheckFailed = "MRZ_CHECK_FAILED", Document;
    FileFormat = "FILE_FORMAT", Document;
    FileTooLarge = "FILE_TOO_LARGE", Document;
}

impl PromptCode {
    /// Other names the code is known by (`FV-07` for `EYES_COVERED`, the seed's code).
    pub fn alias(self) -> Option<&'static str> {
        match self {
            PromptCode::EyesCovered => Some("FV-07"),
            _ => None,
        }
    }
}

impl fmt::Display for PromptCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The step of the flow a prompt belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromptCategory {
    Selfie,
    Challenge,
    Document,
}

/// A string that is not a prompt code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown prompt code {0:?}")]
pub struct UnknownPromptCode(pub String);

/// What the user sees: one code and its message in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Prompt {
    pub code: PromptCode,
    pub message: String,
}

/// How much a failed check matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Severity {
    /// Worth fixing; capture may go on (e.g. a slightly uneven light).
    Warning,
    /// Blocks capture until fixed.
    Error,
}

/// One failed check: its code, how much it matters and the measure behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Issue {
    pub code: PromptCode,
    pub severity: Severity,
    /// The measure's raw value that failed the check (its unit is the check's own; see the
    /// check's documentation), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f32>,
}

impl Issue {
    pub fn new(code: PromptCode, severity: Severity, value: Option<f32>) -> Self {
        Issue {
            code,
            severity,
            value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_strings_and_json() {
        for &code in PromptCode::ALL {
            assert_eq!(code.as_str().parse::<PromptCode>(), Ok(code));
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        assert_eq!("FV-07".parse::<PromptCode>(), Ok(PromptCode::EyesCovered));
        assert!("face_not_found".parse::<PromptCode>().is_err());
    }

    #[test]
    fn contract_lists_are_complete() {
        let count = |c| {
            PromptCode::ALL
                .iter()
                .filter(|code| code.category() == c)
                .count()
        };
        assert_eq!(count(PromptCategory::Selfie), 22);
        assert_eq!(count(PromptCategory::Challenge), 9);
        assert_eq!(count(PromptCategory::Document), 16);
    }
}
