//! Liveness sessions on genuine clips (single-challenge sessions where the clip holds the
//! action), BPCER on the genuine clips (ISO/IEC 30107-3: share of bona fide presentations
//! classified as attacks, here decision `fail`), and bad input (frames out of order, duplicated
//! timestamps, a different size mid-session): typed errors, no panic.
//!
//! The clips were not recorded for a challenge: the blink sessions rely on natural blinks (the
//! by-eye ground truth of `precheck_tests::blinks` places each session so that a blink follows
//! the prompt) and the open-mouth session on d3's wide opening; none of these clips holds a turn
//! for 1.8 s (the real held turns of `liveness_clips/` are played in `liveness_clips.rs`; scripted
//! streams in `core::liveness::sequence`).

use precheck_core::liveness::{ActionPhase, ChallengeKind, LivenessDecision, Verdict};
use precheck_core::session::{SessionResult, SessionState};
use precheck_core::{Frame, PixelFormat, PrecheckError, PromptCode, SelfieOptions};
use precheck_tests::blinks::{match_blinks, DetectionKind, GENUINE_BLINKS};
use precheck_tests::clip_protocol::{apply, reframe_for, Reframe};
use precheck_tests::session::{run_session, run_session_with};
use precheck_tests::*;

const FPS: u32 = 15;

/// Genuine clips: talking heads (most with natural blinks).
const GENUINE: [&str; 10] = [
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4",
    "videos/OpenTalker+video-retalking/examples/face/1.mp4",
    "videos/OpenTalker+video-retalking/examples/face/2.mp4",
    "videos/OpenTalker+video-retalking/examples/face/3.mp4",
    "videos/OpenTalker+video-retalking/examples/face/4.mp4",
    "videos/OpenTalker+video-retalking/examples/face/5.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d10.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d14.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d19.mp4",
    "videos/KwaiVGI+LivePortrait/assets/examples/driving/d20.mp4",
];

#[test]
fn genuine_clips_blink_sessions_and_bpcer() {
    const T: &str = "genuine_clips_blink_sessions_and_bpcer";
    let Some(engine) = engine(T) else { return };
    let (mut fails, mut passive_spoof, mut blink_passed, mut n) = (0, 0, 0, 0);
    let (mut live_models, mut live_fused, mut cue_flags) = (0, 0, 0);
    for clip in GENUINE {
        let Some(frames) = video_frames(T, clip, FPS) else {
            return;
        };
        let images = frames.iter().take(8 * FPS as usize).map(|p| load_image(p));
        let (_, r) = run_session(engine, images, FPS, &[ChallengeKind::Blink], "genuine");
        n += 1;
        fails += usize::from(r.decision == LivenessDecision::Fail);
        passive_spoof += usize::from(r.passive.verdict == Verdict::Spoof);
        blink_passed += usize::from(r.challenges[0].passed);
        live_models += usize::from(r.passive_cues.models == Verdict::Live);
        live_fused += usize::from(r.passive.verdict == Verdict::Live);
        cue_flags += usize::from(r.passive_cues.screen_flagged || r.passive_cues.print_flagged);
        eprintln!(
            "{clip}: {} | blink {} ({:?}) | passive {:?} {:?} cues screen {:?} print {:?} | depth {:?} | identity {:?} {:?} | reasons {:?}",
            r.decision.as_str(),
            r.challenges[0].passed,
            r.challenges[0].reason,
            r.passive.verdict,
            r.passive.score,
            r.passive_cues.screen,
            r.passive_cues.print,
            r.depth.verdict,
            r.identity.continuity,
            r.identity.min_similarity,
            r.reasons
        );
        // Whatever else happens, a genuine person is never a different person.
        assert_ne!(
            r.identity.continuity,
            precheck_core::liveness::Continuity::Different,
            "{clip}"
        );
    }
    eprintln!(
        "first-8-s protocol (a blink session on each clip's first 8 s; nobody was asked to blink, so a miss is often no blink in the window): {blink_passed}/{n} blink passed; BPCER (decision fail) {fails}/{n}; passive spoof on genuine {passive_spoof}/{n}; passive live: models {live_models}/{n}, with screen/print cues {live_fused}/{n} (a cue flagged on {cue_flags}/{n})"
    );
    // Not every clip has a natural blink inside the 5 s window after the prompt (none seen by
    // eye in 2.mp4; 2.mp4 and 5.mp4 end 3.5 s after the prompt; d19's one blink is too shallow
    // for the detector; d20 could not be annotated): at least half pass (6/10 measured), and the
    // models reject none. `genuine_blink_sessions_with_the_blink_in_the_window` is the measure.
    assert!(
        blink_passed * 2 >= n,
        "blink passed only {blink_passed}/{n}"
    );
    assert!(
        passive_spoof * 10 <= n,
        "passive calls {passive_spoof}/{n} genuine clips spoof"
    );
    // The screen and print cues leave genuine sessions alone (≤ 10 % flagged).
    assert!(
        cue_flags * 10 <= n,
        "screen/print cue flagged {cue_flags}/{n} genuine sessions"
    );
}

