//! `precheck`: the desktop tool over precheck-core (DESIGN §4). Every command takes `--json`,
//! exits 0 when it ran and 2 on usage or input errors with one line on stderr.

mod analyze;
mod annotate;
mod bench;
mod eval_match;
mod face_match;
mod glyphs;
mod liveness;
mod liveness_plot;
mod report;

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
    /// Per-stage speed on real frames, single thread (median and p95).
    Bench {
        /// Folder of PNG frames of one resolution (default: build/bench-frames/640x480 and
        /// 1280x720, made by scripts/bench-frames).
        #[arg(long, value_name = "DIR")]
        frames: Vec<PathBuf>,
        /// Frames to time (all when 0).
        #[arg(long, default_value_t = 0)]
        limit: usize,
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
        .map_err(|e: precheck_core::i18n::UnsupportedLanguage| e.to_string())
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
        Command::Eval {
            what: EvalCommand::Match { data },
        } => eval_match::run(&models, data.as_deref(), cli.json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(UserError(message)) => {
            eprintln!("precheck: {message}");
            ExitCode::from(2)
        }
    }
}
