//! `precheck --help` lists every command with its own one-line description (a doc comment put
//! above the wrong variant shows up here as a command with another one's text, or none).

use std::collections::BTreeMap;
use std::process::Command;

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_precheck"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run precheck {args:?}: {e}"));
    assert!(
        out.status.success(),
        "precheck {args:?} exited {}",
        out.status
    );
    String::from_utf8(out.stdout).expect("help is UTF-8")
}

/// The `Commands:` section: command → its description (empty when it has none).
fn command_lines(help: &str) -> BTreeMap<String, String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.trim();
            let (name, description) = l.split_once(' ').unwrap_or((l, ""));
            (name.to_string(), description.trim().to_string())
        })
        .collect()
}

#[test]
fn every_command_has_its_own_description() {
    let lines = command_lines(&help(&["--help"]));
    // Each command and words its own description must start with.
    let expected = [
        ("analyze", "Faces, landmarks, pose"),
        ("document", "Capture checks on a document photo"),
        ("specimen", "A synthetic specimen ID card"),
        ("bench-document", "Document-check speed"),
        ("bench", "Per-stage speed on real frames"),
        ("mrz", "Parse and check a machine-readable zone"),
        ("idnum", "Check a national identity number"),
        ("match", "Compare the largest face of two images"),
        ("liveness", "Liveness session over a folder of frames"),
        ("session", "The whole KYC pre-check flow"),
        ("verify", "Recomputes an evidence bundle's chain"),
        ("demo", "The whole flow on the sample material"),
        ("keygen", "Makes an Ed25519 signing key"),
        ("eval", "Evaluations on the labelled material"),
        ("help", "Print this message"),
    ];
    for (command, start) in expected {
        let description = lines
            .get(command)
            .unwrap_or_else(|| panic!("`{command}` missing from precheck --help: {lines:?}"));
        assert!(
            description.starts_with(start),
            "`{command}`: expected a description starting {start:?}, got {description:?}"
        );
    }
    assert_eq!(
        lines.len(),
        expected.len(),
        "commands not covered here: {lines:?}"
    );
    // No description is shared (one doc comment spilling onto two commands).
    for (command, description) in &lines {
        let others: Vec<_> = lines
            .iter()
            .filter(|(c, d)| *c != command && d.contains(description.as_str()))
            .collect();
        assert!(
            others.is_empty(),
            "`{command}` shares its text with {others:?}"
        );
    }
}

#[test]
fn eval_lists_its_evaluations() {
    let lines = command_lines(&help(&["eval", "--help"]));
    assert!(
        lines
            .get("match")
            .is_some_and(|d| d.starts_with("Face matching")),
        "{lines:?}"
    );
}
