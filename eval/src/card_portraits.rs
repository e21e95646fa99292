//! Document portrait against selfie photos (part of the face-matching evaluation). Each usable photo of
//! `faces_pairs` is printed as the portrait of a rendered TD1 card, photographed on a table
//! (perspective, tone curve: `specimen::on_table`), JPEG-encoded as a phone app would upload it,
//! and checked as a document photo. The portrait the check finds is embedded as the flow does it
//! (the rectified document and the portrait's own landmarks) and compared with every *other*
//! photo: same identity → genuine pair, different identity → impostor pair. A card is never
//! paired with a copy of the photo it was printed from.
//!
//! What this cannot show: a real printed and laminated portrait (halftone, hologram, ageing
//! between the ID photo and the selfie, ghost images); the cards are rendered, not printed.

use std::path::PathBuf;

use precheck_core::date::Date;
use precheck_core::document::{DocumentChecker, DocumentConfig, DocumentKind};
use precheck_core::face::Embedding;
use precheck_core::matching::{cosine_similarity, decide, Decision, MatchThresholds, Roc};
use precheck_core::Engine;
use serde_json::{json, Value};

use precheck_testkit::specimen::{
    on_table, render, PortraitSource, Sex, SpecimenData, SpecimenFormat,
};

use crate::data::read_image;
use crate::engines::largest_face;
use crate::summary_json::{method_json, stats_json};
use crate::{EvalError, Progress};

/// JPEG quality of the simulated upload (a typical phone-camera/app setting).
const UPLOAD_JPEG_QUALITY: u8 = 85;

/// One photo of the identity list with its five-point embedding.
pub struct CardSubject<'a> {
    pub file: &'a str,
    pub path: PathBuf,
    pub identity: &'a str,
    pub photo_key: &'a str,
    pub embedding: &'a Embedding,
}

/// The portrait of a card printed from one subject's photo, as the document check found it.
struct CardPortrait {
    subject: usize,
    embedding: Embedding,
}

/// Scores every card portrait against every other photo; JSON for the report.
pub fn evaluate(
    engine: &Engine,
    subjects: &[CardSubject<'_>],
    progress: &mut dyn FnMut(Progress<'_>),
) -> Value {
    let mut checker = DocumentChecker::new(DocumentConfig::default());
    let mut cards = Vec::new();
    let mut failures = Vec::new();
    for (index, subject) in subjects.iter().enumerate() {
        match card_portrait(engine, &mut checker, subject) {
            Ok(embedding) => cards.push(CardPortrait {
                subject: index,
                embedding,
            }),
            Err(e) => failures.push(format!("{}: {e}", subject.file)),
        }
        progress(Progress::Count {
            what: "card portraits",
            done: cards.len(),
        });
    }
    progress(Progress::StepDone);

    let thresholds = MatchThresholds::CALIBRATED;
    let (mut genuine, mut impostor, mut own_photo) = (Vec::new(), Vec::new(), Vec::new());
    for card in &cards {
        let printed = &subjects[card.subject];
        for photo in subjects {
            let similarity = cosine_similarity(&card.embedding, photo.embedding);
            if photo.photo_key == printed.photo_key {
                // The photo the card was printed from (or a copy of it): what printing and
                // photographing the card costs, not a pair.
                if photo.file == printed.file {
                    own_photo.push(similarity);
                }
            } else if photo.identity == printed.identity {
                genuine.push(similarity);
            } else {
                impostor.push(similarity);
            }
        }
    }
    let decisions = |scores: &[f32]| {
        let count = |d: Decision| {
            scores
                .iter()
                .filter(|&&s| decide(s, &thresholds) == d)
                .count()
        };
        json!({
            "match": count(Decision::Match),
            "review": count(Decision::Review),
            "no_match": count(Decision::NoMatch),
        })
    };
    json!({
        "cards": subjects.len(),
        "portraits_found": cards.len(),
        "failures": failures,
        "upload_jpeg_quality": UPLOAD_JPEG_QUALITY,
        "own_photo_similarity": stats_json(&own_photo),
        "roc": Roc::new(&genuine, &impostor)
            .map(|roc| method_json("card_portrait_vs_photo", &roc)),
        "genuine_decisions": decisions(&genuine),
        "impostor_decisions": decisions(&impostor),
    })
}

/// Renders, photographs, uploads and checks the card of one subject; the portrait's embedding.
fn card_portrait(
    engine: &Engine,
    checker: &mut DocumentChecker,
    subject: &CardSubject<'_>,
) -> Result<Embedding, EvalError> {
    let photo = read_image(&subject.path)?;
    let face = largest_face(engine, &photo)?;
    let specimen = render(
        SpecimenFormat::Td1Card,
        &holder()?,
        PortraitSource {
            photo: &photo,
            face: face.bbox,
        },
        1012,
    )?;
    let scene = on_table(&specimen).ok_or(EvalError::CardPlacement)?;
    let upload = jpeg(&scene)?;
    let (report, _) =
        checker.check_file_keeping_image(Some(engine.analyzer()), &upload, DocumentKind::IdCard)?;
    let (Some(portrait), Some(rectified)) = (&report.portrait, &report.rectified) else {
        return Err(EvalError::NoPortrait {
            document_found: report.found,
        });
    };
    Ok(engine
        .analyzer()
        .embedder()
        .embed(rectified, &portrait.face, &mut Vec::new())?)
}

/// The printed holder data (what it says does not matter here; it only has to be valid).
fn holder() -> Result<SpecimenData, EvalError> {
    let date = |y, m, d| Date::new(y, m, d).ok_or(EvalError::HolderDate);
    Ok(SpecimenData {
        surname: "Specimen".into(),
        given_names: "Card".into(),
        document_number: "L01X00T47".into(),
        nationality: "UTO".into(),
        issuing_state: "UTO".into(),
        birth_date: date(1980, 1, 1)?,
        sex: Sex::Unspecified,
        expiry_date: date(2031, 1, 1)?,
    })
}

fn jpeg(image: &precheck_core::frame::RgbImage) -> Result<Vec<u8>, EvalError> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, UPLOAD_JPEG_QUALITY).encode(
        image.as_bytes(),
        image.width(),
        image.height(),
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(bytes)
}
