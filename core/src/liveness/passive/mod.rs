//! The passive verdict: presentation-attack models on face crops ([`models`]) and, beside them,
//! the screen-replay and print cues ([`cues`]) on the face at a fixed scale.

pub mod border;
pub mod cue_crop;
pub mod cues;
pub mod models;
pub mod print_cue;
pub mod screen_cue;

pub use cues::{cue_evidence, CueEvidence, CueReport, CueScratch};
pub use models::{
    FaceAntiSpoofing, MiniFasNet, PadModel, PadScratch, PadSlot, PassiveAggregator, PassiveSample,
};
