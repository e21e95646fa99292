//! The flow's reason codes (`docs/bundle.md`, "Reasons"): why a flow failed or went to review,
//! one typed value per reason, written `step:reason` in the bundle, the CLI and the bindings.
//! The flow decides them ([`crate::flow`]); they are defined here, beside the bundle schema
//! that carries them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::consistency::Field;
use crate::prompt::PromptCode;

/// The step of the flow a reason comes from (the part before the `:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Document,
    Data,
    Liveness,
    FaceMatch,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Document => "document",
            Step::Data => "data",
            Step::Liveness => "liveness",
            Step::FaceMatch => "face_match",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reason for a flow's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonCode {
    /// `document:<PROMPT_CODE>`: a capture or document check failed (`document:DOC_EXPIRED`).
    Document(PromptCode),
    /// `document:no_portrait`: a document was found but no portrait on it.
    NoPortrait,
    /// `data:<field>_mismatch`: what the user typed differs from the document.
    DataMismatch(Field),
    /// `liveness:<reason>`: the liveness session's own reason (`challenge_failed`,
    /// `passive_spoof`, ...), or its decision (`liveness:review`) when it gave none.
    Liveness(String),
    /// `face_match:no_match`: the selfie is not the person of the portrait.
    NoMatch,
    /// `face_match:uncertain`: the similarity is in the review band.
    MatchUncertain,
    /// `face_match:no_usable_selfie_frame`: a portrait but no selfie frame to match it with.
    NoUsableSelfieFrame,
}

impl ReasonCode {
    pub fn step(&self) -> Step {
        match self {
            ReasonCode::Document(_) | ReasonCode::NoPortrait => Step::Document,
            ReasonCode::DataMismatch(_) => Step::Data,
            ReasonCode::Liveness(_) => Step::Liveness,
            ReasonCode::NoMatch | ReasonCode::MatchUncertain | ReasonCode::NoUsableSelfieFrame => {
                Step::FaceMatch
            }
        }
    }

    /// The part after the `:`.
    pub fn reason(&self) -> String {
        match self {
            ReasonCode::Document(code) => code.as_str().to_string(),
            ReasonCode::NoPortrait => "no_portrait".into(),
            ReasonCode::DataMismatch(field) => format!("{}_mismatch", field_name(*field)),
            ReasonCode::Liveness(reason) => reason.clone(),
            ReasonCode::NoMatch => "no_match".into(),
            ReasonCode::MatchUncertain => "uncertain".into(),
            ReasonCode::NoUsableSelfieFrame => "no_usable_selfie_frame".into(),
        }
    }
}

const FIELDS: [Field; 5] = [
    Field::Name,
    Field::BirthDate,
    Field::DocumentNumber,
    Field::Nationality,
    Field::CnIdNumber,
];

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Name => "name",
        Field::BirthDate => "birth_date",
        Field::DocumentNumber => "document_number",
        Field::Nationality => "nationality",
        Field::CnIdNumber => "cn_id_number",
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.step(), self.reason())
    }
}

/// A string that is not a `step:reason` code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown reason code {0:?} (step:reason, docs/bundle.md)")]
pub struct UnknownReason(pub String);

impl FromStr for ReasonCode {
    type Err = UnknownReason;

    /// The inverse of `Display`: only the spellings it writes.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownReason(s.to_string());
        let (step, reason) = s.split_once(':').ok_or_else(unknown)?;
        let code = match (step, reason) {
            ("document", "no_portrait") => ReasonCode::NoPortrait,
            ("document", code) => {
                let code = code.parse::<PromptCode>().map_err(|_| unknown())?;
                // Aliases (`FV-07`) parse as a prompt code but are not written as one.
                if code.as_str() != reason {
                    return Err(unknown());
                }
                ReasonCode::Document(code)
            }
            ("data", field) => {
                let field = field.strip_suffix("_mismatch").ok_or_else(unknown)?;
                let field = FIELDS
                    .into_iter()
                    .find(|f| field_name(*f) == field)
                    .ok_or_else(unknown)?;
                ReasonCode::DataMismatch(field)
            }
            ("liveness", reason)
                if !reason.is_empty()
                    && reason
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') =>
            {
                ReasonCode::Liveness(reason.to_string())
            }
            ("face_match", "no_match") => ReasonCode::NoMatch,
            ("face_match", "uncertain") => ReasonCode::MatchUncertain,
            ("face_match", "no_usable_selfie_frame") => ReasonCode::NoUsableSelfieFrame,
            _ => return Err(unknown()),
        };
        Ok(code)
    }
}

impl Serialize for ReasonCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReasonCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_spelling_round_trips() {
        for text in [
            "document:DOC_EXPIRED",
            "document:MRZ_CHECK_FAILED",
            "document:DOC_GLARE",
            "document:no_portrait",
            "data:name_mismatch",
            "data:birth_date_mismatch",
            "data:document_number_mismatch",
            "data:nationality_mismatch",
            "data:cn_id_number_mismatch",
            "liveness:challenge_failed",
            "liveness:passive_spoof",
            "liveness:review",
            "face_match:no_match",
            "face_match:uncertain",
            "face_match:no_usable_selfie_frame",
        ] {
            let code: ReasonCode = text.parse().unwrap();
            assert_eq!(code.to_string(), text);
            assert_eq!(format!("{}:{}", code.step(), code.reason()), text);
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<ReasonCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn other_strings_are_refused() {
        for text in [
            "",
            "document",
            "document:",
            "document:FV-07",
            "document:doc_expired",
            "data:name",
            "data:age_mismatch",
            "liveness:",
            "liveness:Passive Spoof",
            "face_match:match",
            "selfie:no_match",
        ] {
            assert!(text.parse::<ReasonCode>().is_err(), "{text:?}");
        }
        assert!(serde_json::from_str::<ReasonCode>("\"data:name\"").is_err());
    }
}
