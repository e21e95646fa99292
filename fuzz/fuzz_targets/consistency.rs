//! Typed-data consistency: arbitrary typed fields against arbitrary document fields (and
//! against the fields of an arbitrary MRZ when it parses), any `today`.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use precheck_core::consistency::{compare, DateOrder, DocumentData, TypedData};
use precheck_core::date::Date;
use precheck_core::mrz;

#[derive(Arbitrary, Debug)]
struct Typed {
    surname: Option<String>,
    given_names: Option<String>,
    birth_date: Option<String>,
    birth_date_order: Option<u8>,
    document_number: Option<String>,
    nationality: Option<String>,
    cn_id_number: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct Document {
    surname: Option<String>,
    given_names: Option<String>,
    birth_date: Option<(i16, u8, u8)>,
    document_number: Option<String>,
    nationality: Option<String>,
    cn_id_number: Option<String>,
    mrz_name_full: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    typed: Typed,
    document: Document,
    mrz: String,
    today: (i16, u8, u8),
}

fn date((y, m, d): (i16, u8, u8)) -> Option<Date> {
    Date::new(y as i32, m, d)
}

fuzz_target!(|input: Input| {
    let t = input.typed;
    let typed = TypedData {
        surname: t.surname,
        given_names: t.given_names,
        birth_date: t.birth_date,
        birth_date_order: t
            .birth_date_order
            .map(|o| [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd][o as usize % 3]),
        document_number: t.document_number,
        nationality: t.nationality,
        cn_id_number: t.cn_id_number,
    };
    let d = input.document;
    let document = DocumentData {
        surname: d.surname,
        given_names: d.given_names,
        birth_date: d.birth_date.and_then(date),
        document_number: d.document_number,
        nationality: d.nationality,
        cn_id_number: d.cn_id_number,
        mrz_name_full: d.mrz_name_full,
    };
    let today = date(input.today).unwrap_or(Date {
        year: 2026,
        month: 11,
        day: 23,
    });
    let _ = compare(&typed, &document, today);
    if let Ok(report) = mrz::parse(&input.mrz, today) {
        let _ = compare(&typed, &DocumentData::from_mrz(&report), today);
    }
});
