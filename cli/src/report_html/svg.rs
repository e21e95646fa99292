//! The report's drawings as inline SVG: overlays on pictures (document outline, boxes, the face
//! mesh), the selfie timeline (three lanes: eyes, mouth, yaw; challenge windows shaded; prompt
//! changes marked) and the match gauge.

use std::fmt::Write;

use precheck_core::math::{BoundingBox, Point};

use super::encode::escape;
use super::input::{MatchSection, Timeline, TimelineSample};

/// What to draw over one picture, in its pixels.
#[derive(Debug, Default)]
pub struct Overlay<'a> {
    pub quad: Option<[Point; 4]>,
    pub boxes: Vec<(BoundingBox, &'static str)>,
    pub mesh: &'a [Point],
}

/// An SVG the size of a `width` × `height` picture, to lay over it.
pub fn overlay(width: u32, height: u32, shapes: &Overlay) -> String {
    let stroke = (width.max(height) as f32 / 240.0).max(1.0);
    let mut s = format!(
        r#"<svg class="over" viewBox="0 0 {width} {height}" preserveAspectRatio="none" aria-hidden="true">"#
    );
    if let Some(q) = shapes.quad {
        let points: Vec<String> = q.iter().map(|p| format!("{:.1},{:.1}", p.x, p.y)).collect();
        let _ = write!(
            s,
            r#"<polygon class="quad" points="{}" stroke-width="{stroke:.1}"/>"#,
            points.join(" ")
        );
        for p in q {
            let _ = write!(
                s,
                r#"<circle class="corner" cx="{:.1}" cy="{:.1}" r="{:.1}"/>"#,
                p.x,
                p.y,
                stroke * 2.5
            );
        }
    }
    for (b, class) in &shapes.boxes {
        let _ = write!(
            s,
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" stroke-width="{stroke:.1}"/>"#,
            b.x, b.y, b.width, b.height
        );
    }
    if !shapes.mesh.is_empty() {
        // One path of zero-length round-capped segments: a dot per point, compactly.
        let mut d = String::with_capacity(shapes.mesh.len() * 14);
        for p in shapes.mesh {
            if p.x.is_finite() && p.y.is_finite() {
                let _ = write!(d, "M{:.1} {:.1}h0", p.x, p.y);
            }
        }
        let _ = write!(
            s,
            r#"<path class="mesh" d="{d}" stroke-width="{:.1}"/>"#,
            (stroke * 0.9).max(1.0)
        );
    }
    s.push_str("</svg>");
    s
}

/// Reads one value of a sample.
type Series = fn(&TimelineSample) -> Option<f32>;

/// One lane of the timeline: its value range and the series drawn in it (value, CSS class).
struct Lane {
    label: &'static str,
    lo: f32,
    hi: f32,
    series: &'static [(Series, &'static str)],
}

const PLOT_W: f32 = 720.0;
const LEFT: f32 = 74.0;
const RIGHT: f32 = 12.0;
const TOP: f32 = 22.0;
const LANE_H: f32 = 78.0;
const LANE_GAP: f32 = 14.0;
const PROMPT_ROWS: usize = 3;
const PROMPT_ROW_H: f32 = 15.0;

