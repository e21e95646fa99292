//! The frame benchmark's figures as JSON (`precheck bench --json`, DESIGN §4) and as a table.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::Run;

fn stage_median(run: &Run, name: &str) -> f64 {
    run.stages
        .iter()
        .find(|s| s.name == name)
        .map_or(f64::NAN, |s| s.quantile(0.5))
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The JSON of `precheck bench --json`: the 640×480 run's figures at the top level (else the
/// first run's), every run under `runs`.
pub fn json(runs: &[Run]) -> Value {
    let stages = |run: &Run| {
        run.stages
            .iter()
            .map(|s| json!({"name": s.name, "median_ms": round2(s.quantile(0.5)), "p95_ms": round2(s.quantile(0.95))}))
            .collect::<Vec<_>>()
    };
    // The contract's top-level figures are the 640×480 run (else the first one).
    let Some(main) = runs
        .iter()
        .find(|r| (r.width, r.height) == (640, 480))
        .or(runs.first())
    else {
        return json!({"frames": 0, "stages": [], "runs": []});
    };
    json!({
        "frames": main.frames,
        "width": main.width,
        "height": main.height,
        "stages": stages(main),
        "tracked_frame_ms": round2(stage_median(main, "tracked_frame")),
        "analyze_frame_ms": round2(stage_median(main, "analyze_frame")),
        "runs": runs.iter().map(|r| json!({
            "width": r.width, "height": r.height, "frames": r.frames,
            "detector_runs_in_tracking": r.detector_runs, "stages": stages(r),
        })).collect::<Vec<_>>(),
    })
}

/// One table per run: median and p95 of every stage.
pub fn table(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        let _ = writeln!(
            out,
            "{}x{}, {} frames, 1 thread (tracker ran the detector on {} frames)",
            run.width, run.height, run.frames, run.detector_runs
        );
        let _ = writeln!(
            out,
            "  {:<18} {:>10} {:>10}",
            "stage", "median ms", "p95 ms"
        );
        for s in &run.stages {
            let _ = writeln!(
                out,
                "  {:<18} {:>10.2} {:>10.2}",
                s.name,
                s.quantile(0.5),
                s.quantile(0.95)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Stage;
    use super::*;

    fn run(width: u32, height: u32, ms: f64) -> Run {
        Run {
            width,
            height,
            frames: 2,
            stages: vec![Stage {
                name: "tracked_frame",
                samples_ms: vec![ms, ms],
            }],
            detector_runs: 1,
        }
    }

    #[test]
    fn the_640x480_run_gives_the_top_level_figures() {
        let out = json(&[run(1280, 720, 9.0), run(640, 480, 3.0)]);
        assert_eq!(out["width"], 640);
        assert_eq!(out["tracked_frame_ms"], 3.0);
        assert_eq!(out["runs"].as_array().map(Vec::len), Some(2));
        assert!(table(&[run(640, 480, 3.0)]).contains("tracked_frame"));
        assert_eq!(json(&[])["frames"], 0);
    }
}
