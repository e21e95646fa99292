//! `precheck document IMAGE`: capture checks on a document photo (DESIGN §4).

use std::path::Path;

use image::{Rgb, RgbImage as Canvas};
use imageproc::drawing::{draw_filled_circle_mut, draw_hollow_rect_mut, draw_line_segment_mut};
use imageproc::rect::Rect;
use precheck_core::date::Date;
use precheck_core::document::mrz_step::add_mrz;
use precheck_core::document::{DocumentChecker, DocumentConfig, DocumentKind, DocumentReport};
use precheck_core::frame::RgbImage;
use precheck_core::{Engine, EngineConfig, Language, PrecheckError, PromptCode};

use crate::report::{
    self, round, DocumentIssueShape, DocumentMeasuresShape, DocumentMrzShape, DocumentOutput,
    GlareShape, MarginsShape, PromptShape,
};
use crate::UserError;

pub struct Options<'a> {
    pub kind: DocumentKind,
    pub annotate: Option<&'a Path>,
    pub rectified: Option<&'a Path>,
    pub max_file_mb: f64,
    /// The date expiry is judged against.
    pub today: Date,
    pub language: Language,
}

pub fn run(
    models: &Path,
    image_path: &Path,
    options: &Options<'_>,
    json_out: bool,
) -> Result<(), UserError> {
    let bytes = std::fs::read(image_path)
        .map_err(|e| UserError(format!("cannot read {}: {e}", image_path.display())))?;
    let engine = Engine::new(EngineConfig::from_dir(models))?;
    let config = DocumentConfig {
        max_file_bytes: (options.max_file_mb * 1024.0 * 1024.0) as u64,
        ..DocumentConfig::default()
    };
    let mut checker = DocumentChecker::new(config);
    // A file of another format (FILE_FORMAT) has no image: nothing more to read.
    let (mut report, image) = checker
        .check_file_keeping_image(Some(engine.analyzer()), &bytes, options.kind)
        .map_err(|e: PrecheckError| UserError(format!("{}: {e}", image_path.display())))?;
    if let Some(image) = &image {
        add_mrz(image, options.kind, options.today, &mut report)?;
    }
    if let (Some(out), Some(image)) = (options.annotate, &image) {
        annotate(image, &report, out)?;
    }
    if let (Some(out), Some(rectified)) = (options.rectified, &report.rectified) {
        save(rectified, out)?;
    }
    if json_out {
        return report::print(&output(&report, options.language));
    }
    println!(
        "{}: {}x{}, document {}",
        image_path.display(),
        report.width,
        report.height,
        if report.found { "found" } else { "not found" }
    );
    if let Some(c) = report.corners {
        println!(
            "  corners {}  fill {:.2} (relative {:.2})",
            c.iter()
                .map(|p| format!("({:.1},{:.1})", p.x, p.y))
                .collect::<Vec<_>>()
                .join(" "),
            report.fill_ratio,
            report.measures.relative_fill
        );
    }
    if let Some(b) = report.portrait_box() {
        println!(
            "  portrait [{:.0},{:.0},{:.0},{:.0}]",
            b.x, b.y, b.width, b.height
        );
    }
    if let Some(repair) = report.file_repair {
        println!("  file mended: {} (accepted)", repair.as_str());
    }
    let m = &report.measures;
    println!(
        "  measures: luma p10 {:.0} p90 {:.0} clipped {:.3} glare {:.3} acuity {:.3} screen {:.1} colourfulness {:.1} edge gap {:.2}",
        m.luma_p10, m.luma_p90, m.clipped_fraction, m.glare_fraction, m.acuity, m.screen_peak, m.colourfulness, m.largest_edge_gap
    );
    for issue in &report.issues {
        println!(
            "  {:?} {} — {}",
            issue.severity,
            issue.code,
            issue.code.message(Language::En)
        );
    }
    Ok(())
}

