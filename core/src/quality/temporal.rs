//! Checks over a short history of frames (timestamps from the frames; the core never reads a
//! clock): strobing light (FLICKER), light changing, head shaking (HOLD_STILL), motion behind the
//! user (BACKGROUND_MOVING) and focus hunting (sharpness swinging, reported as BLURRY).

use std::collections::VecDeque;

use super::measures::FrameMeasures;
use crate::frame::RgbImage;
use crate::imgproc::plane::luma_u8;
use crate::math::{upper_median, Point};

/// Thresholds of the temporal checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TemporalThresholds {
    /// History kept for the checks.
    pub window_ms: i64,
    /// Flicker: frame-to-frame luma steps larger than this share of the mean that alternate in
    /// sign at least `flicker_reversals` times within the window (a steady light changes
    /// smoothly; mains or PWM strobing beating with the frame rate alternates).
    pub flicker_step: f32,
    pub flicker_reversals: usize,
    /// Light changing: face luma across the window changing by more than this share.
    pub light_change: f32,
    /// Head shaking: median eye-centre speed over the last 0.5 s above this many eye
    /// distances per second (talking heads: mostly < 1, up to ~1.2 on lively moments of the
    /// SadTalker clip; a shaking head or phone: 3-5).
    pub hold_still_speed: f32,
    /// Background moving: share of background cells (8×8 cells of a 64×48 thumbnail, outside
    /// the user's head and body) that changed after removing the global (hand) shake and
    /// brightness change, above this on `background_frames` consecutive frames.
    pub background_share: f32,
    pub background_frames: usize,
    /// Focus hunting: sharpness coefficient of variation over the window above this.
    pub focus_variation: f32,
}

impl Default for TemporalThresholds {
    fn default() -> Self {
        TemporalThresholds {
            window_ms: 1_500,
            flicker_step: 0.03,
            flicker_reversals: 4,
            light_change: 0.30,
            hold_still_speed: 2.0,
            background_share: 0.1,
            background_frames: 3,
            focus_variation: 0.35,
        }
    }
}

/// Temporal measures after the latest frame.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TemporalMeasures {
    /// Alternating luma steps in the window.
    pub luma_reversals: usize,
    /// Relative change of the face luma across the window.
    pub light_change: f32,
    /// Median eye-centre speed over the last 0.5 s, eye distances per second.
    pub head_speed: f32,
    /// Share of background cells that changed in this frame.
    pub background_motion: f32,
    /// Consecutive frames with background motion above the threshold.
    pub background_run: usize,
    /// Coefficient of variation of the face sharpness over the window.
    pub focus_variation: f32,
    /// Frames in the window.
    pub frames: usize,
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    t_ms: i64,
    frame_luma: f32,
    face_luma: Option<f32>,
    sharpness: Option<f32>,
    eyes: Option<(Point, f32)>,
}

const THUMB_W: usize = 64;
const THUMB_H: usize = 48;
const CELL: usize = 8;
/// Global shift searched between thumbnails (hand shake), in thumbnail pixels.
const MAX_SHIFT: i32 = 2;
/// Mean absolute grey difference of a cell that counts as a change.
const CELL_CHANGE: f32 = 14.0;
const MAX_SAMPLES: usize = 120;
/// Thumbnails kept to compare a frame with one about `MOTION_LAG_MS` older: frame-to-frame
/// differences at 30 fps miss slow motion, 150 ms apart they do not.
const THUMB_RING: usize = 8;
const MOTION_LAG_MS: i64 = 150;

/// The rolling history of one frame stream. Buffers are allocated once.
#[derive(Debug, Clone)]
pub struct History {
    samples: VecDeque<Sample>,
    /// Ring of recent thumbnails with their timestamps; `next` is the slot to write.
    thumbs: Vec<(i64, Vec<u8>)>,
    next: usize,
    filled: usize,
    background_run: usize,
    speeds: Vec<f32>,
}

impl Default for History {
    fn default() -> Self {
        History {
            samples: VecDeque::with_capacity(MAX_SAMPLES),
            thumbs: (0..THUMB_RING)
                .map(|_| (0, vec![0; THUMB_W * THUMB_H]))
                .collect(),
            next: 0,
            filled: 0,
            background_run: 0,
            speeds: Vec::with_capacity(MAX_SAMPLES),
        }
    }
}

impl History {
    pub fn clear(&mut self) {
        self.samples.clear();
        self.filled = 0;
        self.background_run = 0;
    }

