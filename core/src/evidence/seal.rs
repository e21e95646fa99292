//! Sealing a bundle: a digest for every field (so `verify` can name the one that changed), then
//! an optional Ed25519 signature over the canonical JSON of everything but the signature block.
//! Without a signature the seal only catches edits that did not also recompute it; with one,
//! any edit is caught.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::bundle::{Bundle, Seal, SignatureBlock};
use super::canonical::canonical_json;
use super::digest::{sha256_parts, to_hex, Digest32};
use super::signing::Signer;
use crate::error::{PrecheckError, Result};

const SIGNATURE_TAG: &[u8] = b"precheck.bundle/1 signature\0";

/// A sealed (and maybe signed) bundle, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct SealedBundle {
    pub bundle: Bundle,
    /// The bundle's JSON text (pretty-printed).
    pub json: String,
    /// SHA-256 of the canonical JSON of the whole bundle, signature included: the bundle's id.
    pub digest: String,
}

/// Fills `seal` (and `signature` with a signer) and writes the JSON.
pub fn seal(mut bundle: Bundle, signer: Option<&dyn Signer>) -> Result<SealedBundle> {
    bundle.seal = Seal::default();
    bundle.signature = None;
    // Through text and back, so every number already has the form a reader will parse.
    let mut value = reparse(&bundle)?;
    let body = object_mut(&mut value)?;
    body.remove("seal");
    body.remove("signature");
    let fields = field_digests(body);
    bundle.seal = Seal {
        fields: fields.clone(),
    };
    body.insert(
        "seal".into(),
        serde_json::to_value(&bundle.seal).map_err(json_err)?,
    );
    if let Some(signer) = signer {
        let message = signing_message(body);
        let public_key = signer.public_key()?;
        let signature = signer.sign(&message)?;
        let block = SignatureBlock {
            algorithm: "ed25519".into(),
            public_key: to_hex(&public_key),
            value: to_hex(&signature),
        };
        body.insert(
            "signature".into(),
            serde_json::to_value(&block).map_err(json_err)?,
        );
        bundle.signature = Some(block);
    } else {
        body.insert("signature".into(), Value::Null);
    }
    let json = serde_json::to_string_pretty(&value).map_err(json_err)?;
    let digest = to_hex(&bundle_digest(&value));
    Ok(SealedBundle {
        bundle,
        json,
        digest,
    })
}

/// The digest of every sealed field: each top-level field, and each field of a top-level
/// object (`document.number_hash`). `body` holds neither `seal` nor `signature`.
pub fn field_digests(body: &Map<String, Value>) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    for (key, value) in body {
        fields.insert(key.clone(), digest_value(value));
        if let Value::Object(children) = value {
            for (child, v) in children {
                fields.insert(format!("{key}.{child}"), digest_value(v));
            }
        }
    }
    fields
}

fn digest_value(value: &Value) -> String {
    to_hex(&sha256_parts(&[canonical_json(value).as_bytes()]))
}

/// What the signature signs: a tag and the canonical JSON of the bundle without `signature`.
pub fn signing_message(body_with_seal: &Map<String, Value>) -> Vec<u8> {
    let mut without = body_with_seal.clone();
    without.remove("signature");
    let canonical = canonical_json(&Value::Object(without));
    [SIGNATURE_TAG, canonical.as_bytes()].concat()
}

/// SHA-256 of the canonical JSON of the whole bundle.
pub fn bundle_digest(value: &Value) -> Digest32 {
    sha256_parts(&[canonical_json(value).as_bytes()])
}

fn reparse(bundle: &Bundle) -> Result<Value> {
    let text = serde_json::to_string(bundle).map_err(json_err)?;
    serde_json::from_str(&text).map_err(json_err)
}

fn object_mut(value: &mut Value) -> Result<&mut Map<String, Value>> {
    value
        .as_object_mut()
        .ok_or_else(|| PrecheckError::InvalidInput("bundle is not a JSON object".into()))
}

fn json_err(e: serde_json::Error) -> PrecheckError {
    PrecheckError::InvalidInput(format!("bundle JSON: {e}"))
}
