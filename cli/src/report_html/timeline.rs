//! The selfie timeline as SVG, the one drawing of it: three lanes (eye openness per eye, mouth
//! openness, yaw) over time, the challenge windows shaded, detector events and prompt changes
//! marked. [`timeline`] is the report's inline drawing (styled by the report's stylesheet, which
//! includes [`CSS`]); [`standalone_svg`] is the same drawing as a file of its own
//! (`precheck liveness --annotate DIR` writes it as `DIR/timeline.svg`).

use std::fmt::Write;

use super::encode::escape;
use super::input::{Timeline, TimelineSample};

/// The timeline's style: part of the report's stylesheet, and inlined in a standalone file.
pub const CSS: &str = r#"
svg.timeline text{font:12px system-ui,sans-serif;fill:#1b1f24}
svg.timeline .tick{fill:#5b6470}
svg.timeline .lane{fill:#fafbfc;stroke:#d9dee4}
svg.timeline .lane-label{font-weight:700}
svg.timeline .zero,svg.timeline .axis{stroke:#b8c0c8}
svg.timeline .series{fill:none;stroke-width:2}
svg.timeline .left-eye{stroke:#2f81f7}svg.timeline .right-eye{stroke:#a371f7}svg.timeline .mouth{stroke:#d4650b}svg.timeline .yaw{stroke:#1a7f37}
svg.timeline .left-eye-text{fill:#2f81f7}svg.timeline .right-eye-text{fill:#a371f7}
svg.timeline .win-pass{fill:rgba(26,127,55,.16)}svg.timeline .win-fail{fill:rgba(198,40,40,.16)}
svg.timeline .win-label{font-weight:700}
svg.timeline .event line{stroke:#c62828;stroke-dasharray:2 3}
svg.timeline .event text{font-size:10px;fill:#c62828}
svg.timeline .prompt-mark line{stroke:#8c959f;stroke-dasharray:3 3}
svg.timeline .prompt-mark text{font-size:10px;fill:#5b6470}
svg.timeline .caption{font-weight:700}
"#;

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
const LABEL_ROW_H: f32 = 15.0;
const EVENT_ROWS: usize = 2;
const PROMPT_ROWS: usize = 3;
const CAPTION_H: f32 = 22.0;

/// The selfie timeline for the report (no size of its own: it scales to its box), or `None`
/// without samples.
pub fn timeline(t: &Timeline) -> Option<String> {
    let (body, height) = plot(t)?;
    Some(format!(
        r#"<svg class="timeline" viewBox="0 0 {PLOT_W} {height:.0}" role="img" aria-label="Selfie timeline: eye openness, mouth openness and yaw over time, with the challenge windows">{body}</svg>"#
    ))
}

/// The same drawing as a standalone SVG file: its own size, style and white background, and
/// `caption` (e.g. the decision and its reasons) under it. Without samples, only the caption.
pub fn standalone_svg(t: &Timeline, caption: &str) -> String {
    let (body, height) = plot(t).unwrap_or_default();
    let total = height + CAPTION_H;
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{PLOT_W}" height="{total:.0}" viewBox="0 0 {PLOT_W} {total:.0}"><style>{CSS}</style><rect width="100%" height="100%" fill="white"/>{body}<text class="caption" x="6" y="{:.1}">{}</text></svg>
"#,
        total - 7.0,
        escape(caption)
    )
}

/// The drawing's elements and its height.
fn plot(t: &Timeline) -> Option<(String, f32)> {
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
    let event_rows = if t.events.is_empty() { 0 } else { EVENT_ROWS };
    let events_top = axis_y + 10.0;
    let prompts_top = events_top + event_rows as f32 * LABEL_ROW_H;
    let height = prompts_top + PROMPT_ROWS as f32 * LABEL_ROW_H + 6.0;
    let mut s = String::new();

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
    // Challenge windows, translucent over the lanes.
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

    // Detector events, then prompt changes: a marker over the lanes and a label in its rows.
    let marks = t
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let row_y = events_top + (i % EVENT_ROWS) as f32 * LABEL_ROW_H + 10.0;
            ("event", e.t_ms, row_y, e.label.as_str(), "")
        })
        .chain(t.prompts.iter().enumerate().map(|(i, change)| {
            let row_y = prompts_top + (i % PROMPT_ROWS) as f32 * LABEL_ROW_H + 10.0;
            let (code, message) = change
                .prompt
                .as_ref()
                .map_or(("—", ""), |p| (p.code.as_str(), p.message.as_str()));
            ("prompt-mark", change.t_ms, row_y, code, message)
        }));
    for (class, t_ms, row_y, label, detail) in marks {
        let xx = x(t_ms.clamp(t0, t1));
        // Labels near the right edge end at their marker instead of starting there.
        let (anchor, tx) = if xx > LEFT + 0.75 * plot_w {
            ("end", xx - 2.0)
        } else {
            ("start", xx + 2.0)
        };
        let _ = write!(
            s,
            r#"<g class="{class}"><line x1="{xx:.1}" x2="{xx:.1}" y1="{TOP:.1}" y2="{:.1}"/><text x="{tx:.1}" y="{row_y:.1}" text-anchor="{anchor}">{}</text><title>{:.2} s: {} {}</title></g>"#,
            row_y - 9.0,
            escape(label),
            t_ms as f32 / 1000.0,
            escape(label),
            escape(detail)
        );
    }
    Some((s, height))
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

#[cfg(test)]
mod tests {
    use super::super::input::{ChallengeWindow, CodeMessage, PromptChange, TimelineEvent};
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
            events: vec![TimelineEvent {
                t_ms: 140,
                label: "blink complete".into(),
            }],
        };
        let svg = timeline(&t).unwrap();
        assert!(svg.contains(r#"<g class="event">"#) && svg.contains("blink complete"));
        assert!(svg.contains(r#"class="win-pass""#));
        assert!(svg.contains("&lt;b&gt;Blink"));
        assert!(!svg.contains("<b>"));
        // The mouth series restarts with a move after the gap.
        let mouth = svg.split(r#"class="series mouth" d=""#).nth(1).unwrap();
        let d = &mouth[..mouth.find('"').unwrap()];
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert!(timeline(&Timeline::default()).is_none());
    }

    #[test]
    fn standalone_file_carries_its_style_and_caption() {
        let t = Timeline {
            samples: vec![TimelineSample {
                t_ms: 0,
                mouth: Some(0.1),
                ..Default::default()
            }],
            ..Default::default()
        };
        let svg = standalone_svg(&t, "decision fail (a < b)");
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline""#));
        assert!(svg.contains("<style>") && svg.contains("svg.timeline .lane{"));
        assert!(svg.contains("decision fail (a &lt; b)"));
        assert!(svg.contains(r#"class="series mouth""#));
        // No samples: still a valid file with the caption.
        let empty = standalone_svg(&Timeline::default(), "no frames");
        assert!(empty.contains("no frames") && empty.trim_end().ends_with("</svg>"));
    }
}
