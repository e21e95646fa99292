//! Whole sessions on the real footage of `liveness_clips/`: genuine people turning and blinking,
//! and real replays of people on a feature phone, a smartphone and a laptop screen, each played
//! by the clip protocol of `precheck_tests::clip_protocol` (window where the action is due,
//! re-framing for the user who obeyed a framing prompt, the clip's own challenge order). One
//! line per session says what was done and what came out (BENCHMARKS.md "Liveness" → "Real
//! clips").

use precheck_core::liveness::{ChallengeKind, LivenessDecision, Verdict};
use precheck_core::PromptCode;
use precheck_tests::clip_protocol::{run_clip_session, ClipOutcome, ClipSession, Presenter};
use precheck_tests::*;

use ChallengeKind::{Blink, TurnLeft, TurnRight};

const ZUBAIR_REAL: &str = "liveness_clips/ZubairCracksCode+anit-spoofing/videos/real.mov";
const ZUBAIR_FAKE: &str = "liveness_clips/ZubairCracksCode+anit-spoofing/videos/fake.mp4";
const HEADSCARF: &str = "liveness_clips/shenasa-ai+head-pose-estimation/sample.gif";
const BLINKS: &str = "liveness_clips/repeating+Blink-Detector/video.mp4";
const OFFICE_REAL: &str = "liveness_clips/lestari15+CNN-face-detection/videos/real.mp4";
const OFFICE_FAKE: &str = "liveness_clips/lestari15+CNN-face-detection/videos/fake.mp4";
const LAPTOP_FAKE: &str =
    "liveness_clips/Manikantha-M+Face-Liveness-detection-using-Deeplearning-and-OpenCV/videos/fake.mp4";

/// Every windowed session the clips allow (times from the MANIFEST's timelines).
pub const SESSIONS: [ClipSession; 10] = [
    ClipSession {
        name: "turns",
        clip: ZUBAIR_REAL,
        presenter: Presenter::Genuine,
        fps: 15,
        challenges: &[TurnRight, TurnLeft],
        from_s: 4.2,
        to_s: 13.3,
        note: "head tilts 4.8-6.6, turn right 6.8-8.8 (to -56°, face lost near profile), \
               turn left 9.2-11.6 (to +65°)",
    },
    ClipSession {
        name: "short turns",
        clip: HEADSCARF,
        presenter: Presenter::Genuine,
        fps: 10,
        challenges: &[TurnLeft, TurnRight],
        from_s: 0.0,
        to_s: 3.4,
        note: "turns held 0.6-0.8 s (left 0.7-1.3, right 1.9-2.6), the first 0.7 s after the \
               clip starts",
    },
    ClipSession {
        name: "blink 1.7 s",
        clip: BLINKS,
        presenter: Presenter::Genuine,
        fps: 15,
        challenges: &[Blink],
        from_s: 0.6,
        to_s: 3.0,
        note: "one blink at 1.7",
    },
    ClipSession {
        name: "blink 3.5 s",
        clip: BLINKS,
        presenter: Presenter::Genuine,
        fps: 15,
        challenges: &[Blink],
        from_s: 2.0,
        to_s: 4.3,
        note: "one blink at 3.5",
    },
    ClipSession {
        name: "blink 4.7 s",
        clip: BLINKS,
        presenter: Presenter::Genuine,
        fps: 15,
        challenges: &[Blink],
        from_s: 3.8,
        to_s: 5.6,
        note: "one blink at 4.7",
    },
    ClipSession {
        name: "blink 9.3 s",
        clip: BLINKS,
        presenter: Presenter::Genuine,
        fps: 15,
        challenges: &[Blink],
        from_s: 8.2,
        to_s: 9.9,
        note: "eyes reopen at 8.1, one blink at 9.3",
    },
    ClipSession {
        name: "dim office",
        clip: OFFICE_REAL,
        presenter: Presenter::Genuine,
        fps: 15,
        challenges: &[],
        from_s: 0.0,
        to_s: 3.8,
        note: "no action, frontal, dim office",
    },
    ClipSession {
        name: "feature-phone replay",
        clip: ZUBAIR_FAKE,
        presenter: Presenter::Attack("real feature-phone replay"),
        fps: 15,
        challenges: &[TurnRight, TurnLeft],
        from_s: 1.6,
        to_s: 10.5,
        note: "the turning man's face on a keypad phone, frontal 2.5-6.0, then the phone turns \
               sideways (no face)",
    },
    ClipSession {
        name: "smartphone replay",
        clip: OFFICE_FAKE,
        presenter: Presenter::Attack("real phone replay"),
        fps: 15,
        challenges: &[TurnRight, TurnLeft],
        from_s: 0.0,
        to_s: 2.6,
        note: "the office man's face in a phone app, frontal",
    },
    ClipSession {
        name: "laptop replay",
        clip: LAPTOP_FAKE,
        presenter: Presenter::Attack("real laptop replay"),
        fps: 10,
        challenges: &[TurnRight, TurnLeft],
        from_s: 0.0,
        to_s: 14.5,
        note: "a selfie video on a laptop screen, small head motion",
    },
];

