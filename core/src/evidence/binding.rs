//! The document binding: what the bundle says about the document without revealing its number.
//! The number is stored only as HMAC-SHA256 under a per-deployment secret salt, so a server
//! holding the salt can recognise one document used by two accounts, while anyone else reading
//! the bundle cannot test candidate numbers against it (document numbers are short and
//! guessable; a plain or publicly salted hash would not hide them).

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::digest::{sha256_parts, to_hex};
use crate::error::{PrecheckError, Result};

/// The shortest salt accepted: 128 bits.
pub const MIN_SALT_BYTES: usize = 16;

const NUMBER_TAG: &[u8] = b"precheck.document-number/1\0";
const SALT_ID_TAG: &[u8] = b"precheck.salt-id/1\0";

/// The document fields of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentBinding {
    /// `passport`, `id_card`, `driving_licence` or `unknown`.
    pub kind: String,
    /// ICAO code of the issuing state, from the MRZ.
    pub issuing_state: Option<String>,
    /// Expiry date (ISO 8601), from the MRZ.
    pub expiry: Option<String>,
    /// HMAC-SHA256(salt, tag ‖ issuing state ‖ 0 ‖ normalised number), hex; `None` without a
    /// readable number.
    pub number_hash: Option<String>,
    /// Which salt: the first 16 hex digits of SHA-256(tag ‖ salt). Reveals nothing of the salt.
    pub salt_id: String,
    /// SHA-256 of the document photo's bytes as submitted.
    pub image_digest: String,
}

/// Upper case, without spaces, dashes or MRZ fillers: the same number however it was read.
pub fn normalise_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '<'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// The salted hash of a document number (see the module docs).
pub fn number_hash(salt: &[u8], issuing_state: &str, number: &str) -> Result<String> {
    check_salt(salt)?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(salt)
        .map_err(|e| PrecheckError::InvalidInput(format!("document salt: {e}")))?;
    mac.update(NUMBER_TAG);
    mac.update(issuing_state.trim().to_ascii_uppercase().as_bytes());
    mac.update(&[0]);
    mac.update(normalise_number(number).as_bytes());
    Ok(to_hex(&mac.finalize().into_bytes()))
}

/// The public identifier of a salt.
pub fn salt_id(salt: &[u8]) -> Result<String> {
    check_salt(salt)?;
    let mut id = to_hex(&sha256_parts(&[SALT_ID_TAG, salt]));
    id.truncate(16);
    Ok(id)
}

fn check_salt(salt: &[u8]) -> Result<()> {
    if salt.len() < MIN_SALT_BYTES {
        return Err(PrecheckError::InvalidInput(format!(
            "document salt: {} bytes, at least {MIN_SALT_BYTES} needed (a per-deployment secret)",
            salt.len()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SALT: &[u8] = b"deployment-secret-0123456789";

    #[test]
    fn same_document_however_typed_gives_the_same_hash() {
        let a = number_hash(SALT, "D", "L01X00T47").unwrap();
        assert_eq!(a, number_hash(SALT, "d", "l01x00t47<<").unwrap());
        assert_eq!(a, number_hash(SALT, "D", "L01 X00-T47").unwrap());
        assert_ne!(a, number_hash(SALT, "F", "L01X00T47").unwrap());
        assert_ne!(
            a,
            number_hash(b"another-deployment-secret", "D", "L01X00T47").unwrap()
        );
    }

    #[test]
    fn the_hash_is_keyed_not_a_plain_digest_of_the_number() {
        let h = number_hash(SALT, "D", "L01X00T47").unwrap();
        assert!(!h.contains("L01X00T47"));
        assert_ne!(h, to_hex(&sha256_parts(&[b"L01X00T47"])));
        assert_ne!(h, to_hex(&sha256_parts(&[SALT, b"L01X00T47"])));
    }

    #[test]
    fn short_salts_are_refused() {
        assert!(matches!(
            number_hash(b"short", "D", "1"),
            Err(PrecheckError::InvalidInput(_))
        ));
        assert!(salt_id(b"short").is_err());
        assert_eq!(salt_id(SALT).unwrap().len(), 16);
    }
}
