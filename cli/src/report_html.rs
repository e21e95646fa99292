//! The flow's report as ONE self-contained HTML file: pictures inline as `data:` URIs, drawings
//! as inline SVG, inline CSS and a few lines of JS, no external URL at all (a Content Security
//! Policy forbids any). Readable on a phone. Every text that can come from a user or a file is
//! escaped. The closing script sets `data-ready="1"` on the body once every picture decoded, so
//! a headless browser can tell the page ran without errors (`scripts/check-html`).

mod assets;
pub mod encode;
pub mod from_core;
pub mod input;
pub mod svg;
pub mod timeline;

use std::fmt::Write;

pub use input::*;

use encode::{data_uri, escape};
use svg::Overlay;

/// Renders the whole report.
pub fn render_report(input: &ReportInput) -> String {
    let mut html = String::with_capacity(64 * 1024);
    let title = if input.title.is_empty() {
        "precheck report"
    } else {
        input.title.as_str()
    };
    let language = if input.language.is_empty() {
        "en"
    } else {
        input.language.as_str()
    };
    let _ = write!(
        html,
        r#"<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="{}"><title>{}</title><style>{}{}</style><script>{}</script></head><body data-ready="0"><main>"#,
        escape(language),
        assets::CONTENT_SECURITY_POLICY,
        escape(title),
        assets::CSS,
        timeline::CSS,
        assets::ERROR_WATCH_JS
    );
    decision(&mut html, title, input);
    if let Some(doc) = &input.document {
        document(&mut html, doc);
    }
    if !input.data_step.is_empty() {
        data_step(&mut html, &input.data_step);
    }
    if !input.selfie_frames.is_empty() {
        selfie(&mut html, &input.selfie_frames);
    }
    if let Some(plot) = timeline::timeline(&input.timeline) {
        let _ = write!(
            html,
            r#"<section id="timeline"><h2>Selfie timeline</h2><div class="scroll">{plot}</div><p class="muted">Eye openness per eye, mouth openness (0 closed – 1 open) and head yaw (° &gt; 0: turned to the subject's left) per frame; shaded: challenge windows (green passed, red failed); red dashed: detector events; grey dashed: prompt changes.</p></section>"#
        );
    }
    if let Some(l) = &input.liveness {
        liveness(&mut html, l);
    }
    if let Some(m) = &input.face_match {
        let _ = write!(
            html,
            r#"<section id="match"><h2>Face match {}</h2>{}<p class="muted">Cosine similarity of the best selfie frames to the document portrait.</p></section>"#,
            badge(&m.decision),
            svg::gauge(m)
        );
    }
    evidence(&mut html, input);
    let _ = write!(
        html,
        "</main><script>{}</script></body></html>",
        assets::READY_JS
    );
    html
}

/// good / bad / warn for the words the flow uses.
fn tone(word: &str) -> &'static str {
    match word {
        "pass" | "passed" | "live" | "match" | "exact" | "equivalent" | "same" | "valid" => "good",
        "fail" | "failed" | "spoof" | "no_match" | "mismatch" | "changed" | "invalid" => "bad",
        _ => "warn",
    }
}

fn badge(word: &str) -> String {
    format!(
        r#"<span class="badge {}">{}</span>"#,
        tone(word),
        escape(word)
    )
}

fn image_with_overlay(
    html: &mut String,
    image: &input::EncodedImage,
    alt: &str,
    shapes: &Overlay<'_>,
) {
    let _ = write!(
        html,
        r#"<div class="frame"><img src="{}" width="{}" height="{}" alt="{}">{}</div>"#,
        data_uri(image),
        image.width,
        image.height,
        escape(alt),
        svg::overlay(image.width, image.height, shapes)
    );
}

