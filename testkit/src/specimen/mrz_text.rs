//! The machine-readable zone of a specimen: ICAO 9303 TD1 (3 × 30) and TD3 (2 × 44) lines with
//! their check digits (computed by the core's `check_digit`, the same code the reader checks
//! them with).

use precheck_core::date::Date;
use precheck_core::mrz::check_digit;

use super::{Sex, SpecimenData, SpecimenError};

/// Upper-case MRZ text of a free-text field: letters and digits kept (common Latin accents
/// folded), everything else a filler `<`.
pub fn transliterate(text: &str) -> String {
    text.chars()
        .map(|c| match fold_accent(c.to_ascii_uppercase()) {
            c @ ('A'..='Z' | '0'..='9') => c,
            _ => '<',
        })
        .collect()
}

fn fold_accent(c: char) -> char {
    match c {
        'À'..='Å' | 'à'..='å' => 'A',
        'Ç' | 'ç' => 'C',
        'È'..='Ë' | 'è'..='ë' => 'E',
        'Ì'..='Ï' | 'ì'..='ï' => 'I',
        'Ñ' | 'ñ' => 'N',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => 'O',
        'Ù'..='Ü' | 'ù'..='ü' => 'U',
        'Ý' | 'ý' | 'ÿ' => 'Y',
        other => other,
    }
}

/// `SURNAME<<GIVEN<NAMES`, padded with fillers or cut to `width`.
pub fn name_field(surname: &str, given_names: &str, width: usize) -> String {
    let surname = transliterate(surname.trim());
    let given = transliterate(given_names.trim());
    let joined = if given.is_empty() {
        surname
    } else {
        format!("{surname}<<{given}")
    };
    pad(&joined, width)
}

fn pad(text: &str, width: usize) -> String {
    let mut out: String = text.chars().take(width).collect();
    while out.len() < width {
        out.push('<');
    }
    out
}

fn yymmdd(date: Date) -> String {
    format!(
        "{:02}{:02}{:02}",
        date.year.rem_euclid(100),
        date.month,
        date.day
    )
}

fn sex_char(sex: Sex) -> char {
    match sex {
        Sex::Female => 'F',
        Sex::Male => 'M',
        Sex::Unspecified => '<',
    }
}

fn digit(field: &str) -> Result<char, SpecimenError> {
    check_digit::compute(field.bytes())
        .map(|d| char::from(b'0' + d))
        .ok_or_else(|| SpecimenError::Field(format!("{field:?} is not MRZ text")))
}

/// A 3-letter code (state or nationality), validated.
fn code3(code: &str, what: &str) -> Result<String, SpecimenError> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'<') {
        Ok(code)
    } else {
        Err(SpecimenError::Field(format!(
            "{what} must be a 3-letter code, not {code:?}"
        )))
    }
}

/// The document number as MRZ text (at most 9 characters on these formats).
fn document_number(data: &SpecimenData) -> Result<String, SpecimenError> {
    let number = transliterate(data.document_number.trim());
    if number.is_empty() || number.len() > 9 {
        return Err(SpecimenError::Field(format!(
            "document number must have 1-9 characters, not {:?}",
            data.document_number
        )));
    }
    Ok(pad(&number, 9))
}

/// TD1 (ID card): three lines of 30 characters.
pub fn td1_lines(data: &SpecimenData) -> Result<[String; 3], SpecimenError> {
    let state = code3(&data.issuing_state, "issuing state")?;
    let nationality = code3(&data.nationality, "nationality")?;
    let number = document_number(data)?;
    let optional1 = pad("", 15);
    let line1_tail = format!("{number}{}{optional1}", digit(&number)?);
    let line1 = format!("I<{state}{line1_tail}");
    let birth = yymmdd(data.birth_date);
    let expiry = yymmdd(data.expiry_date);
    let birth_part = format!("{birth}{}", digit(&birth)?);
    let expiry_part = format!("{expiry}{}", digit(&expiry)?);
    let optional2 = pad("", 11);
    // ICAO 9303 part 5 §4.2.2: the composite digit covers line 1 from the document number on,
    // and line 2's birth date, expiry and optional data with their check digits.
    let composite = digit(&format!("{line1_tail}{birth_part}{expiry_part}{optional2}"))?;
    let line2 = format!(
        "{birth_part}{}{expiry_part}{nationality}{optional2}{composite}",
        sex_char(data.sex)
    );
    let line3 = name_field(&data.surname, &data.given_names, 30);
    Ok([line1, line2, line3])
}

