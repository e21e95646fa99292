//! Why an evaluation could not run (or one of its items was left out).

use std::path::PathBuf;

use precheck_core::PrecheckError;
use precheck_testkit::specimen::SpecimenError;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Image {
        path: PathBuf,
        source: PrecheckError,
    },
    #[error(transparent)]
    Core(#[from] PrecheckError),
    #[error("no face found")]
    NoFace,
    #[error("cannot read frames folder {}: {source} (make it with scripts/bench-frames)", dir.display())]
    FramesFolder {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("no PNG frames in {}", .0.display())]
    NoFrames(PathBuf),
    #[error("no benchmark frames: {0}; or pass --frames DIR (a folder of PNG frames)")]
    BenchFrames(String),
    #[error("render: {0}")]
    Specimen(#[from] SpecimenError),
    #[error("holder date")]
    HolderDate,
    #[error("card placement")]
    CardPlacement,
    #[error("no portrait found on the card (document found: {document_found})")]
    NoPortrait { document_found: bool },
    #[error("JPEG encoding: {0}")]
    Jpeg(#[from] image::ImageError),
    #[error("degenerate background")]
    DegenerateBackground,
}
