//! SHA-256 digests and their lower-case hex form (the only form the bundle accepts, so a
//! changed letter case is a changed byte, not the same digest).

use sha2::{Digest, Sha256};

pub type Digest32 = [u8; 32];

/// SHA-256 of the concatenated parts.
pub fn sha256_parts(parts: &[&[u8]]) -> Digest32 {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// Lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Strict lower-case hex of exactly `N` bytes; `None` for anything else (upper case included).
pub fn from_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = text.as_bytes();
    if bytes.len() != 2 * N {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; N];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        out[i] = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc_is_the_fips_vector() {
        assert_eq!(
            to_hex(&sha256_parts(&[b"a", b"bc"])),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn hex_round_trips_and_refuses_upper_case_and_wrong_lengths() {
        let d = sha256_parts(&[b"x"]);
        assert_eq!(from_hex::<32>(&to_hex(&d)), Some(d));
        assert_eq!(from_hex::<32>(&to_hex(&d).to_uppercase()), None);
        assert_eq!(from_hex::<2>("abc"), None);
        assert_eq!(from_hex::<1>("g0"), None);
    }
}
