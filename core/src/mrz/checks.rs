//! Which characters each check digit covers, per format and per MRZ (a long document number
//! moves its check digit into the optional data), and the verdicts.

use serde::{Deserialize, Serialize};

use super::check_digit;
use super::format::{Layout, Pos, Span};

/// The check-digit verdict names (contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "uniffi", uniffi(name = "MrzCheckField"))]
pub enum CheckField {
    DocumentNumber,
    BirthDate,
    ExpiryDate,
    PersonalNumber,
    Composite,
}

impl CheckField {
    pub fn name(self) -> &'static str {
        match self {
            CheckField::DocumentNumber => "document_number",
            CheckField::BirthDate => "birth_date",
            CheckField::ExpiryDate => "expiry_date",
            CheckField::PersonalNumber => "personal_number",
            CheckField::Composite => "composite",
        }
    }
}

/// One check digit's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "uniffi", uniffi(name = "MrzCheck"))]
pub struct FieldCheck {
    pub field: CheckField,
    pub valid: bool,
}

/// The characters one check digit covers, and where the digit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckSpec {
    pub field: CheckField,
    pub data: Vec<Pos>,
    pub digit: Pos,
}

impl CheckSpec {
    fn over(field: CheckField, span: Span, digit: Pos) -> CheckSpec {
        CheckSpec {
            field,
            data: span.positions().collect(),
            digit,
        }
    }

    pub fn passes(&self, grid: &[Vec<u8>]) -> bool {
        let data: Vec<u8> = self.data.iter().map(|p| at(grid, *p)).collect();
        check_digit::verify(&data, at(grid, self.digit))
    }
}

pub(crate) fn at(grid: &[Vec<u8>], p: Pos) -> u8 {
    grid[p.line][p.column]
}

/// Where a long document number's extension ends in this MRZ: `Some(span)` covering the
/// extension including its check digit (the last character before the next filler), when the
/// regular check-digit place holds a filler and the extension area starts with data.
pub(crate) fn number_extension(layout: &Layout, grid: &[Vec<u8>]) -> Option<Span> {
    let area = layout.number_extension?;
    let (_, digit) = layout.document_number;
    if at(grid, digit) != b'<' {
        return None;
    }
    let row = &grid[area.line][area.start..area.start + area.len];
    let len = row.iter().take_while(|&&c| c != b'<').count();
    (len >= 1).then_some(Span::new(area.line, area.start, len))
}

/// Every check digit of this MRZ.
pub(crate) fn specs(layout: &Layout, grid: &[Vec<u8>]) -> Vec<CheckSpec> {
    let mut specs = Vec::with_capacity(5);
    let (number, number_digit) = layout.document_number;
    match number_extension(layout, grid) {
        Some(ext) => {
            let mut data: Vec<Pos> = number.positions().collect();
            data.extend(Span::new(ext.line, ext.start, ext.len - 1).positions());
            specs.push(CheckSpec {
                field: CheckField::DocumentNumber,
                data,
                digit: Pos {
                    line: ext.line,
                    column: ext.start + ext.len - 1,
                },
            });
        }
        None => specs.push(CheckSpec::over(
            CheckField::DocumentNumber,
            number,
            number_digit,
        )),
    }
    let (birth, birth_digit) = layout.birth_date;
    specs.push(CheckSpec::over(CheckField::BirthDate, birth, birth_digit));
    if let Some((expiry, expiry_digit)) = layout.expiry_date {
        specs.push(CheckSpec::over(
            CheckField::ExpiryDate,
            expiry,
            expiry_digit,
        ));
    }
    if let (Some(digit), Some(optional)) = (layout.personal_number_digit, layout.optional_data) {
        specs.push(CheckSpec::over(CheckField::PersonalNumber, optional, digit));
    }
    if let Some((spans, digit)) = layout.composite {
        specs.push(CheckSpec {
            field: CheckField::Composite,
            data: spans.iter().flat_map(|s| s.positions()).collect(),
            digit,
        });
    }
    specs
}

/// The verdict of every check digit.
pub(crate) fn verdicts(specs: &[CheckSpec], grid: &[Vec<u8>]) -> Vec<FieldCheck> {
    specs
        .iter()
        .map(|s| FieldCheck {
            field: s.field,
            valid: s.passes(grid),
        })
        .collect()
}
