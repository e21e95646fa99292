//! `--annotate`: box, mesh, the 5 points and a pose axis drawn over the photo; with the selfie
//! checks, the regions of the failing checks (orange) and the prompt (banner at the top).

use std::path::Path;

use image::{Rgb, RgbImage as Canvas};
use imageproc::drawing::{draw_filled_circle_mut, draw_hollow_rect_mut, draw_line_segment_mut};
use imageproc::rect::Rect;
use precheck_core::frame::RgbImage;
use precheck_core::quality::{FrameMeasures, Patch};
use precheck_core::{FaceObservation, Issue, Language, PromptCode};

use crate::UserError;
use precheck_testkit::glyphs::{GLYPHS, GLYPH_HEIGHT, GLYPH_WIDTH};

/// What the selfie checks found, for drawing.
pub struct Quality<'a> {
    pub measures: &'a FrameMeasures,
    pub issues: &'a [Issue],
    pub prompt: Option<(PromptCode, Language)>,
}

const FAILING: Rgb<u8> = Rgb([255, 150, 0]);
const BANNER: Rgb<u8> = Rgb([20, 20, 20]);
const TEXT: Rgb<u8> = Rgb([255, 255, 255]);

const BOX: Rgb<u8> = Rgb([0, 220, 0]);
const MESH: Rgb<u8> = Rgb([255, 255, 255]);
const FIVE: Rgb<u8> = Rgb([255, 40, 40]);
const AXIS: Rgb<u8> = Rgb([40, 120, 255]);

pub fn write(
    image: &RgbImage,
    faces: &[FaceObservation],
    quality: Option<&Quality<'_>>,
    out: &Path,
) -> Result<(), UserError> {
    let mut canvas = Canvas::from_raw(image.width(), image.height(), image.as_bytes().to_vec())
        .ok_or_else(|| UserError("image buffer has the wrong size".into()))?;
    for face in faces {
        draw(&mut canvas, face);
    }
    if let Some(q) = quality {
        draw_quality(&mut canvas, q);
    }
    canvas
        .save(out)
        .map_err(|e| UserError(format!("cannot write {}: {e}", out.display())))
}

fn draw(canvas: &mut Canvas, face: &FaceObservation) {
    let scale = (face.bbox.width.max(face.bbox.height) / 120.0).max(1.0);
    for p in &face.mesh.points {
        draw_filled_circle_mut(canvas, (p.x as i32, p.y as i32), (scale * 0.5) as i32, MESH);
    }
    let b = &face.bbox;
    if b.width >= 1.0 && b.height >= 1.0 {
        let rect = Rect::at(b.x as i32, b.y as i32).of_size(b.width as u32, b.height as u32);
        draw_hollow_rect_mut(canvas, rect, BOX);
        let inner = Rect::at(b.x as i32 + 1, b.y as i32 + 1).of_size(
            (b.width as u32).saturating_sub(2).max(1),
            (b.height as u32).saturating_sub(2).max(1),
        );
        draw_hollow_rect_mut(canvas, inner, BOX);
    }
    for p in &face.landmarks5 {
        draw_filled_circle_mut(canvas, (p.x as i32, p.y as i32), (scale * 2.0) as i32, FIVE);
    }
    // Pose: a line from the nose tip in the direction the face points, its length ∝ sin(angle).
    let nose = face.landmarks5[2];
    let len = b.width * 0.8;
    let (yaw, pitch) = (face.pose.yaw.to_radians(), face.pose.pitch.to_radians());
    let tip = (nose.x + len * yaw.sin(), nose.y - len * pitch.sin());
    draw_line_segment_mut(canvas, (nose.x, nose.y), tip, AXIS);
    draw_line_segment_mut(canvas, (nose.x + 1.0, nose.y), (tip.0 + 1.0, tip.1), AXIS);
}

/// Outlines the regions behind each failing check and writes the prompt in a banner.
fn draw_quality(canvas: &mut Canvas, q: &Quality<'_>) {
    if let Some(face) = &q.measures.face {
        let r = &face.regions;
        for issue in q.issues {
            use PromptCode::*;
            let patches: &[Patch] = match issue.code {
                Sunglasses | EyesCovered | GlassesGlare => &[r.right_eye, r.left_eye],
                Mask => &[r.lips, r.chin],
                HeadCovered => &[r.forehead],
                UnevenLight | TooDark | TooBright | Backlit | Blurry => {
                    &[r.right_cheek, r.left_cheek]
                }
                _ => &[],
            };
            for p in patches {
                outline(canvas, p);
            }
            if matches!(
                issue.code,
                UnevenLight | TooDark | TooBright | Backlit | FaceCutOff
            ) {
                for (a, b) in r.oval.iter().zip(r.oval.iter().cycle().skip(1)) {
                    draw_line_segment_mut(canvas, (a.x, a.y), (b.x, b.y), FAILING);
                }
            }
        }
    }
    let Some((code, language)) = q.prompt else {
        return;
    };
    // The bitmap font has ASCII only: the code always, the message when it is ASCII.
    let message = code.message(language);
    let text = if message.is_ascii() {
        format!("{code}: {message}")
    } else {
        code.to_string()
    };
    let scale = (canvas.width() / 480).clamp(1, 4);
    let height = (GLYPH_HEIGHT + 8) * scale;
    for y in 0..height.min(canvas.height()) {
        for x in 0..canvas.width() {
            canvas.put_pixel(x, y, BANNER);
        }
    }
    draw_text(canvas, &text, 4 * scale, 4 * scale, scale);
}

fn outline(canvas: &mut Canvas, p: &Patch) {
    if p.is_empty() {
        return;
    }
    let rect = Rect::at(p.x0 as i32, p.y0 as i32).of_size(p.x1 - p.x0, p.y1 - p.y0);
    draw_hollow_rect_mut(canvas, rect, FAILING);
}

/// Draws ASCII text with the built-in bitmap font, each font pixel `scale`×`scale`.
fn draw_text(canvas: &mut Canvas, text: &str, x0: u32, y0: u32, scale: u32) {
    let mut x = x0;
    for ch in text.chars() {
        let index = (ch as u32).wrapping_sub(32) as usize;
        let Some(rows) = GLYPHS.get(index) else {
            continue;
        };
        for (row, bits) in rows.iter().enumerate() {
            for col in 0..GLYPH_WIDTH {
                if bits >> col & 1 == 1 {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let (px, py) = (x + col * scale + dx, y0 + row as u32 * scale + dy);
                            if px < canvas.width() && py < canvas.height() {
                                canvas.put_pixel(px, py, TEXT);
                            }
                        }
                    }
                }
            }
        }
        x += (GLYPH_WIDTH - 2) * scale;
    }
}
