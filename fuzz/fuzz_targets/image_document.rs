//! Encoded image decode and the model-free document capture checks: arbitrary bytes (seeded
//! with small mutated real JPEG/PNG files) through `DocumentChecker::check_file` without an
//! engine (file checks, decode with limits, outline, rectification, capture checks; the portrait
//! search needs the face models and is skipped), then the MRZ step (`add_mrz`: MRZ OCR inside
//! the outline, parsing, expiry). Small decode limits keep each run fast.
#![no_main]

use libfuzzer_sys::fuzz_target;
use precheck_core::date::Date;
use precheck_core::document::mrz_step::add_mrz;
use precheck_core::document::{DocumentChecker, DocumentConfig, DocumentKind};
use precheck_core::frame::{decode_image_with_limits, header_dimensions};
use precheck_core::limits::DecodeLimits;
use precheck_core::PrecheckError;

const LIMITS: DecodeLimits = DecodeLimits {
    max_pixels: 1_000_000,
    max_side: 4_096,
};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let _ = header_dimensions(bytes);
    let kind = [
        DocumentKind::Passport,
        DocumentKind::IdCard,
        DocumentKind::DrivingLicence,
        DocumentKind::Unknown,
    ][selector as usize % 4];
    let config = DocumentConfig {
        decode_limits: LIMITS,
        ..DocumentConfig::default()
    };
    let mut checker = DocumentChecker::new(config);
    let mut report = match checker.check_file(None, bytes, kind) {
        Ok(report) => report,
        Err(
            PrecheckError::ImageDecode(_)
            | PrecheckError::ImageTooLarge { .. }
            | PrecheckError::InvalidFrame(_),
        ) => return,
        Err(other) => panic!("unexpected document error kind: {other}"),
    };
    assert!(report.fill_ratio.is_finite());
    if report.width == 0 {
        return; // FILE_FORMAT: nothing decoded
    }
    let image = match decode_image_with_limits(bytes, LIMITS) {
        Ok(image) => image,
        Err(e) => panic!("check_file decoded these bytes but decode_image refuses them: {e}"),
    };
    assert_eq!(
        (image.width(), image.height()),
        (report.width, report.height)
    );
    let today = Date::new(2026, 11, 23).expect("valid date");
    match add_mrz(&image, kind, today, &mut report) {
        Ok(()) | Err(PrecheckError::InvalidFrame(_)) => {}
        Err(other) => panic!("unexpected MRZ error kind: {other}"),
    }
});
