//! Evidence bundle parsing and `verify`: arbitrary text (seeded with real bundles) must give a
//! verdict, never a panic; a verdict of "intact" must come with a digest, and verifying the same
//! text twice gives the same verdict.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precheck_core::evidence::{verify, VerifyOptions};

fuzz_target!(|text: &str| {
    let options = VerifyOptions::default();
    let verdict = verify(text, &options);
    if verdict.intact {
        assert!(verdict.digest.is_some());
        assert!(verdict.field.is_none());
    } else {
        assert!(verdict.field.is_some());
    }
    assert_eq!(verify(text, &options), verdict);
});
