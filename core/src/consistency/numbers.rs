//! A typed document number versus the document's.

use super::diagnosis::DiagnosisCode;
use super::Verdict;

/// Upper case without spaces, dashes or MRZ fillers.
pub fn fold_formatting(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '<' | '/' | '.'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Look-alikes folded onto the digit (O and Q → 0, I and L → 1, B → 8, S → 5, Z → 2).
fn fold_confusables(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'O' | 'Q' => '0',
            'I' | 'L' => '1',
            'B' => '8',
            'S' => '5',
            'Z' => '2',
            other => other,
        })
        .collect()
}

pub fn compare(typed: &str, document: &str) -> (Verdict, Vec<DiagnosisCode>) {
    if typed.trim() == document.trim() {
        return (Verdict::Exact, vec![]);
    }
    let (t, d) = (fold_formatting(typed), fold_formatting(document));
    if t == d {
        return (Verdict::Equivalent, vec![DiagnosisCode::NumberFormatting]);
    }
    if fold_confusables(&t) == fold_confusables(&d) {
        return (
            Verdict::Mismatch,
            vec![DiagnosisCode::NumberConfusableCharacters],
        );
    }
    (Verdict::Mismatch, vec![DiagnosisCode::NumberDifferent])
}
