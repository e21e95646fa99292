//! What the user typed versus what the document says (`precheck_core::consistency`):
//! per-field verdicts with diagnoses in the user's language.

use precheck_core::consistency as core;
use precheck_core::mrz;

use crate::date::{iso, parse_today};
use crate::error::PrecheckError;
use crate::guard::guarded;
use crate::prompt::Language;

/// The order a form asked a date in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

/// What the user typed; absent fields are not compared.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct TypedData {
    pub surname: Option<String>,
    pub given_names: Option<String>,
    /// Free text, e.g. `12/08/1974` or `1974-08-12`.
    pub birth_date: Option<String>,
    pub birth_date_order: Option<DateOrder>,
    pub document_number: Option<String>,
    /// ICAO/ISO 3166 alpha-3 code.
    pub nationality: Option<String>,
    /// Chinese resident identity number.
    pub cn_id_number: Option<String>,
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ConsistencyField {
    Name,
    BirthDate,
    DocumentNumber,
    Nationality,
    CnIdNumber,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Verdict {
    Exact,
    /// Not the same text, but the same data (case, transliteration, formatting...).
    Equivalent,
    Mismatch,
}

/// Why a field differs, as a stable code (`NameTransliteration`, `DateDayMonthSwapped`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DiagnosisCode {
    NameCaseOrSpacing,
    NameTransliteration,
    NameOrderSwapped,
    NameTruncatedInMrz,
    NameTraditionalSimplified,
    NameDifferent,
    DateDayMonthSwapped,
    DateOrderAmbiguous,
    DateUnreadable,
    DateDifferent,
    NumberConfusableCharacters,
    NumberFormatting,
    NumberDifferent,
    NationalityDifferent,
    CnIdBirthDateDifferent,
    CnIdInvalid,
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
        let report = core::compare(&typed.into(), &document, today);
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

impl From<TypedData> for core::TypedData {
    fn from(t: TypedData) -> Self {
        core::TypedData {
            surname: t.surname,
            given_names: t.given_names,
            birth_date: t.birth_date,
            birth_date_order: t.birth_date_order.map(|o| match o {
                DateOrder::Dmy => core::DateOrder::Dmy,
                DateOrder::Mdy => core::DateOrder::Mdy,
                DateOrder::Ymd => core::DateOrder::Ymd,
            }),
            document_number: t.document_number,
            nationality: t.nationality,
            cn_id_number: t.cn_id_number,
        }
    }
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

impl From<core::DiagnosisCode> for DiagnosisCode {
    fn from(code: core::DiagnosisCode) -> Self {
        use core::DiagnosisCode as C;
        match code {
            C::NameCaseOrSpacing => DiagnosisCode::NameCaseOrSpacing,
            C::NameTransliteration => DiagnosisCode::NameTransliteration,
            C::NameOrderSwapped => DiagnosisCode::NameOrderSwapped,
            C::NameTruncatedInMrz => DiagnosisCode::NameTruncatedInMrz,
            C::NameTraditionalSimplified => DiagnosisCode::NameTraditionalSimplified,
            C::NameDifferent => DiagnosisCode::NameDifferent,
            C::DateDayMonthSwapped => DiagnosisCode::DateDayMonthSwapped,
            C::DateOrderAmbiguous => DiagnosisCode::DateOrderAmbiguous,
            C::DateUnreadable => DiagnosisCode::DateUnreadable,
            C::DateDifferent => DiagnosisCode::DateDifferent,
            C::NumberConfusableCharacters => DiagnosisCode::NumberConfusableCharacters,
            C::NumberFormatting => DiagnosisCode::NumberFormatting,
            C::NumberDifferent => DiagnosisCode::NumberDifferent,
            C::NationalityDifferent => DiagnosisCode::NationalityDifferent,
            C::CnIdBirthDateDifferent => DiagnosisCode::CnIdBirthDateDifferent,
            C::CnIdInvalid => DiagnosisCode::CnIdInvalid,
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
                    field: match f.field {
                        core::Field::Name => ConsistencyField::Name,
                        core::Field::BirthDate => ConsistencyField::BirthDate,
                        core::Field::DocumentNumber => ConsistencyField::DocumentNumber,
                        core::Field::Nationality => ConsistencyField::Nationality,
                        core::Field::CnIdNumber => ConsistencyField::CnIdNumber,
                    },
                    verdict: match f.verdict {
                        core::Verdict::Exact => Verdict::Exact,
                        core::Verdict::Equivalent => Verdict::Equivalent,
                        core::Verdict::Mismatch => Verdict::Mismatch,
                    },
                    diagnoses: f
                        .diagnoses
                        .iter()
                        .map(|&code| Diagnosis {
                            code: code.into(),
                            message: code.message(language.into()).to_string(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
