//! Reading the MRZ from document photos in `../shared/data/id_docs`, against the MRZ text the
//! peer projects state for them.

use precheck_core::date::Date;
use precheck_core::frame::{decode_image, Frame, FrameConverter, PixelFormat, RgbImage, Rotation};
use precheck_core::math::Point;
use precheck_core::mrz::read_mrz_from_image;
use precheck_core::PrecheckError;
use precheck_tests::*;

const ICAO_TD3: [&str; 2] = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
];
const ICAO_TD2: [&str; 2] = [
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
];

fn load(test: &str, rel: &str) -> Option<RgbImage> {
    let root = require_data(test, &[rel])?;
    Some(decode_image(&std::fs::read(root.join(rel)).unwrap()).unwrap())
}

#[test]
fn icao_specimens_of_passporteye_read_exactly() {
    // PassportEye tests/mrz_test.py: these four images hold the ICAO 9303 "UTO" specimens.
    for (rel, expected) in [
        (
            "id_docs/konstantint+PassportEye/tests/data/passport-td3.png",
            &ICAO_TD3,
        ),
        (
            "id_docs/konstantint+PassportEye/tests/data/passport-td3.jpg",
            &ICAO_TD3,
        ),
        (
            "id_docs/konstantint+PassportEye/tests/data/passport-td2.png",
            &ICAO_TD2,
        ),
        (
            "id_docs/konstantint+PassportEye/tests/data/passport-td2.jpg",
            &ICAO_TD2,
        ),
    ] {
        let Some(image) = load("icao_specimens", rel) else {
            return;
        };
        let reading = read_mrz_from_image(&image, None).unwrap().expect(rel);
        assert_eq!(reading.lines, expected, "{rel}");
        assert!(reading.valid);
        let report = reading.report(Date::new(2026, 11, 23).unwrap());
        assert_eq!(report.fields.surname, "ERIKSSON");
        assert_eq!(report.expired, Some(true));
        // The band lies in the lower part of the page.
        assert!(
            reading
                .band
                .iter()
                .all(|p| p.y > image.height() as f32 * 0.5),
            "{rel}"
        );
    }
}

#[test]
fn french_id_of_image_js_reads_exactly() {
    let rel = "id_docs/image-js+mrz-detection/src/__tests__/fixtures/id1.jpg";
    let Some(image) = load("french_id", rel) else {
        return;
    };
    let root = data_dir();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("id_docs/image-js+mrz-detection/expected_mrz.json"))
            .unwrap(),
    )
    .unwrap();
    let lines: Vec<&str> = expected[0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let reading = read_mrz_from_image(&image, None).unwrap().unwrap();
    assert_eq!(reading.lines, lines);
    assert!(reading.valid);
}

/// `image` turned by `rotation` (clockwise), through the frame path a camera frame takes.
fn turned(image: &RgbImage, rotation: Rotation) -> RgbImage {
    let mut frame = Frame::packed(
        image.width(),
        image.height(),
        PixelFormat::Rgb8,
        image.as_bytes(),
    );
    frame.rotation = rotation;
    let mut out = RgbImage::default();
    FrameConverter::default()
        .convert(&frame, &mut out)
        .expect("turn");
    out
}

#[test]
fn turned_pages_read_as_upright() {
    // A passport spread photographed in portrait, a card upside down: every image of these
    // sources whose MRZ reads valid as photographed, turned 90°, 180° and 270°, must give the
    // same reading. The band's corners come back in the turned photo's pixels.
    const T: &str = "turned_pages_read_as_upright";
    let Some(root) = require_data(T, &["id_docs"]) else {
        return;
    };
    let mut paths: Vec<_> = [
        "id_docs/konstantint+PassportEye/tests/data",
        "id_docs/image-js+mrz-detection",
        "id_docs/Arg0s1080+mrz/docs/images/passports",
    ]
    .iter()
    .flat_map(|dir| walk_images(&root.join(dir)))
    .collect();
    paths.sort();
    let (mut upright, mut same, mut tried) = (0, 0, 0);
    let mut misses = Vec::new();
    for path in &paths {
        let Some(image) = try_load_image(path) else {
            continue;
        };
        let Ok(Some(reading)) = read_mrz_from_image(&image, None) else {
            continue;
        };
        if !reading.valid {
            continue;
        }
        upright += 1;
        for rotation in [Rotation::Deg90, Rotation::Deg180, Rotation::Deg270] {
            let page = turned(&image, rotation);
            tried += 1;
            match read_mrz_from_image(&page, None).unwrap() {
                Some(r) if r.valid && r.lines == reading.lines => {
                    same += 1;
                    let (w, h) = (page.width() as f32, page.height() as f32);
                    assert!(
                        r.band.iter().all(|p| (-0.1 * w..=1.1 * w).contains(&p.x)
                            && (-0.1 * h..=1.1 * h).contains(&p.y)),
                        "{}: band {:?} outside the turned page",
                        path.display(),
                        r.band
                    );
                }
                other => misses.push(format!(
                    "{} {rotation:?}: {:?} (upright: corrected {}, confidence {:.3})",
                    path.display(),
                    other.map(|r| (r.valid, r.corrected, r.confidence, r.lines)),
                    reading.corrected,
                    reading.confidence
                )),
            }
        }
    }
    eprintln!(
        "turned pages: {same}/{tried} read the same as upright ({upright} images valid upright)"
    );
    for miss in &misses {
        eprintln!("  {miss}");
    }
    assert!(upright >= 5, "{upright} images read upright");
    assert!(misses.is_empty(), "{misses:?}");
}

#[test]
fn the_quadrilateral_path_reads_the_same() {
    let rel = "id_docs/konstantint+PassportEye/tests/data/passport-td3.png";
    let Some(image) = load("quad", rel) else {
        return;
    };
    let (w, h) = (image.width() as f32, image.height() as f32);
    // A slightly inset page as the document-capture helper would give it.
    let quad = [
        Point { x: 5.0, y: 5.0 },
        Point { x: w - 5.0, y: 5.0 },
        Point {
            x: w - 5.0,
            y: h - 5.0,
        },
        Point { x: 5.0, y: h - 5.0 },
    ];
    let reading = read_mrz_from_image(&image, Some(quad)).unwrap().unwrap();
    assert_eq!(reading.lines, ICAO_TD3);
    // Band corners come back in input-image pixels.
    assert!(reading
        .band
        .iter()
        .all(|p| p.x >= 0.0 && p.x <= w && p.y <= h));
}

#[test]
fn no_mrz_and_bad_input() {
    let rel = "id_docs/sivakumar-mahalingam+fastmrz/data/nomrz.jpg";
    let Some(image) = load("no_mrz", rel) else {
        return;
    };
    assert_eq!(read_mrz_from_image(&image, None).unwrap(), None);
    let tiny = RgbImage::from_raw(8, 8, vec![255; 8 * 8 * 3]).unwrap();
    assert!(matches!(
        read_mrz_from_image(&tiny, None),
        Err(PrecheckError::InvalidFrame(_))
    ));
    let blank = RgbImage::from_raw(640, 480, vec![255; 640 * 480 * 3]).unwrap();
    assert_eq!(read_mrz_from_image(&blank, None).unwrap(), None);
    // A degenerate quadrilateral falls back to the whole image.
    let p = Point { x: 1.0, y: 1.0 };
    assert_eq!(read_mrz_from_image(&blank, Some([p; 4])).unwrap(), None);
}
