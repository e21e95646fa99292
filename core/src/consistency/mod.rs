//! What the user typed versus what the document says. The seed demands exact equality; each
//! difference also gets diagnoses (codes with messages in seven languages) so the app can say
//! *what* to fix: case or spacing, accents versus the MRZ's ICAO transliteration, name order,
//! traditional versus simplified characters (flagged, never converted), day/month order,
//! 0/O and 1/I in numbers, the birth date inside a Chinese ID number.
//!
//! ```
//! use precheck_core::consistency::{compare, DocumentData, TypedData, Verdict};
//! use precheck_core::date::Date;
//! let typed = TypedData {
//!     surname: Some("Eriksson".into()),
//!     given_names: Some("Anna Maria".into()),
//!     birth_date: Some("12/08/1974".into()),
//!     ..Default::default()
//! };
//! let document = DocumentData {
//!     surname: Some("ERIKSSON".into()),
//!     given_names: Some("ANNA MARIA".into()),
//!     birth_date: Date::new(1974, 8, 12),
//!     ..Default::default()
//! };
//! let report = compare(&typed, &document, Date::new(2026, 11, 23).unwrap());
//! assert!(!report.exact);
//! assert_eq!(report.fields[0].verdict, Verdict::Equivalent); // case only
//! ```

mod chinese;
mod dates;
mod diagnosis;
mod names;
mod numbers;
mod transliteration;

use serde::{Deserialize, Serialize};

pub use dates::DateOrder;
pub use diagnosis::DiagnosisCode;
pub use names::Name;

use crate::date::Date;
use crate::idnum;
use crate::mrz::{MrzFormat, MrzReport};

/// What the user typed. Absent fields are not compared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TypedData {
    pub surname: Option<String>,
    pub given_names: Option<String>,
    /// Free text, e.g. `12/08/1974` or `1974-08-12`.
    pub birth_date: Option<String>,
    /// The order the form asked the date in, when it said.
    pub birth_date_order: Option<DateOrder>,
    pub document_number: Option<String>,
    /// ICAO/ISO 3166 alpha-3 code.
    pub nationality: Option<String>,
    /// Chinese resident identity number.
    pub cn_id_number: Option<String>,
}

/// What the document says (from its MRZ and/or printed fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentData {
    pub surname: Option<String>,
    pub given_names: Option<String>,
    pub birth_date: Option<Date>,
    pub document_number: Option<String>,
    pub nationality: Option<String>,
    pub cn_id_number: Option<String>,
    /// The name comes from an MRZ name field filled to its last character (possibly
    /// truncated by ICAO's rules).
    pub mrz_name_full: bool,
}

impl DocumentData {
    /// The fields of a parsed MRZ.
    pub fn from_mrz(report: &MrzReport) -> DocumentData {
        let f = &report.fields;
        let name_line = match report.format {
            MrzFormat::Td1 => report.lines.get(2),
            _ => report.lines.first(),
        };
        let name_end = match report.format {
            MrzFormat::FrenchId => 29,
            _ => usize::MAX,
        };
        let mrz_name_full = name_line
            .and_then(|l| l.as_bytes().get(name_end.min(l.len().saturating_sub(1))))
            .is_some_and(|&c| c != b'<');
        DocumentData {
            surname: Some(f.surname.clone()),
            given_names: Some(f.given_names.clone()),
            birth_date: f.birth_date,
            document_number: Some(f.document_number.clone()),
            nationality: f
                .nationality
                .clone()
                .or_else(|| (report.format == MrzFormat::FrenchId).then(|| "FRA".to_string())),
            cn_id_number: None,
            mrz_name_full,
        }
    }
}

/// How one field compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Verdict {
    /// Character for character the same.
    Exact,
    /// Not the same characters, but the same data written differently (case, spacing, the
    /// MRZ's transliteration, an ambiguous date order that fits): the diagnoses say how.
    Equivalent,
    /// Different data.
    Mismatch,
}

/// The compared fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "uniffi", uniffi(name = "ConsistencyField"))]
pub enum Field {
    Name,
    BirthDate,
    DocumentNumber,
    Nationality,
    CnIdNumber,
}

/// One field's comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldComparison {
    pub field: Field,
    pub verdict: Verdict,
    pub diagnoses: Vec<DiagnosisCode>,
}

