//! `precheck liveness --annotate DIR`: every frame with the prompt shown on it, and
//! `timeline.svg`: eye openness, mouth openness and yaw over time, detector events, the prompts
//! and the challenge windows.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use precheck_core::liveness::MotionSample;
use precheck_core::quality::FrameMeasures;
use precheck_core::session::{SessionResult, SessionUpdate};
use precheck_core::Language;

use crate::analyze::read_image;
use crate::annotate::{self, Quality};
use crate::UserError;

/// Writes `DIR/fNNNNN.png` (frame + prompt banner) and `DIR/timeline.svg`.
pub fn write(
    dir: &Path,
    frames: &[PathBuf],
    updates: &[SessionUpdate],
    result: &SessionResult,
    language: Language,
) -> Result<(), UserError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| UserError(format!("cannot create {}: {e}", dir.display())))?;
    let empty = FrameMeasures::default();
    for (i, (path, update)) in frames.iter().zip(updates).enumerate() {
        let image = read_image(path)?;
        let quality = Quality {
            measures: &empty,
            issues: &[],
            prompt: update.prompt.as_ref().map(|p| (p.code, language)),
        };
        annotate::write(
            &image,
            &[],
            Some(&quality),
            &dir.join(format!("f{i:05}.png")),
        )?;
    }
    let svg = timeline_svg(updates, result);
    let out = dir.join("timeline.svg");
    std::fs::write(&out, svg).map_err(|e| UserError(format!("cannot write {}: {e}", out.display())))
}

/// One lane's value of a frame's signals.
type LaneValue = fn(&MotionSample) -> f32;

const W: f32 = 1000.0;
const LANE: f32 = 110.0;
const LEFT: f32 = 70.0;

/// Three lanes (eyes raw ratio, mouth openness, yaw), event ticks and prompt labels.
pub fn timeline_svg(updates: &[SessionUpdate], result: &SessionResult) -> String {
    let t_end = updates.last().map_or(1, |u| u.t_ms).max(1) as f32;
    let x = |t: i64| LEFT + (W - LEFT - 10.0) * t as f32 / t_end;
    let height = 3.0 * LANE + 120.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{height}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    // Challenge windows (start..end of accepted responses).
    for c in &result.challenges {
        if let (Some(a), Some(b)) = (c.start_ms, c.end_ms) {
            let _ = writeln!(
                s,
                r##"<rect x="{:.1}" y="0" width="{:.1}" height="{:.1}" fill="#d8f5d8"/><text x="{:.1}" y="{:.1}">{}</text>"##,
                x(a),
                (x(b) - x(a)).max(1.0),
                3.0 * LANE,
                x(a),
                3.0 * LANE + 12.0,
                c.kind
            );
        }
    }
    let lanes: [(&str, f32, f32, LaneValue); 3] = [
        ("eyes (raw)", 0.0, 0.2, |s| s.eyes()),
        ("mouth", 0.0, 1.0, |s| s.mouth),
        ("yaw °", -60.0, 60.0, |s| s.yaw),
    ];
    for (k, (name, lo, hi, value)) in lanes.iter().enumerate() {
        let top = k as f32 * LANE + 10.0;
        let y = |v: f32| top + (LANE - 20.0) * (1.0 - ((v - lo) / (hi - lo)).clamp(0.0, 1.0));
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{:.1}" x2="{W}" y2="{:.1}" stroke="#ccc"/><text x="4" y="{:.1}">{name}</text><text x="40" y="{:.1}">{hi}</text><text x="40" y="{:.1}">{lo}</text>"##,
            top + LANE - 20.0,
            top + LANE - 20.0,
            top + LANE / 2.0,
            top + 8.0,
            top + LANE - 20.0
        );
        let mut path = String::new();
        for u in updates {
            if let Some(v) = u.sample.as_ref().map(value) {
                let cmd = if path.is_empty() { 'M' } else { 'L' };
                let _ = write!(path, "{cmd}{:.1},{:.1} ", x(u.t_ms), y(v));
            }
        }
        let _ = writeln!(
            s,
            r##"<path d="{path}" fill="none" stroke="#1f5fbf" stroke-width="1.2"/>"##
        );
    }
    // Detector events as ticks with their kind (label left of the tick near the right edge).
    for u in updates {
        for e in &u.events {
            let _ = writeln!(
                s,
                r##"<line x1="{0:.1}" y1="0" x2="{0:.1}" y2="{1:.1}" stroke="#d33" stroke-dasharray="3,3"/><text x="{0:.1}" y="{2:.1}" fill="#d33" text-anchor="{5}">{3} {4:?}</text>"##,
                x(e.t_ms),
                3.0 * LANE,
                3.0 * LANE + 28.0,
                e.kind,
                e.phase,
                if x(e.t_ms) > W - 150.0 {
                    "end"
                } else {
                    "start"
                }
            );
        }
    }
    // Prompts along the bottom.
    for (i, p) in result.prompts.iter().enumerate() {
        let label = p.code.map_or("-".to_string(), |c| c.to_string());
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" fill="#555">{label}</text>"##,
            x(p.t_ms),
            3.0 * LANE + 48.0 + (i % 4) as f32 * 14.0
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="4" y="{:.1}">decision {} ({})</text>"#,
        height - 6.0,
        result.decision.as_str(),
        result.reasons.join(", ")
    );
    s.push_str("</svg>\n");
    s
}
