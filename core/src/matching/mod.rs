//! Face matching: five-point alignment to the ArcFace template, MobileFaceNet embeddings,
//! cosine similarity and a calibrated three-way decision (`match`, `no_match`, `review`).

pub mod align;
pub mod batch;
pub mod compare;
pub mod embed;
pub mod roc;
pub mod thresholds;

pub use align::{AlignmentMethod, ARCFACE_TEMPLATE};
pub use batch::{match_rows, parse_pairs_csv, PairOutcome, PairRow};
pub use compare::{compare, cosine_similarity, decide, Decision, MatchResult};
pub use embed::{Embedding, FaceEmbedder, EMBEDDING_DIM};
pub use roc::{OperatingPoint, Roc};
pub use thresholds::MatchThresholds;
