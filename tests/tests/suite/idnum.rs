//! Chinese resident identity numbers: every number of the peer tests in
//! `../shared/data/cn_id_vectors/vectors.json` with the verdict those tests state, plus the
//! 15-digit form, residence permits, future birth dates and bad input.

use precheck_core::date::Date;
use precheck_core::idnum::{self, cn, Details, IdNumberReason, Sex};
use precheck_tests::*;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

fn details(check: &idnum::IdNumberCheck) -> &cn::CnDetails {
    match &check.details {
        Details::Cn(d) => d,
    }
}

/// (number, expected failure or None when valid, what the peer test states).
const EXPECTED: &[(&str, Option<IdNumberReason>)] = &[
    // python-stdnum test_cn_ric.doctest: validate() accepts these two ('x' → 'X').
    ("360426199101010071", None),
    ("44011320141005001x", None),
    ("44011320141005001X", None),
    // get_birth_place() examples: provinces 河南省, 北京市, 天津市 (a county renamed in 1992
    // keeps its code, both years accepted).
    ("412723199010050012", None),
    ("110102199101010078", None),
    ("120110198012010073", None),
    ("120110199212010072", None),
    // stdnum's get_birth_place() raises for a county code not yet / no longer in use in the
    // birth year. We keep such numbers valid (GB 11643 uses the county of first registration:
    // cards were first issued in 1984, so someone born in 1980 can hold a code created in
    // 1986) and report `county_in_use_at_birth: false` instead.
    ("110111198012010078", None),
    ("110201199312010077", None),
    // Invalid date, invalid checksum, unknown birth place.
    ("360426199113010079", Some(IdNumberReason::BirthDate)),
    ("36042619910102009X", Some(IdNumberReason::Checksum)),
    ("990426199112010074", Some(IdNumberReason::Region)),
    // issue9/is gb11643_test.go: valid, 15-digit forms included, lower-case x included.
    ("350303199002033073", None),
    ("350303900203307", None),
    ("331122197905116239", None),
    ("513330199111066159", None),
    ("33050219880702447x", None),
    ("33050219880702447X", None),
    ("330502880702447", None),
    // ... and invalid.
    ("111111111111111111", Some(IdNumberReason::Checksum)),
    ("330502198807024471", Some(IdNumberReason::Checksum)),
    ("3305028807024411", Some(IdNumberReason::Length)),
];

#[test]
fn every_peer_vector_gets_the_peer_verdict() {
    let Some(root) = require_data("cn_id_vectors", &["cn_id_vectors/vectors.json"]) else {
        return;
    };
    let text = std::fs::read_to_string(root.join("cn_id_vectors/vectors.json")).unwrap();
    let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut seen = 0;
    for entry in vectors.as_array().unwrap() {
        let number = entry["number"].as_str().unwrap();
        let (_, expected) = EXPECTED
            .iter()
            .find(|(n, _)| *n == number)
            .unwrap_or_else(|| panic!("no expectation for {number}"));
        let result = idnum::check("CN", number, today()).unwrap();
        assert_eq!(result.reason, *expected, "{number}");
        assert_eq!(result.valid, expected.is_none(), "{number}");
        // Where the peer states "valid"/"invalid" outright, we agree.
        match entry["expected"].as_str() {
            Some("valid") => assert!(result.valid, "{number}"),
            Some("invalid") => assert!(!result.valid, "{number}"),
            _ => {}
        }
        seen += 1;
    }
    assert_eq!(seen, 30);
}

#[test]
fn what_the_numbers_encode() {
    let r = idnum::check("CN", "44011320141005001x", today()).unwrap();
    assert_eq!(r.normalized.as_deref(), Some("44011320141005001X"));
    assert_eq!(r.birth_date, Date::new(2014, 10, 5));
    assert!(details(&r).lower_case_x);
    let region = details(&r).region.clone().unwrap();
    assert_eq!(region.province.as_deref(), Some("广东省"));
    assert!(region.county_known && region.county_in_use_at_birth);

    let r = idnum::check("CN", "360426199101010071", today()).unwrap();
    assert_eq!(r.birth_date, Date::new(1991, 1, 1));
    assert_eq!(r.sex, Some(Sex::Male));
    assert!(!details(&r).lower_case_x);
    assert_eq!(
        details(&r).region.as_ref().unwrap().province.as_deref(),
        Some("江西省")
    );

    let r = idnum::check("CN", "110111198012010078", today()).unwrap();
    assert!(r.valid);
    assert!(!details(&r).region.as_ref().unwrap().county_in_use_at_birth);

    // 15 digits: converted, born in the 1900s.
    let r = idnum::check("CN", "330502880702447", today()).unwrap();
    assert!(r.valid);
    assert!(details(&r).converted_from_15);
    assert_eq!(details(&r).kind, Some(cn::CnIdKind::ResidentId15));
    assert_eq!(r.normalized.as_deref(), Some("33050219880702447X"));
    assert_eq!(r.birth_date, Date::new(1988, 7, 2));
}

/// A number with the right check character.
fn with_check(first17: &str) -> String {
    let c = cn::check_character(first17.as_bytes()).unwrap();
    format!("{first17}{}", char::from(c))
}

#[test]
fn residence_permits_for_hong_kong_macau_taiwan() {
    for (region, kind) in [
        ("810000", cn::CnIdKind::HongKongResidencePermit),
        ("820000", cn::CnIdKind::MacauResidencePermit),
        ("830000", cn::CnIdKind::TaiwanResidencePermit),
    ] {
        let number = with_check(&format!("{region}19900101002"));
        let r = idnum::check("CN", &number, today()).unwrap();
        assert!(r.valid, "{number}: {:?}", r.reason);
        assert_eq!(details(&r).kind, Some(kind));
        assert_eq!(r.sex, Some(Sex::Female));
    }
}

#[test]
fn birth_dates_after_today_are_refused() {
    let number = with_check("11010220261124001");
    let r = idnum::check("CN", &number, today()).unwrap();
    assert_eq!(r.reason, Some(IdNumberReason::BirthInFuture));
    // The same number the next day is fine.
    let r = idnum::check("CN", &number, Date::new(2026, 11, 24).unwrap()).unwrap();
    assert!(r.valid);
}

#[test]
fn every_single_digit_change_is_caught() {
    // MOD 11-2 catches every single substitution.
    let number = "360426199101010071";
    for i in 0..18 {
        for c in b"0123456789X" {
            let mut changed = number.as_bytes().to_vec();
            if changed[i] == *c || (i < 17 && *c == b'X') {
                continue;
            }
            changed[i] = *c;
            let changed = String::from_utf8(changed).unwrap();
            assert!(
                !idnum::check("CN", &changed, today()).unwrap().valid,
                "{changed}"
            );
        }
    }
}

#[test]
fn bad_input() {
    let cases = [
        ("", IdNumberReason::Empty),
        ("   ", IdNumberReason::Empty),
        ("T60426199101010078", IdNumberReason::Characters), // python-stdnum: InvalidFormat
        ("36042619910101007Y", IdNumberReason::Characters),
        ("3604261991010100７1", IdNumberReason::Length), // full-width digit: 20 bytes
        ("36042619910101007", IdNumberReason::Length),
        ("36042619910101A", IdNumberReason::Characters),
    ];
    for (number, reason) in cases {
        let r = idnum::check("CN", number, today()).unwrap();
        assert_eq!(r.reason, Some(reason), "{number:?}");
        assert!(!r.valid);
    }
    assert!(idnum::check("XX", "1", today()).is_err());
    assert!(
        idnum::check("chn", "360426199101010071", today())
            .unwrap()
            .valid
    );
}
