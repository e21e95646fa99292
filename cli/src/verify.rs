//! `precheck verify BUNDLE.json`: recomputes the bundle's frame chain, seal and signature and
//! names the first field that does not match (`{intact, field, reason, signed, public_key,
//! digest}`); `--nonce` and `--public-key` say what the verifier expects.

use std::path::Path;

use precheck_core::evidence::digest::from_hex;
use precheck_core::evidence::{verify, VerifyOptions};

use crate::report::{self, VerifyOutput};
use crate::UserError;

pub struct VerifyArgs<'a> {
    pub bundle: &'a Path,
    pub nonce: Option<&'a str>,
    pub public_keys: &'a [String],
    pub require_signature: bool,
}

pub fn run(args: &VerifyArgs<'_>, json: bool) -> Result<(), UserError> {
    let text = std::fs::read_to_string(args.bundle)
        .map_err(|e| UserError(format!("cannot read {}: {e}", args.bundle.display())))?;
    let trusted_keys = args
        .public_keys
        .iter()
        .map(|k| {
            from_hex::<32>(&k.trim().to_ascii_lowercase()).ok_or_else(|| {
                UserError(format!(
                    "--public-key: expected 64 hex characters, got \"{k}\""
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let verdict: VerifyOutput = verify(
        &text,
        &VerifyOptions {
            expected_nonce: args.nonce.map(str::to_string),
            trusted_keys,
            require_signature: args.require_signature,
        },
    );
    if json {
        return report::print_in_order(&verdict);
    }
    if verdict.intact {
        println!(
            "{}: intact ({}), sha256 {}",
            args.bundle.display(),
            verdict
                .public_key
                .as_ref()
                .map_or("unsigned".to_string(), |k| format!("signed by {k}")),
            verdict.digest.as_deref().unwrap_or("-")
        );
    } else {
        println!(
            "{}: NOT intact: {} {}",
            args.bundle.display(),
            verdict.field.as_deref().unwrap_or("-"),
            verdict.reason.as_deref().unwrap_or("")
        );
    }
    Ok(())
}
