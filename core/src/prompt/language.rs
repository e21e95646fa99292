//! The user's language: the seven languages every message exists in, and locale tags as phones
//! report them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The languages every message exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "ja")]
    Ja,
    #[serde(rename = "ko")]
    Ko,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "fr")]
    Fr,
}

impl Language {
    pub const ALL: [Language; 7] = [
        Language::En,
        Language::ZhHans,
        Language::ZhHant,
        Language::Ja,
        Language::Ko,
        Language::Es,
        Language::Fr,
    ];

    /// The BCP 47 tag, e.g. `"zh-Hant"`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::ZhHans => "zh-Hans",
            Language::ZhHant => "zh-Hant",
            Language::Ja => "ja",
            Language::Ko => "ko",
            Language::Es => "es",
            Language::Fr => "fr",
        }
    }

    /// The language for a locale tag as phones report it (`en-US`, `zh_TW`, `zh-Hant-HK`,
    /// `fr-CA`, ...): case and `_`/`-` do not matter; Chinese without a script follows the region
    /// (TW, HK, MO → traditional; otherwise simplified). `None` for languages we do not have.
    pub fn from_locale(tag: &str) -> Option<Language> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        match language {
            "en" => Some(Language::En),
            "ja" => Some(Language::Ja),
            "ko" => Some(Language::Ko),
            "es" => Some(Language::Es),
            "fr" => Some(Language::Fr),
            "zh" => {
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                    && !rest.contains(&"hans");
                Some(if traditional {
                    Language::ZhHant
                } else {
                    Language::ZhHans
                })
            }
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A locale we have no messages for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language {0:?} (supported: en, zh-Hans, zh-Hant, ja, ko, es, fr)")]
pub struct UnsupportedLanguage(pub String);

impl FromStr for Language {
    type Err = UnsupportedLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_locale(s).ok_or_else(|| UnsupportedLanguage(s.to_string()))
    }
}

/// One message in every language. Also used by other modules' message tables (e.g. the
/// document-consistency diagnoses).
#[derive(Debug, Clone, Copy)]
pub struct Localized {
    pub en: &'static str,
    pub zh_hans: &'static str,
    pub zh_hant: &'static str,
    pub ja: &'static str,
    pub ko: &'static str,
    pub es: &'static str,
    pub fr: &'static str,
}

impl Localized {
    pub fn get(&self, language: Language) -> &'static str {
        match language {
            Language::En => self.en,
            Language::ZhHans => self.zh_hans,
            Language::ZhHant => self.zh_hant,
            Language::Ja => self.ja,
            Language::Ko => self.ko,
            Language::Es => self.es,
            Language::Fr => self.fr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_tags_map_to_languages() {
        let cases = [
            ("en-US", Some(Language::En)),
            ("zh_CN", Some(Language::ZhHans)),
            ("zh-TW", Some(Language::ZhHant)),
            ("zh-Hant-HK", Some(Language::ZhHant)),
            ("zh-Hans-HK", Some(Language::ZhHans)),
            ("zh", Some(Language::ZhHans)),
            ("JA", Some(Language::Ja)),
            ("ko-KR", Some(Language::Ko)),
            ("es-419", Some(Language::Es)),
            ("fr-CA", Some(Language::Fr)),
            ("de-DE", None),
            ("", None),
        ];
        for (tag, expected) in cases {
            assert_eq!(Language::from_locale(tag), expected, "{tag}");
        }
        for language in Language::ALL {
            assert_eq!(language.tag().parse::<Language>(), Ok(language));
        }
    }
}
