//! How a recorded clip is evaluated as a liveness session. A clip cannot obey a prompt, so each
//! evaluated session stands for the user who did:
//!
//! - **Window.** The session starts where the clip's action is due: `lead_s` before the first
//!   action's onset (the MANIFEST's timeline), so the prompt comes 1-2 s before it, as a user
//!   who just read it would move; it ends after the last action (or the clip's end).
//! - **Re-framing.** Where the clip's framing would keep a real user at a framing prompt (too
//!   far, too close, off-centre), every frame of the window is cropped around the face's median
//!   position (or padded by repeating the frame's edge pixels, for a face too close) to a window
//!   of the frame's own aspect whose short side is [`TARGET_FACE_SHARE`] face widths: the user
//!   who moved as asked. One rectangle for the whole window; the face's pixels are never
//!   changed, only what is around them. Light and exposure are never re-made: a clip too dark
//!   stays too dark, and its outcome says so.
//! - **Order.** The challenges are asked in the order the clip performs them: the nonce is the
//!   first of `clip-0`, `clip-1`, … that draws that order (a server draws it at random; a clip
//!   holds one order).
//!
//! [`ClipSession::note`] says what the clip shows in the window, [`Reframe`] what was done.

use std::fmt;
use std::path::PathBuf;

use precheck_core::frame::RgbImage;
use precheck_core::liveness::{challenge_order, ChallengeKind};
use precheck_core::session::{SessionResult, SessionUpdate};
use precheck_core::{Engine, SelfieOptions};

use crate::session::run_session_with;
use crate::split::{part_of, Part};
use crate::{load_image, median, video_frames};

/// Face width (detector box) / the re-framed window's short side: the middle of the selfie
/// gate's 0.20-0.55 band.
pub const TARGET_FACE_SHARE: f32 = 0.36;

/// Framing the gate accepts without a prompt (face box share, centre offset): inside these the
/// clip is played as it is.
const KEEP_SHARE: (f32, f32) = (0.24, 0.50);
const KEEP_OFFSET: f32 = 0.08;

/// What a session is played against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presenter {
    Genuine,
    /// A real presentation attack (the species as ISO/IEC 30107-3 tables name it).
    Attack(&'static str),
}

/// One windowed session on a recorded clip.
#[derive(Debug, Clone, Copy)]
pub struct ClipSession {
    pub name: &'static str,
    /// Path under the data folder.
    pub clip: &'static str,
    pub presenter: Presenter,
    /// Frames per second the clip is played at (its native rate, or 15 for faster clips).
    pub fps: u32,
    /// The challenges in the order the clip performs them (empty: passive only).
    pub challenges: &'static [ChallengeKind],
    /// Window start and end in the clip (seconds).
    pub from_s: f32,
    pub to_s: f32,
    /// What the clip shows in the window, and the outcome it explains.
    pub note: &'static str,
}

impl ClipSession {
    pub fn part(&self) -> Part {
        part_of(self.clip)
    }
}

/// What was done to the clip's frames.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reframe {
    /// Played as recorded.
    AsIs { face_share: f32 },
    /// Cropped (and padded where the rectangle leaves the frame) to `w`×`h` at (`x`, `y`).
    Window {
        x: i32,
        y: i32,
        w: u32,
        h: u32,
        face_share_before: f32,
        padded: bool,
    },
    /// No face found in the window: played as recorded.
    NoFace,
}

impl fmt::Display for Reframe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Reframe::AsIs { face_share } => write!(f, "as recorded (face {face_share:.2})"),
            Reframe::Window {
                x,
                y,
                w,
                h,
                face_share_before,
                padded,
            } => write!(
                f,
                "{} to {w}x{h} at ({x},{y}) (face {face_share_before:.2} -> {TARGET_FACE_SHARE:.2})",
                if padded { "padded" } else { "cropped" }
            ),
            Reframe::NoFace => write!(f, "as recorded (no face found)"),
        }
    }
}

/// A session's outcome with what the protocol did.
#[derive(Debug)]
pub struct ClipOutcome {
    pub session: ClipSession,
    pub reframe: Reframe,
    pub nonce: String,
    pub frames: usize,
    pub updates: Vec<SessionUpdate>,
    pub result: SessionResult,
}

