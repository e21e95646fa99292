//! `precheck`: the desktop tool over precheck-core (DESIGN §4). Every command takes `--json`,
//! exits 0 when it ran and 2 on usage or input errors with one line on stderr.

mod analyze;
mod annotate;
mod bench;
mod bench_document;
mod document;
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
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Faces, landmarks, pose, eye and mouth openness of one photo.
    Analyze {
        image: PathBuf,
        /// Write a copy with box, mesh, 5 points and pose drawn on it.
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
        /// Folder of PNG frames of one resolution (default: build/bench-frames/640x480 and
        /// 1280x720, made by scripts/bench-frames).
        #[arg(long, value_name = "DIR")]
        frames: Vec<PathBuf>,
        /// Frames to time (all when 0).
        #[arg(long, default_value_t = 0)]
        limit: usize,
    },
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
            analyze::run(&models, &image, annotate.as_deref(), cli.json)
        }
        Command::Document {
            image,
            kind,
            annotate,
            rectified,
            max_file_mb,
        } => match kind.parse() {
            Ok(kind) => document::run(
                &models,
                &image,
                &document::Options {
                    kind,
                    annotate: annotate.as_deref(),
                    rectified: rectified.as_deref(),
                    max_file_mb,
                },
                cli.json,
            ),
            Err(e) => Err(UserError(e)),
        },
        Command::BenchDocument { data, repeats } => {
            bench_document::run(&models, data.as_deref(), repeats, cli.json)
        }
        Command::Bench { frames, limit } => bench::run(&models, &frames, limit, cli.json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(UserError(message)) => {
            eprintln!("precheck: {message}");
            ExitCode::from(2)
        }
    }
}