/// The selfie timeline as an SVG, or `None` without samples.
pub fn timeline(t: &Timeline) -> Option<String> {
    if t.samples.is_empty() {
        return None;
    }
    let mut t0 = t.samples.iter().map(|s| s.t_ms).min().unwrap_or(0);
    let mut t1 = t.samples.iter().map(|s| s.t_ms).max().unwrap_or(0);
    for c in &t.challenges {
        for v in [c.start_ms, c.end_ms].into_iter().flatten() {
            t0 = t0.min(v);
            t1 = t1.max(v);
        }
    }
    let span = (t1 - t0).max(1) as f32;
    let plot_w = PLOT_W - LEFT - RIGHT;
    let x = |ms: i64| LEFT + (ms - t0) as f32 / span * plot_w;
    let lanes_bottom = TOP + 3.0 * LANE_H + 2.0 * LANE_GAP;
    let axis_y = lanes_bottom + 16.0;
    let height = axis_y + 10.0 + PROMPT_ROWS as f32 * PROMPT_ROW_H + 6.0;
    let mut s = format!(
        r#"<svg class="timeline" viewBox="0 0 {PLOT_W} {height:.0}" role="img" aria-label="Selfie timeline: eye openness, mouth openness and yaw over time, with the challenge windows">"#
    );

    // Challenge windows behind everything.
    for c in &t.challenges {
        let (Some(a), Some(b)) = (c.start_ms, c.end_ms) else {
            continue;
        };
        let (xa, xb) = (x(a), x(b.max(a)));
        let class = if c.passed { "win-pass" } else { "win-fail" };
        let _ = write!(
            s,
            r#"<rect class="{class}" x="{xa:.1}" y="{TOP:.1}" width="{:.1}" height="{:.1}"><title>{} {}</title></rect><text class="win-label" x="{:.1}" y="{:.1}">{}</text>"#,
            (xb - xa).max(2.0),
            lanes_bottom - TOP,
            escape(&c.kind),
            if c.passed { "passed" } else { "failed" },
            xa + 2.0,
            TOP - 6.0,
            escape(&c.kind)
        );
    }

    // Lanes: (label, value range, series).
    let eye_max = t
        .samples
        .iter()
        .flat_map(|s| [s.left_eye, s.right_eye])
        .flatten()
        .fold(0.0f32, f32::max)
        .max(0.05);
    let yaw_max = t
        .samples
        .iter()
        .filter_map(|s| s.yaw_deg.map(f32::abs))
        .fold(30.0f32, f32::max);
    // Round ticks: a multiple of 15°.
    let yaw_max = (yaw_max / 15.0).ceil() * 15.0;
    let lanes = [
        Lane {
            label: "eyes",
            lo: 0.0,
            hi: eye_max * 1.1,
            series: &[(|s| s.left_eye, "left-eye"), (|s| s.right_eye, "right-eye")],
        },
        Lane {
            label: "mouth",
            lo: 0.0,
            hi: 1.0,
            series: &[(|s| s.mouth, "mouth")],
        },
        Lane {
            label: "yaw °",
            lo: -yaw_max,
            hi: yaw_max,
            series: &[(|s| s.yaw_deg, "yaw")],
        },
    ];
    for (
        i,
        Lane {
            label,
            lo,
            hi,
            series,
        },
    ) in lanes.iter().enumerate()
    {
        let top = TOP + i as f32 * (LANE_H + LANE_GAP);
        let y = |v: f32| top + LANE_H - (v.clamp(*lo, *hi) - lo) / (hi - lo) * LANE_H;
        let _ = write!(
            s,
            r#"<rect class="lane" x="{LEFT}" y="{top:.1}" width="{plot_w:.1}" height="{LANE_H}"/><text class="lane-label" x="6" y="{:.1}">{label}</text><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            top + LANE_H / 2.0 + 4.0,
            LEFT - 4.0,
            top + 9.0,
            tick_label(*hi),
            LEFT - 4.0,
            top + LANE_H,
            tick_label(*lo),
        );
        if *lo < 0.0 {
            let _ = write!(
                s,
                r#"<line class="zero" x1="{LEFT}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/>"#,
                LEFT + plot_w,
                y(0.0),
                y(0.0)
            );
        }
        for (get, class) in series.iter() {
            let mut d = String::new();
            let mut pen_down = false;
            for sample in &t.samples {
                match get(sample) {
                    Some(v) if v.is_finite() => {
                        let _ = write!(
                            d,
                            "{}{:.1} {:.1}",
                            if pen_down { "L" } else { "M" },
                            x(sample.t_ms),
                            y(v)
                        );
                        pen_down = true;
                    }
                    _ => pen_down = false,
                }
            }
            if !d.is_empty() {
                let _ = write!(s, r#"<path class="series {class}" d="{d}"/>"#);
            }
        }
    }
    // Legend for the two eye lines.
    let _ = write!(
        s,
        r#"<text class="legend left-eye-text" x="{:.1}" y="{:.1}">left eye</text><text class="legend right-eye-text" x="{:.1}" y="{:.1}">right eye</text>"#,
        LEFT + plot_w - 130.0,
        TOP - 6.0,
        LEFT + plot_w - 64.0,
        TOP - 6.0
    );

    // Time axis.
    let step = nice_step(span / 1000.0);
    let _ = write!(
        s,
        r#"<line class="axis" x1="{LEFT}" x2="{:.1}" y1="{lanes_bottom:.1}" y2="{lanes_bottom:.1}"/>"#,
        LEFT + plot_w
    );
    let mut k = (t0 as f32 / 1000.0 / step).ceil();
    while k * step * 1000.0 <= t1 as f32 + 0.5 {
        let ms = (k * step * 1000.0).round() as i64;
        let xx = x(ms);
        let _ = write!(
            s,
            r#"<line class="axis" x1="{xx:.1}" x2="{xx:.1}" y1="{lanes_bottom:.1}" y2="{:.1}"/><text class="tick" x="{xx:.1}" y="{axis_y:.1}" text-anchor="middle">{}</text>"#,
            lanes_bottom + 4.0,
            format_seconds(k * step)
        );
        k += 1.0;
    }
    let _ = write!(
        s,
        r#"<text class="tick" x="{:.1}" y="{axis_y:.1}" text-anchor="end">time (s)</text>"#,
        LEFT - 4.0
    );

    // Prompt changes: a marker and the code, staggered over a few rows.
    for (i, change) in t.prompts.iter().enumerate() {
        let xx = x(change.t_ms.clamp(t0, t1));
        let row_y = axis_y + 10.0 + (i % PROMPT_ROWS) as f32 * PROMPT_ROW_H + 10.0;
        let (code, message) = change
            .prompt
            .as_ref()
            .map_or(("—", ""), |p| (p.code.as_str(), p.message.as_str()));
        // Labels near the right edge end at their marker instead of starting there.
        let (anchor, tx) = if xx > LEFT + 0.75 * plot_w {
            ("end", xx - 2.0)
        } else {
            ("start", xx + 2.0)
        };
        let _ = write!(
            s,
            r#"<g class="prompt-mark"><line x1="{xx:.1}" x2="{xx:.1}" y1="{TOP:.1}" y2="{:.1}"/><text x="{tx:.1}" y="{row_y:.1}" text-anchor="{anchor}">{}</text><title>{:.2} s: {} {}</title></g>"#,
            row_y - 9.0,
            escape(code),
            change.t_ms as f32 / 1000.0,
            escape(code),
            escape(message)
        );
    }
    s.push_str("</svg>");
    Some(s)
}

fn tick_label(v: f32) -> String {
    if v.abs() >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

fn format_seconds(v: f32) -> String {
    if (v - v.round()).abs() < 1e-3 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A tick step (1, 2 or 5 × 10^k seconds) giving 4-10 ticks over `span` seconds.
fn nice_step(span: f32) -> f32 {
    let raw = (span / 8.0).max(1e-3);
    let magnitude = 10f32.powf(raw.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * magnitude >= raw {
            return m * magnitude;
        }
    }
    10.0 * magnitude
}

/// The similarity on a 0-1 bar with the no-match / review / match zones.
pub fn gauge(m: &MatchSection) -> String {
    // Narrow, so that its text stays legible when a phone scales it to the screen width.
    const W: f32 = 380.0;
    const L: f32 = 14.0;
    const R: f32 = 14.0;
    let bar_w = W - L - R;
    let x = |v: f32| L + v.clamp(0.0, 1.0) * bar_w;
    let (lo, hi) = (m.no_match_threshold, m.match_threshold);
    let mut s = format!(
        r#"<svg class="gauge" viewBox="0 0 {W} 92" role="img" aria-label="Similarity {:.3}: no match below {lo:.3}, match at or above {hi:.3}">"#,
        m.similarity
    );
    let _ = write!(
        s,
        r#"<rect class="zone-bad" x="{L}" y="30" width="{:.1}" height="22"/><rect class="zone-review" x="{:.1}" y="30" width="{:.1}" height="22"/><rect class="zone-good" x="{:.1}" y="30" width="{:.1}" height="22"/>"#,
        x(lo) - L,
        x(lo),
        x(hi) - x(lo),
        x(hi),
        x(1.0) - x(hi)
    );
    // The two threshold labels point away from each other so they never overlap.
    for (v, label, anchor, dx) in [
        (lo, "no match <", "end", -4.0),
        (hi, "match ≥", "start", 4.0),
    ] {
        let _ = write!(
            s,
            r#"<line class="threshold" x1="{0:.1}" x2="{0:.1}" y1="26" y2="56"/><text class="tick" x="{1:.1}" y="70" text-anchor="{anchor}">{label} {v:.3}</text>"#,
            x(v),
            x(v) + dx
        );
    }
    for v in [0.0f32, 1.0] {
        let _ = write!(
            s,
            r#"<text class="tick" x="{:.1}" y="88" text-anchor="middle">{v:.0}</text>"#,
            x(v)
        );
    }
    let mx = x(m.similarity);
    let _ = write!(
        s,
        r#"<path class="marker" d="M{mx:.1} 28 l-8 -12 h16 z"/><text class="marker-label" x="{mx:.1}" y="13" text-anchor="middle">{:.3}</text>"#,
        m.similarity
    );
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::super::input::{ChallengeWindow, CodeMessage, PromptChange};
    use super::*;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(nice_step(8.0), 1.0);
        assert_eq!(nice_step(2.4), 0.5);
        assert_eq!(nice_step(60.0), 10.0);
    }

    #[test]
    fn timeline_breaks_lines_where_no_face_was_seen_and_escapes_prompts() {
        let sample = |t_ms, v: Option<f32>| TimelineSample {
            t_ms,
            left_eye: v,
            right_eye: v,
            mouth: v,
            yaw_deg: v,
        };
        let t = Timeline {
            samples: vec![
                sample(0, Some(0.2)),
                sample(100, Some(0.3)),
                sample(200, None),
                sample(300, Some(0.25)),
            ],
            challenges: vec![ChallengeWindow {
                kind: "blink".into(),
                start_ms: Some(50),
                end_ms: Some(150),
                passed: true,
            }],
            prompts: vec![PromptChange {
                t_ms: 120,
                prompt: Some(CodeMessage {
                    code: "BLINK".into(),
                    message: "<b>Blink</b>".into(),
                }),
            }],
        };
        let svg = timeline(&t).unwrap();
        assert!(svg.contains(r#"class="win-pass""#));
        assert!(svg.contains("&lt;b&gt;Blink"));
        assert!(!svg.contains("<b>"));
        // The mouth series restarts with a move after the gap.
        let mouth = svg.split(r#"class="series mouth" d=""#).nth(1).unwrap();
        let d = &mouth[..mouth.find('"').unwrap()];
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert!(timeline(&Timeline::default()).is_none());
    }
}