/// The first `clip-N` nonce whose drawn order is `order`.
pub fn nonce_for(order: &[ChallengeKind]) -> String {
    (0..10_000)
        .map(|i| format!("clip-{i}"))
        .find(|n| challenge_order(n.as_bytes(), order) == order)
        .expect("every order of a few challenges is drawn by some nonce")
}

/// The window's frame files, or `None` (after a skip line) when the clip or ffmpeg is missing.
pub fn window_frames(test: &str, s: &ClipSession) -> Option<Vec<PathBuf>> {
    let frames = video_frames(test, s.clip, s.fps)?;
    let first = (s.from_s * s.fps as f32).round() as usize;
    let last = ((s.to_s * s.fps as f32).round() as usize).min(frames.len());
    Some(frames[first.min(last)..last].to_vec())
}

/// The re-framing of a window (see the module notes): from the largest face of every fifth frame.
pub fn reframe_for(engine: &Engine, frames: &[PathBuf]) -> Reframe {
    let (mut cx, mut cy, mut widths) = (Vec::new(), Vec::new(), Vec::new());
    let mut size = (0, 0);
    for path in frames.iter().step_by(5) {
        let image = load_image(path);
        size = (image.width(), image.height());
        let Ok(report) = engine.analyze_image(&image) else {
            continue;
        };
        if let Some(face) = report.faces.first() {
            cx.push(face.bbox.x + face.bbox.width / 2.0);
            cy.push(face.bbox.y + face.bbox.height / 2.0);
            widths.push(face.bbox.width);
        }
    }
    if widths.is_empty() {
        return Reframe::NoFace;
    }
    let (w, h) = (size.0 as f32, size.1 as f32);
    let short = w.min(h);
    let (fx, fy, fw) = (median(&cx), median(&cy), median(&widths));
    let share = fw / short;
    let offset = ((fx - w / 2.0).abs().max((fy - h / 2.0).abs())) / short;
    if (KEEP_SHARE.0..=KEEP_SHARE.1).contains(&share) && offset <= KEEP_OFFSET {
        return Reframe::AsIs { face_share: share };
    }
    let scale = fw / TARGET_FACE_SHARE / short;
    let (rw, rh) = ((w * scale).round(), (h * scale).round());
    let (x, y) = (
        (fx - rw / 2.0).round() as i32,
        (fy - rh / 2.0).round() as i32,
    );
    let padded = x < 0 || y < 0 || x as f32 + rw > w || y as f32 + rh > h;
    Reframe::Window {
        x,
        y,
        w: rw as u32,
        h: rh as u32,
        face_share_before: share,
        padded,
    }
}

/// `image` re-framed: the window's pixels, edge pixels repeated outside the frame.
pub fn apply(reframe: &Reframe, image: RgbImage) -> RgbImage {
    let Reframe::Window { x, y, w, h, .. } = *reframe else {
        return image;
    };
    let (iw, ih) = (image.width() as i32, image.height() as i32);
    let src = image.as_bytes();
    let mut data = Vec::with_capacity(w as usize * h as usize * 3);
    for row in 0..h as i32 {
        let sy = (y + row).clamp(0, ih - 1);
        for col in 0..w as i32 {
            let sx = (x + col).clamp(0, iw - 1);
            let at = (sy * iw + sx) as usize * 3;
            data.extend_from_slice(&src[at..at + 3]);
        }
    }
    RgbImage::from_raw(w, h, data).expect("window size")
}

/// Plays one windowed session by the protocol; `None` (after a skip line) without the clip.
pub fn run_clip_session(engine: &Engine, test: &str, s: &ClipSession) -> Option<ClipOutcome> {
    let frames = window_frames(test, s)?;
    let reframe = reframe_for(engine, &frames);
    let nonce = nonce_for(s.challenges);
    let mut options = SelfieOptions::new(nonce.clone());
    options.challenges = s.challenges.to_vec();
    let images = frames.iter().map(|p| apply(&reframe, load_image(p)));
    let (updates, result) = run_session_with(engine, images, s.fps, options);
    Some(ClipOutcome {
        session: *s,
        reframe,
        nonce,
        frames: frames.len(),
        updates,
        result,
    })
}
