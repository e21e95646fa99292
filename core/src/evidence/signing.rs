//! Signing the bundle: the host provides the key (on phones a hardware-backed key through the
//! app), the core only asks it to sign. [`Ed25519KeySigner`] holds a key in memory, for desktop
//! tools and tests.

use ed25519_dalek::{Signature, SigningKey, Verifier, VerifyingKey};

use super::digest::{from_hex, to_hex};
use crate::error::{PrecheckError, Result};

/// A host-provided Ed25519 key. Implementations may block (a hardware key may ask the user).
pub trait Signer: Send + Sync {
    /// The 32-byte Ed25519 public key written into the bundle.
    fn public_key(&self) -> Result<[u8; 32]>;
    /// The 64-byte Ed25519 signature of `message`.
    fn sign(&self, message: &[u8]) -> Result<[u8; 64]>;
}

/// An Ed25519 key held in memory (zeroised when dropped).
pub struct Ed25519KeySigner {
    key: SigningKey,
}

impl std::fmt::Debug for Ed25519KeySigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ed25519KeySigner")
            .field("public_key", &to_hex(self.key.verifying_key().as_bytes()))
            .finish()
    }
}

impl Ed25519KeySigner {
    /// From the 32-byte secret seed (RFC 8032).
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        Ed25519KeySigner {
            key: SigningKey::from_bytes(seed),
        }
    }

    /// From a key file's text: the seed as 64 lower- or upper-case hex characters (whitespace
    /// around it ignored).
    pub fn from_hex_seed(text: &str) -> Result<Self> {
        let seed = from_hex::<32>(&text.trim().to_ascii_lowercase()).ok_or_else(|| {
            PrecheckError::InvalidInput(
                "signing key: expected the 32-byte Ed25519 seed as 64 hex characters".into(),
            )
        })?;
        Ok(Self::from_seed(&seed))
    }
}

impl Signer for Ed25519KeySigner {
    fn public_key(&self) -> Result<[u8; 32]> {
        Ok(self.key.verifying_key().to_bytes())
    }

    fn sign(&self, message: &[u8]) -> Result<[u8; 64]> {
        use ed25519_dalek::Signer as _;
        Ok(self.key.sign(message).to_bytes())
    }
}

/// Whether `signature` is `public_key`'s signature of `message` (strict verification: no
/// malleable or small-order forms).
pub fn verify_signature(public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public_key) else {
        return false;
    };
    let signature = Signature::from_bytes(signature);
    key.verify_strict(message, &signature).is_ok() && key.verify(message, &signature).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc8032_test_vector_1() {
        // RFC 8032 §7.1, TEST 1 (empty message).
        let signer = Ed25519KeySigner::from_hex_seed(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        )
        .unwrap();
        let public = signer.public_key().unwrap();
        assert_eq!(
            to_hex(&public),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        let sig = signer.sign(b"").unwrap();
        assert_eq!(
            to_hex(&sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155\
             5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
        assert!(verify_signature(&public, b"", &sig));
        assert!(!verify_signature(&public, b"x", &sig));
    }

    #[test]
    fn bad_key_text_is_a_typed_error() {
        assert!(matches!(
            Ed25519KeySigner::from_hex_seed("abc"),
            Err(PrecheckError::InvalidInput(_))
        ));
    }
}
