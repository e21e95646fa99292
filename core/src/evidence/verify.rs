//! `verify`: recompute a stored bundle — its structure, the frame chain from the nonce, the
//! challenge order, the matching frames' place in the chain, every field's seal digest and the
//! signature — and name the first field that does not match. What the verifier expects (the
//! nonce it issued, the device keys it trusts) is checked last.

use serde::Serialize;
use serde_json::Value;

use super::bundle::{Bundle, SCHEMA};
use super::canonical::canonical_json;
use super::chain::{genesis, verify_links};
use super::digest::{from_hex, sha256_parts, to_hex};
use super::seal::{bundle_digest, field_digests, signing_message};
use super::signing::verify_signature;
use crate::liveness::challenge_order;

/// What the verifier knows independently of the bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The nonce the server issued for this attempt: a bundle of another attempt is a replay.
    pub expected_nonce: Option<String>,
    /// Public keys (32 bytes) the bundle may be signed by; empty = any key (the signature is
    /// still checked against the key in the bundle).
    pub trusted_keys: Vec<[u8; 32]>,
    /// Refuse unsigned bundles.
    pub require_signature: bool,
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Verification {
    pub intact: bool,
    /// The first field that does not match (`frame_chain.links[3].link`, `signature.value`, ...).
    pub field: Option<String>,
    pub reason: Option<String>,
    pub signed: bool,
    pub public_key: Option<String>,
    /// SHA-256 of the canonical bundle (when it parsed).
    pub digest: Option<String>,
}

struct Failure {
    field: String,
    reason: String,
}

fn fail<T>(field: impl Into<String>, reason: impl Into<String>) -> Result<T, Failure> {
    Err(Failure {
        field: field.into(),
        reason: reason.into(),
    })
}

/// Verifies a bundle's JSON text.
pub fn verify(json: &str, options: &VerifyOptions) -> Verification {
    let mut verdict = Verification {
        intact: false,
        field: None,
        reason: None,
        signed: false,
        public_key: None,
        digest: None,
    };
    match check(json, options, &mut verdict) {
        Ok(()) => verdict.intact = true,
        Err(f) => {
            verdict.field = Some(f.field);
            verdict.reason = Some(f.reason);
        }
    }
    verdict
}

fn check(json: &str, options: &VerifyOptions, verdict: &mut Verification) -> Result<(), Failure> {
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => return fail("json", format!("not valid JSON: {e}")),
    };
    verdict.digest = Some(to_hex(&bundle_digest(&value)));
    match value.get("schema") {
        Some(Value::String(s)) if s == SCHEMA => {}
        _ => return fail("schema", format!("expected \"{SCHEMA}\"")),
    }
    let bundle: Bundle = match serde_json::from_str(json) {
        Ok(b) => b,
        Err(e) => return fail("structure", e.to_string()),
    };
    verdict.signed = bundle.signature.is_some();
    verdict.public_key = bundle.signature.as_ref().map(|s| s.public_key.clone());

    check_chain(&bundle)?;
    check_challenges(&bundle)?;
    check_matching_frames(&bundle)?;
    let Some(body) = value.as_object() else {
        return fail("json", "not an object");
    };
    check_seal(&bundle, body)?;
    check_signature(&bundle, body)?;
    check_expectations(&bundle, options)
}

fn check_chain(bundle: &Bundle) -> Result<(), Failure> {
    let chain = &bundle.frame_chain;
    let nonce = &bundle.challenges.nonce;
    if chain.algorithm != "sha256" {
        return fail("frame_chain.algorithm", "only sha256 is defined");
    }
    if from_hex::<32>(&chain.genesis) != Some(genesis(nonce)) {
        return fail(
            "frame_chain.genesis",
            "does not equal SHA-256 of the tag and challenges.nonce",
        );
    }
    let head = verify_links(nonce, &chain.links).or_else(|b| fail(b.field, b.reason))?;
    if chain.count != chain.links.len() as u64 {
        return fail(
            "frame_chain.count",
            format!(
                "says {}, the chain has {} links",
                chain.count,
                chain.links.len()
            ),
        );
    }
    if from_hex::<32>(&chain.head) != Some(head) {
        return fail("frame_chain.head", "is not the last link");
    }
    Ok(())
}

