//! Why MRZ text was refused before any field was read. One line each, naming the problem.

/// MRZ text that cannot be parsed at all (check-digit failures are verdicts, not errors).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrzError {
    #[error("MRZ is empty")]
    Empty,
    #[error("MRZ line {line}, column {column}: non-ASCII character {character:?} (MRZ uses A-Z, 0-9 and <)")]
    NonAscii {
        line: usize,
        column: usize,
        character: char,
    },
    #[error("MRZ line {line}, column {column}: lower-case {character:?} (MRZ is upper case only)")]
    LowerCase {
        line: usize,
        column: usize,
        character: char,
    },
    #[error("MRZ line {line}, column {column}: invalid character {character:?} (MRZ uses A-Z, 0-9 and <)")]
    InvalidCharacter {
        line: usize,
        column: usize,
        character: char,
    },
    #[error("MRZ has {count} line(s); expected 2 (TD2, TD3, visas) or 3 (TD1)")]
    WrongLineCount { count: usize },
    #[error("MRZ line {line} has {length} characters; expected {expected}")]
    WrongLineLength {
        line: usize,
        length: usize,
        expected: usize,
    },
    #[error("MRZ lines of {length} characters: no format has {count} lines of that length (TD1 3×30, TD2/MRV-B 2×36, TD3/MRV-A 2×44)")]
    UnknownLayout { count: usize, length: usize },
}
