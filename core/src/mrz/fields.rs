//! The fields of a (repaired) MRZ as text: fillers become spaces, names split into primary and
//! secondary identifiers, a long document number joined back together.

use serde::Serialize;

use super::checks::number_extension;
use super::format::Layout;
use crate::date::Date;

/// What the MRZ says. Dates are resolved to full dates when they are calendar dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MrzFields {
    /// `P`, `I`, `ID`, `AC`, `V`, `VB`, ... (trailing filler removed).
    pub document_code: String,
    /// ICAO code of the issuing state or organisation (`D` for Germany).
    pub issuing_state: String,
    /// Primary identifier (surname), fillers as spaces.
    pub surname: String,
    /// Secondary identifiers (given names), fillers as spaces.
    pub given_names: String,
    pub document_number: String,
    /// Absent on the French national ID card (French by definition).
    pub nationality: Option<String>,
    /// YYMMDD as printed.
    pub birth_date_raw: String,
    pub birth_date: Option<Date>,
    /// `M`, `F` or `X` (unspecified, also written `<`).
    pub sex: String,
    /// YYMMDD as printed; absent on the French national ID card.
    pub expiry_date_raw: Option<String>,
    pub expiry_date: Option<Date>,
    /// Optional data (TD3: the personal number; French ID: the issuing office), fillers removed
    /// at the ends.
    pub optional_data: String,
    /// TD1 line 2 optional data.
    pub optional_data_2: Option<String>,
}

/// `ERIKSSON<<ANNA<MARIA<<<` → ("ERIKSSON", "ANNA MARIA").
pub fn split_names(field: &str) -> (String, String) {
    let (primary, secondary) = field.split_once("<<").unwrap_or((field, ""));
    (words(primary), words(secondary))
}

/// Filler-separated words joined by single spaces.
pub fn words(field: &str) -> String {
    field
        .split('<')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn trim_fillers(s: &str) -> String {
    s.trim_matches('<').to_string()
}

pub(crate) fn extract(
    layout: &Layout,
    grid: &[Vec<u8>],
    birth_date: Option<Date>,
    expiry_date: Option<Date>,
) -> MrzFields {
    let (surname, mut given_names) = split_names(&layout.names.read(grid));
    if let Some(span) = layout.given_names {
        given_names = words(&span.read(grid));
    }
    let (number_span, _) = layout.document_number;
    let mut document_number = trim_fillers(&number_span.read(grid));
    let mut optional_data = layout
        .optional_data
        .map(|s| s.read(grid))
        .unwrap_or_default();
    if let Some(ext) = number_extension(layout, grid) {
        let extension = ext.read(grid);
        document_number.push_str(&extension[..extension.len() - 1]);
        if let Some(area) = layout.optional_data {
            let used = ext.start + ext.len - area.start;
            optional_data = optional_data.get(used..).unwrap_or_default().to_string();
        }
    }
    let sex = match layout.sex.read(grid).as_str() {
        "M" => "M",
        "F" => "F",
        _ => "X",
    };
    MrzFields {
        document_code: layout
            .document_code
            .read(grid)
            .trim_end_matches('<')
            .to_string(),
        issuing_state: layout
            .issuing_state
            .read(grid)
            .trim_end_matches('<')
            .to_string(),
        surname,
        given_names,
        document_number,
        nationality: layout
            .nationality
            .map(|s| s.read(grid).trim_end_matches('<').to_string()),
        birth_date_raw: layout.birth_date.0.read(grid),
        birth_date,
        sex: sex.to_string(),
        expiry_date_raw: layout.expiry_date.map(|(s, _)| s.read(grid)),
        expiry_date,
        optional_data: trim_fillers(&optional_data),
        optional_data_2: layout.optional_data_2.map(|s| trim_fillers(&s.read(grid))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            split_names("ERIKSSON<<ANNA<MARIA<<<<<<"),
            ("ERIKSSON".into(), "ANNA MARIA".into())
        );
        assert_eq!(
            split_names("DE<BRUIJN<<WILLEKE<LISELOTTE<<<"),
            ("DE BRUIJN".into(), "WILLEKE LISELOTTE".into())
        );
        assert_eq!(split_names("TEST<<<<<<"), ("TEST".into(), "".into()));
        assert_eq!(
            split_names("ONEWORDONLY"),
            ("ONEWORDONLY".into(), "".into())
        );
    }
}