    /// Adds a frame and returns the temporal measures. Frames with a timestamp not after the
    /// previous one restart the history (a new stream or a clock jump).
    pub fn push(
        &mut self,
        image: &RgbImage,
        measures: &FrameMeasures,
        t_ms: i64,
        thresholds: &TemporalThresholds,
    ) -> TemporalMeasures {
        if self.samples.back().is_some_and(|s| s.t_ms >= t_ms) {
            self.clear();
        }
        let slot = self.next;
        thumbnail(image, &mut self.thumbs[slot].1);
        self.thumbs[slot].0 = t_ms;
        let face = measures.face.as_ref();
        // The reference: the newest earlier thumbnail at least MOTION_LAG_MS old, else the
        // oldest one there is.
        let reference = (1..self.filled.min(THUMB_RING))
            .map(|back| (slot + THUMB_RING - back) % THUMB_RING)
            .find(|&i| t_ms.saturating_sub(self.thumbs[i].0) >= MOTION_LAG_MS)
            .or_else(|| {
                (self.filled > 1)
                    .then(|| (slot + THUMB_RING - (self.filled.min(THUMB_RING) - 1)) % THUMB_RING)
            });
        let background_motion = match reference {
            Some(r) => {
                let exclude = face.map(|f| user_area(f, image.width(), image.height()));
                background_change(&self.thumbs[r].1, &self.thumbs[slot].1, exclude)
            }
            None => 0.0,
        };
        self.next = (slot + 1) % THUMB_RING;
        self.filled += 1;
        if background_motion > thresholds.background_share {
            self.background_run += 1;
        } else {
            self.background_run = 0;
        }
        let frame_luma = self.thumbs[slot].1.iter().map(|&v| v as u32).sum::<u32>() as f32
            / (THUMB_W * THUMB_H * 255) as f32;
        if self.samples.len() == MAX_SAMPLES {
            self.samples.pop_front();
        }
        self.samples.push_back(Sample {
            t_ms,
            frame_luma,
            face_luma: face.map(|f| f.light.mean),
            sharpness: face.map(|f| f.sharpness),
            eyes: face.map(|f| (f.regions.eyes_centre, f.regions.eye_distance)),
        });
        while self
            .samples
            .front()
            .is_some_and(|s| t_ms.saturating_sub(s.t_ms) > thresholds.window_ms)
        {
            self.samples.pop_front();
        }
        TemporalMeasures {
            luma_reversals: self.luma_reversals(thresholds.flicker_step),
            light_change: self.light_change(),
            head_speed: self.head_speed(t_ms),
            background_motion,
            background_run: self.background_run,
            focus_variation: self.focus_variation(),
            frames: self.samples.len(),
        }
    }

    fn luma_reversals(&self, step: f32) -> usize {
        let mut reversals = 0;
        let mut last_sign = 0i8;
        for (a, b) in self.samples.iter().zip(self.samples.iter().skip(1)) {
            let d = b.frame_luma - a.frame_luma;
            if d.abs() <= step * a.frame_luma.max(0.02) {
                continue;
            }
            let sign = if d > 0.0 { 1 } else { -1 };
            if last_sign != 0 && sign != last_sign {
                reversals += 1;
            }
            last_sign = sign;
        }
        reversals
    }

    fn light_change(&self) -> f32 {
        let mut lumas = self.samples.iter().filter_map(|s| s.face_luma);
        let Some(first) = lumas.next() else {
            return 0.0;
        };
        let last = lumas.next_back().unwrap_or(first);
        (last - first).abs() / first.max(last).max(0.02)
    }

    fn head_speed(&mut self, now: i64) -> f32 {
        self.speeds.clear();
        let recent = self
            .samples
            .iter()
            .filter(|s| now.saturating_sub(s.t_ms) <= 500);
        let mut previous: Option<&Sample> = None;
        for s in recent {
            if let (Some(p), Some((c, ied)), Some((pc, _))) =
                (previous, s.eyes, previous.and_then(|p| p.eyes))
            {
                let dt = s.t_ms.saturating_sub(p.t_ms) as f32 / 1000.0;
                if dt > 0.0 {
                    self.speeds.push(c.distance(pc) / ied.max(1.0) / dt);
                }
            }
            previous = Some(s);
        }
        if self.speeds.len() < 2 {
            return 0.0;
        }
        upper_median(&mut self.speeds).unwrap_or(0.0)
    }

    fn focus_variation(&self) -> f32 {
        let (mut n, mut sum, mut sum2) = (0f32, 0f32, 0f32);
        for s in self.samples.iter().filter_map(|s| s.sharpness) {
            n += 1.0;
            sum += s;
            sum2 += s * s;
        }
        if n < 5.0 {
            return 0.0;
        }
        let mean = sum / n;
        ((sum2 / n - mean * mean).max(0.0)).sqrt() / mean.max(1e-3)
    }
}

