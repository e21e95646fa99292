//! From what the caller passed to MRZ lines: split on real newlines or a literal `\n`, trim
//! surrounding white space, and refuse anything that is not upper-case MRZ text.

use super::error::MrzError;

/// The MRZ lines of `text`, every character in `0-9 A-Z <`. Lines are numbered from 1 and
/// columns from 1 in errors.
pub fn split_lines(text: &str) -> Result<Vec<String>, MrzError> {
    let normalised = text.replace("\\n", "\n");
    let lines: Vec<&str> = normalised
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Err(MrzError::Empty);
    }
    for (i, line) in lines.iter().enumerate() {
        for (j, character) in line.chars().enumerate() {
            let (line, column) = (i + 1, j + 1);
            if !character.is_ascii() {
                return Err(MrzError::NonAscii {
                    line,
                    column,
                    character,
                });
            }
            if character.is_ascii_lowercase() {
                return Err(MrzError::LowerCase {
                    line,
                    column,
                    character,
                });
            }
            if !(character.is_ascii_uppercase() || character.is_ascii_digit() || character == '<') {
                return Err(MrzError::InvalidCharacter {
                    line,
                    column,
                    character,
                });
            }
        }
    }
    Ok(lines.into_iter().map(str::to_string).collect())
}

/// OCR-B look-alikes: (letter, digit).
const CONFUSIONS: [(u8, u8); 6] = [
    (b'O', b'0'),
    (b'I', b'1'),
    (b'B', b'8'),
    (b'S', b'5'),
    (b'Z', b'2'),
    (b'G', b'6'),
];

pub(crate) fn as_digit(c: u8) -> Option<u8> {
    CONFUSIONS.iter().find(|(l, _)| *l == c).map(|(_, d)| *d)
}

pub(crate) fn as_letter(c: u8) -> Option<u8> {
    CONFUSIONS.iter().find(|(_, d)| *d == c).map(|(l, _)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_and_real_newlines() {
        assert_eq!(split_lines("AB\\nCD").unwrap(), ["AB", "CD"]);
        assert_eq!(split_lines(" AB\r\nCD\n\n").unwrap(), ["AB", "CD"]);
    }

    #[test]
    fn refusals_name_the_problem() {
        assert_eq!(split_lines(" \n "), Err(MrzError::Empty));
        assert!(matches!(
            split_lines("AB\nCé"),
            Err(MrzError::NonAscii {
                line: 2,
                column: 2,
                ..
            })
        ));
        assert!(matches!(
            split_lines("Ab"),
            Err(MrzError::LowerCase {
                line: 1,
                column: 2,
                ..
            })
        ));
        assert!(matches!(
            split_lines("A B"),
            Err(MrzError::InvalidCharacter { column: 2, .. })
        ));
    }
}
