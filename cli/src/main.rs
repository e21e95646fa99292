//! `precheck`: the desktop tool over precheck-core (DESIGN §4). Every command takes `--json`,
//! exits 0 when it ran and 2 on usage or input errors with one line on stderr.

mod analyze;
mod annotate;
mod bench;
mod bench_document;
mod demo;
mod document;
mod eval;
mod face_match;
mod idnum;
mod keygen;
mod liveness;
mod liveness_plot;
mod mrz;
mod progress_line;
mod report;
mod session;
mod specimen_cmd;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "precheck", version, about = "On-device KYC pre-checks")]
struct Cli {
    /// Model folder (default: $PRECHECK_MODELS, ./models or the workspace's models/).
    #[arg(long, global = true)]
    models: Option<PathBuf>,
    /// Print one JSON object on stdout.
    #[arg(long, global = true)]
    json: bool,
    /// Language of prompt messages: en, zh-Hans, zh-Hant, ja, ko, es, fr (or a locale such as
    /// zh-TW, fr-CA).
    #[arg(long, global = true, default_value = "en", value_parser = parse_language)]
    lang: precheck_core::Language,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Faces, landmarks, pose, eye and mouth openness of one photo, and the selfie checks:
    /// issues and the one prompt to show (--lang for its language).
    Analyze {
        image: PathBuf,
        /// Write a copy with box, mesh, 5 points, pose, the failing check regions and the
        /// prompt drawn on it.
        #[arg(long, value_name = "OUT.png")]
        annotate: Option<PathBuf>,
    },
    /// Capture checks on a document photo: outline, framing, blur, glare, exposure, screen,
    /// photocopy, fingers, file format and size, and the portrait.
    Document {
        image: PathBuf,
        /// The document asked for (narrows the accepted shape).
        #[arg(long, default_value = "unknown", value_parser = ["passport", "id_card", "driving_licence", "unknown"])]
        kind: String,
        /// Write a copy with the outline and the portrait box drawn on it.
        #[arg(long, value_name = "OUT.png")]
        annotate: Option<PathBuf>,
        /// Write the rectified document.
        #[arg(long, value_name = "OUT.png")]
        rectified: Option<PathBuf>,
        /// FILE_TOO_LARGE above this size.
        #[arg(long, default_value_t = 5.0, value_name = "MB")]
        max_file_mb: f64,
        /// The date the MRZ expiry is judged against (default: today, UTC).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// A synthetic specimen ID card (TD1) or passport page (TD3) printed with the largest face
    /// of a real photo, labelled fields and a valid OCR-B MRZ; optionally photographed on a
    /// table (--scene).
    Specimen {
        /// The photo whose largest face becomes the portrait.
        portrait: PathBuf,
        #[arg(long, default_value = "td1", value_parser = ["td1", "td3"])]
        format: String,
        #[arg(long, value_name = "OUT.png")]
        out: PathBuf,
        /// Also write the document photographed on a wooden table (1600×1200, ~75 % fill).
        #[arg(long, value_name = "SCENE.png")]
        scene: Option<PathBuf>,
        #[arg(long, default_value = "Specimen")]
        surname: String,
        #[arg(long, default_value = "Demo")]
        given_names: String,
        #[arg(long, default_value = "D23145890")]
        number: String,
        #[arg(long, default_value = "UTO")]
        nationality: String,
        #[arg(long, default_value = "UTO")]
        issuing_state: String,
        #[arg(long, default_value = "1990-01-01", value_name = "YYYY-MM-DD")]
        birth: String,
        #[arg(long, default_value = "2031-12-31", value_name = "YYYY-MM-DD")]
        expiry: String,
        /// F, M or X.
        #[arg(long, default_value = "X")]
        sex: String,
    },
    /// Document-check speed at 1920×1080, single thread (median and p95).
    BenchDocument {
        /// Evaluation data folder (default: $PRECHECK_DATA or ../shared/data).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// Timed passes over the 12 frames.
        #[arg(long, default_value_t = 5)]
        repeats: usize,
    },
    /// Per-stage speed on real frames, single thread (median and p95).
    Bench {
        /// Folder of PNG frames of one resolution (default: the workspace's
        /// build/bench-frames/640x480 and 1280x720, made by scripts/bench-frames from the
        /// shared videos first when missing).
        #[arg(long, value_name = "DIR")]
        frames: Vec<PathBuf>,
        /// Frames to time (all when 0).
        #[arg(long, default_value_t = 0)]
        limit: usize,
    },
    /// Parse and check a machine-readable zone: "LINE1\nLINE2[\nLINE3]" (literal \n or real
    /// newlines).
    Mrz {
        /// The MRZ text.
        #[arg(required_unless_present = "image")]
        text: Option<String>,
        /// Read the MRZ from a document photo instead.
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        image: Option<PathBuf>,
        /// The date expiry is judged against (default: today, UTC).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        /// No OCR repairs: check the text exactly as given.
        #[arg(long)]
        strict: bool,
    },
    /// Check a national identity number (CN: resident ID, 15-digit form, HK/Macau/Taiwan
    /// residence permits).
    Idnum {
        /// Country (CN).
        country: String,
        number: String,
        /// The date birth dates are judged against (default: today, UTC).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Compare the largest face of two images: similarity and match / no_match / review.
    Match {
        /// IMAGE_A IMAGE_B (or none with --pairs).
        #[arg(value_name = "IMAGE")]
        images: Vec<PathBuf>,
        /// CSV with header `a,b`: one comparison per row, paths relative to the CSV's folder.
        #[arg(long, value_name = "PAIRS.csv")]
        pairs: Option<PathBuf>,
    },
    /// Liveness session over a folder of frames (PNG/JPEG in name order) or a VIDEO file
    /// (frames extracted at --fps with an installed ffmpeg, which must be on PATH). Challenges
    /// are asked in an order drawn from --nonce; `--challenges none` runs only the passive and
    /// quality parts. Frame times are index / fps.
    Liveness {
        #[arg(value_name = "FRAMES_DIR|VIDEO")]
        input: PathBuf,
        /// Comma-separated: blink, turn_left, turn_right, open_mouth, nod; or `none`.
        #[arg(long, default_value = "blink,turn_left,turn_right,open_mouth")]
        challenges: String,
        /// Frame rate: the timestamps of a folder's frames, the extraction rate of a video.
        #[arg(long, default_value_t = 15.0)]
        fps: f32,
        /// Server nonce the challenge order is drawn from.
        #[arg(long, default_value = "precheck-cli")]
        nonce: String,
        /// Also print per-frame signals (yaw, pitch, eyes, mouth), detector events and passive
        /// scores (`timeline` in the JSON).
        #[arg(long)]
        timeline: bool,
        /// Write every frame with its prompt (DIR/fNNNNN.png) and DIR/timeline.svg (eye and
        /// mouth openness, yaw, detector events, prompts, challenge windows).
        #[arg(long, value_name = "DIR")]
        annotate: Option<PathBuf>,
    },
    /// The whole KYC pre-check flow: document photo, typed data, selfie frames or video →
    /// decision and reasons; the evidence bundle written to --out (DESIGN §4).
    Session {
        #[arg(long, value_name = "IMAGE")]
        document: PathBuf,
        #[arg(long, value_name = "FRAMES_DIR|VIDEO")]
        selfie: PathBuf,
        #[arg(long, value_name = "BUNDLE.json")]
        out: PathBuf,
        #[arg(long, default_value = "unknown", value_parser = ["passport", "id_card", "driving_licence", "unknown"])]
        kind: String,
        /// What the user typed: surname=..,given_names=..,birth_date=..,document_number=..,nationality=..
        #[arg(long, value_name = "FIELDS")]
        typed: Option<String>,
        #[arg(long, default_value = "blink,turn_left,turn_right,open_mouth")]
        challenges: String,
        #[arg(long, default_value_t = 15.0)]
        fps: f32,
        #[arg(long, default_value = "precheck-cli")]
        nonce: String,
        /// Sign the bundle with this Ed25519 key (seed as hex; `precheck keygen` makes one).
        #[arg(long, value_name = "KEYFILE")]
        key: Option<PathBuf>,
        /// The per-deployment secret keying the document-number hash (≥ 16 bytes).
        #[arg(long, value_name = "FILE")]
        salt_file: Option<PathBuf>,
        /// Put the document photo and the matching frames into the bundle.
        #[arg(long)]
        include_images: bool,
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
        /// Retry state JSON: read before (cooldowns refuse the run), written after.
        #[arg(long, value_name = "FILE")]
        retry_state: Option<PathBuf>,
        /// Document capture time, Unix ms (default: now).
        #[arg(long, value_name = "MS")]
        now_ms: Option<i64>,
        /// Time from the document capture to the selfie start (over 15 min is refused).
        #[arg(long, default_value_t = 60_000, value_name = "MS")]
        selfie_delay_ms: i64,
    },
    /// Recomputes an evidence bundle's chain, seal and signature: {intact, field, reason}.
    Verify {
        #[arg(value_name = "BUNDLE.json")]
        bundle: PathBuf,
        /// The nonce issued for this attempt (a bundle with another is a replay).
        #[arg(long)]
        nonce: Option<String>,
        /// A trusted signing key (64 hex characters); repeat for several.
        #[arg(long = "public-key", value_name = "HEX")]
        public_keys: Vec<String>,
        #[arg(long)]
        require_signature: bool,
    },
    /// The whole flow on the sample material (scripts/fetch-samples): a specimen ID card with
    /// the sample portrait, the sample selfie clip, a signed bundle, and report.html.
    Demo {
        /// Folder with portrait.jpg and selfie.mp4 (default: build/samples).
        #[arg(long, value_name = "DIR")]
        samples: Option<PathBuf>,
        #[arg(long, value_name = "DIR", default_value = "build/demo")]
        out: PathBuf,
        /// Another portrait photo for the card.
        #[arg(long, value_name = "IMAGE")]
        portrait: Option<PathBuf>,
        /// Another selfie (frames folder or video).
        #[arg(long, value_name = "FRAMES_DIR|VIDEO")]
        selfie: Option<PathBuf>,
        /// The sample clip holds no requested action: none by default.
        #[arg(long, default_value = "none")]
        challenges: String,
        #[arg(long, default_value_t = 15.0)]
        fps: f32,
    },
    /// Makes an Ed25519 signing key for `session --key`.
    Keygen {
        #[arg(long, value_name = "KEYFILE")]
        out: PathBuf,
    },
    /// Evaluations on the labelled material in ../shared/data (tables for BENCHMARKS.md).
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Face matching: ROC, EER, thresholds and TAR at FMR 1e-2 / 1e-3 over every
    /// same/different pair of faces_pairs; mirror sanity; ID-document portraits.
    Match {
        /// Data folder (default: $PRECHECK_DATA, else ../shared/data beside the workspace).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
}

fn parse_language(s: &str) -> Result<precheck_core::Language, String> {
    s.parse()
        .map_err(|e: precheck_core::prompt::UnsupportedLanguage| e.to_string())
}

/// An error for the user: one line on stderr, exit code 2.
pub struct UserError(pub String);

impl<E: std::fmt::Display> From<E> for UserError {
    fn from(e: E) -> Self {
        UserError(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let models = cli
        .models
        .unwrap_or_else(precheck_core::models::default_model_dir);
    let result = match cli.command {
        Command::Analyze { image, annotate } => {
            analyze::run(&models, &image, annotate.as_deref(), cli.json, cli.lang)
        }
        Command::Document {
            image,
            kind,
            annotate,
            rectified,
            max_file_mb,
            today,
        } => match (kind.parse(), mrz::parse_today(today.as_deref())) {
            (Ok(kind), Ok(today)) => document::run(
                &models,
                &image,
                &document::Options {
                    kind,
                    annotate: annotate.as_deref(),
                    rectified: rectified.as_deref(),
                    max_file_mb,
                    today,
                    language: cli.lang,
                },
                cli.json,
            ),
            (Err(e), _) => Err(UserError(e)),
            (_, Err(e)) => Err(e),
        },
        Command::Specimen {
            portrait,
            format,
            out,
            scene,
            surname,
            given_names,
            number,
            nationality,
            issuing_state,
            birth,
            expiry,
            sex,
        } => specimen_cmd::run(
            &models,
            &specimen_cmd::SpecimenArgs {
                portrait: &portrait,
                format: &format,
                out: &out,
                scene: scene.as_deref(),
                surname: &surname,
                given_names: &given_names,
                number: &number,
                nationality: &nationality,
                issuing_state: &issuing_state,
                birth: &birth,
                expiry: &expiry,
                sex: &sex,
            },
            cli.json,
        ),
        Command::BenchDocument { data, repeats } => {
            bench_document::run(&models, data.as_deref(), repeats, cli.json)
        }
        Command::Bench { frames, limit } => bench::run(&models, &frames, limit, cli.json),
        Command::Match { images, pairs } => {
            face_match::run(&models, &images, pairs.as_deref(), cli.json)
        }
        Command::Liveness {
            input,
            challenges,
            fps,
            nonce,
            timeline,
            annotate,
        } => liveness::run(
            &models,
            &liveness::LivenessArgs {
                input: &input,
                challenges: &challenges,
                fps,
                nonce: &nonce,
                timeline,
                annotate: annotate.as_deref(),
            },
            cli.json,
            cli.lang,
        ),
        Command::Session {
            document,
            selfie,
            out,
            kind,
            typed,
            challenges,
            fps,
            nonce,
            key,
            salt_file,
            include_images,
            today,
            retry_state,
            now_ms,
            selfie_delay_ms,
        } => match (kind.parse(), mrz::parse_today(today.as_deref())) {
            (Ok(kind), Ok(today)) => session::run(
                &models,
                &session::SessionArgs {
                    document: &document,
                    selfie: &selfie,
                    out: &out,
                    kind,
                    typed: typed.as_deref(),
                    challenges: &challenges,
                    fps,
                    nonce: &nonce,
                    key: key.as_deref(),
                    salt_file: salt_file.as_deref(),
                    include_images,
                    today,
                    retry_state: retry_state.as_deref(),
                    now_ms,
                    selfie_delay_ms,
                },
                cli.json,
                cli.lang,
            ),
            (Err(e), _) => Err(UserError(e)),
            (_, Err(e)) => Err(e),
        },
        Command::Verify {
            bundle,
            nonce,
            public_keys,
            require_signature,
        } => verify::run(
            &verify::VerifyArgs {
                bundle: &bundle,
                nonce: nonce.as_deref(),
                public_keys: &public_keys,
                require_signature,
            },
            cli.json,
        ),
        Command::Keygen { out } => keygen::run(&out, cli.json),
        Command::Demo {
            samples,
            out,
            portrait,
            selfie,
            challenges,
            fps,
        } => demo::run(
            &models,
            &demo::DemoArgs {
                samples: &samples.unwrap_or_else(demo::default_samples),
                out: &out,
                portrait: portrait.as_deref(),
                selfie: selfie.as_deref(),
                challenges: &challenges,
                fps,
            },
            cli.json,
            cli.lang,
        ),
        Command::Eval {
            what: EvalCommand::Match { data },
        } => eval::run_match(&models, data.as_deref(), cli.json),
        Command::Mrz {
            text,
            image,
            today,
            strict,
        } => mrz::parse_today(today.as_deref()).and_then(|today| match (text, image) {
            (Some(text), _) => mrz::run(&text, today, strict, cli.json),
            (None, Some(image)) => mrz::run_image(&image, today, cli.json),
            (None, None) => Err(UserError("give the MRZ text or --image FILE".into())),
        }),
        Command::Idnum {
            country,
            number,
            today,
        } => mrz::parse_today(today.as_deref())
            .and_then(|today| idnum::run(&country, &number, today, cli.json)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(UserError(message)) => {
            eprintln!("precheck: {message}");
            ExitCode::from(2)
        }
    }
}