/// Box-sampled grey thumbnail of the whole frame.
fn thumbnail(image: &RgbImage, out: &mut [u8]) {
    let (w, h) = (image.width() as usize, image.height() as usize);
    for ty in 0..THUMB_H {
        let y0 = ty * h / THUMB_H;
        let y1 = ((ty + 1) * h / THUMB_H).max(y0 + 1).min(h);
        for tx in 0..THUMB_W {
            let x0 = tx * w / THUMB_W;
            let x1 = ((tx + 1) * w / THUMB_W).max(x0 + 1).min(w);
            // Four taps per cell are enough for change detection and keep this at ~10k reads.
            let xs = [x0, (x0 + x1) / 2];
            let ys = [y0, (y0 + y1) / 2];
            let mut sum = 0u32;
            for &y in &ys {
                for &x in &xs {
                    sum += luma_u8(image.pixel(x.min(w - 1) as u32, y.min(h - 1) as u32)) as u32;
                }
            }
            out[ty * THUMB_W + tx] = (sum / 4) as u8;
        }
    }
}

/// Where the user is, in thumbnail pixels: motion there is the user, not the background.
#[derive(Debug, Clone, Copy)]
struct UserArea {
    /// The head with its hair: the face outline's box widened by half a face width each side
    /// and raised by 0.6 face heights.
    head: (f32, f32, f32, f32),
    /// The shoulders and body: below the chin, 1.5 face widths to each side.
    body_top: f32,
    body_x: (f32, f32),
}

impl UserArea {
    fn contains(&self, x: f32, y: f32) -> bool {
        let (x0, y0, x1, y1) = self.head;
        (x >= x0 && x < x1 && y >= y0 && y < y1)
            || (y >= self.body_top && x >= self.body_x.0 && x < self.body_x.1)
    }
}

fn user_area(face: &super::measures::FaceMeasures, width: u32, height: u32) -> UserArea {
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for p in &face.regions.oval {
        x0 = x0.min(p.x);
        x1 = x1.max(p.x);
        y0 = y0.min(p.y);
        y1 = y1.max(p.y);
    }
    let sx = THUMB_W as f32 / width.max(1) as f32;
    let sy = THUMB_H as f32 / height.max(1) as f32;
    let (fw, fh) = (x1 - x0, y1 - y0);
    let cx = 0.5 * (x0 + x1);
    // Long hair swings with the head: the head area reaches half a face width to each side.
    UserArea {
        head: (
            (x0 - 0.5 * fw) * sx,
            (y0 - 0.6 * fh) * sy,
            (x1 + 0.5 * fw) * sx,
            (y1 + 0.15 * fh) * sy,
        ),
        body_top: y1 * sy,
        body_x: ((cx - 1.5 * fw) * sx, (cx + 1.5 * fw) * sx),
    }
}

/// Share of background cells whose grey changed between two thumbnails, after aligning them by
/// the global shift (within ±MAX_SHIFT) that best explains the change.
fn background_change(previous: &[u8], current: &[u8], exclude: Option<UserArea>) -> f32 {
    // A global brightness change (exposure, strobing) is not motion: compare at equal means.
    let mean = |t: &[u8]| t.iter().map(|&v| v as u32).sum::<u32>() as f32 / t.len().max(1) as f32;
    let gain = mean(current) / mean(previous).max(1.0);
    let diff_at = |dx: i32, dy: i32, x: usize, y: usize| -> f32 {
        let px = (x as i32 + dx).clamp(0, THUMB_W as i32 - 1) as usize;
        let py = (y as i32 + dy).clamp(0, THUMB_H as i32 - 1) as usize;
        (current[y * THUMB_W + x] as f32 - gain * previous[py * THUMB_W + px] as f32).abs()
    };
    let mut best = (0, 0, f32::MAX);
    for dy in -MAX_SHIFT..=MAX_SHIFT {
        for dx in -MAX_SHIFT..=MAX_SHIFT {
            let mut total = 0f32;
            for y in (MAX_SHIFT as usize..THUMB_H - MAX_SHIFT as usize).step_by(2) {
                for x in (MAX_SHIFT as usize..THUMB_W - MAX_SHIFT as usize).step_by(2) {
                    total += diff_at(dx, dy, x, y);
                }
            }
            if total < best.2 {
                best = (dx, dy, total);
            }
        }
    }
    let (dx, dy, _) = best;
    let (cells_x, cells_y) = (THUMB_W / CELL, THUMB_H / CELL);
    let (mut changed, mut counted) = (0, 0);
    for cy in 0..cells_y {
        for cx in 0..cells_x {
            let centre = (
                ((cx as f32) + 0.5) * CELL as f32,
                ((cy as f32) + 0.5) * CELL as f32,
            );
            if exclude.is_some_and(|area| area.contains(centre.0, centre.1)) {
                continue;
            }
            let mut sum = 0f32;
            for y in cy * CELL..(cy + 1) * CELL {
                for x in cx * CELL..(cx + 1) * CELL {
                    sum += diff_at(dx, dy, x, y);
                }
            }
            counted += 1;
            changed += (sum / (CELL * CELL) as f32 > CELL_CHANGE) as usize;
        }
    }
    if counted == 0 {
        0.0
    } else {
        changed as f32 / counted as f32
    }
}