/// The prompt should come this long before the by-eye blink (issue: "the action happens in the
/// window"; 1-3 s leaves a reaction time and stays well inside the 5 s response window).
const LEAD_S: (f32, f32) = (1.0, 3.0);

/// One windowed blink session's outcome.
struct WindowedSession {
    clip: &'static str,
    blink_s: f32,
    /// Clip time of the first frame and of the blink prompt (None: never prompted).
    start_s: f32,
    prompt_s: Option<f32>,
    result: SessionResult,
    /// Blink events the detector reported after the prompt (onset, end; clip seconds).
    detected: Vec<(f32, f32)>,
    /// What the accepted blink was by the ground truth (a listed blink, or a false trigger).
    accepted: Option<DetectionKind>,
}

/// Plays `frames[start..]` (15 fps) up to `until_s` clip time through a blink-only session.
fn blink_session(
    engine: &precheck_core::Engine,
    frames: &[std::path::PathBuf],
    reframe: &Reframe,
    start_s: f32,
    until_s: f32,
) -> (Option<f32>, SessionResult, Vec<(f32, f32)>) {
    let first = (start_s * FPS as f32).round() as usize;
    let last = ((until_s * FPS as f32).round() as usize).min(frames.len());
    let images = frames[first.min(last)..last]
        .iter()
        .map(|p| apply(reframe, load_image(p)));
    let mut options = SelfieOptions::new("blink-window");
    options.challenges = vec![ChallengeKind::Blink];
    let (updates, result) = run_session_with(engine, images, FPS, options);
    let clip_s = |t_ms: i64| first as f32 / FPS as f32 + t_ms as f32 / 1000.0;
    let prompt = updates
        .iter()
        .find(|u| {
            u.prompt
                .as_ref()
                .is_some_and(|p| p.code == PromptCode::Blink)
        })
        .map(|u| clip_s(u.t_ms));
    let detected = updates
        .iter()
        .flat_map(|u| &u.events)
        .filter(|e| e.kind == ChallengeKind::Blink && e.phase == ActionPhase::Complete)
        .map(|e| (clip_s(e.onset_ms), clip_s(e.t_ms)))
        .filter(|(_, end)| prompt.is_some_and(|p| *end >= p))
        .collect();
    (prompt, result, detected)
}

