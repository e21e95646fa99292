//! Evidence bundle security (issue 9 §5, issue 7 tests): a real flow's bundle — a real passport
//! specimen and a real selfie clip — is changed in every way the issue lists, and `verify` must
//! refuse each change and name the field: every single-byte change (the whole file, the frame
//! chain included), reordered frames, a replay under another nonce, a bundle re-signed by another
//! key, a swapped document hash. Also: the salted document hash does not reveal the number.

use std::sync::OnceLock;

use precheck_core::evidence::bundle::Bundle;
use precheck_core::evidence::verify::canonical_bundle;
use precheck_core::evidence::{
    number_hash, seal, verify, Ed25519KeySigner, Signer, Verification, VerifyOptions,
};
use precheck_core::flow::FlowResult;
use precheck_tests::flow::{run_flow, FlowInput, TEST_SALT};
use precheck_tests::*;
use serde_json::Value;

const DOCUMENT: &str = "id_docs/Arg0s1080+mrz/docs/images/passports/Iceland.png";
const CLIP: &str = "videos/cleardusk+3DDFA/demo@obama/obama.mp4";
const NONCE: &str = "bundle-security-nonce";
const DEVICE_SEED: [u8; 32] = [7; 32];
const OTHER_SEED: [u8; 32] = [9; 32];

fn device_key() -> Ed25519KeySigner {
    Ed25519KeySigner::from_seed(&DEVICE_SEED)
}

/// The signed bundle of one real flow (shared by the tests of this binary).
fn signed_flow(test: &str) -> Option<&'static FlowResult> {
    static RESULT: OnceLock<Option<FlowResult>> = OnceLock::new();
    RESULT
        .get_or_init(|| {
            let engine = engine(test)?;
            let document = require_data(test, &[DOCUMENT])?;
            let frames = video_frames(test, CLIP, 10)?;
            let mut input = FlowInput::new(
                std::fs::read(document.join(DOCUMENT)).expect("read document"),
                frames.into_iter().take(30).collect(),
            );
            input.nonce = NONCE.into();
            input.today = precheck_core::date::Date::new(2020, 1, 1).unwrap();
            let key = device_key();
            let (_, result) =
                run_flow(engine, &input, Some(&key as &dyn Signer)).expect("flow runs");
            Some(result)
        })
        .as_ref()
}

fn trusting_device() -> VerifyOptions {
    VerifyOptions {
        expected_nonce: Some(NONCE.into()),
        trusted_keys: vec![device_key().public_key().unwrap()],
        require_signature: true,
    }
}

fn field(v: &Verification) -> &str {
    assert!(!v.intact, "verify accepted a changed bundle");
    v.field.as_deref().unwrap_or("")
}

#[test]
fn the_untouched_bundle_verifies_and_holds_no_document_number() {
    const T: &str = "the_untouched_bundle_verifies_and_holds_no_document_number";
    let Some(result) = signed_flow(T) else { return };
    let json = &result.bundle.json;
    let v = verify(json, &trusting_device());
    assert!(v.intact, "{v:?}");
    assert!(v.signed);
    assert_eq!(v.digest.as_deref(), Some(result.bundle.digest.as_str()));
    assert_eq!(
        result.bundle.bundle.frame_chain.count, result.liveness.frames,
        "every frame is chained"
    );
    // The specimen's MRZ was read: its number is in the binding only as a keyed hash.
    let mrz = result
        .document
        .mrz
        .as_ref()
        .expect("the specimen's MRZ is read");
    let number = &mrz.fields.document_number;
    assert!(!number.is_empty());
    assert!(!json.contains(number.as_str()), "document number in clear");
    assert!(!json.contains(&mrz.fields.surname), "name in clear");
    let binding = &result.bundle.bundle.document;
    assert_eq!(
        binding.number_hash.as_deref(),
        Some(
            number_hash(TEST_SALT, &mrz.fields.issuing_state, number)
                .unwrap()
                .as_str()
        )
    );
    // Without the deployment salt the hash cannot be recomputed from the number.
    assert_ne!(
        binding.number_hash,
        Some(
            number_hash(
                b"a guess at the deployment salt",
                &mrz.fields.issuing_state,
                number
            )
            .unwrap()
        )
    );
}

