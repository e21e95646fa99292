//! Face matching on real photos: landmark order against the alignment template, a face against
//! its mirror image and against other people, the EER on a fixed upstream pair list, and the
//! batch API's per-row errors.

use std::path::Path;

use precheck_core::face::ARCFACE_TEMPLATE;
use precheck_core::matching::{
    cosine_similarity, match_rows, parse_pairs_csv, Decision, MatchThresholds, Roc,
};
use precheck_core::PrecheckError;
use precheck_tests::*;

const DEEPFACE: &str = "faces_pairs/serengil+deepface/tests/unit/dataset";
const FACE_FREE: &str =
    "faces_pairs/exadel-inc+CompreFace/embedding-calculator/sample_images/017_0.jpg";

/// One photo each of six different people (deepface identities id01..id06 of IDENTITIES.csv),
/// chosen as the first file of each identity, before any score was looked at.
const SIX_PEOPLE: [&str; 6] = [
    "img1.jpg",
    "img3.jpg",
    "img8.jpg",
    "img13.jpg",
    "img16.jpg",
    "img18.jpg",
];

/// A face and its mirror image are the same person; six different people are not.
#[test]
fn mirror_image_matches_and_different_people_do_not() {
    const T: &str = "mirror_image_matches_and_different_people_do_not";
    let Some(data) = require_data(T, &[DEEPFACE]) else {
        return;
    };
    let Some(engine) = engine_all_faces(T) else {
        return;
    };
    let embeddings: Vec<_> = SIX_PEOPLE
        .iter()
        .map(|f| {
            let image = load_image(&data.join(DEEPFACE).join(f));
            // The landmarks come in the template's order: image-left eye and mouth corner first
            // (the subject's right side on an unmirrored photo).
            let face = &engine.analyze_image(&image).expect("analysis").faces[0];
            let [re, le, nose, rm, lm] = face.landmarks5;
            let t = ARCFACE_TEMPLATE;
            assert_eq!(re.x < le.x, t[0].x < t[1].x, "{f}: eye order");
            assert_eq!(rm.x < lm.x, t[3].x < t[4].x, "{f}: mouth order");
            assert!(
                nose.y < rm.y.min(lm.y) && nose.y > re.y.max(le.y),
                "{f}: nose between"
            );
            let e = engine.embed_largest_face(&image).expect("face");
            let m = engine
                .embed_largest_face(&image.mirrored())
                .expect("mirrored face");
            let s = cosine_similarity(&e, &m);
            eprintln!("{f}: mirror similarity {s:.3}");
            assert!(s >= 0.85, "{f}: mirror similarity {s:.3}");
            e
        })
        .collect();
    let mut impostor = Vec::new();
    for i in 0..embeddings.len() {
        for j in i + 1..embeddings.len() {
            let s = cosine_similarity(&embeddings[i], &embeddings[j]);
            eprintln!("{} vs {}: {s:.3}", SIX_PEOPLE[i], SIX_PEOPLE[j]);
            assert!(
                s < MatchThresholds::CALIBRATED.match_at_or_above,
                "{} vs {} scored {s:.3}",
                SIX_PEOPLE[i],
                SIX_PEOPLE[j]
            );
            impostor.push(s);
        }
    }
    let m = median(&impostor);
    assert!(m < 0.2, "median similarity of different people {m:.3}");
}

/// EER ≤ 5 % on deepface's own pair list `master.csv` (300 pairs, 38 same / 262 different,
/// fixed upstream); every image must give a face.
#[test]
fn eer_on_deepface_master_pairs_is_at_most_5_percent() {
    const T: &str = "eer_on_deepface_master_pairs_is_at_most_5_percent";
    let Some(data) = require_data(T, &[DEEPFACE]) else {
        return;
    };
    let Some(engine) = engine_all_faces(T) else {
        return;
    };
    let dir = data.join(DEEPFACE);
    let text = std::fs::read_to_string(dir.join("master.csv")).expect("master.csv");
    let mut cache = std::collections::HashMap::new();
    let mut embed = |f: &str| {
        cache
            .entry(f.to_string())
            .or_insert_with(|| {
                engine
                    .embed_largest_face(&load_image(&dir.join(f)))
                    .unwrap_or_else(|e| panic!("{f}: {e}"))
            })
            .clone()
    };
    let (mut genuine, mut impostor) = (Vec::new(), Vec::new());
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let s = cosine_similarity(&embed(f[0]), &embed(f[1]));
        match f[2] {
            "Yes" => genuine.push(s),
            "No" => impostor.push(s),
            other => panic!("unexpected decision {other}"),
        }
    }
    assert_eq!((genuine.len(), impostor.len()), (38, 262));
    let roc = Roc::new(&genuine, &impostor).expect("both classes");
    let (eer, threshold) = roc.eer();
    eprintln!(
        "master.csv: EER {:.2} % at {threshold:.3}, AUC {:.4}; genuine {}; impostor {}",
        eer * 100.0,
        roc.auc(),
        Stats::of(&genuine),
        Stats::of(&impostor)
    );
    assert!(eer <= 0.05, "EER {:.2} %", eer * 100.0);
}

/// In a batch, a face-free image and a missing file are errors of their rows; the other rows
/// are compared, in order.
#[test]
fn batch_reports_face_free_image_as_a_row_error() {
    const T: &str = "batch_reports_face_free_image_as_a_row_error";
    let Some(data) = require_data(T, &[DEEPFACE, FACE_FREE]) else {
        return;
    };
    let Some(engine) = engine_all_faces(T) else {
        return;
    };
    let csv = format!(
        "a,b\n{DEEPFACE}/img1.jpg,{DEEPFACE}/img2.jpg\n{FACE_FREE},{DEEPFACE}/img3.jpg\n\
         {DEEPFACE}/img1.jpg,{DEEPFACE}/img3.jpg\n{DEEPFACE}/no-such-file.jpg,{DEEPFACE}/img1.jpg\n"
    );
    let rows = parse_pairs_csv(&csv).expect("csv");
    let load = |reference: &str| {
        let path = Path::new(&data).join(reference);
        let bytes = std::fs::read(&path).map_err(|e| PrecheckError::Io {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        precheck_core::frame::decode_image(&bytes)
    };
    let out = match_rows(engine.analyzer(), &rows, &MatchThresholds::CALIBRATED, load);
    assert_eq!(out.len(), 4);
    for (o, r) in out.iter().zip(&rows) {
        assert_eq!((&o.a, &o.b), (&r.a, &r.b), "row order");
        eprintln!("{} | {} -> {:?}", o.a, o.b, o.result);
    }
    // img1 and img2 are one person in deepface's labels, img1 and img3 two people.
    assert_eq!(
        out[0].result.as_ref().map(|r| r.decision),
        Ok(Decision::Match)
    );
    let err = out[1].result.as_ref().expect_err("face-free image");
    assert!(
        err.contains("017_0.jpg") && err.contains("no usable face"),
        "{err}"
    );
    assert_eq!(
        out[2].result.as_ref().map(|r| r.decision),
        Ok(Decision::NoMatch)
    );
    let err = out[3].result.as_ref().expect_err("missing file");
    assert!(err.contains("no-such-file.jpg"), "{err}");
    // The single-pair API gives the typed error.
    let free = load_image(&data.join(FACE_FREE));
    assert!(matches!(
        engine.embed_largest_face(&free),
        Err(PrecheckError::FaceNotFound(_))
    ));
}
