//! Straight borders beside the face in the normalised crop ([`super::cue_crop`]): the edge of a
//! screen held up to the camera, or of a printed photo. A head has no straight edge of its own;
//! the background often has some (doors, shelves), so a border is only evidence together with
//! its length and, for a screen, the dark bezel band on its far side. The colour edges, the
//! Hough transform and the edge-support profile are the document outline finder's.

use super::cue_crop::{face_to_crop, CueCrop, CROP, IOD_PX};
use crate::imgproc::edges::{detect_edges, EdgeMap, EdgeScratch, NO_EDGE};
use crate::imgproc::hough::hough_lines;
use crate::imgproc::line::{Line, Support};
use crate::math::Point;

/// Sobel magnitude floor (8-bit intensities): only clear steps count (a border is high contrast).
const EDGE_MIN_MAGNITUDE: f32 = 48.0;
/// At most this share of crop pixels are edges (hair and busy backgrounds raise the threshold).
const EDGE_MAX_FRACTION: f32 = 0.10;
/// Lines taken from the Hough transform.
const MAX_LINES: usize = 16;
/// An edge pixel supports a line within this many degrees.
const SUPPORT_DEG: f32 = 12.0;
/// A segment may skip this many unsupported steps (crop pixels) and go on.
const MAX_GAP: usize = 5;
/// A screen or photo frames the face it shows, so its borders run along the face's own axes (a
/// tilted device or perspective skews them a little); diagonal lines (collars, lapels, furniture
/// in perspective) are not borders. Degrees from the face frame's horizontal or vertical.
const MAX_AXIS_DEG: f32 = 15.0;
/// Below the chin (IOD under the eye line) clothes give long straight edges (collars, lapels,
/// shoulders): a border is only followed above this line.
const MAX_BORDER_Y_IOD: f32 = 1.8;
/// Segments shorter than this (IOD) are not reported.
const MIN_SEGMENT_IOD: f32 = 1.0;
/// The face (and the hair close to it) as an ellipse in IOD around the eye centre: a border
/// never crosses it. Centre (0, 0.4), semi-axes 1.5 × 2.3 (brow top ≈ −1.3, chin ≈ +2.2).
const FACE_CENTRE: (f32, f32) = (0.0, 0.4);
const FACE_SEMI_AXES: (f32, f32) = (1.5, 2.3);
/// The two bands either side of a border are sampled this far from it (IOD): close, since a
/// phone or tablet bezel may be only ~0.15 IOD wide.
const BAND_OFFSETS: [f32; 3] = [0.06, 0.12, 0.18];

/// One straight segment beside the face.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Border {
    /// Segment ends in crop pixels.
    pub start: Point,
    pub end: Point,
    /// Length in IOD.
    pub length_iod: f32,
    /// Distance from the face centre to the segment's line, IOD.
    pub distance_iod: f32,
    /// Mean luma of the band on the face's side and on the far side.
    pub near_luma: f32,
    pub far_luma: f32,
}

impl Border {
    /// A dark band beyond the edge, clearly darker than the near side: a screen's bezel.
    pub fn is_bezel(&self, max_luma: f32, min_step: f32) -> bool {
        self.far_luma <= max_luma && self.near_luma - self.far_luma >= min_step
    }
}

/// Reusable buffers for [`find_borders`].
#[derive(Debug, Default)]
pub struct BorderScratch {
    edges: EdgeMap,
    edge_scratch: EdgeScratch,
    accumulator: Vec<u32>,
}

impl Clone for BorderScratch {
    /// Buffers only: a clone starts empty.
    fn clone(&self) -> Self {
        BorderScratch::default()
    }
}

/// Every straight segment of at least [`MIN_SEGMENT_IOD`] beside (never across) the face, the
/// longest per line, into `out` (cleared first).
pub fn find_borders(crop: &CueCrop, scratch: &mut BorderScratch, out: &mut Vec<Border>) {
    out.clear();
    if crop.rgb.width() as usize != CROP || crop.valid.len() != CROP * CROP {
        return;
    }
    detect_edges(
        &crop.rgb,
        EDGE_MIN_MAGNITUDE,
        EDGE_MAX_FRACTION,
        &mut scratch.edge_scratch,
        &mut scratch.edges,
    );
    // The frame's own border (the crop repeats edge pixels beyond it) is no evidence.
    for (angle, valid) in scratch.edges.angle.iter_mut().zip(crop.valid.iter()) {
        if !valid {
            *angle = NO_EDGE;
        }
    }
    let min_votes = (MIN_SEGMENT_IOD * IOD_PX) as u32;
    let lines = hough_lines(
        &scratch.edges,
        MAX_LINES,
        min_votes,
        &mut scratch.accumulator,
    );
    let (cu, cv) = face_to_crop(FACE_CENTRE.0, FACE_CENTRE.1);
    let centre = Point::new(cu, cv);
    for (line, _) in lines {
        // θ is the normal's direction: 0° or 180° for a vertical line, 90° for a horizontal one.
        let deg = line.theta.to_degrees().rem_euclid(90.0);
        if deg.min(90.0 - deg) > MAX_AXIS_DEG {
            continue;
        }
        if let Some(border) = longest_segment(&line, crop, &scratch.edges, centre) {
            out.push(border);
        }
    }
}

