//! Face detection on real photos: dlib's annotated boxes, images with known face counts, the
//! single-face photos of `faces_pairs`, and face-free images.
//!
//! Box comparison with dlib: dlib's boxes (drawn for its HOG detector) turned out to be framed
//! like BlazeFace's once measured over the 42 matched faces: side ratio dlib/ours median 0.99,
//! centre offset with no systematic direction (mean x and y offsets within ±3 % of the side;
//! the test prints the distributions). So boxes are compared as they are, without a
//! conversion.

use precheck_core::face::DetectorOptions;
use precheck_core::frame::RgbImage;
use precheck_core::math::{BoundingBox, Point};
use precheck_core::Engine;
use precheck_tests::split::{part_of, part_of_key, Part};
use precheck_tests::*;

const DLIB: &str = "faces_detect/davisking+dlib/examples/faces";
const FACE_API: &str = "faces_detect/justadudewhohacks+face-api.js/test/images";
const DDFA: &str = "faces_detect/cleardusk+3DDFA_V2/examples/inputs";
const BLINK_CLIP: &str =
    "videos/OpenTalker+SadTalker/examples/ref_video/WDA_AlexandriaOcasioCortez_000.mp4";

/// Images whose face count was established by looking at them (face-api.js's own landmark file
/// for `faces.jpg` also has 6 faces; `emma.jpg` is a 3-photo collage of one turned face).
const KNOWN_COUNTS: &[(&str, &str, usize)] = &[
    (FACE_API, "faces.jpg", 6),
    (FACE_API, "angry.jpg", 1),
    (FACE_API, "angry_cropped.jpg", 1),
    (FACE_API, "surprised.jpg", 1),
    (FACE_API, "surprised_cropped.jpg", 1),
    (FACE_API, "face1.png", 1),
    (FACE_API, "face2.png", 1),
    (FACE_API, "face_rectangular.png", 1),
    (DDFA, "JianzhuGuo.jpg", 1),
    (DDFA, "trump_hillary.jpg", 2),
    (DDFA, "emma.jpg", 3),
];

fn detect(engine: &Engine, image: &RgbImage) -> Vec<BoundingBox> {
    let mut input = Vec::new();
    engine
        .analyzer()
        .detector()
        .detect(image, &mut input)
        .expect("detection runs")
        .into_iter()
        .map(|d| d.bbox)
        .collect()
}

/// dlib's annotated faces (testing.xml + training.xml, `ignore='1'` boxes left out): found
/// (matched one-to-one at IoU ≥ 0.3) and box IoU.
/// Per face: IoU, dlib side / our side, and the dlib centre's offset from ours (x, y) over our
/// side.
struct DlibScores {
    found: usize,
    total: usize,
    extra: usize,
    ious: Vec<f32>,
    ratios: Vec<f32>,
    dx: Vec<f32>,
    dy: Vec<f32>,
}

fn dlib_scores(engine: &Engine, data: &std::path::Path) -> DlibScores {
    let (mut total, mut extra) = (0, 0);
    let (mut ious, mut ratios, mut dx, mut dy) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for xml in ["testing.xml", "training.xml"] {
        for img in read_dlib_xml(&data.join(DLIB).join(xml)) {
            let image = load_image(&data.join(DLIB).join(&img.file));
            let truth: Vec<BoundingBox> = img
                .boxes
                .iter()
                .filter(|b| !b.ignore)
                .map(|b| b.rect)
                .collect();
            let found = detect(engine, &image);
            let matched = match_boxes(&truth, &found, 0.3);
            total += truth.len();
            extra += found.len() - matched.len();
            for &(t, f, iou) in &matched {
                ious.push(iou);
                let side = found[f].width.max(found[f].height);
                ratios.push(truth[t].width / found[f].width);
                dx.push((truth[t].center().x - found[f].center().x) / side);
                dy.push((truth[t].center().y - found[f].center().y) / side);
            }
        }
    }
    DlibScores {
        found: ious.len(),
        total,
        extra,
        ious,
        ratios,
        dx,
        dy,
    }
}