/// Genuine blink sessions where the blink happens in the window: for every by-eye blink of
/// `precheck_tests::blinks`, a session whose frames start so that the prompt (which comes once
/// the face is ready and neutral) falls 1-3 s before that blink. The start is chosen from the
/// ground truth and the prompt time the session reports, never from the detector. BPCER
/// (ISO/IEC 30107-3): bona fide presentations decided `fail`.
#[test]
fn genuine_blink_sessions_with_the_blink_in_the_window() {
    const T: &str = "genuine_blink_sessions_with_the_blink_in_the_window";
    let Some(engine) = engine(T) else { return };
    let mut sessions: Vec<WindowedSession> = Vec::new();
    let mut excluded: Vec<String> = Vec::new();
    for truth in &GENUINE_BLINKS {
        if truth.blinks_s.is_empty() {
            continue;
        }
        let Some(frames) = video_frames(T, truth.clip, FPS) else {
            return;
        };
        let clip_end = frames.len() as f32 / FPS as f32;
        // The clip protocol's re-framing, one rectangle for the whole clip: the user who
        // obeyed a framing prompt (d14's face fills the frame, too close).
        let reframe = reframe_for(engine, &frames);
        eprintln!("  {}: {reframe}", short(truth.clip));
        for &blink in truth.blinks_s {
            // First guess: the prompt ~0.4 s after the first frame, 2 s before the blink; then
            // move the start by the measured error (twice at most). The delay to the prompt
            // varies (the face must be neutral for 300 ms: talking opens the mouth), so if that
            // does not land, scan starts 0.4 s apart from 1.3 s before the blink backwards.
            let mut tried: Vec<f32> = Vec::new();
            let mut start = (blink - 2.0 - 0.4).max(0.0);
            let mut scan = (0..8).map(|k| (blink - 1.3 - 0.4 * k as f32).max(0.0));
            let (start, prompt, result, detected, in_window) = loop {
                tried.push(start);
                let (prompt, result, detected) = blink_session(
                    engine,
                    &frames,
                    &reframe,
                    start,
                    (blink + 4.2).min(clip_end),
                );
                let lead = prompt.map(|p| blink - p);
                let in_window = lead.is_some_and(|l| (LEAD_S.0..=LEAD_S.1).contains(&l));
                // The prompt cannot come early enough: even the clip's first frame is too late.
                let too_early = start == 0.0 && lead.is_some_and(|l| l < LEAD_S.0);
                let guess = lead.map(|l| (start + (l - 2.0)).max(0.0));
                let untried = |c: &f32| tried.iter().all(|t| (t - c).abs() > 0.05);
                let next = match guess {
                    _ if in_window || too_early => None,
                    Some(g) if tried.len() < 3 && untried(&g) => Some(g),
                    _ => scan.find(untried),
                };
                match next {
                    Some(n) => start = n,
                    None => break (start, prompt, result, detected, in_window),
                }
            };
            if !in_window {
                // Without a prompt: what the session showed instead.
                let mut shown: Vec<&str> = result
                    .prompts
                    .iter()
                    .filter_map(|p| p.code.map(|c| c.as_str()))
                    .collect();
                shown.dedup();
                excluded.push(format!(
                    "{} {blink:.2}s (prompt at {})",
                    short(truth.clip),
                    prompt.map_or(format!("none; shown {shown:?}"), |p| format!("{p:.2} s"))
                ));
                continue;
            }
            let c = &result.challenges[0];
            let accepted = c.start_ms.zip(c.end_ms).map(|(a, b)| {
                let span = (start + a as f32 / 1000.0, start + b as f32 / 1000.0);
                match_blinks(truth, &[span]).1[0]
            });
            sessions.push(WindowedSession {
                clip: truth.clip,
                blink_s: blink,
                start_s: start,
                prompt_s: prompt,
                result,
                detected,
                accepted,
            });
        }
    }
    let n = sessions.len();
    let count = |d: LivenessDecision| sessions.iter().filter(|s| s.result.decision == d).count();
    let passed = sessions
        .iter()
        .filter(|s| s.result.challenges[0].passed)
        .count();
    eprintln!("windowed blink sessions (15 fps, prompt 1-3 s before a by-eye blink): clip | blink s | start s | prompt s | blink challenge (on what, by the ground truth) | decision | detector blinks after the prompt | reasons");
    for s in &sessions {
        let c = &s.result.challenges[0];
        eprintln!(
            "  {} | {:.2} | {:.2} | {:.2} | {} {:?} latency {:?} on {:?} | {} | {:?} | {:?}",
            short(s.clip),
            s.blink_s,
            s.start_s,
            s.prompt_s.unwrap_or(f32::NAN),
            if c.passed { "passed" } else { "FAILED" },
            c.reason,
            c.latency_ms,
            s.accepted,
            s.result.decision.as_str(),
            s.detected,
            s.result.reasons
        );
    }
    let fails = count(LivenessDecision::Fail);
    let on_false = sessions
        .iter()
        .filter(|s| s.accepted.is_some_and(|k| k.is_false_trigger()))
        .count();
    eprintln!(
        "windowed blink sessions: n = {n}; blink challenge passed {passed}/{n} ({:.0} %; {on_false} of them on a detector false trigger); decisions pass {} / review {} / fail {fails}; BPCER (fail) {fails}/{n} = {:.1} %; not usable (no start puts the prompt 1-3 s before): {excluded:?}",
        100.0 * passed as f32 / n.max(1) as f32,
        count(LivenessDecision::Pass),
        count(LivenessDecision::Review),
        100.0 * fails as f32 / n.max(1) as f32,
    );
    assert!(n >= 20, "only {n} windowed sessions");
    assert!(
        passed as f32 >= 0.9 * n as f32,
        "blink passed only {passed}/{n}"
    );
    // The target, BPCER ≤ 5 % (measured 0/30 re-framed; 1/22 as recorded: d19's
    // shallow blink behind glasses, which the padding now leaves at LENS_DIRTY, unusable).
    assert!(
        fails * 20 <= n,
        "BPCER {fails}/{n} on windowed blink sessions"
    );
}

