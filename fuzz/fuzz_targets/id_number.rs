//! ID-number parsing: any country code and any number text, any `today`; answers are a check
//! report or `UnsupportedCountry`, never a panic.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use precheck_core::date::Date;
use precheck_core::idnum;

#[derive(Arbitrary, Debug)]
struct Input {
    year: i16,
    month: u8,
    day: u8,
    country: String,
    cn: bool,
    number: String,
}

fuzz_target!(|input: Input| {
    let today = Date::new(input.year as i32, input.month, input.day).unwrap_or(Date {
        year: 2026,
        month: 11,
        day: 23,
    });
    let country = if input.cn {
        "CN"
    } else {
        input.country.as_str()
    };
    if let Ok(check) = idnum::check(country, &input.number, today) {
        let _ = check.reason.map(|r| r.message());
    }
});
