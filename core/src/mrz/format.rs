//! The MRZ formats and where each field sits in them (ICAO 9303 parts 4-7; the French national
//! ID card of 1988-2021 as cheminfo/mrz documents it). Positions are 0-based (line, column).

use serde::{Deserialize, Serialize};

use super::error::MrzError;

/// A machine-readable-zone format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MrzFormat {
    /// ID-1 cards: 3 lines of 30.
    #[serde(rename = "TD1")]
    Td1,
    /// ID-2 cards: 2 lines of 36.
    #[serde(rename = "TD2")]
    Td2,
    /// Passports: 2 lines of 44.
    #[serde(rename = "TD3")]
    Td3,
    /// Visa format A: 2 lines of 44.
    #[serde(rename = "MRV-A")]
    MrvA,
    /// Visa format B: 2 lines of 36.
    #[serde(rename = "MRV-B")]
    MrvB,
    /// French national ID card (1988-2021): 2 lines of 36 starting `IDFRA`.
    #[serde(rename = "FRENCH_ID")]
    FrenchId,
}

impl MrzFormat {
    /// The format of these lines (already checked to be MRZ characters).
    pub fn detect(lines: &[String]) -> Result<MrzFormat, MrzError> {
        let length = lines[0].len();
        for (i, line) in lines.iter().enumerate().skip(1) {
            if line.len() != length {
                return Err(MrzError::WrongLineLength {
                    line: i + 1,
                    length: line.len(),
                    expected: length,
                });
            }
        }
        // The document code and state decide the format: read them as letters, as OCR may
        // not have (`1DFRA`).
        let first: Vec<u8> = lines[0]
            .bytes()
            .take(5)
            .map(|c| super::text::as_letter(c).unwrap_or(c))
            .collect();
        match (lines.len(), length) {
            (3, 30) => Ok(MrzFormat::Td1),
            (2, 36) if first.starts_with(b"IDFRA") => Ok(MrzFormat::FrenchId),
            (2, 36) if first[0] == b'V' => Ok(MrzFormat::MrvB),
            (2, 36) => Ok(MrzFormat::Td2),
            (2, 44) if first[0] == b'V' => Ok(MrzFormat::MrvA),
            (2, 44) => Ok(MrzFormat::Td3),
            (2 | 3, _) => Err(MrzError::UnknownLayout {
                count: lines.len(),
                length,
            }),
            (count, _) => Err(MrzError::WrongLineCount { count }),
        }
    }

    /// Lines and characters per line.
    pub fn shape(self) -> (usize, usize) {
        match self {
            MrzFormat::Td1 => (3, 30),
            MrzFormat::Td2 | MrzFormat::MrvB | MrzFormat::FrenchId => (2, 36),
            MrzFormat::Td3 | MrzFormat::MrvA => (2, 44),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::Td1 => "TD1",
            MrzFormat::Td2 => "TD2",
            MrzFormat::Td3 => "TD3",
            MrzFormat::MrvA => "MRV-A",
            MrzFormat::MrvB => "MRV-B",
            MrzFormat::FrenchId => "FRENCH_ID",
        }
    }

    pub(crate) fn layout(self) -> &'static Layout {
        match self {
            MrzFormat::Td1 => &TD1,
            MrzFormat::Td2 => &TD2,
            MrzFormat::Td3 => &TD3,
            MrzFormat::MrvA => &MRV_A,
            MrzFormat::MrvB => &MRV_B,
            MrzFormat::FrenchId => &FRENCH_ID,
        }
    }
}

/// A run of characters on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub line: usize,
    pub start: usize,
    pub len: usize,
}

impl Span {
    pub const fn new(line: usize, start: usize, len: usize) -> Span {
        Span { line, start, len }
    }

    pub fn positions(self) -> impl Iterator<Item = Pos> {
        (self.start..self.start + self.len).map(move |column| Pos {
            line: self.line,
            column,
        })
    }

    pub fn read(self, grid: &[Vec<u8>]) -> String {
        String::from_utf8_lossy(&grid[self.line][self.start..self.start + self.len]).into_owned()
    }
}

/// One character position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
}

const fn pos(line: usize, column: usize) -> Pos {
    Pos { line, column }
}

