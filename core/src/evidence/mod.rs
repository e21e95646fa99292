//! Evidence: the tamper-evident result of a KYC pre-check (schema in `docs/bundle.md`).
//!
//! - [`chain`]: a SHA-256 hash chain over every frame a session accepted, starting from the nonce;
//! - [`binding`]: the document's type, issuing state and expiry, its number only as a keyed hash;
//! - [`seal`]: a digest of every field and an optional Ed25519 signature by a host key
//!   ([`signing::Signer`]);
//! - [`verify()`]: recomputes all of it and names the first field that does not match.
//!
//! The core writes no biometric data into a bundle: no embeddings, no crops; images only when
//! the host asks ([`bundle::Images`]), digests otherwise.

pub mod binding;
pub mod bundle;
pub mod canonical;
pub mod chain;
pub mod digest;
pub mod reason;
pub mod seal;
pub mod signing;
pub mod verify;

pub use binding::{number_hash, salt_id, DocumentBinding, MIN_SALT_BYTES};
pub use bundle::{Bundle, SCHEMA};
pub use chain::{frame_digest, ChainLink, FrameChain};
pub use reason::{ReasonCode, Step, UnknownReason};
pub use seal::{seal, SealedBundle};
pub use signing::{Ed25519KeySigner, Signer};
pub use verify::{verify, Verification, VerifyOptions};
