//! Head pose: mirror symmetry of yaw on real photos, and the sign convention (DESIGN §4: yaw > 0
//! when the subject turns to their left, i.e. the nose points to the image's right in an
//! unmirrored photo).

use precheck_core::frame::RgbImage;
use precheck_core::math::BoundingBox;
use precheck_core::{Engine, FaceObservation};
use precheck_tests::*;

const DDFA: &str = "faces_detect/cleardusk+3DDFA_V2/examples/inputs";
const FACE_API: &str = "faces_detect/justadudewhohacks+face-api.js/test/images";

/// `b` as it lies in the mirrored image of width `w`.
fn mirror_box(b: &BoundingBox, w: f32) -> BoundingBox {
    BoundingBox {
        x: w - b.x - b.width,
        ..*b
    }
}

/// Faces of `image` paired with the same faces found in its mirror image (IoU ≥ 0.5).
fn mirrored_pairs(engine: &Engine, image: &RgbImage) -> Vec<(FaceObservation, FaceObservation)> {
    let a = engine.analyze_image(image).expect("analysis runs");
    let b = engine
        .analyze_image(&image.mirrored())
        .expect("analysis runs");
    let w = image.width() as f32;
    let boxes_a: Vec<_> = a.faces.iter().map(|f| mirror_box(&f.bbox, w)).collect();
    let boxes_b: Vec<_> = b.faces.iter().map(|f| f.bbox).collect();
    match_boxes(&boxes_a, &boxes_b, 0.5)
        .into_iter()
        .map(|(i, j, _)| (a.faces[i].clone(), b.faces[j].clone()))
        .collect()
}

#[test]
fn yaw_of_mirrored_photo_is_negated() {
    const T: &str = "yaw_of_mirrored_photo_is_negated";
    let Some(data) = require_data(T, &["faces_pairs/IDENTITIES.csv", DDFA, FACE_API]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    let mut files = single_face_photos(&data);
    for f in ["emma.jpg", "trump_hillary.jpg", "JianzhuGuo.jpg"] {
        files.push(format!("{DDFA}/{f}"));
    }
    for f in [
        "faces.jpg",
        "angry.jpg",
        "surprised.jpg",
        "face_rectangular.png",
    ] {
        files.push(format!("{FACE_API}/{f}"));
    }
    let (mut diffs, mut worst) = (Vec::new(), (0.0f32, String::new()));
    let mut turned = 0;
    for rel in &files {
        let Some(image) = try_load_image(&data.join(rel)) else {
            continue;
        };
        for (face, mirrored) in mirrored_pairs(engine, &image) {
            // A detection FaceMesh does not take for a face (landmark confidence < 0.5, e.g. the
            // gift box BlazeFace reports in CompreFace 001_A.jpg) has no pose to compare.
            if face.pose.yaw.abs() <= 8.0 || face.landmark_confidence < 0.5 {
                continue;
            }
            turned += 1;
            let d = (face.pose.yaw + mirrored.pose.yaw).abs();
            if d > worst.0 {
                let name = rel.rsplit('/').next().unwrap_or(rel);
                worst = (
                    d,
                    format!(
                        "{name}: yaw {:+.1}°, mirrored {:+.1}°",
                        face.pose.yaw, mirrored.pose.yaw
                    ),
                );
            }
            if d > 5.0 {
                eprintln!(
                    "  over 5°: {rel}: yaw {:+.1}°, mirrored {:+.1}°, box {:.0},{:.0} {:.0} px",
                    face.pose.yaw, mirrored.pose.yaw, face.bbox.x, face.bbox.y, face.bbox.width
                );
            }
            diffs.push(d);
        }
    }
    let s = Stats::of(&diffs);
    eprintln!(
        "pose: |yaw + mirrored yaw| over {turned} faces with |yaw| > 8°: mean {:.2}°, median {:.2}°, p90 {:.2}°, max {:.2}° ({})",
        s.mean, s.median, s.p90, s.max, worst.1
    );
    assert!(turned >= 20, "too few turned faces ({turned})");
    assert!(
        s.max <= 5.0,
        "mirrored yaw off by {:.1}° ({})",
        s.max,
        worst.1
    );
}

#[test]
fn yaw_sign_follows_the_subjects_turn() {
    const T: &str = "yaw_sign_follows_the_subjects_turn";
    let john = "faces_pairs/ageitgey+face_recognition/examples/knn_examples/train/kit_harington/john2.jpeg";
    let emma = format!("{DDFA}/emma.jpg");
    let debate = format!("{DDFA}/trump_hillary.jpg");
    let Some(data) = require_data(T, &[john, &emma, &debate]) else {
        return;
    };
    let Some(engine) = engine(T) else { return };
    // Checked by eye: in emma.jpg (three photos) and john2.jpeg the subject has turned to their
    // right (nose towards the image's left, far cheek hidden on the left): yaw < 0. In
    // trump_hillary.jpg both have turned to their left (noses towards the image's right): yaw > 0.
    let cases: [(&str, usize, f32); 3] = [(&emma, 3, -1.0), (john, 1, -1.0), (&debate, 2, 1.0)];
    let mut measured = Vec::new();
    for (rel, faces, sign) in cases {
        let image = load_image(&data.join(rel));
        let pairs = mirrored_pairs(engine, &image);
        assert_eq!(pairs.len(), faces, "{rel}: faces found in photo and mirror");
        for (face, mirrored) in pairs {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            measured.push(format!(
                "{name} {:+.1}° (mirrored {:+.1}°)",
                face.pose.yaw, mirrored.pose.yaw
            ));
            assert!(
                face.pose.yaw * sign >= 10.0,
                "{name}: yaw {:+.1}° should be {} (turned to the subject's {})",
                face.pose.yaw,
                if sign > 0.0 { "> +10°" } else { "< -10°" },
                if sign > 0.0 { "left" } else { "right" }
            );
            assert!(
                mirrored.pose.yaw * sign <= -10.0,
                "{name} mirrored: yaw {:+.1}°",
                mirrored.pose.yaw
            );
        }
    }
    eprintln!("pose sign: {}", measured.join(", "));
}