#[test]
fn every_single_byte_change_is_caught() {
    const T: &str = "every_single_byte_change_is_caught";
    let Some(result) = signed_flow(T) else { return };
    let json = result.bundle.json.as_bytes();
    let original = canonical_bundle(&result.bundle.json).unwrap();
    let chain_start = result.bundle.json.find("\"frame_chain\"").unwrap();
    let chain_end = chain_start
        + result.bundle.json[chain_start..]
            .find("\"images\"")
            .unwrap_or(json.len() - chain_start);
    let unsigned = unsigned_copy(&result.bundle.json);
    let (mut changes, mut caught, mut no_ops, mut chain_caught) = (0, 0, 0, 0);
    for i in 0..json.len() {
        for replacement in replacements(json[i]) {
            let mut bytes = json.to_vec();
            bytes[i] = replacement;
            let Ok(text) = String::from_utf8(bytes) else {
                changes += 1;
                caught += 1; // not UTF-8: not JSON, refused before anything else
                continue;
            };
            changes += 1;
            let v = verify(&text, &trusting_device());
            if !v.intact {
                caught += 1;
                chain_caught += usize::from((chain_start..chain_end).contains(&i));
            } else {
                // Accepted only when the change means nothing: whitespace, or a float digit
                // beyond f64 precision — the canonical form is the same.
                assert_eq!(
                    canonical_bundle(&text).as_deref(),
                    Some(original.as_str()),
                    "byte {i} ({:?} → {:?}) changed the bundle and verify accepted it",
                    json[i] as char,
                    replacement as char
                );
                no_ops += 1;
            }
        }
    }
    eprintln!(
        "signed bundle, {} bytes: {changes} single-byte changes, {caught} refused, {no_ops} accepted with the same canonical form, {chain_caught} of them in the frame chain",
        json.len()
    );
    assert!(caught > 0 && chain_caught > 0);

    // Unsigned: the chain alone catches every change inside it.
    let text = unsigned.as_bytes();
    let start = unsigned.find("\"frame_chain\"").unwrap();
    let end = start + unsigned[start..].find("\"images\"").unwrap();
    let (mut n, mut refused) = (0, 0);
    for i in start..end {
        for replacement in replacements(text[i]) {
            let mut bytes = text.to_vec();
            bytes[i] = replacement;
            let Ok(changed) = String::from_utf8(bytes) else {
                continue;
            };
            n += 1;
            let v = verify(&changed, &VerifyOptions::default());
            if v.intact {
                assert_eq!(
                    canonical_bundle(&changed),
                    canonical_bundle(&unsigned),
                    "chain byte {i}"
                );
            } else {
                refused += 1;
            }
        }
    }
    eprintln!("unsigned bundle, frame chain: {n} single-byte changes, {refused} refused (rest whitespace)");
    assert!(refused > 0);
}

/// A different byte of the same class (hex digit → other hex digit, digit → other digit) and
/// a bit flip, so both plausible edits and garbage are tried.
fn replacements(b: u8) -> Vec<u8> {
    let similar = match b {
        b'0'..=b'8' | b'a'..=b'e' => b + 1,
        b'9' => b'0',
        b'f' => b'a',
        b'A'..=b'Y' => b + 1,
        _ => b ^ 0x20,
    };
    let flipped = b ^ 0x01;
    if similar == flipped {
        vec![similar]
    } else {
        vec![similar, flipped]
    }
}

fn unsigned_copy(json: &str) -> String {
    let bundle: Bundle = serde_json::from_str(json).unwrap();
    seal(bundle, None).unwrap().json
}

