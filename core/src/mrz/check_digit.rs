//! ICAO 9303 part 3 §4.9 check digits: weights 7, 3, 1 repeating; digits count as themselves,
//! A-Z as 10-35, the filler `<` as 0; the digit is the sum modulo 10.

/// The value of one MRZ character, `None` outside `0-9 A-Z <`.
pub fn char_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The check digit over `data`, `None` if a character is not an MRZ character.
pub fn compute(data: impl IntoIterator<Item = u8>) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (i, c) in data.into_iter().enumerate() {
        sum += char_value(c)? * WEIGHTS[i % 3];
    }
    Some((sum % 10) as u8)
}

/// Whether `digit` is the right check digit for `data`. A filler `<` in place of the digit is
/// accepted only when the data is all fillers (ICAO 9303 part 4 §4.2.2.2, unused optional data;
/// also how unused dates are written).
pub fn verify(data: &[u8], digit: u8) -> bool {
    if digit == b'<' {
        return data.iter().all(|&c| c == b'<');
    }
    digit.is_ascii_digit() && compute(data.iter().copied()) == Some(digit - b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_part3_appendix_a_examples() {
        // ICAO 9303 part 3 appendix A, as quoted by dmrtd's tests.
        let cases = [
            ("520727", 3),
            ("AB2134<<<", 5),
            ("HA672242<658022549601086<<<<<<<<<<<<<<0", 8),
            ("D231458907<<<<<<<<<<<<<<<34071279507122<<<<<<<<<<<", 2),
            ("HA672242<658022549601086<<<<<<<0", 8),
        ];
        for (data, digit) in cases {
            assert_eq!(compute(data.bytes()), Some(digit), "{data}");
        }
        assert_eq!(compute("a".bytes()), None);
        assert!(verify(b"<<<<<<", b'<'));
        assert!(verify(b"<<<<<<", b'0'));
        assert!(!verify(b"520727", b'<'));
        assert!(verify(b"520727", b'3'));
    }
}
