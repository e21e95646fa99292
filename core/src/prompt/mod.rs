//! What the user is told: prompt codes (DESIGN §5, contract), the languages, and each code's
//! message in every language. Codes are API; messages are data, one row per code.

mod code;
mod language;
mod messages;

pub use code::{Issue, Prompt, PromptCategory, PromptCode, Severity, UnknownPromptCode};
pub use language::{Language, Localized, UnsupportedLanguage};