fn check_challenges(bundle: &Bundle) -> Result<(), Failure> {
    let c = &bundle.challenges;
    if challenge_order(c.nonce.as_bytes(), &c.requested) != c.order {
        return fail(
            "challenges.order",
            "is not the order drawn from the nonce for the requested challenges",
        );
    }
    Ok(())
}

fn check_matching_frames(bundle: &Bundle) -> Result<(), Failure> {
    for (i, m) in bundle.matching_frames.iter().enumerate() {
        let in_chain = bundle
            .frame_chain
            .links
            .iter()
            .any(|l| l.t_ms == m.t_ms && l.digest == m.digest);
        if !in_chain {
            return fail(
                format!("matching_frames[{i}].digest"),
                "this frame is not in the frame chain",
            );
        }
    }
    Ok(())
}

fn check_seal(bundle: &Bundle, body: &serde_json::Map<String, Value>) -> Result<(), Failure> {
    let mut unsealed = body.clone();
    unsealed.remove("seal");
    unsealed.remove("signature");
    let expected = field_digests(&unsealed);
    let stored = &bundle.seal.fields;
    // Top-level fields in order; within a changed one, name the changed child.
    for (key, value) in &unsealed {
        if stored.get(key) == expected.get(key) {
            continue;
        }
        if let Value::Object(children) = value {
            for child in children.keys() {
                let path = format!("{key}.{child}");
                if stored.get(&path) != expected.get(&path) {
                    return fail(path, "does not match its sealed digest");
                }
            }
        }
        return fail(key.clone(), "does not match its sealed digest");
    }
    if let Some(extra) = stored.keys().find(|k| !expected.contains_key(*k)) {
        return fail(
            format!("seal.fields.{extra}"),
            "seals a field the bundle does not have",
        );
    }
    if let Some(missing) = expected.keys().find(|k| !stored.contains_key(*k)) {
        return fail(missing.clone(), "is not sealed");
    }
    Ok(())
}

fn check_signature(bundle: &Bundle, body: &serde_json::Map<String, Value>) -> Result<(), Failure> {
    let Some(sig) = &bundle.signature else {
        return Ok(());
    };
    if sig.algorithm != "ed25519" {
        return fail("signature.algorithm", "only ed25519 is defined");
    }
    let Some(public_key) = from_hex::<32>(&sig.public_key) else {
        return fail("signature.public_key", "not 32 bytes of lower-case hex");
    };
    let Some(value) = from_hex::<64>(&sig.value) else {
        return fail("signature.value", "not 64 bytes of lower-case hex");
    };
    if !verify_signature(&public_key, &signing_message(body), &value) {
        return fail(
            "signature.value",
            "is not this key's signature of the bundle (something was changed after signing)",
        );
    }
    Ok(())
}

fn check_expectations(bundle: &Bundle, options: &VerifyOptions) -> Result<(), Failure> {
    if let Some(nonce) = &options.expected_nonce {
        if &bundle.challenges.nonce != nonce {
            return fail(
                "challenges.nonce",
                "is not the nonce issued for this attempt (a replayed bundle?)",
            );
        }
    }
    match &bundle.signature {
        None if options.require_signature => fail("signature", "the bundle is not signed"),
        Some(sig) if !options.trusted_keys.is_empty() => {
            let trusted = options
                .trusted_keys
                .iter()
                .any(|k| to_hex(k) == sig.public_key);
            if trusted {
                Ok(())
            } else {
                fail(
                    "signature.public_key",
                    "signed by a key that is not trusted",
                )
            }
        }
        None if !options.trusted_keys.is_empty() => {
            fail("signature", "the bundle is not signed by a trusted key")
        }
        _ => Ok(()),
    }
}

/// SHA-256 of arbitrary bytes as hex (for image digests in the bundle).
pub fn sha256_hex(bytes: &[u8]) -> String {
    to_hex(&sha256_parts(&[bytes]))
}

/// The canonical form of a bundle's JSON (what digests are computed over).
pub fn canonical_bundle(json: &str) -> Option<String> {
    serde_json::from_str::<Value>(json)
        .ok()
        .map(|v| canonical_json(&v))
}
