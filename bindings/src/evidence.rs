//! Evidence across the FFI: the host's signing key as a foreign trait ([`Signer`]), adapted to
//! the core's `evidence::Signer`, and [`verify_bundle`].

use std::sync::Arc;

use precheck_core::evidence as core;
pub use precheck_core::evidence::Verification;
use precheck_core::PrecheckError as CoreError;

use crate::error::PrecheckError;
use crate::guard::guarded;

/// What a host [`Signer`] throws. Kotlin: `throw SignerException.Failed("key invalidated")`;
/// Swift: `throw SignerError.Failed(reason: ...)`. The flow then fails with
/// `PrecheckError.SignerFailed` carrying the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum SignerError {
    /// The key refused or failed to sign (locked, invalidated, user cancelled, ...).
    #[error("{reason}")]
    Failed { reason: String },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for SignerError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SignerError::Failed {
            reason: format!("unexpected host error: {}", error.reason),
        }
    }
}

/// The host's Ed25519 key (an Android Keystore key on Android 13+; on iOS a Keychain-held
/// CryptoKit key, as the Secure Enclave has no Ed25519; or any key the app keeps): the SDK
/// only asks it for its public key and a signature; the private key never crosses the FFI. Calls may block (a hardware key may ask the user); they come from the
/// thread that called `Flow.finish`.
#[uniffi::export(foreign)]
pub trait Signer: Send + Sync {
    /// The raw 32-byte Ed25519 public key (JDK: the last 32 bytes of `publicKey.encoded`).
    fn public_key(&self) -> Result<Vec<u8>, SignerError>;
    /// The raw 64-byte Ed25519 signature of `message` (JDK: `Signature.getInstance("Ed25519")`).
    fn sign(&self, message: Vec<u8>) -> Result<Vec<u8>, SignerError>;
}

/// The host's key seen as the core's signer: checks the sizes, turns host errors into
/// [`CoreError::SignerFailed`].
pub(crate) struct HostSigner(pub(crate) Arc<dyn Signer>);

impl core::Signer for HostSigner {
    fn public_key(&self) -> Result<[u8; 32], CoreError> {
        let key = self.0.public_key().map_err(host_error)?;
        exact_bytes(&key, "public key")
    }

    fn sign(&self, message: &[u8]) -> Result<[u8; 64], CoreError> {
        let signature = self.0.sign(message.to_vec()).map_err(host_error)?;
        exact_bytes(&signature, "signature")
    }
}

fn host_error(error: SignerError) -> CoreError {
    CoreError::SignerFailed(error.to_string())
}

fn exact_bytes<const N: usize>(bytes: &[u8], what: &str) -> Result<[u8; N], CoreError> {
    bytes.try_into().map_err(|_| {
        CoreError::SignerFailed(format!(
            "the host returned a {}-byte Ed25519 {what}, expected {N} bytes",
            bytes.len()
        ))
    })
}

/// Verifies a bundle's JSON: recomputes the frame chain, the challenge order, every field's
/// seal and the signature, and names the first field that does not match. `expected_nonce`:
/// the nonce the server issued (another attempt's bundle is a replay); `trusted_keys`: raw
/// 32-byte public keys the bundle may be signed by (empty: any key); `require_signature`:
/// refuse unsigned bundles. A key that is not 32 bytes is an `InvalidArgument` error.
#[uniffi::export]
pub fn verify_bundle(
    json: String,
    expected_nonce: Option<String>,
    trusted_keys: Vec<Vec<u8>>,
    require_signature: bool,
) -> Result<Verification, PrecheckError> {
    guarded("verifyBundle", || {
        let trusted_keys = trusted_keys
            .iter()
            .enumerate()
            .map(|(i, key)| {
                <[u8; 32]>::try_from(key.as_slice()).map_err(|_| {
                    PrecheckError::InvalidArgument(format!(
                        "trustedKeys[{i}]: {} bytes, an Ed25519 public key has 32",
                        key.len()
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let options = core::VerifyOptions {
            expected_nonce,
            trusted_keys,
            require_signature,
        };
        Ok::<_, PrecheckError>(core::verify(&json, &options))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use precheck_core::evidence::Signer as _;

    /// A host key written in Rust the way an app writes it in Kotlin: raw bytes out.
    struct SeedKey(core::Ed25519KeySigner);

    impl Signer for SeedKey {
        fn public_key(&self) -> Result<Vec<u8>, SignerError> {
            Ok(self.0.public_key().map_err(|e| failed(&e))?.to_vec())
        }
        fn sign(&self, message: Vec<u8>) -> Result<Vec<u8>, SignerError> {
            Ok(self.0.sign(&message).map_err(|e| failed(&e))?.to_vec())
        }
    }

    fn failed(e: &CoreError) -> SignerError {
        SignerError::Failed {
            reason: e.to_string(),
        }
    }

    struct Broken {
        key_len: usize,
        refuse: bool,
    }

    impl Signer for Broken {
        fn public_key(&self) -> Result<Vec<u8>, SignerError> {
            Ok(vec![7; self.key_len])
        }
        fn sign(&self, _: Vec<u8>) -> Result<Vec<u8>, SignerError> {
            if self.refuse {
                return Err(SignerError::Failed {
                    reason: "key permanently invalidated".into(),
                });
            }
            Ok(vec![0; 64])
        }
    }

    #[test]
    fn a_host_key_signs_like_the_core_key() {
        let seed = [3u8; 32];
        let host = HostSigner(Arc::new(SeedKey(core::Ed25519KeySigner::from_seed(&seed))));
        let reference = core::Ed25519KeySigner::from_seed(&seed);
        assert_eq!(host.public_key().unwrap(), reference.public_key().unwrap());
        assert_eq!(
            host.sign(b"bundle").unwrap(),
            reference.sign(b"bundle").unwrap()
        );
    }

    #[test]
    fn host_failures_and_wrong_sizes_are_signer_errors() {
        let short = HostSigner(Arc::new(Broken {
            key_len: 31,
            refuse: false,
        }));
        let error = short.public_key().unwrap_err();
        assert!(matches!(&error, CoreError::SignerFailed(m) if m.contains("31-byte")));
        let ffi = PrecheckError::from(error);
        assert!(matches!(ffi, PrecheckError::SignerFailed(_)), "{ffi:?}");

        let refusing = HostSigner(Arc::new(Broken {
            key_len: 32,
            refuse: true,
        }));
        let error = refusing.sign(b"x").unwrap_err();
        assert_eq!(
            error.to_string(),
            "signing key: key permanently invalidated"
        );
    }

    #[test]
    fn trusted_keys_must_be_32_bytes() {
        let result = verify_bundle("{}".into(), None, vec![vec![1; 31]], false);
        assert!(
            matches!(&result, Err(PrecheckError::InvalidArgument(m)) if m.contains("trustedKeys[0]")),
            "{result:?}"
        );
        let garbage = verify_bundle("not json".into(), None, Vec::new(), false).unwrap();
        assert!(!garbage.intact);
        assert!(garbage.reason.is_some());
    }
}
