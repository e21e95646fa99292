//! Synthetic test material built from real pixels, for the end-to-end tests, the evaluations
//! and the demo: the specimen ID card renderer (and its bitmap label font), document photos
//! composed and degraded in controlled ways, degraded selfie frames, and presentation attacks
//! built from real frames. Every random choice comes from one seeded generator ([`rng::Rng`]).
//! Depends on the core only; nothing here reads files or the evaluation data itself.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod attacks;
pub mod degrade;
pub mod doc_scenes;
pub mod glyphs;
mod pixels;
pub mod rng;
pub mod selfie;
pub mod specimen;