fn describe(o: &ClipOutcome) -> String {
    let r = &o.result;
    let challenges: Vec<String> = r
        .challenges
        .iter()
        .map(|c| match (c.passed, c.reason) {
            (true, _) => format!("{} passed", c.kind.as_str()),
            (false, Some(why)) => format!("{} {why:?}", c.kind.as_str()),
            (false, None) => format!("{} not asked", c.kind.as_str()),
        })
        .collect();
    let prompts: Vec<String> = r
        .prompts
        .iter()
        .map(|p| {
            let code = p.code.map_or("-", |c| c.as_str());
            format!("{:.1} {code}", p.t_ms as f32 / 1000.0)
        })
        .collect();
    format!(
        "{:<21} {:<4} {:<8} {:>3} frames, {}, nonce {} | {} {:?} | {} | passive {} {:?} (screen {}, print {}) | depth {} | prompts {} | note: {}",
        o.session.name,
        o.session.part().name(),
        match o.session.presenter {
            Presenter::Genuine => "genuine",
            Presenter::Attack(_) => "attack",
        },
        o.frames,
        o.reframe,
        o.nonce,
        r.decision.as_str(),
        r.reasons,
        challenges.join(", "),
        r.passive.verdict.as_str(),
        r.passive.score,
        r.passive_cues.screen_flagged,
        r.passive_cues.print_flagged,
        r.depth.verdict.as_str(),
        prompts.join(", "),
        o.session.note,
    )
}

#[test]
fn real_clip_sessions_genuine_pass_and_replays_do_not() {
    const T: &str = "real_clip_sessions_genuine_pass_and_replays_do_not";
    let Some(engine) = engine(T) else { return };
    let mut outcomes = Vec::new();
    for s in &SESSIONS {
        let Some(o) = run_clip_session(engine, T, s) else {
            return;
        };
        eprintln!("{}", describe(&o));
        outcomes.push(o);
    }
    let by_name = |name: &str| {
        outcomes
            .iter()
            .find(|o| o.session.name == name)
            .expect("session listed")
    };
    // The turning man: both turns, in his order, and a pass.
    let turns = &by_name("turns").result;
    assert!(
        turns.challenges.iter().all(|c| c.passed),
        "{:?}",
        turns.challenges
    );
    assert_eq!(
        turns.decision,
        LivenessDecision::Pass,
        "{:?}",
        turns.reasons
    );
    // A turned face is narrower: no "move closer" while he turns as asked.
    assert!(
        !turns
            .prompts
            .iter()
            .any(|p| p.code == Some(PromptCode::FaceTooFar)),
        "{:?}",
        turns.prompts
    );
    // The phone selfie's four windowed blinks pass their challenge (4/4 measured; review only
    // for depth: a blink-only session has no turn).
    for o in outcomes
        .iter()
        .filter(|o| o.session.name.starts_with("blink"))
    {
        assert!(o.result.challenges[0].passed, "{}", o.session.name);
        assert_eq!(o.result.reasons, ["depth_unsure"], "{}", o.session.name);
    }
    // Every real replay: the passive check calls it a spoof (3/3 measured).
    for o in &outcomes {
        if let Presenter::Attack(_) = o.session.presenter {
            assert_eq!(
                o.result.passive.verdict,
                Verdict::Spoof,
                "{}",
                o.session.name
            );
        }
    }
    // No replay passes; and no genuine session is called a spoof by the active check.
    for o in &outcomes {
        match o.session.presenter {
            Presenter::Attack(_) => assert_ne!(
                o.result.decision,
                LivenessDecision::Pass,
                "{}",
                o.session.name
            ),
            Presenter::Genuine => assert_ne!(
                o.result.active.verdict,
                Verdict::Spoof,
                "{}",
                o.session.name
            ),
        }
    }
}
