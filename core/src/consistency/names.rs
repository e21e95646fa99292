//! Typed name versus the document's name.

use super::chinese;
use super::diagnosis::DiagnosisCode;
use super::transliteration;
use super::Verdict;

/// A name as typed or as printed: surname and given names when known separately, else one
/// full-name string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Name {
    pub surname: String,
    pub given_names: String,
}

impl Name {
    /// "Given Surname" (Latin order) or, for Han names, surname then given name without space.
    fn full(&self) -> String {
        if chinese::has_han(&self.surname) || chinese::has_han(&self.given_names) {
            format!("{}{}", self.surname.trim(), self.given_names.trim())
        } else {
            format!("{} {}", self.given_names.trim(), self.surname.trim())
        }
    }
}

/// Upper case, hyphens and MRZ fillers as spaces, runs of spaces collapsed.
pub fn fold_case_spacing(s: &str) -> String {
    s.to_uppercase()
        .replace(['-', '<', ',', '.'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ICAO MRZ readings of a typed name (apostrophes dropped, as ICAO does).
fn icao_readings(s: &str) -> [String; 3] {
    transliteration::readings(&fold_case_spacing(&s.replace(['\'', '’'], "")))
}

fn tokens(s: &str) -> Vec<String> {
    let mut t: Vec<String> = fold_case_spacing(s)
        .split(' ')
        .map(str::to_string)
        .collect();
    t.sort();
    t
}

/// Compares names. `mrz_name_full`: the document name comes from an MRZ name field filled to
/// its last character, where ICAO truncates long names.
pub fn compare(
    typed: &Name,
    document: &Name,
    mrz_name_full: bool,
) -> (Verdict, Vec<DiagnosisCode>) {
    let pairs = [
        (&typed.surname, &document.surname),
        (&typed.given_names, &document.given_names),
    ];
    if pairs.iter().all(|(a, b)| a.trim() == b.trim()) {
        return (Verdict::Exact, vec![]);
    }
    if pairs
        .iter()
        .all(|(a, b)| fold_case_spacing(a) == fold_case_spacing(b))
    {
        return (Verdict::Equivalent, vec![DiagnosisCode::NameCaseOrSpacing]);
    }
    let icao_equal = |a: &str, b: &str| {
        let b = fold_case_spacing(b);
        icao_readings(a).contains(&b)
    };
    if pairs.iter().all(|(a, b)| icao_equal(a, b)) {
        return (
            Verdict::Equivalent,
            vec![DiagnosisCode::NameTransliteration],
        );
    }
    let typed_full = typed.full();
    let document_full = document.full();
    if chinese::same_in_other_script(typed_full.trim(), document_full.trim()) {
        return (
            Verdict::Mismatch,
            vec![DiagnosisCode::NameTraditionalSimplified],
        );
    }
    let swapped = icao_equal(&typed.surname, &document.given_names)
        && icao_equal(&typed.given_names, &document.surname);
    let same_words = tokens(&typed_full) == tokens(&document_full)
        || icao_readings(&typed_full)
            .iter()
            .any(|r| tokens(r) == tokens(&document_full));
    if swapped || same_words {
        return (Verdict::Mismatch, vec![DiagnosisCode::NameOrderSwapped]);
    }
    if mrz_name_full {
        let document_mrz =
            fold_case_spacing(&format!("{} {}", document.surname, document.given_names));
        let typed_mrz = icao_readings(&format!("{} {}", typed.surname, typed.given_names));
        if !document_mrz.is_empty()
            && typed_mrz
                .iter()
                .any(|t| t.len() > document_mrz.len() && t.starts_with(&document_mrz))
        {
            return (Verdict::Equivalent, vec![DiagnosisCode::NameTruncatedInMrz]);
        }
    }
    (Verdict::Mismatch, vec![DiagnosisCode::NameDifferent])
}
