//! The parts of the `precheck` tool other crates use (the end-to-end tests, the demo): the
//! specimen ID card renderer and the self-contained HTML report. The commands themselves stay
//! in the `precheck` binary.

pub mod glyphs;
pub mod report_html;
pub mod specimen;