/// Every comparison that both sides allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsistencyReport {
    /// Every compared field exactly equal (the seed's rule).
    pub exact: bool,
    /// No field is a mismatch (equivalents allowed).
    pub consistent: bool,
    pub fields: Vec<FieldComparison>,
}

fn push(
    fields: &mut Vec<FieldComparison>,
    field: Field,
    (verdict, diagnoses): (Verdict, Vec<DiagnosisCode>),
) {
    fields.push(FieldComparison {
        field,
        verdict,
        diagnoses,
    });
}

/// Compares what was typed with what the document says; `today` bounds birth dates in ID
/// numbers.
pub fn compare(typed: &TypedData, document: &DocumentData, today: Date) -> ConsistencyReport {
    let mut fields = Vec::new();
    let has_name = |s: &Option<String>, g: &Option<String>| s.is_some() || g.is_some();
    if has_name(&typed.surname, &typed.given_names)
        && has_name(&document.surname, &document.given_names)
    {
        let name = |s: &Option<String>, g: &Option<String>| Name {
            surname: s.clone().unwrap_or_default(),
            given_names: g.clone().unwrap_or_default(),
        };
        push(
            &mut fields,
            Field::Name,
            names::compare(
                &name(&typed.surname, &typed.given_names),
                &name(&document.surname, &document.given_names),
                document.mrz_name_full,
            ),
        );
    }
    if let (Some(t), Some(d)) = (&typed.birth_date, document.birth_date) {
        push(
            &mut fields,
            Field::BirthDate,
            dates::compare(t, d, typed.birth_date_order),
        );
    }
    if let (Some(t), Some(d)) = (&typed.document_number, &document.document_number) {
        push(&mut fields, Field::DocumentNumber, numbers::compare(t, d));
    }
    if let (Some(t), Some(d)) = (&typed.nationality, &document.nationality) {
        push(&mut fields, Field::Nationality, nationality(t, d));
    }
    if let Some(number) = &typed.cn_id_number {
        push(
            &mut fields,
            Field::CnIdNumber,
            cn_id(number, typed, document, today),
        );
    }
    ConsistencyReport {
        exact: fields.iter().all(|f| f.verdict == Verdict::Exact),
        consistent: fields.iter().all(|f| f.verdict != Verdict::Mismatch),
        fields,
    }
}

fn nationality(typed: &str, document: &str) -> (Verdict, Vec<DiagnosisCode>) {
    let fold = |s: &str| {
        let code = s.trim().trim_end_matches('<').to_uppercase();
        // Germany is `D` in MRZs, `DEU` in ISO 3166.
        if code == "D" {
            "DEU".to_string()
        } else {
            code
        }
    };
    if typed.trim() == document.trim() {
        (Verdict::Exact, vec![])
    } else if fold(typed) == fold(document) {
        (Verdict::Equivalent, vec![])
    } else {
        (Verdict::Mismatch, vec![DiagnosisCode::NationalityDifferent])
    }
}

/// The typed Chinese ID number: valid, equal to the document's, and carrying the typed (or
/// the document's) birth date.
fn cn_id(
    number: &str,
    typed: &TypedData,
    document: &DocumentData,
    today: Date,
) -> (Verdict, Vec<DiagnosisCode>) {
    let check = idnum::cn::check(number, today);
    let mut diagnoses = Vec::new();
    let mut verdict = Verdict::Exact;
    if !check.valid {
        return (Verdict::Mismatch, vec![DiagnosisCode::CnIdInvalid]);
    }
    if let Some(d) = &document.cn_id_number {
        let (v, mut diag) = numbers::compare(number, d);
        verdict = worst(verdict, v);
        diagnoses.append(&mut diag);
    }
    let typed_birth = typed
        .birth_date
        .as_deref()
        .and_then(|t| dates::single_reading(t, typed.birth_date_order));
    let stated = typed_birth.or(document.birth_date);
    if let (Some(stated), Some(in_number)) = (stated, check.birth_date) {
        if stated != in_number {
            verdict = Verdict::Mismatch;
            diagnoses.push(DiagnosisCode::CnIdBirthDateDifferent);
        }
    }
    (verdict, diagnoses)
}

fn worst(a: Verdict, b: Verdict) -> Verdict {
    match (a, b) {
        (Verdict::Mismatch, _) | (_, Verdict::Mismatch) => Verdict::Mismatch,
        (Verdict::Equivalent, _) | (_, Verdict::Equivalent) => Verdict::Equivalent,
        _ => Verdict::Exact,
    }
}