/// The `document` JSON (DESIGN §4).
pub fn output(report: &DocumentReport, language: Language) -> DocumentOutput {
    let m = &report.measures;
    DocumentOutput {
        width: report.width,
        height: report.height,
        found: report.found,
        corners: report
            .corners
            .map(|c| c.iter().map(|p| [round(p.x, 2), round(p.y, 2)]).collect()),
        fill_ratio: round(report.fill_ratio, 4),
        margins: report.margins.map(|m| MarginsShape {
            left: round(m.left, 1),
            top: round(m.top, 1),
            right: round(m.right, 1),
            bottom: round(m.bottom, 1),
        }),
        issues: report
            .issues
            .iter()
            .map(|issue| {
                let glare = issue.code == PromptCode::DocGlare;
                DocumentIssueShape {
                    code: issue.code,
                    severity: issue.severity,
                    value: issue.value.map(|v| round(v, 4)),
                    area: glare.then(|| round(m.glare_fraction, 4)),
                    covers_text: glare.then(|| report.glare.iter().any(|s| s.covers_text)),
                    covers_portrait: glare.then(|| report.glare.iter().any(|s| s.covers_portrait)),
                }
            })
            .collect(),
        prompt: report
            .issues
            .first()
            .map(|i| PromptShape::new(i.code, language)),
        glare: report
            .glare
            .iter()
            .map(|s| GlareShape {
                area: round(s.area, 4),
                bbox: [
                    round(s.bbox.x, 3),
                    round(s.bbox.y, 3),
                    round(s.bbox.width, 3),
                    round(s.bbox.height, 3),
                ],
                covers_text: s.covers_text,
                covers_portrait: s.covers_portrait,
            })
            .collect(),
        portrait_box: report.portrait_box().map(|b| {
            [
                round(b.x, 1),
                round(b.y, 1),
                round(b.width, 1),
                round(b.height, 1),
            ]
        }),
        measures: DocumentMeasuresShape {
            relative_fill: round(m.relative_fill, 3),
            aspect: round(m.aspect, 3),
            luma_p10: m.luma_p10,
            luma_p90: m.luma_p90,
            clipped_fraction: round(m.clipped_fraction, 4),
            glare_fraction: round(m.glare_fraction, 4),
            acuity: round(m.acuity, 4),
            screen_peak: round(m.screen_peak, 2),
            colourfulness: round(m.colourfulness, 2),
            largest_edge_gap: round(m.largest_edge_gap, 3),
            side_support: m.side_support.iter().map(|s| round(*s, 3)).collect(),
        },
        mrz: report.mrz.as_ref().map(|m| DocumentMrzShape {
            format: m.format,
            lines: m.lines.clone(),
            valid: m.valid,
            fields: m.fields.clone(),
            checks: m.checks.clone(),
            expired: m.expired,
        }),
        file_repair: report.file_repair,
    }
}

fn to_canvas(image: &RgbImage) -> Result<Canvas, UserError> {
    Canvas::from_raw(image.width(), image.height(), image.as_bytes().to_vec())
        .ok_or_else(|| UserError("image buffer has the wrong size".into()))
}

fn save(image: &RgbImage, out: &Path) -> Result<(), UserError> {
    to_canvas(image)?
        .save(out)
        .map_err(|e| UserError(format!("cannot write {}: {e}", out.display())))
}

/// The outline (green when no issue, red otherwise), its corners, and the portrait box.
fn annotate(image: &RgbImage, report: &DocumentReport, out: &Path) -> Result<(), UserError> {
    let mut canvas = to_canvas(image)?;
    let colour = if report.issues.is_empty() {
        Rgb([0, 220, 0])
    } else {
        Rgb([255, 40, 40])
    };
    let thick = (image.width().max(image.height()) / 400).max(1) as f32;
    if let Some(c) = report.corners {
        for k in 0..4 {
            let (a, b) = (c[k], c[(k + 1) % 4]);
            for o in 0..thick as i32 {
                let o = o as f32 - thick / 2.0;
                draw_line_segment_mut(&mut canvas, (a.x + o, a.y + o), (b.x + o, b.y + o), colour);
            }
            draw_filled_circle_mut(
                &mut canvas,
                (a.x as i32, a.y as i32),
                (thick * 3.0) as i32,
                Rgb([255, 220, 0]),
            );
        }
    }
    if let Some(b) = report.portrait_box() {
        if b.width >= 2.0 && b.height >= 2.0 {
            let rect = Rect::at(b.x as i32, b.y as i32).of_size(b.width as u32, b.height as u32);
            draw_hollow_rect_mut(&mut canvas, rect, Rgb([40, 120, 255]));
        }
    }
    canvas
        .save(out)
        .map_err(|e| UserError(format!("cannot write {}: {e}", out.display())))
}

#[cfg(test)]
mod tests {
    use precheck_core::document::GlareSpot;
    use precheck_core::math::BoundingBox;
    use precheck_core::{Issue, Severity};

    use super::*;

    #[test]
    fn a_glare_issue_says_how_much_and_over_what_and_others_do_not() {
        let mut report = DocumentReport {
            width: 640,
            height: 480,
            found: true,
            fill_ratio: 0.5,
            issues: vec![
                Issue::new(PromptCode::DocGlare, Severity::Error, Some(0.25)),
                Issue::new(PromptCode::DocExpired, Severity::Error, None),
            ],
            glare: vec![GlareSpot {
                area: 0.125,
                bbox: BoundingBox {
                    x: 0.5,
                    y: 0.25,
                    width: 0.125,
                    height: 0.0625,
                },
                covers_text: true,
                covers_portrait: false,
            }],
            ..DocumentReport::default()
        };
        report.measures.glare_fraction = 0.125;
        let value = report::to_value(&output(&report, Language::En));
        assert_eq!(
            value["issues"].to_string(),
            r#"[{"area":0.125,"code":"DOC_GLARE","covers_portrait":false,"covers_text":true,"severity":"error","value":0.25},{"code":"DOC_EXPIRED","severity":"error"}]"#
        );
        assert_eq!(
            value["glare"].to_string(),
            r#"[{"area":0.125,"box":[0.5,0.25,0.125,0.063],"covers_portrait":false,"covers_text":true}]"#
        );
        assert_eq!(value["prompt"]["code"], "DOC_GLARE");
        assert!(value["mrz"].is_null() && value["corners"].is_null());
    }
}
