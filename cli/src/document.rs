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
use serde_json::{json, Value};

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
    options: &Options,
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
        println!("{}", report_json(&report, options.language));
        return Ok(());
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

fn round(v: f32, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v as f64 * f).round() / f
}

/// The DESIGN §4 shape, plus `width`, `height`, `margins`, `glare`, `measures` and `prompt`.
pub fn report_json(report: &DocumentReport, language: Language) -> Value {
    let issues: Vec<Value> = report
        .issues
        .iter()
        .map(|issue| {
            let mut v = json!({"code": issue.code, "severity": issue.severity});
            if let Some(value) = issue.value {
                v["value"] = json!(round(value, 4));
            }
            if issue.code == PromptCode::DocGlare {
                v["area"] = json!(round(report.measures.glare_fraction, 4));
                v["covers_text"] = json!(report.glare.iter().any(|s| s.covers_text));
                v["covers_portrait"] = json!(report.glare.iter().any(|s| s.covers_portrait));
            }
            v
        })
        .collect();
    let m = &report.measures;
    json!({
        "width": report.width,
        "height": report.height,
        "found": report.found,
        "corners": report.corners.map(|c| c.iter().map(|p| [round(p.x, 2), round(p.y, 2)]).collect::<Vec<_>>()),
        "fill_ratio": round(report.fill_ratio, 4),
        "margins": report.margins.map(|m| json!({
            "left": round(m.left, 1), "top": round(m.top, 1), "right": round(m.right, 1), "bottom": round(m.bottom, 1),
        })),
        "issues": issues,
        "prompt": report.issues.first().map(|i| json!({"code": i.code, "message": i.code.message(language)})),
        "glare": report.glare.iter().map(|s| json!({
            "area": round(s.area, 4),
            "box": [round(s.bbox.x, 3), round(s.bbox.y, 3), round(s.bbox.width, 3), round(s.bbox.height, 3)],
            "covers_text": s.covers_text,
            "covers_portrait": s.covers_portrait,
        })).collect::<Vec<_>>(),
        "portrait_box": report.portrait_box().map(|b| [round(b.x, 1), round(b.y, 1), round(b.width, 1), round(b.height, 1)]),
        "measures": {
            "relative_fill": round(m.relative_fill, 3),
            "aspect": round(m.aspect, 3),
            "luma_p10": m.luma_p10,
            "luma_p90": m.luma_p90,
            "clipped_fraction": round(m.clipped_fraction, 4),
            "glare_fraction": round(m.glare_fraction, 4),
            "acuity": round(m.acuity, 4),
            "screen_peak": round(m.screen_peak, 2),
            "colourfulness": round(m.colourfulness, 2),
            "largest_edge_gap": round(m.largest_edge_gap, 3),
            "side_support": m.side_support.iter().map(|s| round(*s, 3)).collect::<Vec<_>>(),
        },
        "mrz": report.mrz.as_ref().map(|m| json!({
            "format": m.format,
            "lines": m.lines,
            "valid": m.valid,
            "fields": m.fields,
            "checks": m.checks,
            "expired": m.expired,
        })),
    })
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
