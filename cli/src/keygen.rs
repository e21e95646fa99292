//! `precheck keygen --out KEYFILE`: a new Ed25519 signing key for `session --key` (the seed as
//! hex, file mode 0600); prints the public key a verifier should trust. On phones the key lives
//! in the platform keystore instead, behind the host's `Signer`.

use std::io::Read;
use std::path::Path;

use precheck_core::evidence::digest::to_hex;
use precheck_core::evidence::{Ed25519KeySigner, Signer};

use crate::report::{self, KeygenOutput};
use crate::UserError;

pub fn run(out: &Path, json: bool) -> Result<(), UserError> {
    if out.exists() {
        return Err(UserError(format!(
            "{} exists: not overwriting a key",
            out.display()
        )));
    }
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut seed))
        .map_err(|e| UserError(format!("cannot read /dev/urandom: {e}")))?;
    let public = to_hex(&Ed25519KeySigner::from_seed(&seed).public_key()?);
    write_private(out, format!("{}\n", to_hex(&seed)).as_bytes())?;
    seed.fill(0);
    if json {
        report::print(&KeygenOutput {
            key: out.display().to_string(),
            public_key: public,
        })?;
    } else {
        println!("key written to {}; public key {public}", out.display());
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), UserError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| UserError(format!("cannot write {}: {e}", path.display())))
}