#[test]
fn dlib_annotated_faces_are_found_with_matching_boxes() {
    const T: &str = "dlib_annotated_faces_are_found_with_matching_boxes";
    let Some(data) = require_data(T, &[DLIB]) else {
        return;
    };
    let Some(default_engine) = engine(T) else {
        return;
    };
    let Some(all_faces) = engine_all_faces(T) else {
        return;
    };

    // The selfie default, for the record: PASCAL VOC group photos with 37-px faces in 500-px
    // frames are outside what it is tuned for (it tiles only when nothing was found).
    let DlibScores {
        found, total, ious, ..
    } = dlib_scores(default_engine, &data);
    eprintln!(
        "detection (dlib, default selfie settings): {found}/{total} faces found ({:.1} %), IoU {}",
        100.0 * found as f32 / total as f32,
        Stats::of(&ious)
    );

    let DlibScores {
        found,
        total,
        extra,
        ious,
        ratios,
        dx,
        dy,
    } = dlib_scores(all_faces, &data);
    let rate = found as f32 / total as f32;
    let iou = Stats::of(&ious);
    eprintln!(
        "detection (dlib, all-faces settings): {found}/{total} faces found ({:.1} %), mean IoU {:.2}, median {:.2}, min {:.2}; {extra} unmatched detections",
        100.0 * rate,
        iou.mean,
        iou.median,
        iou.min
    );
    eprintln!(
        "  box framing dlib vs ours: side ratio {}; centre offset / side: x {}, y {}",
        Stats::of(&ratios),
        Stats::of(&dx),
        Stats::of(&dy)
    );
    let below: usize = ious.iter().filter(|&&v| v < 0.5).count();
    eprintln!("  matched faces with IoU < 0.5: {below}");
    assert!(rate >= 0.95, "only {found}/{total} dlib faces found");
    assert!(
        below as f32 <= 0.05 * total as f32 && iou.median >= 0.6,
        "IoU against dlib's boxes too low: {iou}"
    );
}