fn edit(json: &str, f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(json).unwrap();
    f(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn reordered_frames_are_caught_at_the_first_moved_link() {
    const T: &str = "reordered_frames_are_caught_at_the_first_moved_link";
    let Some(result) = signed_flow(T) else { return };
    let n = result.bundle.bundle.frame_chain.links.len();
    assert!(n >= 10);
    for i in [0, n / 2, n - 2] {
        let changed = edit(&result.bundle.json, |v| {
            v["frame_chain"]["links"]
                .as_array_mut()
                .unwrap()
                .swap(i, i + 1)
        });
        let v = verify(&changed, &trusting_device());
        assert_eq!(field(&v), format!("frame_chain.links[{i}].link"), "{v:?}");
    }
    // A frame dropped.
    let changed = edit(&result.bundle.json, |v| {
        v["frame_chain"]["links"].as_array_mut().unwrap().remove(3);
    });
    assert_eq!(
        field(&verify(&changed, &trusting_device())),
        "frame_chain.links[3].link"
    );
}

#[test]
fn a_replay_under_another_nonce_is_refused() {
    const T: &str = "a_replay_under_another_nonce_is_refused";
    let Some(result) = signed_flow(T) else { return };
    // The old bundle, presented for a new attempt.
    let mut options = trusting_device();
    options.expected_nonce = Some("the-new-attempts-nonce".into());
    assert_eq!(
        field(&verify(&result.bundle.json, &options)),
        "challenges.nonce"
    );
    // Its nonce rewritten to the new one: the chain starts from the nonce.
    let changed = edit(&result.bundle.json, |v| {
        v["challenges"]["nonce"] = "the-new-attempts-nonce".into()
    });
    assert_eq!(field(&verify(&changed, &options)), "frame_chain.genesis");
}

#[test]
fn a_bundle_resigned_by_another_key_is_refused() {
    const T: &str = "a_bundle_resigned_by_another_key_is_refused";
    let Some(result) = signed_flow(T) else { return };
    // An attacker changes the decision and re-seals with their own key.
    let mut bundle = result.bundle.bundle.clone();
    bundle.decision = precheck_core::decision::Decision::Pass;
    bundle.reasons.clear();
    let other = Ed25519KeySigner::from_seed(&OTHER_SEED);
    let forged = seal(bundle, Some(&other as &dyn Signer)).unwrap();
    // Consistent in itself …
    assert!(verify(&forged.json, &VerifyOptions::default()).intact);
    // … but not signed by the device's key.
    assert_eq!(
        field(&verify(&forged.json, &trusting_device())),
        "signature.public_key"
    );
    // The public key swapped for the device's: the signature no longer verifies.
    let device_hex = precheck_core::evidence::digest::to_hex(&device_key().public_key().unwrap());
    let swapped = edit(&forged.json, |v| {
        v["signature"]["public_key"] = device_hex.into()
    });
    assert_eq!(
        field(&verify(&swapped, &trusting_device())),
        "signature.value"
    );
    // Unsigned where a signature is required.
    let unsigned = unsigned_copy(&result.bundle.json);
    assert_eq!(field(&verify(&unsigned, &trusting_device())), "signature");
}

#[test]
fn a_swapped_document_hash_is_named() {
    const T: &str = "a_swapped_document_hash_is_named";
    let Some(result) = signed_flow(T) else { return };
    let other = number_hash(TEST_SALT, "D", "C01X00T47").unwrap();
    // Edited in place.
    let changed = edit(&result.bundle.json, |v| {
        v["document"]["number_hash"] = other.clone().into()
    });
    assert_eq!(
        field(&verify(&changed, &trusting_device())),
        "document.number_hash"
    );
    // Edited and the seal recomputed (no key to re-sign with): the signature catches it.
    let mut bundle = result.bundle.bundle.clone();
    bundle.document.number_hash = Some(other);
    let resealed = seal(bundle, None).unwrap().json;
    let signature = serde_json::to_value(&result.bundle.bundle.signature).unwrap();
    let resealed = edit(&resealed, |v| v["signature"] = signature);
    assert_eq!(
        field(&verify(&resealed, &trusting_device())),
        "signature.value"
    );
}

#[test]
fn a_section_of_the_wrong_shape_is_a_structure_failure() {
    const T: &str = "a_section_of_the_wrong_shape_is_a_structure_failure";
    let Some(result) = signed_flow(T) else { return };
    let structure = |f: &dyn Fn(&mut Value)| {
        let changed = edit(&result.bundle.json, f);
        let v = verify(&changed, &trusting_device());
        assert_eq!(field(&v), "structure", "{v:?}");
    };
    structure(&|v| v["scores"]["liveness"]["extra"] = 1.into());
    structure(&|v| v["scores"]["face_match"]["frames"] = "none".into());
    structure(&|v| v["reasons"] = serde_json::json!(["face_match:maybe"]));
    structure(&|v| v["decision"] = "PASS".into());
    structure(&|v| v["retry"]["status"] = serde_json::json!({"status": "later"}));
    // The same change in a well-formed value is the seal's to name.
    let changed = edit(&result.bundle.json, |v| {
        v["scores"]["liveness"]["frames"] = 1.into()
    });
    assert_eq!(
        field(&verify(&changed, &trusting_device())),
        "scores.liveness"
    );
}
