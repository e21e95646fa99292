//! The part of the `precheck` tool other crates use (the end-to-end tests): the self-contained
//! HTML report. The commands themselves stay in the `precheck` binary.

pub mod report_html;