/// Where each field of a format sits.
pub(crate) struct Layout {
    pub document_code: Span,
    pub issuing_state: Span,
    /// Primary and secondary identifiers separated by `<<` (the French ID: surname only).
    pub names: Span,
    /// Given names on a field of their own (French ID).
    pub given_names: Option<Span>,
    pub document_number: (Span, Pos),
    /// Where a document number longer than 9 characters continues (TD1, TD2), signalled by a
    /// filler in place of its check digit (ICAO 9303 part 5 §4.2.4 note j, part 6 note j).
    pub number_extension: Option<Span>,
    pub nationality: Option<Span>,
    pub birth_date: (Span, Pos),
    pub sex: Span,
    pub expiry_date: Option<(Span, Pos)>,
    pub optional_data: Option<Span>,
    pub optional_data_2: Option<Span>,
    /// TD3: the optional data is the personal number with its own check digit.
    pub personal_number_digit: Option<Pos>,
    pub composite: Option<(&'static [Span], Pos)>,
    /// Digits-only parts inside alphanumeric fields (French ID: issue year-month and the
    /// 5-digit serial inside the document number).
    pub numeric_parts: &'static [Span],
}

const TD1: Layout = Layout {
    document_code: Span::new(0, 0, 2),
    issuing_state: Span::new(0, 2, 3),
    names: Span::new(2, 0, 30),
    given_names: None,
    document_number: (Span::new(0, 5, 9), pos(0, 14)),
    number_extension: Some(Span::new(0, 15, 15)),
    nationality: Some(Span::new(1, 15, 3)),
    birth_date: (Span::new(1, 0, 6), pos(1, 6)),
    sex: Span::new(1, 7, 1),
    expiry_date: Some((Span::new(1, 8, 6), pos(1, 14))),
    optional_data: Some(Span::new(0, 15, 15)),
    optional_data_2: Some(Span::new(1, 18, 11)),
    personal_number_digit: None,
    composite: Some((
        &[
            Span::new(0, 5, 25),
            Span::new(1, 0, 7),
            Span::new(1, 8, 7),
            Span::new(1, 18, 11),
        ],
        pos(1, 29),
    )),
    numeric_parts: &[],
};

const TD2: Layout = Layout {
    document_code: Span::new(0, 0, 2),
    issuing_state: Span::new(0, 2, 3),
    names: Span::new(0, 5, 31),
    given_names: None,
    document_number: (Span::new(1, 0, 9), pos(1, 9)),
    number_extension: Some(Span::new(1, 28, 7)),
    nationality: Some(Span::new(1, 10, 3)),
    birth_date: (Span::new(1, 13, 6), pos(1, 19)),
    sex: Span::new(1, 20, 1),
    expiry_date: Some((Span::new(1, 21, 6), pos(1, 27))),
    optional_data: Some(Span::new(1, 28, 7)),
    optional_data_2: None,
    personal_number_digit: None,
    composite: Some((
        &[
            Span::new(1, 0, 10),
            Span::new(1, 13, 7),
            Span::new(1, 21, 14),
        ],
        pos(1, 35),
    )),
    numeric_parts: &[],
};

const TD3: Layout = Layout {
    document_code: Span::new(0, 0, 2),
    issuing_state: Span::new(0, 2, 3),
    names: Span::new(0, 5, 39),
    given_names: None,
    document_number: (Span::new(1, 0, 9), pos(1, 9)),
    number_extension: None,
    nationality: Some(Span::new(1, 10, 3)),
    birth_date: (Span::new(1, 13, 6), pos(1, 19)),
    sex: Span::new(1, 20, 1),
    expiry_date: Some((Span::new(1, 21, 6), pos(1, 27))),
    optional_data: Some(Span::new(1, 28, 14)),
    optional_data_2: None,
    personal_number_digit: Some(pos(1, 42)),
    composite: Some((
        &[
            Span::new(1, 0, 10),
            Span::new(1, 13, 7),
            Span::new(1, 21, 22),
        ],
        pos(1, 43),
    )),
    numeric_parts: &[],
};

const MRV_A: Layout = Layout {
    optional_data: Some(Span::new(1, 28, 16)),
    personal_number_digit: None,
    composite: None,
    ..TD3
};

const MRV_B: Layout = Layout {
    number_extension: None,
    optional_data: Some(Span::new(1, 28, 8)),
    composite: None,
    ..TD2
};

const FRENCH_ID: Layout = Layout {
    document_code: Span::new(0, 0, 2),
    issuing_state: Span::new(0, 2, 3),
    names: Span::new(0, 5, 25),
    given_names: Some(Span::new(1, 13, 14)),
    document_number: (Span::new(1, 0, 12), pos(1, 12)),
    number_extension: None,
    nationality: None,
    birth_date: (Span::new(1, 27, 6), pos(1, 33)),
    sex: Span::new(1, 34, 1),
    expiry_date: None,
    // The issuing office code (department and office).
    optional_data: Some(Span::new(0, 30, 6)),
    optional_data_2: None,
    personal_number_digit: None,
    composite: Some((&[Span::new(0, 0, 36), Span::new(1, 0, 35)], pos(1, 35))),
    numeric_parts: &[Span::new(1, 0, 4), Span::new(1, 7, 5)],
};
