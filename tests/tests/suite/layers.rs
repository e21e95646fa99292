//! The core's layering stays true: every module of `core/src` imports only modules below it in
//! the documented order (`docs/architecture.md`), so data flows one way and no two modules
//! import each other. Read from the source text: `crate::MODULE` paths in code (comments,
//! doc links included, are not imports) and names taken through the crate root's re-exports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bottom first. A module may import those before it, never one after it.
const LAYERS: &[&str] = &[
    "error",
    "limits",
    "math",
    "date",
    "prompt",
    "decision",
    "frame",
    "models",
    "imgproc",
    "face",
    "quality",
    "matching",
    "mrz",
    "idnum",
    "consistency",
    "document",
    "liveness",
    "evidence",
    "session",
    "flow",
    "engine",
];

fn core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `core/src` belongs to (`None` for `lib.rs`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (name != "lib").then(|| name.to_string())
}

/// Code without `//` comments (doc comments and doc links included).
fn code_only(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Names the crate root re-exports, and the module each comes from (`pub use engine::{..}`).
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    let code = code_only(lib);
    for stmt in code.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, list)) = rest.split_once("::") else {
            continue;
        };
        for name in list
            .trim_matches(|c| c == '{' || c == '}' || c == ' ')
            .split(',')
        {
            let name = name.trim();
            if !name.is_empty() {
                names.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    names
}

/// Every module `code` reaches through `crate::…` (directly or by a root re-export).
fn imported_modules(code: &str, reexports: &BTreeMap<String, String>) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if let Some(braced) = after.strip_prefix('{') {
            // `crate::{a, b::c}`: each item's first segment.
            let list = braced.split('}').next().unwrap_or("");
            for item in list.split(',') {
                let first = item.trim().split("::").next().unwrap_or("").trim();
                found.push(
                    reexports
                        .get(first)
                        .cloned()
                        .unwrap_or_else(|| first.to_string()),
                );
            }
        } else if let Some(module) = reexports.get(&name) {
            found.push(module.clone());
        } else {
            found.push(name);
        }
        rest = after;
    }
    found.retain(|m| !m.is_empty());
    found
}

/// Each import that breaks the order: (file, its module, the module it imports).
fn violations(files: &[(String, String, String)], lib: &str) -> Vec<(String, String, String)> {
    let reexports = root_reexports(lib);
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut out = Vec::new();
    for (file, module, text) in files {
        let Some(own) = rank(module) else {
            out.push((file.clone(), module.clone(), "<not in LAYERS>".into()));
            continue;
        };
        for imported in imported_modules(&code_only(text), &reexports) {
            if imported == *module {
                continue;
            }
            match rank(&imported) {
                Some(r) if r < own => {}
                _ => out.push((file.clone(), module.clone(), imported)),
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_core_module_imports_only_modules_below_it() {
    let src = core_src();
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("core/src/lib.rs");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let mut files = Vec::new();
    let mut modules = std::collections::BTreeSet::new();
    for path in paths {
        let Some(module) = module_of(&src, &path) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("read a core file");
        modules.insert(module.clone());
        files.push((path.display().to_string(), module, text));
    }
    // Every module of the tree has a layer, and every layer is a module of the tree.
    let listed: std::collections::BTreeSet<String> = LAYERS.iter().map(|s| s.to_string()).collect();
    assert_eq!(modules, listed, "core/src modules vs the documented layers");
    let bad = violations(&files, &lib);
    assert!(
        bad.is_empty(),
        "imports against the layer order (file, module, imports):\n{bad:#?}"
    );
}

#[test]
fn the_layer_check_catches_an_upward_import_and_a_facade_import() {
    let lib = "pub use engine::{Engine, EngineConfig};\npub use error::{PrecheckError, Result};";
    let files = vec![
        (
            "face/x.rs".to_string(),
            "face".to_string(),
            "use crate::session::Session;\n// [`crate::flow`] is only a doc link\n".to_string(),
        ),
        (
            "document/y.rs".to_string(),
            "document".to_string(),
            "use crate::{Engine, PrecheckError};\nuse crate::mrz::parse;".to_string(),
        ),
    ];
    let bad = violations(&files, lib);
    let imported: Vec<&str> = bad.iter().map(|(_, _, m)| m.as_str()).collect();
    assert_eq!(imported, ["engine", "session"], "{bad:?}");
}
