//! Face matching on [`crate::face::Embedding`]s: cosine similarity and a calibrated three-way decision (`match`, `no_match`, `review`).

pub mod batch;
pub mod compare;
pub mod roc;
pub mod thresholds;

pub use batch::{match_images, match_rows, parse_pairs_csv, PairOutcome, PairRow};
pub use compare::{compare, cosine_similarity, decide, Decision, MatchResult};
pub use roc::{OperatingPoint, Roc};
pub use thresholds::MatchThresholds;