/// The longest supported run of `line` outside the face, with its bands.
fn longest_segment(line: &Line, crop: &CueCrop, edges: &EdgeMap, centre: Point) -> Option<Border> {
    let support = Support::measure(line, edges, SUPPORT_DEG)?;
    let (t0, t1) = line.clip(CROP as f32, CROP as f32)?;
    let steps = (t1 - t0).floor().max(0.0) as usize;
    let mut best: Option<(usize, usize)> = None;
    let mut run: Option<(usize, usize)> = None; // (first, last supported step)
    let mut gap = 0;
    for i in 0..=steps {
        let t = t0 + i as f32;
        let p = line.at(t);
        let usable = inside_crop(p) && crop.valid[index(p)] && !in_face(p) && above_clothes(p);
        let hit = usable && support.between(t, t + 1.0).0 > 0;
        if hit {
            run = Some(run.map_or((i, i), |(first, _)| (first, i)));
            gap = 0;
        } else {
            gap += 1;
            if !usable || gap > MAX_GAP {
                close_run(&mut run, &mut best);
            }
        }
    }
    close_run(&mut run, &mut best);
    let (first, last) = best?;
    let length_iod = (last - first + 1) as f32 / IOD_PX;
    if length_iod < MIN_SEGMENT_IOD {
        return None;
    }
    let (nx, ny) = line.normal();
    let toward_face = if nx * centre.x + ny * centre.y >= line.rho {
        1.0
    } else {
        -1.0
    };
    let (mut near, mut far, mut n_near, mut n_far) = (0f32, 0f32, 0u32, 0u32);
    for i in (first..=last).step_by(2) {
        let p = line.at(t0 + i as f32);
        for d in BAND_OFFSETS {
            for (side, sum, count) in [
                (toward_face, &mut near, &mut n_near),
                (-toward_face, &mut far, &mut n_far),
            ] {
                let q = Point::new(p.x + side * d * IOD_PX * nx, p.y + side * d * IOD_PX * ny);
                if inside_crop(q) && crop.valid[index(q)] {
                    *sum += crop.luma[index(q)];
                    *count += 1;
                }
            }
        }
    }
    if n_near == 0 || n_far == 0 {
        return None;
    }
    Some(Border {
        start: line.at(t0 + first as f32),
        end: line.at(t0 + last as f32),
        length_iod,
        distance_iod: line.distance(centre).abs() / IOD_PX,
        near_luma: near / n_near as f32,
        far_luma: far / n_far as f32,
    })
}

fn close_run(run: &mut Option<(usize, usize)>, best: &mut Option<(usize, usize)>) {
    if let Some((a, b)) = run.take() {
        if best.is_none_or(|(c, d)| b - a > d - c) {
            *best = Some((a, b));
        }
    }
}

fn inside_crop(p: Point) -> bool {
    p.x >= 0.0 && p.y >= 0.0 && p.x < CROP as f32 && p.y < CROP as f32
}

fn index(p: Point) -> usize {
    (p.y as usize).min(CROP - 1) * CROP + (p.x as usize).min(CROP - 1)
}

fn above_clothes(p: Point) -> bool {
    p.y <= face_to_crop(0.0, MAX_BORDER_Y_IOD).1
}

fn in_face(p: Point) -> bool {
    let (cu, cv) = face_to_crop(FACE_CENTRE.0, FACE_CENTRE.1);
    let dx = (p.x - cu) / (FACE_SEMI_AXES.0 * IOD_PX);
    let dy = (p.y - cv) / (FACE_SEMI_AXES.1 * IOD_PX);
    dx * dx + dy * dy <= 1.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::RgbImage;
    use crate::liveness::passive::cue_crop::FaceFrame;

    fn face_frame() -> FaceFrame {
        FaceFrame::from_landmarks(&[
            Point::new(280.0, 200.0),
            Point::new(360.0, 200.0),
            Point::new(320.0, 250.0),
            Point::new(290.0, 280.0),
            Point::new(350.0, 280.0),
        ])
        .unwrap()
    }

    #[test]
    fn a_dark_bar_beside_the_face_is_a_bezel_and_a_flat_image_has_none() {
        let (w, h) = (640usize, 480usize);
        let mut data = vec![170u8; w * h * 3];
        // A dark vertical band left of the face (x 90..150), the face's side light.
        for y in 0..h {
            for x in 90..150 {
                let o = (y * w + x) * 3;
                data[o..o + 3].copy_from_slice(&[15, 15, 18]);
            }
        }
        let image = RgbImage::from_raw(w as u32, h as u32, data).unwrap();
        let mut crop = CueCrop::default();
        crop.fill(&image, &face_frame());
        let (mut scratch, mut out) = (BorderScratch::default(), Vec::new());
        find_borders(&crop, &mut scratch, &mut out);
        let longest = out
            .iter()
            .max_by(|a, b| a.length_iod.total_cmp(&b.length_iod))
            .expect("the band's edge");
        assert!(longest.length_iod > 3.0, "{longest:?}");
        assert!(longest.is_bezel(60.0, 40.0), "{longest:?}");

        let flat = RgbImage::from_raw(w as u32, h as u32, vec![170u8; w * h * 3]).unwrap();
        crop.fill(&flat, &face_frame());
        find_borders(&crop, &mut scratch, &mut out);
        assert!(out.is_empty());
    }
}
