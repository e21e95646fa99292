//! `--annotate`: box, mesh, the 5 points and a pose axis drawn over the photo.

use std::path::Path;

use image::{Rgb, RgbImage as Canvas};
use imageproc::drawing::{draw_filled_circle_mut, draw_hollow_rect_mut, draw_line_segment_mut};
use imageproc::rect::Rect;
use precheck_core::frame::RgbImage;
use precheck_core::FaceObservation;

use crate::UserError;

const BOX: Rgb<u8> = Rgb([0, 220, 0]);
const MESH: Rgb<u8> = Rgb([255, 255, 255]);
const FIVE: Rgb<u8> = Rgb([255, 40, 40]);
const AXIS: Rgb<u8> = Rgb([40, 120, 255]);

pub fn write(image: &RgbImage, faces: &[FaceObservation], out: &Path) -> Result<(), UserError> {
    let mut canvas = Canvas::from_raw(image.width(), image.height(), image.as_bytes().to_vec())
        .ok_or_else(|| UserError("image buffer has the wrong size".into()))?;
    for face in faces {
        draw(&mut canvas, face);
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
