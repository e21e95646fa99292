//! What the user typed versus what the document says (`precheck_core::consistency`):
//! per-field verdicts with diagnoses in the user's language. The typed data, fields, verdicts
//! and codes are the core's own types; the document data is mirrored (its birth date arrives
//! as a string and a bad one is an `InvalidArgument`), the report carries messages.

use precheck_core::consistency as core;
pub use precheck_core::consistency::{
    DateOrder, DiagnosisCode, Field as ConsistencyField, TypedData, Verdict,
};
use precheck_core::mrz;

use crate::date::{iso, parse_today};
use crate::error::PrecheckError;
use crate::guard::guarded;
use crate::prompt::Language;

/// What the document says (see [`document_data_from_mrz`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct DocumentData {
    pub surname: Option<String>,
    pub given_names: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub document_number: Option<String>,
    pub nationality: Option<String>,
    pub cn_id_number: Option<String>,
    /// The MRZ name field is full to its last character, so the name may be cut short.
    pub mrz_name_full: bool,
}

/// A diagnosis with its message in the requested language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Diagnosis {
    pub code: DiagnosisCode,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldComparison {
    pub field: ConsistencyField,
    pub verdict: Verdict,
    pub diagnoses: Vec<Diagnosis>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConsistencyReport {
    /// Every compared field is exactly the same.
    pub exact: bool,
    /// No compared field is a mismatch.
    pub consistent: bool,
    pub fields: Vec<FieldComparison>,
}

/// Compares what the user typed with what the document says; `today` (`YYYY-MM-DD`) bounds
/// dates, diagnoses are in `language`.
#[uniffi::export]
pub fn compare_typed_data(
    typed: TypedData,
    document: DocumentData,
    today: String,
    language: Language,
) -> Result<ConsistencyReport, PrecheckError> {
    guarded("compareTypedData", || {
        let today = parse_today(&today)?;
        let document = document.to_core()?;
        let report = core::compare(&typed, &document, today);
        Ok::<_, PrecheckError>(ConsistencyReport::of(&report, language))
    })
}

/// What an MRZ says, ready for [`compare_typed_data`] (`InvalidMrz` for text that cannot be
/// an MRZ).
#[uniffi::export]
pub fn document_data_from_mrz(text: String, today: String) -> Result<DocumentData, PrecheckError> {
    guarded("documentDataFromMrz", || {
        let report = mrz::parse(&text, parse_today(&today)?)?;
        Ok::<_, PrecheckError>(DocumentData::from(core::DocumentData::from_mrz(&report)))
    })
}

impl DocumentData {
    fn to_core(&self) -> Result<core::DocumentData, PrecheckError> {
        let birth_date = match &self.birth_date {
            Some(text) => Some(text.parse().map_err(|e| {
                PrecheckError::InvalidArgument(format!("document birth date: {e}"))
            })?),
            None => None,
        };
        Ok(core::DocumentData {
            surname: self.surname.clone(),
            given_names: self.given_names.clone(),
            birth_date,
            document_number: self.document_number.clone(),
            nationality: self.nationality.clone(),
            cn_id_number: self.cn_id_number.clone(),
            mrz_name_full: self.mrz_name_full,
        })
    }
}

impl From<core::DocumentData> for DocumentData {
    fn from(d: core::DocumentData) -> Self {
        DocumentData {
            surname: d.surname,
            given_names: d.given_names,
            birth_date: iso(d.birth_date),
            document_number: d.document_number,
            nationality: d.nationality,
            cn_id_number: d.cn_id_number,
            mrz_name_full: d.mrz_name_full,
        }
    }
}

impl ConsistencyReport {
    pub(crate) fn of(report: &core::ConsistencyReport, language: Language) -> Self {
        ConsistencyReport {
            exact: report.exact,
            consistent: report.consistent,
            fields: report
                .fields
                .iter()
                .map(|f| FieldComparison {
                    field: f.field,
                    verdict: f.verdict,
                    diagnoses: f
                        .diagnoses
                        .iter()
                        .map(|&code| Diagnosis {
                            code,
                            message: code.message(language).to_string(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
