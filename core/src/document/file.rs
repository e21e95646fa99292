//! Checks on the uploaded file itself: the format by content (FILE_FORMAT) and the size
//! (FILE_TOO_LARGE).

use crate::frame::{sniff_format, ContentFormat};
use crate::prompt::{Issue, PromptCode, Severity};

/// The file's format and the issues about the file.
pub fn check_file(bytes: &[u8], max_bytes: u64) -> (ContentFormat, Vec<Issue>) {
    let format = sniff_format(bytes);
    let mut issues = Vec::new();
    if !format.is_supported() {
        issues.push(Issue::new(PromptCode::FileFormat, Severity::Error, None));
    }
    if bytes.len() as u64 > max_bytes {
        let megabytes = bytes.len() as f32 / (1024.0 * 1024.0);
        issues.push(Issue::new(
            PromptCode::FileTooLarge,
            Severity::Error,
            Some(megabytes),
        ));
    }
    (format, issues)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_and_size_are_checked() {
        let (format, issues) = check_file(b"%PDF-1.5 ...", 1024);
        assert_eq!(format, ContentFormat::Other("PDF"));
        assert_eq!(issues[0].code, PromptCode::FileFormat);
        let big = [&[0xFF, 0xD8, 0xFF][..], &vec![0u8; 2048]].concat();
        let (format, issues) = check_file(&big, 1024);
        assert_eq!(format, ContentFormat::Jpeg);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, PromptCode::FileTooLarge);
    }
}
