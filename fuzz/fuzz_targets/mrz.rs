//! MRZ parsing and OCR repair on arbitrary text: `parse` (with repairs) and `parse_strict` must
//! return a report or a typed `MrzError`, never panic, for any text and any `today`; a report
//! then feeds `DocumentData::from_mrz`.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use precheck_core::consistency::DocumentData;
use precheck_core::date::Date;
use precheck_core::mrz;

#[derive(Arbitrary, Debug)]
struct Input {
    year: i16,
    month: u8,
    day: u8,
    text: String,
}

fuzz_target!(|input: Input| {
    let today = Date::new(input.year as i32, input.month, input.day).unwrap_or(Date {
        year: 2026,
        month: 11,
        day: 23,
    });
    for repaired in [true, false] {
        let result = if repaired {
            mrz::parse(&input.text, today)
        } else {
            mrz::parse_strict(&input.text, today)
        };
        if let Ok(report) = result {
            let _ = DocumentData::from_mrz(&report);
            if !repaired {
                assert!(
                    report.repairs.is_empty(),
                    "strict parse repaired: {report:?}"
                );
            }
        }
    }
});
