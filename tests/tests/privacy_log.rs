//! Nothing biometric in the log, even at trace level: a capturing logger (the `log` facade,
//! test-only) records every message of a whole real flow — a selfie liveness session on a real
//! clip, a face match of two real photos, a document check with its MRZ step on a real
//! specimen, and refused input — and the records are searched for:
//! - runs of 6 or more numbers in one message (embedding values, landmark or mesh coordinate
//!   dumps, pixel bytes — a face box is 4 numbers, a size 2);
//! - Debug dumps of the biometric types (`Embedding(`, `FaceMesh`, `Point3`, `RgbImage`,
//!   `landmarks5`, `points:`);
//! - any value of the real embeddings (both photos and the selfie) written to 5 decimals or in
//!   full.
//!
//! The log must not be empty (so the search has something to find), and the detector is checked
//! on a synthetic dump first (so it can fail).
//!
//! One test per binary: a process has one logger. The engine is loaded before the capture starts:
//! while it optimises the graphs tract traces model weights (not biometric).

use std::sync::Mutex;

use log::{Level, LevelFilter, Log, Metadata, Record};
use precheck_core::date::Date;
use precheck_core::document::{DocumentChecker, DocumentConfig, DocumentKind};
use precheck_core::liveness::ChallengeKind;
use precheck_core::{Frame, PixelFormat};
use precheck_tests::session::run_session;
use precheck_tests::*;

static RECORDS: Mutex<Vec<(Level, String, String)>> = Mutex::new(Vec::new());

struct Capture;

impl Log for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &Record<'_>) {
        let mut records = RECORDS.lock().unwrap_or_else(|e| e.into_inner());
        records.push((
            record.level(),
            record.target().to_string(),
            record.args().to_string(),
        ));
    }
    fn flush(&self) {}
}

static LOGGER: Capture = Capture;

/// The longest run of consecutive tokens that are numbers (separators: space, comma, brackets,
/// parentheses, semicolons, colons and `x`-free punctuation).
fn longest_number_run(message: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for token in message
        .split(|c: char| c.is_whitespace() || ",;:()[]{}=".contains(c))
        .filter(|t| !t.is_empty())
    {
        if token.trim_end_matches(['%', 's']).parse::<f64>().is_ok() {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

const DUMP_MARKERS: [&str; 6] = [
    "Embedding(",
    "FaceMesh",
    "Point3",
    "RgbImage",
    "landmarks5",
    "points:",
];

/// Why `message` looks biometric, if it does.
fn biometric(message: &str, embeddings: &[Vec<f32>]) -> Option<String> {
    let run = longest_number_run(message);
    if run >= 6 {
        return Some(format!("a run of {run} numbers"));
    }
    if let Some(marker) = DUMP_MARKERS.iter().find(|m| message.contains(*m)) {
        return Some(format!("a dump of {marker}"));
    }
    for e in embeddings {
        for v in e.iter().filter(|v| v.abs() >= 0.01) {
            for text in [format!("{v:.5}"), format!("{v}")] {
                if message.contains(&text) {
                    return Some(format!("embedding value {text}"));
                }
            }
        }
    }
    None
}

#[test]
fn nothing_biometric_is_logged_during_a_whole_flow() {
    const T: &str = "nothing_biometric_is_logged_during_a_whole_flow";
    const CLIP: &str =
        "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4";
    const PASSPORT: &str = "id_docs/Arg0s1080+mrz/docs/images/passports/ICAO_Example.png";
    // The detector fires on what it must catch.
    let fake = vec![0.0123f32, -0.0456, 0.0789, 0.1011, -0.1213, 0.1415, 0.51234];
    assert!(biometric(&format!("embedding {fake:?}"), &[]).is_some());
    assert!(biometric("pixels 12, 40, 255, 0, 3, 9, 77", &[]).is_some());
    assert!(biometric("mesh FaceMesh { points: [] }", &[]).is_some());
    assert!(biometric("similarity 0.51234", std::slice::from_ref(&fake)).is_some());
    assert!(biometric("face 640x480 box 10 20 30 40 score 0.91", &[]).is_none());

    // The engine loads first: tract traces the model's weights (constants) while it optimises
    // the graphs. Weights are not biometric; everything after loading is captured.
    let Some(engine) = engine(T) else { return };
    log::set_logger(&LOGGER).expect("the only logger of this test binary");
    log::set_max_level(LevelFilter::Trace);

    let Some(data) = require_data(T, &[CLIP, PASSPORT, "faces_pairs/IDENTITIES.csv"]) else {
        return;
    };
    let Some(frames) = video_frames(T, CLIP, 15) else {
        return;
    };
    // 1. A selfie liveness session (blink and turn asked: the turn is not done, so the attempt
    //    fails and its failure paths log too).
    let images: Vec<_> = frames.iter().take(60).map(|p| load_image(p)).collect();
    let (_, result) = run_session(
        engine,
        images.iter().cloned(),
        15,
        &[ChallengeKind::Blink, ChallengeKind::TurnLeft],
        "privacy",
    );
    assert_eq!(result.frames, 60);
    // 2. A face match of two real photos.
    let photos = single_face_photos(&data);
    let a = load_image(&data.join(&photos[0]));
    let b = load_image(&data.join(&photos[1]));
    let matched = engine.match_images(&a, &b).expect("faces in both photos");
    let embeddings: Vec<Vec<f32>> = [&a, &b, &images[0]]
        .iter()
        .map(|image| {
            engine
                .embed_largest_face(image)
                .expect("face")
                .as_slice()
                .to_vec()
        })
        .collect();
    // 3. A document check with the MRZ step, on a real specimen.
    let bytes = std::fs::read(data.join(PASSPORT)).expect("read the specimen");
    let today = Date::new(2026, 11, 23).expect("date");
    let _report = engine
        .check_document(&bytes, DocumentKind::Passport, Some(today))
        .expect("document check with the MRZ step");
    let mut checker = DocumentChecker::new(DocumentConfig::default());
    let _ = checker.check_file(None, b"%PDF-1.7", DocumentKind::IdCard);
    // 4. Refused input.
    let _ = engine.analyze_frame(&Frame::packed(640, 480, PixelFormat::Nv21, &[0; 10]));
    let _ = engine.decode_image(&bytes[..bytes.len() / 2]);

    let records = RECORDS.lock().unwrap_or_else(|e| e.into_inner()).clone();
    eprintln!(
        "{} log records (similarity {:.3}); by level: {:?}",
        records.len(),
        matched.similarity,
        [
            Level::Error,
            Level::Warn,
            Level::Info,
            Level::Debug,
            Level::Trace
        ]
        .map(|l| records.iter().filter(|r| r.0 == l).count())
    );
    let ours: Vec<_> = records
        .iter()
        .filter(|r| r.1.starts_with("precheck"))
        .collect();
    eprintln!("{} records from precheck itself:", ours.len());
    for (level, target, message) in ours.iter().take(40) {
        eprintln!("  {level} {target}: {message}");
    }
    assert!(
        records.len() >= 5,
        "too few log records ({}) for the search to mean anything",
        records.len()
    );
    let flagged: Vec<String> = records
        .iter()
        .filter_map(|(level, target, message)| {
            biometric(message, &embeddings).map(|why| format!("{level} {target}: {why}: {message}"))
        })
        .collect();
    assert!(
        flagged.is_empty(),
        "biometric data in the log:\n{}",
        flagged.join("\n")
    );
}