fn short(clip: &str) -> &str {
    clip.rsplit('/').next().unwrap_or(clip)
}

/// A genuine turn session on the one clip that turns past 25° (obama, TV news, 2.2 s), with the
/// hold set to 1.2 s through the documented policy option (`LivenessThresholds::turn_hold_ms`;
/// the default 1.8 s is longer than any turn here). Prints the three verdicts and the decision
/// for each direction. What it shows: the clip cannot make a passing session whatever the hold.
/// It opens turned right (yaw −29..−36° for 1.4 s), swings through frontal in ~0.15 s and ends
/// turned left for 0.5 s: there is never a neutral face for the 300 ms the session waits before
/// prompting, so no challenge is asked, and the passive models (frontal frames only) score
/// nothing. The depth check, which needs no prompt, reads the real turn as a head.
#[test]
fn genuine_turn_session_on_the_obama_clip_with_a_shorter_hold() {
    const T: &str = "genuine_turn_session_on_the_obama_clip_with_a_shorter_hold";
    const OBAMA: &str = "videos/cleardusk+3DDFA/demo@obama/obama.mp4";
    const NATIVE: u32 = 25;
    let Some(engine) = engine(T) else { return };
    let Some(frames) = video_frames(T, OBAMA, NATIVE) else {
        return;
    };
    let mut results = Vec::new();
    for kind in [ChallengeKind::TurnLeft, ChallengeKind::TurnRight] {
        let mut options = SelfieOptions::new("obama-turn");
        options.challenges = vec![kind];
        options.policy.challenges.turn_hold_ms = 1_200;
        let images = frames.iter().map(|p| load_image(p));
        let (updates, r) = run_session_with(engine, images, NATIVE, options);
        let prompt = updates
            .iter()
            .find(|u| u.prompt.as_ref().is_some_and(|p| p.code == kind.prompt()))
            .map(|u| u.t_ms);
        let yaws: Vec<String> = updates
            .iter()
            .filter_map(|u| u.sample.map(|s| format!("{:.0}", s.yaw)))
            .collect();
        eprintln!(
            "obama {kind} (hold 1.2 s, {NATIVE} fps): prompt at {prompt:?} ms; challenge {:?}; active {:?} passive {:?} {:?} (cues screen {:?} print {:?}) depth {:?} {:?} {:?}; identity {:?}; decision {}; reasons {:?}; yaw per frame {}",
            r.challenges[0],
            r.active.verdict,
            r.passive.verdict,
            r.passive.score,
            r.passive_cues.screen,
            r.passive_cues.print,
            r.depth.verdict,
            r.depth.score,
            r.depth.note,
            r.identity.continuity,
            r.decision.as_str(),
            r.reasons,
            yaws.join(" ")
        );
        results.push(r);
    }
    for r in &results {
        assert_eq!(r.depth.verdict, Verdict::Live, "{:?}", r.depth);
    }
}