#[test]
fn known_face_counts_are_found() {
    const T: &str = "known_face_counts_are_found";
    let Some(data) = require_data(T, &[FACE_API, DDFA]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let (mut known, mut found, mut extra) = (0, 0, 0);
    for &(dir, file, count) in KNOWN_COUNTS {
        let image = load_image(&data.join(dir).join(file));
        let n = detect(engine, &image).len();
        eprintln!("  {file}: {n} detections, {count} faces");
        known += count;
        found += n.min(count);
        extra += n.saturating_sub(count);
    }
    let rate = found as f32 / known as f32;
    eprintln!(
        "detection (face-api.js + 3DDFA, known counts): {found}/{known} faces found ({:.1} %), {extra} extra detections",
        100.0 * rate
    );
    assert!(rate >= 0.95, "only {found}/{known} faces found");
    assert_eq!(extra, 0, "detections beyond the known face count");
}

#[test]
fn single_face_photos_have_their_face() {
    const T: &str = "single_face_photos_have_their_face";
    let Some(data) = require_data(T, &["faces_pairs/IDENTITIES.csv"]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let (mut photos, mut found, mut extra_images) = (0, 0, Vec::new());
    for rel in single_face_photos(&data) {
        let Some(image) = try_load_image(&data.join(&rel)) else {
            continue;
        };
        photos += 1;
        let report = engine.analyze_image(&image).expect("analysis runs");
        if !report.faces.is_empty() {
            found += 1;
        }
        if report.faces.len() > 1 {
            extra_images.push(format!("{rel} ({} faces)", report.faces.len()));
        }
    }
    let rate = found as f32 / photos as f32;
    eprintln!(
        "detection (faces_pairs single-face photos): {found}/{photos} faces found ({:.1} %), {} photos with extra faces {:?}",
        100.0 * rate,
        extra_images.len(),
        extra_images
    );
    assert!(rate >= 0.95, "only {found}/{photos} photos have a face");
    assert!(
        extra_images.len() as f32 <= 0.05 * photos as f32,
        "too many photos with more than one face: {extra_images:?}"
    );
}

#[test]
fn face_free_images_report_no_face() {
    const T: &str = "face_free_images_report_no_face";
    let landscape =
        "faces_pairs/exadel-inc+CompreFace/embedding-calculator/sample_images/017_0.jpg";
    let white = format!("{FACE_API}/white.png");
    let Some(data) = require_data(T, &[landscape, &white]) else {
        return;
    };
    let Some(frames) = video_frames(T, BLINK_CLIP, 25) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let frame = load_image(&frames[0]);
    // The clip is a 512×512 talking head in front of a US flag: the left and right strips hold
    // only the flag (the face spans x ≈ 130-430).
    let images: Vec<(String, RgbImage)> = vec![
        ("white.png".into(), load_image(&data.join(&white))),
        (
            "CompreFace 017_0.jpg (landscape, 0 faces upstream)".into(),
            load_image(&data.join(landscape)),
        ),
        (
            "SadTalker frame 0, flag strip x 0-110".into(),
            crop(&frame, 0, 0, 110, 512),
        ),
        (
            "SadTalker frame 0, flag strip x 440-512".into(),
            crop(&frame, 440, 0, 72, 512),
        ),
        (
            "SadTalker frame 0, flag corner 0-110 × 0-110".into(),
            crop(&frame, 0, 0, 110, 110),
        ),
    ];
    let mut failures = Vec::new();
    for (name, image) in &images {
        let report = engine.analyze_image(image).expect("analysis runs");
        eprintln!("  {name}: {} faces", report.faces.len());
        if !report.faces.is_empty() {
            failures.push(name.clone());
        }
    }
    eprintln!(
        "no-face images: {}/{} with no face reported",
        images.len() - failures.len(),
        images.len()
    );
    assert!(
        failures.is_empty(),
        "faces reported on face-free images: {failures:?}"
    );
}

#[test]
fn dogs_are_mostly_not_reported_as_faces() {
    const T: &str = "dogs_are_mostly_not_reported_as_faces";
    let dogs = format!("{DLIB}/dogs.jpg");
    let Some(data) = require_data(T, &[&dogs]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let image = load_image(&data.join(&dogs));
    // Four dog photos (2×2 collage, 900×916). The only human face is a ~30-px magazine cover in
    // the bottom-left photo, around x 40-110, y 440-520; anything else reported is a dog.
    let magazine = BoundingBox::from_corners(20.0, 420.0, 130.0, 540.0);
    let report = engine.analyze_image(&image).expect("analysis runs");
    let dogs_as_faces: Vec<_> = report
        .faces
        .iter()
        .filter(|f| f.bbox.iou(&magazine) == 0.0)
        .map(|f| {
            format!(
                "box [{:.0},{:.0},{:.0},{:.0}] score {:.2} landmark confidence {:.3}",
                f.bbox.x, f.bbox.y, f.bbox.width, f.bbox.height, f.score, f.landmark_confidence
            )
        })
        .collect();
    eprintln!(
        "dogs.jpg: {} faces reported, {} of them dogs {dogs_as_faces:?}",
        report.faces.len(),
        dogs_as_faces.len()
    );
    // Known weakness, reported in BENCHMARKS.md: BlazeFace finds three dog faces here; the
    // FaceMesh presence gate drops two (presence 0.001 and 0.016) but FaceMesh itself takes the
    // third for a face (presence 0.97). Hold the line at that one.
    assert!(
        dogs_as_faces.len() <= 1,
        "more dogs reported as faces than the one known: {dogs_as_faces:?}"
    );
}

/// Portraits printed on ID documents: every specimen image in `id_docs` except the negatives
/// (a bank card) and the annotated copies (`*_result.jpg`). Hand-held captures with a small,
/// glare-covered portrait are the hard case (found inside the document quadrilateral by the
/// document step later); the figure is printed.
#[test]
fn id_document_portraits_are_found() {
    const T: &str = "id_document_portraits_are_found";
    const DOCS: &str = "id_docs";
    let Some(data) = require_data(T, &[DOCS]) else {
        return;
    };
    let Some(engine) = engine_all_faces(T) else {
        return;
    };
    let mut files = Vec::new();
    let mut stack = vec![data.join(DOCS)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("id_docs is readable")
            .flatten()
        {
            let path = entry.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            if path.is_dir() {
                stack.push(path);
            } else if (name.ends_with(".png") || name.ends_with(".jpg"))
                && !name.ends_with("_result.jpg")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    let (mut documents, mut with_face, mut missed) = (0, 0, Vec::new());
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let faces = engine
            .analyze_image(&load_image(path))
            .expect("analysis runs")
            .faces
            .len();
        if name == "nomrz.jpg" {
            assert_eq!(faces, 0, "the bank card has no portrait");
            continue;
        }
        documents += 1;
        if faces > 0 {
            with_face += 1;
        } else {
            missed.push(name.to_string());
        }
    }
    let rate = with_face as f32 / documents as f32;
    eprintln!(
        "id_docs portraits: {with_face}/{documents} documents with a face found ({:.1} %), missed {missed:?}; bank card: 0 faces",
        100.0 * rate
    );
    assert!(
        documents >= 40,
        "expected the id_docs specimens, found {documents}"
    );
    assert!(
        rate >= 0.9,
        "portraits found on {with_face}/{documents} documents"
    );
}

/// The square of side `side` centred at `centre`, shrunk to fit the image from its top-left
/// corner; `None` when less than 48 pixels are left.
fn square_around(image: &RgbImage, centre: Point, side: f32) -> Option<RgbImage> {
    let (x, y) = (
        (centre.x - side / 2.0).max(0.0),
        (centre.y - side / 2.0).max(0.0),
    );
    let side = side
        .min(image.width() as f32 - x)
        .min(image.height() as f32 - y);
    (side >= 48.0).then(|| crop(image, x as u32, y as u32, side as u32, side as u32))
}

/// A face that overflows the frame (a very close selfie, a tight ID-portrait crop): the central
/// part of each face in the single-face photos, cropped so the face box is wider than the image,
/// must still be found (the detector's zoomed-out pass).
#[test]
fn faces_filling_the_frame_are_found() {
    const T: &str = "faces_filling_the_frame_are_found";
    let Some(data) = require_data(T, &["faces_pairs"]) else {
        return;
    };
    let Some(engine) = engine(T) else {
        return;
    };
    let (mut tried, mut found) = (0, 0);
    for rel in single_face_photos(&data).iter().step_by(4) {
        let Some(image) = try_load_image(&data.join(rel)) else {
            continue;
        };
        let report = engine.analyze_image(&image).expect("analysis runs");
        let Some(face) = report.faces.first() else {
            continue;
        };
        // 80 % of the detected box around its centre: the face's box now exceeds the frame.
        let b = face.bbox;
        let Some(tight) = square_around(&image, b.center(), 0.8 * b.width.min(b.height)) else {
            continue;
        };
        tried += 1;
        if !engine
            .analyze_image(&tight)
            .expect("analysis runs")
            .faces
            .is_empty()
        {
            found += 1;
        }
    }
    let rate = found as f32 / tried as f32;
    eprintln!(
        "faces filling the frame (80 % of the face box): {found}/{tried} found ({:.1} %)",
        100.0 * rate
    );
    assert!(tried >= 20, "too few usable photos: {tried}");
    assert!(
        rate >= 0.95,
        "found {found}/{tried} faces that fill the frame"
    );
}

/// Whether one box lies mostly (60 % of its area) inside a larger one.
fn any_nested(boxes: &[BoundingBox]) -> bool {
    let inside = |a: &BoundingBox, b: &BoundingBox| a.area() < b.area() && a.share_inside(b) >= 0.6;
    boxes.iter().any(|a| boxes.iter().any(|b| inside(a, b)))
}

/// The photos of `face_occlusions/` a person labelled as showing one face.
fn labelled_single_faces(data: &std::path::Path) -> Vec<String> {
    let csv = std::fs::read_to_string(data.join("face_occlusions/labels.csv"))
        .expect("read face_occlusions/labels.csv");
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.splitn(4, ',');
            let file = cols.next()?;
            let _category = cols.next()?;
            (cols.next()? == "1").then(|| format!("face_occlusions/{file}"))
        })
        .collect()
}

/// A face close to the camera is one face: parts of it (nostrils read as eyes, the mouth as a
/// mouth) must never come back as a second, nested face ("Only one person should be in view"
/// instead of "move back"). One-face photos (labelled by a person, and `faces_pairs`'), each as
/// it is and cropped so the face box spans 70 %, 90 % and 110 % of a square frame around it.
#[test]
fn close_faces_are_one_face() {
    const T: &str = "close_faces_are_one_face";
    let Some(data) = require_data(T, &["face_occlusions/labels.csv", "faces_pairs"]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let mut photos: Vec<(String, Part)> = labelled_single_faces(&data)
        .into_iter()
        .map(|rel| {
            let part = part_of(&rel);
            (rel, part)
        })
        .collect();
    photos.extend(
        single_face_photos_with_identity(&data)
            .into_iter()
            .step_by(2)
            .map(|(rel, id)| (rel, part_of_key(&id))),
    );
    // The same detector without the nested-box rule, to show what the rule removes.
    let detector = engine.analyzer().detector();
    let without_rule = detector.with_options(DetectorOptions {
        nested_min_inside: f32::INFINITY,
        ..*detector.options()
    });
    let mut nested_without_rule = 0;
    // Per part: frames, frames with a nested second box, frames with two boxes apart.
    let mut per_part = std::collections::BTreeMap::<Part, (usize, usize, usize)>::new();
    let (mut nested, mut apart) = (Vec::new(), Vec::new());
    for (rel, part) in &photos {
        let tally = per_part.entry(*part).or_default();
        let Some(image) = try_load_image(&data.join(rel)) else {
            continue;
        };
        let Some(face) = detect(engine, &image).first().copied() else {
            continue;
        };
        let mut views = vec![("as is".to_string(), image.clone())];
        for span in [0.7f32, 0.9, 1.1] {
            let side = face.width.max(face.height) / span;
            if let Some(view) = square_around(&image, face.center(), side) {
                views.push((format!("face {:.0} % of the frame", 100.0 * span), view));
            }
        }
        for (what, view) in views {
            tally.0 += 1;
            let mut input = Vec::new();
            let raw: Vec<BoundingBox> = without_rule
                .detect(&view, &mut input)
                .expect("detection runs")
                .into_iter()
                .map(|d| d.bbox)
                .collect();
            nested_without_rule += usize::from(any_nested(&raw));
            let boxes = detect(engine, &view);
            if boxes.len() < 2 {
                continue;
            }
            let any_nested = any_nested(&boxes);
            let line = format!("{rel} ({what}): {} faces", boxes.len());
            if any_nested {
                tally.1 += 1;
                nested.push(line);
            } else {
                tally.2 += 1;
                apart.push(line);
            }
        }
    }
    let frames: usize = per_part.values().map(|(n, _, _)| n).sum();
    eprintln!(
        "close faces: {frames} one-face frames, {} with a nested second box ({nested_without_rule} without the rule), {} with two boxes apart",
        nested.len(),
        apart.len()
    );
    for (part, (n, inside, two)) in &per_part {
        eprintln!(
            "  {}: {n} frames, nested {inside}, apart {two} ({:.1} % with a second face)",
            part.name(),
            100.0 * (inside + two) as f32 / (*n).max(1) as f32
        );
    }
    for line in nested.iter().chain(&apart) {
        eprintln!("  {line}");
    }
    assert!(frames >= 300, "too few frames: {frames}");
    assert!(nested.is_empty(), "nested second faces: {nested:?}");
}
