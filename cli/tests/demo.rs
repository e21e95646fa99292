//! `precheck demo`, the README's main command, as a user runs it: on the sample material
//! (`scripts/fetch-samples`, fetched here when missing), it must write a signed bundle that
//! `precheck verify` finds intact, and a self-contained `report.html` that headless Chromium
//! loads without a console message or a failed resource (`scripts/check-html`). Under
//! `CI=true` missing samples, models or Chromium fail the test; locally they skip it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn skip_or_fail(what: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("demo test: {what} (CI=true: it must be present)");
    }
    eprintln!("SKIP demo test: {what}");
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn precheck(args: &[&str]) -> Output {
    run(Command::new(env!("CARGO_BIN_EXE_precheck"))
        .args(args)
        .current_dir(workspace()))
}

#[test]
fn demo_writes_a_verifiable_bundle_and_a_report_chromium_loads() {
    let root = workspace();
    if !root.join("models/manifest.json").exists() {
        return skip_or_fail("models missing (scripts/fetch-models)");
    }
    let fetched = run(Command::new("bash").arg(root.join("scripts/fetch-samples")));
    if !fetched.status.success() {
        return skip_or_fail(&format!(
            "scripts/fetch-samples failed: {}",
            String::from_utf8_lossy(&fetched.stderr).trim()
        ));
    }
    let chromium = Command::new("chromium").arg("--version").output();
    if !chromium.is_ok_and(|o| o.status.success()) {
        return skip_or_fail("chromium missing (scripts/test installs it with apt)");
    }
    let out = std::env::temp_dir().join(format!("precheck-demo-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let out_arg = out.to_str().expect("utf-8 temp path");

    let demo = precheck(&[
        "demo",
        "--samples",
        "build/samples",
        "--out",
        out_arg,
        "--json",
    ]);
    assert!(
        demo.status.success(),
        "precheck demo failed: {}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&demo.stdout).expect("demo JSON");
    eprintln!(
        "demo: decision {} reasons {} match {}",
        result["decision"], result["reasons"], result["face_match"]["similarity"]
    );
    assert!(["pass", "fail", "review"].contains(&result["decision"].as_str().unwrap_or("")));
    // The sample portrait and clip show one man: the match is the one thing it can show fully.
    assert_eq!(result["face_match"]["decision"], "match", "{result}");
    assert_eq!(result["verified"], true);

    let bundle = out.join("bundle.json");
    let verify = precheck(&[
        "verify",
        bundle.to_str().unwrap(),
        "--require-signature",
        "--json",
    ]);
    let verdict: serde_json::Value = serde_json::from_slice(&verify.stdout).expect("verify JSON");
    assert_eq!(verdict["intact"], true, "{verdict}");
    assert_eq!(verdict["digest"], result["bundle"]["digest"]);

    // One changed byte in the bundle's decision is caught and named.
    let text = std::fs::read_to_string(&bundle).unwrap();
    let decision = result["decision"].as_str().unwrap();
    let other = if decision == "pass" { "fail" } else { "pass" };
    let tampered = out.join("tampered.json");
    std::fs::write(
        &tampered,
        text.replacen(
            &format!("\"decision\": \"{decision}\""),
            &format!("\"decision\": \"{other}\""),
            1,
        ),
    )
    .unwrap();
    let verify = precheck(&["verify", tampered.to_str().unwrap(), "--json"]);
    let verdict: serde_json::Value = serde_json::from_slice(&verify.stdout).expect("verify JSON");
    assert_eq!(verdict["intact"], false);
    assert_eq!(verdict["field"], "decision", "{verdict}");

    let report = out.join("report.html");
    let check = run(Command::new("bash")
        .arg(root.join("scripts/check-html"))
        .arg(&report));
    assert!(
        check.status.success(),
        "report.html did not load cleanly: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.contains(result["bundle"]["digest"].as_str().unwrap()),
        "bundle digest shown"
    );
    let _ = std::fs::remove_dir_all(&out);
}
