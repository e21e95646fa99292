//! The evaluations and benchmarks behind BENCHMARKS.md, as a library the `precheck eval`,
//! `bench` and `bench-document` commands call: each returns its figures (JSON for `--json`,
//! a text table otherwise) and reports its progress to a caller's callback; none prints.
//!
//! - [`face_match`]: ROC, EER and thresholds over the labelled face photos, the upstream pair
//!   lists, ID-document portraits, and [`card_portraits`] (each photo printed on a rendered
//!   card, photographed and checked as a document);
//! - [`frame_bench`]: per-stage timings on real selfie frames;
//! - [`document_bench`]: document-check timings at 1920×1080.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod card_portraits;
pub mod data;
pub mod document_bench;
pub mod engines;
pub mod error;
pub mod face_match;
pub mod frame_bench;
pub mod progress;
pub mod summary_json;

pub use error::EvalError;
pub use progress::Progress;