/// TD3 (passport data page): two lines of 44 characters.
pub fn td3_lines(data: &SpecimenData) -> Result<[String; 2], SpecimenError> {
    let state = code3(&data.issuing_state, "issuing state")?;
    let nationality = code3(&data.nationality, "nationality")?;
    let number = document_number(data)?;
    let line1 = format!(
        "P<{state}{}",
        name_field(&data.surname, &data.given_names, 39)
    );
    let number_part = format!("{number}{}", digit(&number)?);
    let birth = yymmdd(data.birth_date);
    let expiry = yymmdd(data.expiry_date);
    let birth_part = format!("{birth}{}", digit(&birth)?);
    let expiry_part = format!("{expiry}{}", digit(&expiry)?);
    let personal = pad("", 14);
    // An empty personal number may carry `<` or 0 as its digit; the check-digit code accepts
    // the filler only over an all-filler field, which this is.
    let personal_part = format!("{personal}<");
    let composite = digit(&format!(
        "{number_part}{birth_part}{expiry_part}{personal_part}"
    ))?;
    let line2 = format!(
        "{number_part}{nationality}{birth_part}{}{expiry_part}{personal_part}{composite}",
        sex_char(data.sex)
    );
    Ok([line1, line2])
}

#[cfg(test)]
mod tests {
    use super::*;
    use precheck_core::mrz::parse_strict;

    fn data() -> SpecimenData {
        SpecimenData {
            surname: "Eriksson".into(),
            given_names: "Anna María".into(),
            document_number: "L898902C3".into(),
            nationality: "UTO".into(),
            issuing_state: "UTO".into(),
            birth_date: Date::new(1974, 8, 12).unwrap(),
            sex: Sex::Female,
            expiry_date: Date::new(2032, 4, 15).unwrap(),
        }
    }

    fn today() -> Date {
        Date::new(2026, 1, 1).unwrap()
    }

    #[test]
    fn td3_matches_the_icao_specimen_and_parses_valid() {
        let mut d = data();
        d.expiry_date = Date::new(2012, 4, 15).unwrap();
        let [l1, l2] = td3_lines(&d).unwrap();
        // ICAO 9303 part 4 appendix A's specimen, with an empty personal number.
        assert_eq!(l1, "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
        assert_eq!(&l2[..28], "L898902C36UTO7408122F1204159");
        let report = parse_strict(&format!("{l1}\n{l2}"), today()).unwrap();
        assert!(report.valid, "{report:?}");
    }

    #[test]
    fn td1_parses_valid_with_the_given_fields() {
        let lines = td1_lines(&data()).unwrap();
        assert!(lines.iter().all(|l| l.len() == 30));
        let report = parse_strict(&lines.join("\n"), today()).unwrap();
        assert!(report.valid, "{report:?}");
        assert_eq!(report.fields.document_number, "L898902C3");
        assert_eq!(report.fields.surname, "ERIKSSON");
    }

    #[test]
    fn bad_fields_are_errors_not_panics() {
        let mut d = data();
        d.nationality = "U".into();
        assert!(td1_lines(&d).is_err());
        let mut d = data();
        d.document_number = "1234567890123".into();
        assert!(td3_lines(&d).is_err());
        assert_eq!(name_field("O'Brien-Smith", "", 16), "O<BRIEN<SMITH<<<");
    }
}
