//! Prompt codes (DESIGN §5) and their messages in the user's language: the core's own
//! `PromptCode`, `Language`, `Severity`, `Issue` and `Prompt`, exported as they are (the code
//! list exists once, in `precheck_core::prompt`).

use crate::guard::shielded;
pub use precheck_core::{Issue, Language, Prompt, PromptCode, Severity};

/// The message for `code` in `language` (short and actionable).
#[uniffi::export]
pub fn prompt_message(code: PromptCode, language: Language) -> String {
    shielded(
        "promptMessage",
        || prompt_code_id(code),
        || code.message(language).to_string(),
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
    shielded("promptCodeId", String::new, || code.as_str().to_string())
}

/// The code for a contract string or alias (`"FV-07"`); `None` for anything else.
#[uniffi::export]
pub fn prompt_code_from_id(id: String) -> Option<PromptCode> {
    shielded(
        "promptCodeFromId",
        || None,
        || id.parse::<PromptCode>().ok(),
    )
}

/// The language for a locale tag as phones report it (`en-US`, `zh_TW`, `zh-Hant-HK`, ...);
/// `None` for languages without messages (the host then picks its fallback).
#[uniffi::export]
pub fn language_from_locale(tag: String) -> Option<Language> {
    shielded(
        "languageFromLocale",
        || None,
        || Language::from_locale(&tag),
    )
}

/// The BCP 47 tag of a language, e.g. `"zh-Hant"`.
#[uniffi::export]
pub fn language_tag(language: Language) -> String {
    shielded(
        "languageTag",
        || "en".to_string(),
        || language.tag().to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_round_trips() {
        for &code in PromptCode::ALL {
            assert_eq!(prompt_code_id(code), code.as_str());
            assert_eq!(prompt_code_from_id(code.as_str().to_string()), Some(code));
        }
        assert_eq!(
            prompt_code_from_id("FV-07".into()),
            Some(PromptCode::EyesCovered)
        );
    }

    #[test]
    fn messages_come_from_the_core_tables() {
        for language in Language::ALL {
            assert_eq!(
                prompt_message(PromptCode::FaceTooFar, language),
                PromptCode::FaceTooFar.message(language)
            );
            assert_eq!(language_tag(language), language.tag());
        }
    }
}
