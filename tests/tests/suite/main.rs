//! The end-to-end suite on the real material in `../shared/data`, one module per area, linked
//! once (a binary per file linked tract 31 times). `privacy_log` stays a binary of its own: a
//! process has one logger, and it must hear only its own flow.

mod bad_input;
mod blink;
mod bundle_security;
mod calibration;
mod consistency;
mod demo_samples;
mod detection;
mod document;
mod flow;
mod flow_genuine;
mod frame_formats;
mod idnum;
mod landmarks;
mod layers;
mod limits;
mod liveness_attacks;
mod liveness_clips;
mod liveness_cues;
mod liveness_depth;
mod liveness_detectors;
mod liveness_passive;
mod liveness_session;
mod matching;
mod mrz;
mod mrz_image;
mod occlusion_real;
mod pose;
mod quality_eval;
mod quality_stream;
mod report_html;
mod soak;
mod specimen;
mod tracking;