#[test]
fn open_mouth_session_on_the_wide_opening_of_d3() {
    const T: &str = "open_mouth_session_on_the_wide_opening_of_d3";
    let Some(engine) = engine(T) else { return };
    let Some(frames) = video_frames(
        T,
        "videos/KwaiVGI+LivePortrait/assets/examples/driving/d3.mp4",
        FPS,
    ) else {
        return;
    };
    // From 7 s: the prompt comes once the face is ready and neutral; the opening is at ~10 s.
    let images = frames.iter().skip(7 * FPS as usize).map(|p| load_image(p));
    let (updates, r) = run_session(engine, images, FPS, &[ChallengeKind::OpenMouth], "d3");
    let prompted = updates
        .iter()
        .find(|u| {
            u.prompt
                .as_ref()
                .is_some_and(|p| p.code == precheck_core::PromptCode::OpenMouth)
        })
        .map(|u| u.t_ms);
    eprintln!(
        "d3 open_mouth session: prompted at {prompted:?} ms, result {:?}, decision {}, reasons {:?}",
        r.challenges[0],
        r.decision.as_str(),
        r.reasons
    );
    assert!(r.challenges[0].passed, "{:?}", r.challenges[0]);
}

#[test]
fn bad_input_is_refused_with_typed_errors() {
    const T: &str = "bad_input_is_refused_with_typed_errors";
    let Some(engine) = engine(T) else { return };
    let Some(frames) = video_frames(
        T,
        "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4",
        1,
    ) else {
        return;
    };
    let image = load_image(&frames[0]);
    let session = engine.start_selfie(SelfieOptions::new("bad-input"));
    let mut frame = Frame::packed(
        image.width(),
        image.height(),
        PixelFormat::Rgb8,
        image.as_bytes(),
    );
    frame.timestamp_ms = 1000;
    let first = session.push_frame(&frame).expect("first frame");
    assert!(first.face_found);
    // Duplicated timestamp, then an earlier one.
    assert!(matches!(
        session.push_frame(&frame),
        Err(PrecheckError::InvalidFrame(_))
    ));
    frame.timestamp_ms = 500;
    assert!(matches!(
        session.push_frame(&frame),
        Err(PrecheckError::InvalidFrame(_))
    ));
    // A different size mid-session.
    let small = crop(&image, 0, 0, image.width() / 2, image.height() / 2);
    let mut other = Frame::packed(
        small.width(),
        small.height(),
        PixelFormat::Rgb8,
        small.as_bytes(),
    );
    other.timestamp_ms = 2000;
    assert!(matches!(
        session.push_frame(&other),
        Err(PrecheckError::InvalidFrame(_))
    ));
    // A truncated buffer.
    let mut short = Frame::packed(
        image.width(),
        image.height(),
        PixelFormat::Rgb8,
        &image.as_bytes()[..100],
    );
    short.timestamp_ms = 3000;
    assert!(matches!(
        session.push_frame(&short),
        Err(PrecheckError::InvalidFrame(_))
    ));
    // The session still works after the refusals.
    frame.timestamp_ms = 4000;
    let next = session
        .push_frame(&frame)
        .expect("valid frame after refusals");
    assert_ne!(next.state, SessionState::Failed);
    let result = session.finish();
    assert_eq!(result.decision, LivenessDecision::Fail);
    assert_eq!(result.frames, 2);
    assert!(matches!(
        session.push_frame(&frame),
        Err(PrecheckError::InvalidInput(_))
    ));
}

#[test]
fn sessions_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<precheck_core::Session>();
}
