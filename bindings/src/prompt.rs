//! Prompt codes (DESIGN §5) and their messages in the user's language, mirrored from
//! `precheck_core::{PromptCode, Language}`. The conversions are exhaustive matches, so a code
//! added to the core fails this crate's build until it is added here too.

use crate::guard::shielded;
use precheck_core::prompt::Language as CoreLanguage;
use precheck_core::PromptCode as CorePromptCode;
use precheck_core::{Issue as CoreIssue, Severity as CoreSeverity};

macro_rules! mirror_enum {
    ($(#[$meta:meta])* $name:ident mirrors $core:ident { $($(#[$vmeta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl From<$name> for $core {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => $core::$variant,)+
                }
            }
        }

        impl From<$core> for $name {
            fn from(value: $core) -> Self {
                match value {
                    $($core::$variant => $name::$variant,)+
                }
            }
        }
    };
}

mirror_enum! {
    /// What the user must fix, as a stable code (`prompt_code_id` gives the contract string,
    /// e.g. `FACE_NOT_FOUND`).
    PromptCode mirrors CorePromptCode {
        FaceNotFound, MultipleFaces, FaceTooFar, FaceTooClose, FaceNotCentered, FaceCutOff,
        LookStraight, TooDark, TooBright, Backlit, UnevenLight, Flicker, Blurry, HoldStill,
        BackgroundMoving,
        /// Hair, a hand or something else over the eyes (alias `FV-07`).
        EyesCovered,
        Sunglasses, GlassesGlare, Mask, HeadCovered, NotNeutral, LensDirty,
        Blink, TurnLeft, TurnRight, OpenMouth, Nod, TooFast, TooSlow, WrongAction, Done,
        DocNotFound, DocTooSmall, DocTooClose, DocCornersMissing, DocBlurry, DocGlare,
        DocTooDark, DocTooBright, DocScreen, DocCopy, DocObscured, DocExpired, MrzUnreadable,
        MrzCheckFailed, FileFormat, FileTooLarge,
    }
}

mirror_enum! {
    /// The languages every message exists in.
    Language mirrors CoreLanguage {
        En, ZhHans, ZhHant, Ja, Ko, Es, Fr,
    }
}

mirror_enum! {
    /// How much a failed check matters.
    Severity mirrors CoreSeverity {
        /// Worth fixing; capture may go on.
        Warning,
        /// Blocks capture until fixed.
        Error,
    }
}

/// One failed check: its code, how much it matters and the measure behind it (in the check's
/// own unit, see the core's documentation of that check), when there is one.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Issue {
    pub code: PromptCode,
    pub severity: Severity,
    pub value: Option<f32>,
}

impl From<&CoreIssue> for Issue {
    fn from(issue: &CoreIssue) -> Self {
        Issue {
            code: issue.code.into(),
            severity: issue.severity.into(),
            value: issue.value,
        }
    }
}

/// What the user sees: one code and its message in their language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Prompt {
    pub code: PromptCode,
    pub message: String,
}

impl Prompt {
    pub(crate) fn of(code: CorePromptCode, language: CoreLanguage) -> Prompt {
        Prompt {
            code: code.into(),
            message: code.message(language).to_string(),
        }
    }
}

/// The message for `code` in `language` (short and actionable).
#[uniffi::export]
pub fn prompt_message(code: PromptCode, language: Language) -> String {
    shielded(
        "promptMessage",
        || prompt_code_id(code),
        || {
            CorePromptCode::from(code)
                .message(language.into())
                .to_string()
        },
    )
}

/// The code with its message in `language`.
#[uniffi::export]
pub fn prompt(code: PromptCode, language: Language) -> Prompt {
    Prompt {
        code,
        message: prompt_message(code, language),
    }
}

/// The contract string of a code, e.g. `"FACE_NOT_FOUND"`.
#[uniffi::export]
pub fn prompt_code_id(code: PromptCode) -> String {
    shielded("promptCodeId", String::new, || {
        CorePromptCode::from(code).as_str().to_string()
    })
}

/// The code for a contract string or alias (`"FV-07"`); `None` for anything else.
#[uniffi::export]
pub fn prompt_code_from_id(id: String) -> Option<PromptCode> {
    shielded(
        "promptCodeFromId",
        || None,
        || id.parse::<CorePromptCode>().ok().map(PromptCode::from),
    )
}

/// The language for a locale tag as phones report it (`en-US`, `zh_TW`, `zh-Hant-HK`, ...);
/// `None` for languages without messages (the host then picks its fallback).
#[uniffi::export]
pub fn language_from_locale(tag: String) -> Option<Language> {
    shielded(
        "languageFromLocale",
        || None,
        || CoreLanguage::from_locale(&tag).map(Language::from),
    )
}

/// The BCP 47 tag of a language, e.g. `"zh-Hant"`.
#[uniffi::export]
pub fn language_tag(language: Language) -> String {
    shielded(
        "languageTag",
        || "en".to_string(),
        || CoreLanguage::from(language).tag().to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_round_trips() {
        for &code in CorePromptCode::ALL {
            let ffi = PromptCode::from(code);
            assert_eq!(CorePromptCode::from(ffi), code);
            assert_eq!(prompt_code_id(ffi), code.as_str());
            assert_eq!(prompt_code_from_id(code.as_str().to_string()), Some(ffi));
        }
        assert_eq!(
            prompt_code_from_id("FV-07".into()),
            Some(PromptCode::EyesCovered)
        );
    }

    #[test]
    fn messages_come_from_the_core_tables() {
        for language in CoreLanguage::ALL {
            let ffi = Language::from(language);
            assert_eq!(
                prompt_message(PromptCode::FaceTooFar, ffi),
                CorePromptCode::FaceTooFar.message(language)
            );
            assert_eq!(language_tag(ffi), language.tag());
        }
    }
}
