//! What the user typed versus the document: documents are MRZs from the peer vectors and Chinese
//! ID numbers from the GB 11643 vectors; the typed side is what users get wrong.

use precheck_core::consistency::{
    compare, DateOrder, DiagnosisCode, DocumentData, Field, TypedData, Verdict,
};
use precheck_core::date::Date;
use precheck_core::mrz;
use precheck_core::Language;
use precheck_tests::*;

fn today() -> Date {
    Date::new(2026, 11, 23).unwrap()
}

/// The MRZ of a peer vector whose source file name ends with `source`.
fn mrz_document(source: &str) -> Option<DocumentData> {
    let root = require_data("consistency", &["mrz_vectors/vectors.json"])?;
    let text = std::fs::read_to_string(root.join("mrz_vectors/vectors.json")).unwrap();
    let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entry = vectors
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"].as_str().unwrap().ends_with(source) && e.get("lines").is_some())
        .unwrap();
    let lines: Vec<&str> = entry["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let report = mrz::parse(&lines.join("\n"), today()).unwrap();
    assert!(report.valid);
    Some(DocumentData::from_mrz(&report))
}

fn field(
    report: &precheck_core::consistency::ConsistencyReport,
    f: Field,
) -> (Verdict, Vec<DiagnosisCode>) {
    let c = report.fields.iter().find(|c| c.field == f).unwrap();
    (c.verdict, c.diagnoses.clone())
}

fn typed_name(surname: &str, given: &str) -> TypedData {
    TypedData {
        surname: Some(surname.into()),
        given_names: Some(given.into()),
        ..Default::default()
    }
}

#[test]
fn names_against_the_mrz() {
    // Spanish ID card specimen: ESPANOLA ESPANOLA, CARMEN.
    let Some(doc) = mrz_document("id_card_esp.py") else {
        return;
    };
    let cases = [
        (("ESPANOLA ESPANOLA", "CARMEN"), Verdict::Exact, vec![]),
        (
            ("Espanola Espanola", "Carmen"),
            Verdict::Equivalent,
            vec![DiagnosisCode::NameCaseOrSpacing],
        ),
        (
            ("ESPANOLA-ESPANOLA", "CARMEN"),
            Verdict::Equivalent,
            vec![DiagnosisCode::NameCaseOrSpacing],
        ),
        (
            ("Española Española", "Carmen"),
            Verdict::Equivalent,
            vec![DiagnosisCode::NameTransliteration],
        ),
        (
            ("Carmen", "Española Española"),
            Verdict::Mismatch,
            vec![DiagnosisCode::NameOrderSwapped],
        ),
        (
            ("Espanola Espanola", "Carmela"),
            Verdict::Mismatch,
            vec![DiagnosisCode::NameDifferent],
        ),
    ];
    for ((surname, given), verdict, diagnoses) in cases {
        let report = compare(&typed_name(surname, given), &doc, today());
        assert_eq!(
            field(&report, Field::Name),
            (verdict, diagnoses),
            "{surname}, {given}"
        );
        assert_eq!(report.exact, verdict == Verdict::Exact);
        assert_eq!(report.consistent, verdict != Verdict::Mismatch);
    }
    // PassportEye's Austrian ID card: MUSTERFRAU, ISOLDE typed in mixed case.
    let Some(doc) = mrz_document("text.py") else {
        return;
    };
    assert_eq!(doc.surname.as_deref(), Some("MUSTERFRAU"));
    let report = compare(&typed_name("Musterfrau", "Isolde"), &doc, today());
    assert_eq!(field(&report, Field::Name).0, Verdict::Equivalent);
}

#[test]
fn truncated_mrz_names() {
    // Serbian TD1 specimen whose name field is full: "DR<TEST<TEST<<MILICA<MILICAAAA".
    let report = mrz::parse(
        "IDSRB95555554612902968000000<<\n6802295F1307245SRB<<<<<<<<<<<6\nDR<TEST<TEST<<MILICA<MILICAAAA",
        today(),
    )
    .unwrap();
    let doc = DocumentData::from_mrz(&report);
    assert!(doc.mrz_name_full);
    let report = compare(
        &typed_name("Dr Test Test", "Milica Milicaaaaaa"),
        &doc,
        today(),
    );
    assert_eq!(
        field(&report, Field::Name),
        (Verdict::Equivalent, vec![DiagnosisCode::NameTruncatedInMrz])
    );
}

#[test]
fn traditional_versus_simplified_is_flagged_not_converted() {
    let doc = DocumentData {
        surname: Some("张".into()),
        given_names: Some("伟".into()),
        ..Default::default()
    };
    let report = compare(&typed_name("張", "偉"), &doc, today());
    assert_eq!(
        field(&report, Field::Name),
        (
            Verdict::Mismatch,
            vec![DiagnosisCode::NameTraditionalSimplified]
        )
    );
    let report = compare(&typed_name("张", "伟"), &doc, today());
    assert_eq!(field(&report, Field::Name).0, Verdict::Exact);
    let report = compare(&typed_name("张", "三"), &doc, today());
    assert_eq!(
        field(&report, Field::Name).1,
        vec![DiagnosisCode::NameDifferent]
    );
}

#[test]
fn birth_dates_day_month_order() {
    // ICAO TD3 specimen: born 1974-08-12.
    let Some(doc) = mrz_document("passport_can.py") else {
        return;
    };
    assert_eq!(doc.birth_date, Date::new(1985, 1, 1));
    let Some(doc) = mrz_document("td2_uto.py") else {
        return;
    };
    assert_eq!(doc.birth_date, Date::new(1974, 8, 12));
    let date = |typed: &str, order: Option<DateOrder>| {
        let t = TypedData {
            birth_date: Some(typed.into()),
            birth_date_order: order,
            ..Default::default()
        };
        field(&compare(&t, &doc, today()), Field::BirthDate)
    };
    assert_eq!(date("1974-08-12", None), (Verdict::Exact, vec![]));
    assert_eq!(date("19740812", None), (Verdict::Exact, vec![]));
    assert_eq!(
        date("12/08/1974", Some(DateOrder::Dmy)),
        (Verdict::Exact, vec![])
    );
    assert_eq!(
        date("08/12/1974", Some(DateOrder::Dmy)),
        (Verdict::Mismatch, vec![DiagnosisCode::DateDayMonthSwapped])
    );
    assert_eq!(
        date("08/12/1974", Some(DateOrder::Mdy)),
        (Verdict::Exact, vec![])
    );
    assert_eq!(
        date("12/08/1974", None),
        (Verdict::Equivalent, vec![DiagnosisCode::DateOrderAmbiguous])
    );
    assert_eq!(
        date("13/08/1974", None),
        (Verdict::Mismatch, vec![DiagnosisCode::DateDifferent])
    );
    assert_eq!(
        date("12.08.74", None),
        (Verdict::Mismatch, vec![DiagnosisCode::DateUnreadable])
    );
    assert_eq!(
        date("yesterday", None),
        (Verdict::Mismatch, vec![DiagnosisCode::DateUnreadable])
    );
}

#[test]
fn document_numbers_with_look_alikes() {
    // ICAO TD3 specimen number L898902C3; Canadian specimen ZE000509.
    let Some(doc) = mrz_document("passport_can.py") else {
        return;
    };
    let number = |typed: &str| {
        let t = TypedData {
            document_number: Some(typed.into()),
            ..Default::default()
        };
        field(&compare(&t, &doc, today()), Field::DocumentNumber)
    };
    assert_eq!(number("ZE000509"), (Verdict::Exact, vec![]));
    assert_eq!(
        number("ze 000-509"),
        (Verdict::Equivalent, vec![DiagnosisCode::NumberFormatting])
    );
    assert_eq!(
        number("ZEOOO5O9"),
        (
            Verdict::Mismatch,
            vec![DiagnosisCode::NumberConfusableCharacters]
        )
    );
    assert_eq!(
        number("2E000509"),
        (
            Verdict::Mismatch,
            vec![DiagnosisCode::NumberConfusableCharacters]
        )
    );
    assert_eq!(
        number("ZE000508"),
        (Verdict::Mismatch, vec![DiagnosisCode::NumberDifferent])
    );
}

#[test]
fn nationality() {
    let Some(doc) = mrz_document("td2_uto.py") else {
        return;
    };
    let n = |typed: &str| {
        let t = TypedData {
            nationality: Some(typed.into()),
            ..Default::default()
        };
        field(&compare(&t, &doc, today()), Field::Nationality)
    };
    assert_eq!(n("UTO"), (Verdict::Exact, vec![]));
    assert_eq!(n("uto"), (Verdict::Equivalent, vec![]));
    assert_eq!(
        n("FRA"),
        (Verdict::Mismatch, vec![DiagnosisCode::NationalityDifferent])
    );
}

#[test]
fn birth_date_inside_the_chinese_id_number() {
    let Some(_) = require_data("consistency", &["cn_id_vectors/vectors.json"]) else {
        return;
    };
    // python-stdnum: 360426199101010071 encodes 1991-01-01.
    let cn = |number: &str, birth: &str| {
        let t = TypedData {
            cn_id_number: Some(number.into()),
            birth_date: Some(birth.into()),
            ..Default::default()
        };
        field(
            &compare(&t, &DocumentData::default(), today()),
            Field::CnIdNumber,
        )
    };
    assert_eq!(
        cn("360426199101010071", "1991-01-01"),
        (Verdict::Exact, vec![])
    );
    assert_eq!(
        cn("360426199101010071", "1991-01-10"),
        (
            Verdict::Mismatch,
            vec![DiagnosisCode::CnIdBirthDateDifferent]
        )
    );
    // An ambiguous typed date is not held against the number.
    assert_eq!(cn("360426199101010071", "01/02/1991").0, Verdict::Exact);
    assert_eq!(
        cn("36042619910102009X", "1991-01-02"),
        (Verdict::Mismatch, vec![DiagnosisCode::CnIdInvalid])
    );
    // Typed number against the number on the card.
    let t = TypedData {
        cn_id_number: Some("44011320141005001x".into()),
        ..Default::default()
    };
    let doc = DocumentData {
        cn_id_number: Some("44011320141005001X".into()),
        ..Default::default()
    };
    assert_eq!(
        field(&compare(&t, &doc, today()), Field::CnIdNumber),
        (Verdict::Equivalent, vec![DiagnosisCode::NumberFormatting])
    );
}

#[test]
fn every_diagnosis_speaks_every_language() {
    for &code in DiagnosisCode::ALL {
        let messages: Vec<&str> = Language::ALL.iter().map(|&l| code.message(l)).collect();
        assert!(messages.iter().all(|m| !m.is_empty()));
        // Seven different texts: nothing left untranslated (zh-Hans and zh-Hant may coincide).
        let mut distinct = messages.clone();
        distinct.sort();
        distinct.dedup();
        assert!(distinct.len() >= 6, "{code:?}: {messages:?}");
    }
}