fn decision(html: &mut String, title: &str, input: &ReportInput) {
    let d = input.decision.as_str();
    let _ = write!(
        html,
        r#"<section id="decision"><h1>{}</h1><div class="decision {d}">{d}</div>"#,
        escape(title)
    );
    if input.reasons.is_empty() {
        html.push_str(r#"<p class="muted">No reason against.</p>"#);
    } else {
        html.push_str(r#"<ul class="reasons">"#);
        for r in &input.reasons {
            let _ = write!(
                html,
                "<li><code>{}</code> {}</li>",
                escape(&r.code),
                escape(&r.message)
            );
        }
        html.push_str("</ul>");
    }
    if !input.generated_at.is_empty() {
        let _ = write!(
            html,
            r#"<p class="muted">{}</p>"#,
            escape(&input.generated_at)
        );
    }
    html.push_str("</section>");
}

fn document(html: &mut String, doc: &DocumentSection) {
    let _ = write!(
        html,
        r#"<section id="document"><h2>Document <span class="muted">{}</span></h2>"#,
        escape(&doc.kind)
    );
    let mut boxes = Vec::new();
    if let Some(b) = doc.portrait_box {
        boxes.push((b, "portrait"));
    }
    image_with_overlay(
        html,
        &doc.image,
        "the document photo with its outline and portrait",
        &Overlay {
            quad: doc.quad,
            boxes,
            mesh: &[],
        },
    );
    let _ = write!(
        html,
        r#"<p class="muted">Green: the outline found; blue: the portrait{}.</p>"#,
        if doc.portrait_box.is_none() {
            " (not found)"
        } else {
            ""
        }
    );
    if doc.issues.is_empty() {
        html.push_str(&format!("<p>Capture checks {}</p>", badge("passed")));
    } else {
        html.push_str("<ul>");
        for i in &doc.issues {
            let _ = write!(
                html,
                "<li><code>{}</code> {}</li>",
                escape(&i.code),
                escape(&i.message)
            );
        }
        html.push_str("</ul>");
    }
    match &doc.mrz {
        Some(mrz) => {
            let _ = write!(
                html,
                r#"<h2>MRZ {}</h2><div class="mrz mono">{}</div><table><tr><th>check digit</th><th></th></tr>"#,
                badge(if mrz.valid { "valid" } else { "invalid" }),
                mrz.lines
                    .iter()
                    .map(|l| escape(l))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            for c in &mrz.checks {
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{}</td></tr>",
                    escape(&c.field),
                    badge(if c.valid { "valid" } else { "invalid" })
                );
            }
            html.push_str("</table>");
        }
        None => html.push_str(r#"<p class="muted">No MRZ read.</p>"#),
    }
    html.push_str("</section>");
}

fn data_step(html: &mut String, rows: &[FieldComparison]) {
    html.push_str(r#"<section id="data"><h2>Typed data against the document</h2><table><tr><th>field</th><th>typed</th><th>document</th><th></th></tr>"#);
    for r in rows {
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            escape(&r.field),
            escape(&r.typed),
            escape(&r.document),
            badge(r.verdict.as_str()),
            if r.note.is_empty() {
                String::new()
            } else {
                format!(r#"<div class="muted">{}</div>"#, escape(&r.note))
            }
        );
    }
    html.push_str("</table></section>");
}

fn selfie(html: &mut String, frames: &[SelfieFrame]) {
    html.push_str(r#"<section id="selfie"><h2>Selfie frames</h2><div class="frames">"#);
    for f in frames {
        html.push_str("<figure>");
        let mut boxes = Vec::new();
        if let Some(b) = f.face_box {
            boxes.push((b, "face"));
        }
        image_with_overlay(
            html,
            &f.image,
            &format!("selfie frame at {:.2} s", f.t_ms as f32 / 1000.0),
            &Overlay {
                quad: None,
                boxes,
                mesh: &f.mesh,
            },
        );
        let _ = write!(
            html,
            "<figcaption><b>{:.2} s</b> {}",
            f.t_ms as f32 / 1000.0,
            escape(&f.caption)
        );
        match &f.prompt {
            Some(p) => {
                let _ = write!(
                    html,
                    r#"<br><code>{}</code> “{}”"#,
                    escape(&p.code),
                    escape(&p.message)
                );
            }
            None => html.push_str(r#"<br><span class="muted">no prompt</span>"#),
        }
        html.push_str("</figcaption></figure>");
    }
    html.push_str(r#"</div><p class="muted">Yellow: the face box; cyan: the 468 face-mesh points.</p></section>"#);
}

fn verdict_card(html: &mut String, name: &str, v: &VerdictLine) {
    let _ = write!(
        html,
        r#"<div class="verdict"><b>{}</b>{}{}{}</div>"#,
        escape(name),
        badge(if v.verdict.is_empty() {
            "unknown"
        } else {
            &v.verdict
        }),
        v.score
            .map(|s| format!(r#" <span class="mono">{s:.3}</span>"#))
            .unwrap_or_default(),
        v.note
            .as_ref()
            .map(|n| format!(r#"<div class="muted">{}</div>"#, escape(n)))
            .unwrap_or_default()
    );
}

fn liveness(html: &mut String, l: &LivenessSection) {
    html.push_str(r#"<section id="liveness"><h2>Liveness</h2><div class="verdicts">"#);
    verdict_card(html, "Active (challenges)", &l.active);
    verdict_card(html, "Passive (texture)", &l.passive);
    verdict_card(html, "Depth (3-D motion)", &l.depth);
    verdict_card(html, "Identity continuity", &l.continuity);
    html.push_str("</div></section>");
}

fn evidence(html: &mut String, input: &ReportInput) {
    let e = &input.evidence;
    let _ = write!(
        html,
        r#"<section id="evidence"><h2>Evidence</h2><table><tr><th>bundle sha256</th><td class="mono digest">{}</td></tr><tr><th>signature</th><td>{}</td></tr><tr><th>SDK</th><td class="mono">{}</td></tr></table>"#,
        if e.bundle_sha256.is_empty() {
            "—".to_string()
        } else {
            escape(&e.bundle_sha256)
        },
        match &e.public_key_hex {
            Some(k) => format!(
                r#"{} Ed25519, public key <span class="mono digest">{}</span>"#,
                badge("signed"),
                escape(k)
            ),
            None => r#"<span class="muted">not signed</span>"#.to_string(),
        },
        escape(&e.sdk_version)
    );
    if !e.models.is_empty() {
        html.push_str(r#"<h2>Models</h2><table><tr><th>model</th><th>sha256</th></tr>"#);
        for m in &e.models {
            let _ = write!(
                html,
                r#"<tr><td>{}</td><td class="mono digest">{}</td></tr>"#,
                escape(&m.name),
                escape(&m.sha256)
            );
        }
        html.push_str("</table>");
    }
    html.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use precheck_core::decision::Decision;
    use precheck_core::math::Point;

    fn tiny_png() -> EncodedImage {
        let mut bytes = Vec::new();
        image::RgbImage::from_pixel(2, 2, image::Rgb([10, 20, 30]))
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        EncodedImage {
            mime: ImageMime::Png,
            bytes,
            width: 2,
            height: 2,
        }
    }

    #[test]
    fn user_text_is_escaped_everywhere_and_nothing_is_fetched() {
        let evil = r#"<script>alert("x")</script>"#;
        let input = ReportInput {
            title: evil.into(),
            language: String::new(),
            generated_at: String::new(),
            decision: Decision::Fail,
            reasons: vec![CodeMessage {
                code: evil.into(),
                message: evil.into(),
            }],
            data_step: vec![FieldComparison {
                field: "surname".into(),
                typed: evil.into(),
                document: "DOE".into(),
                verdict: FieldVerdict::Mismatch,
                note: evil.into(),
            }],
            document: Some(DocumentSection {
                image: tiny_png(),
                kind: evil.into(),
                quad: Some([Point::new(0.0, 0.0); 4]),
                portrait_box: None,
                mrz: Some(MrzSection {
                    lines: vec![evil.into()],
                    valid: false,
                    checks: vec![],
                }),
                issues: vec![],
            }),
            selfie_frames: vec![],
            timeline: Timeline::default(),
            liveness: None,
            face_match: None,
            evidence: EvidenceSection::default(),
        };
        let html = render_report(&input);
        // Only the page's own two scripts.
        assert_eq!(html.matches("<script>").count(), 2);
        assert!(!html.contains("alert(\"x\")"));
        assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)"));
        for external in ["http://", "https://", "src=\"//", "url("] {
            assert!(!html.contains(external), "{external}");
        }
        assert!(html.contains("data:image/png;base64,"));
        assert!(html.contains(r#"<div class="decision fail">fail</div>"#));
    }
}
