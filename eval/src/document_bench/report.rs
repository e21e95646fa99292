//! The document benchmark's figures as JSON (`precheck bench-document --json`) and as a table.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::{quantile, DocumentBench, HEIGHT, WIDTH};

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// `{width, height, frames, samples, found, stages: [{name, median_ms, p95_ms}]}`.
pub fn json(bench: &DocumentBench) -> Value {
    json!({
        "width": WIDTH, "height": HEIGHT, "frames": bench.frames, "samples": bench.samples(), "found": bench.found,
        "stages": bench.stages.iter().map(|(n, v)| json!({"name": n, "median_ms": round2(quantile(v, 0.5)), "p95_ms": round2(quantile(v, 0.95))})).collect::<Vec<_>>(),
    })
}

/// Median and p95 of every stage.
pub fn table(bench: &DocumentBench) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{WIDTH}x{HEIGHT}, {} frames x {} runs, 1 thread (document found in {}/{})",
        bench.frames,
        bench.repeats,
        bench.found,
        bench.samples()
    );
    let _ = writeln!(
        out,
        "  {:<22} {:>10} {:>10}",
        "stage", "median ms", "p95 ms"
    );
    for (name, v) in &bench.stages {
        let _ = writeln!(
            out,
            "  {:<22} {:>10.2} {:>10.2}",
            name,
            quantile(v, 0.5),
            quantile(v, 0.95)
        );
    }
    out
}
