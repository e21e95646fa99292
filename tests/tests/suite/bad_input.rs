//! Bad input gives a typed error, never a panic: frame geometry, corrupt image bytes, missing and
//! damaged model files.

use std::path::{Path, PathBuf};

use precheck_core::frame::{
    decode_image, decode_image_repairing, FileRepair, Frame, PixelFormat, Rotation,
};
use precheck_core::limits::DecodeLimits;
use precheck_core::models::ModelKind;
use precheck_core::{Engine, EngineConfig, PrecheckError};
use precheck_tests::*;

const JPEG: &str = "faces_detect/cleardusk+3DDFA_V2/examples/inputs/JianzhuGuo.jpg";
const PNG: &str = "faces_detect/justadudewhohacks+face-api.js/test/images/face_rectangular.png";
/// A progressive JPEG (SOF2).
const PROGRESSIVE_JPEG: &str =
    "faces_detect/davisking+dlib/examples/faces/Tom_Cruise_avp_2014_4.jpg";

fn kind(e: &PrecheckError) -> &'static str {
    match e {
        PrecheckError::InvalidFrame(_) => "InvalidFrame",
        PrecheckError::ImageDecode(_) => "ImageDecode",
        PrecheckError::ModelMissing { .. } => "ModelMissing",
        PrecheckError::ModelChecksum { .. } => "ModelChecksum",
        PrecheckError::Manifest { .. } => "Manifest",
        PrecheckError::ModelLoad { .. } => "ModelLoad",
        PrecheckError::Inference { .. } => "Inference",
        PrecheckError::Io { .. } => "Io",
        PrecheckError::FaceNotFound(_) => "FaceNotFound",
        PrecheckError::InvalidInput(_) => "InvalidInput",
        PrecheckError::UnsupportedImageFormat(_) => "UnsupportedImageFormat",
        PrecheckError::ImageTooLarge { .. } => "ImageTooLarge",
        PrecheckError::FlowOrder(_) => "FlowOrder",
        PrecheckError::SelfieTooLate { .. } => "SelfieTooLate",
        PrecheckError::RetryCooldown { .. } => "RetryCooldown",
        PrecheckError::RetryEscalated => "RetryEscalated",
        PrecheckError::SignerFailed(_) => "SignerFailed",
        PrecheckError::LimitExceeded { .. } => "LimitExceeded",
        PrecheckError::SessionTooLong(_) => "SessionTooLong",
    }
}

#[test]
fn bad_frames_are_invalid_frame_errors() {
    const T: &str = "bad_frames_are_invalid_frame_errors";
    let Some(engine) = engine(T) else { return };
    let buf = vec![128u8; 640 * 480 * 4];
    let frame = |w, h, format, strides: [u32; 3], len: usize| Frame {
        width: w,
        height: h,
        format,
        row_strides: strides,
        rotation: Rotation::Deg90,
        mirrored: true,
        timestamp_ms: 0,
        data: &buf[..len],
    };
    let nv21_len = 640 * 480 * 3 / 2;
    let cases: Vec<(&str, Frame<'_>)> = vec![
        (
            "zero width",
            frame(0, 480, PixelFormat::Rgba8, [0; 3], buf.len()),
        ),
        (
            "zero height",
            frame(640, 0, PixelFormat::Nv21, [0; 3], buf.len()),
        ),
        (
            "empty buffer",
            frame(640, 480, PixelFormat::Rgba8, [0; 3], 0),
        ),
        (
            "RGBA one byte short",
            frame(640, 480, PixelFormat::Rgba8, [0; 3], 640 * 480 * 4 - 1),
        ),
        (
            "NV21 chroma missing",
            frame(640, 480, PixelFormat::Nv21, [0; 3], 640 * 480),
        ),
        (
            "NV21 one byte short",
            frame(640, 480, PixelFormat::Nv21, [0; 3], nv21_len - 1),
        ),
        (
            "I420 one byte short",
            frame(640, 480, PixelFormat::I420, [0; 3], nv21_len - 1),
        ),
        (
            "RGBA stride < width",
            frame(640, 480, PixelFormat::Rgba8, [640 * 4 - 4, 0, 0], buf.len()),
        ),
        (
            "BGRA stride = width in pixels",
            frame(640, 480, PixelFormat::Bgra8, [640, 0, 0], buf.len()),
        ),
        (
            "NV21 luma stride < width",
            frame(640, 480, PixelFormat::Nv21, [639, 0, 0], buf.len()),
        ),
        (
            "I420 chroma stride < width",
            frame(640, 480, PixelFormat::I420, [640, 300, 320], buf.len()),
        ),
        (
            "padded stride overruns buffer",
            frame(
                640,
                480,
                PixelFormat::Rgba8,
                [640 * 4 + 64, 0, 0],
                640 * 480 * 4,
            ),
        ),
        (
            "absurd size",
            frame(u32::MAX, u32::MAX, PixelFormat::I420, [0; 3], buf.len()),
        ),
        (
            "absurd stride",
            frame(640, 480, PixelFormat::Gray8, [u32::MAX, 0, 0], buf.len()),
        ),
    ];
    let mut seen = Vec::new();
    for (name, frame) in &cases {
        match engine.analyze_frame(frame) {
            Err(e @ PrecheckError::InvalidFrame(_)) => seen.push(format!("{name}: {e}")),
            // Over the frame size limit: refused before the layout is even looked at.
            Err(e @ PrecheckError::LimitExceeded { .. }) if *name == "absurd size" => {
                seen.push(format!("{name}: {e}"))
            }
            Err(e) => panic!("{name}: expected InvalidFrame, got {}: {e}", kind(&e)),
            Ok(_) => panic!("{name}: accepted"),
        }
    }
    eprintln!("bad frames: {}/{} InvalidFrame", seen.len(), cases.len());
    for line in &seen {
        eprintln!("  {line}");
    }
    // The converter's valid neighbour of the last NV21 case still works (the last plane may end
    // right after its last pixel).
    assert!(engine
        .analyze_frame(&frame(640, 480, PixelFormat::Nv21, [0; 3], nv21_len))
        .is_ok());
}

#[test]
fn corrupt_image_bytes_are_decode_errors() {
    const T: &str = "corrupt_image_bytes_are_decode_errors";
    let Some(data) = require_data(T, &[JPEG, PNG]) else {
        return;
    };
    let jpeg = std::fs::read(data.join(JPEG)).expect("read JPEG");
    let png = std::fs::read(data.join(PNG)).expect("read PNG");
    let flip = |bytes: &[u8], from: usize| {
        let mut b = bytes.to_vec();
        for v in b[from..].iter_mut().step_by(7) {
            *v ^= 0x5A;
        }
        b
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("text", b"definitely not an image".to_vec()),
        ("JPEG magic only", jpeg[..4].to_vec()),
        ("JPEG header only (first 300 bytes)", jpeg[..300].to_vec()),
        (
            "JPEG cut after the header",
            jpeg[..jpeg.len().min(2000)].to_vec(),
        ),
        ("JPEG with a scrambled header", flip(&jpeg, 2)),
        ("PNG magic only", png[..8].to_vec()),
        ("PNG cut in half", png[..png.len() / 2].to_vec()),
        ("PNG with scrambled chunks", flip(&png, 8)),
        (
            "PNG signature then JPEG body",
            [&png[..8], &jpeg[2..]].concat(),
        ),
    ];
    let mut lines = Vec::new();
    for (name, bytes) in &cases {
        match decode_image(bytes) {
            Err(e @ PrecheckError::ImageDecode(_)) => lines.push(format!("{name}: {e}")),
            Err(e) => panic!("{name}: expected ImageDecode, got {}: {e}", kind(&e)),
            Ok(img) => panic!("{name}: decoded as {}×{}", img.width(), img.height()),
        }
    }
    eprintln!(
        "corrupt images: {}/{} ImageDecode",
        lines.len(),
        cases.len()
    );
    for line in &lines {
        eprintln!("  {line}");
    }
    // JPEG's entropy-coded data has no checksum: scrambled scan bytes decode to a damaged
    // picture or fail, either is fine as long as nothing panics.
    let scrambled = decode_image(&flip(&jpeg, jpeg.len() / 2)).map(|i| (i.width(), i.height()));
    assert!(
        matches!(scrambled, Ok(_) | Err(PrecheckError::ImageDecode(_))),
        "scrambled JPEG scan: {scrambled:?}"
    );
    eprintln!("  JPEG with scrambled scan data (no checksum to catch it): {scrambled:?}");
    // The intact files decode.
    assert!(decode_image(&jpeg).is_ok() && decode_image(&png).is_ok());
}

#[test]
fn truncated_jpeg_is_refused() {
    const T: &str = "truncated_jpeg_is_refused";
    let Some(data) = require_data(T, &[JPEG, PNG, PROGRESSIVE_JPEG]) else {
        return;
    };
    let jpeg = std::fs::read(data.join(JPEG)).expect("read JPEG");
    let png = std::fs::read(data.join(PNG)).expect("read PNG");
    let progressive = std::fs::read(data.join(PROGRESSIVE_JPEG)).expect("read JPEG");
    let without_end = |b: &[u8]| {
        let end = b.windows(2).rposition(|w| w == [0xFF, 0xD9]).expect("EOI");
        b[..end].to_vec()
    };
    // An upload cut short: the end-of-image marker (FF D9) and the last scan bytes are missing.
    // The picture's bottom would be filled in by the decoder; a KYC capture must not be
    // accepted that way. A progressive JPEG without its marker may be missing later scans.
    let mut lines = Vec::new();
    let mut accepted = Vec::new();
    for (name, bytes) in [
        ("JPEG cut at 90 %", &jpeg[..jpeg.len() * 9 / 10]),
        ("JPEG cut 40 bytes before its end", &jpeg[..jpeg.len() - 40]),
        ("PNG cut at 90 %", &png[..png.len() * 9 / 10]),
        ("PNG without its IEND chunk", &png[..png.len() - 12]),
        (
            "progressive JPEG without its end marker",
            &without_end(&progressive),
        ),
    ] {
        match decode_image(bytes) {
            Err(e @ PrecheckError::ImageDecode(_)) => lines.push(format!("{name}: {e}")),
            Err(e) => panic!("{name}: expected ImageDecode, got {}: {e}", kind(&e)),
            Ok(img) => {
                lines.push(format!(
                    "{name}: ACCEPTED as {}×{}",
                    img.width(),
                    img.height()
                ));
                accepted.push(name);
            }
        }
    }
    eprintln!("truncated images: {}/5 refused", 5 - accepted.len());
    for line in &lines {
        eprintln!("  {}", line.trim_end());
    }
    assert!(accepted.is_empty(), "truncated files decoded: {accepted:?}");
    // A baseline JPEG whose scan data is whole and only the end marker is missing (as some
    // uploaders leave it; every viewer opens it): accepted, the same pixels, the repair said.
    let intact = decode_image(&jpeg).expect("intact JPEG");
    let (mended, repair) =
        decode_image_repairing(&without_end(&jpeg), DecodeLimits::default()).expect("accepted");
    assert_eq!(repair, Some(FileRepair::JpegEndMarkerMissing));
    assert_eq!(mended.as_bytes(), intact.as_bytes());
    let (_, none) = decode_image_repairing(&jpeg, DecodeLimits::default()).expect("intact");
    assert_eq!(none, None);
}

/// A private copy of the two models the engine loads (and the manifest, when `manifest`), in a
/// fresh folder under the system temp dir.
fn model_copy(tag: &str, manifest: bool) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("precheck-tests-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let src = models_dir();
    let mut files = vec![
        ModelKind::FaceDetector.file_name(),
        ModelKind::FaceLandmarks.file_name(),
    ];
    if manifest {
        files.push("manifest.json");
    }
    for f in files {
        std::fs::copy(src.join(f), dir.join(f)).unwrap_or_else(|e| panic!("copy {f}: {e}"));
    }
    dir
}

fn load(dir: &Path) -> Result<Engine, PrecheckError> {
    Engine::new(EngineConfig::from_dir(dir))
}

fn sha256_hex(bytes: &[u8]) -> String {
    precheck_core::models::sha256_hex(bytes)
}

#[test]
fn missing_and_damaged_models_are_typed_errors() {
    const T: &str = "missing_and_damaged_models_are_typed_errors";
    // The models must be there to damage copies of them.
    if engine(T).is_none() {
        return;
    }
    let landmarks = ModelKind::FaceLandmarks.file_name();
    let mut lines = Vec::new();
    let mut expect = |name: &str, result: Result<Engine, PrecheckError>, want: &str| match result {
        Err(e) if kind(&e) == want => lines.push(format!("{name}: {want}: {e}")),
        Err(e) => panic!("{name}: expected {want}, got {}: {e}", kind(&e)),
        Ok(_) => panic!("{name}: the engine loaded"),
    };

    let missing =
        std::env::temp_dir().join(format!("precheck-tests-{}-nowhere", std::process::id()));
    expect("missing model folder", load(&missing), "ModelMissing");

    for manifest in [true, false] {
        let how = if manifest {
            "with manifest"
        } else {
            "pinned hashes"
        };
        // One byte flipped in the middle of the landmark model.
        let dir = model_copy(&format!("flip-{manifest}"), manifest);
        let path = dir.join(landmarks);
        let mut bytes = std::fs::read(&path).expect("read copy");
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x01;
        std::fs::write(&path, &bytes).expect("write copy");
        expect(
            &format!("one flipped byte ({how})"),
            load(&dir),
            "ModelChecksum",
        );
        // Truncated to half.
        bytes.truncate(mid);
        std::fs::write(&path, &bytes).expect("write copy");
        expect(&format!("truncated ({how})"), load(&dir), "ModelChecksum");
        // Empty file.
        std::fs::write(&path, b"").expect("write copy");
        expect(&format!("empty file ({how})"), load(&dir), "ModelChecksum");
        // Removed.
        std::fs::remove_file(&path).expect("remove copy");
        expect(
            &format!("one model removed ({how})"),
            load(&dir),
            "ModelMissing",
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    // A manifest that vouches for a truncated file: the hash check passes, tract must refuse the
    // bytes without panicking.
    let dir = model_copy("vouched", true);
    let path = dir.join(landmarks);
    let bytes = std::fs::read(&path).expect("read copy");
    let cut = &bytes[..bytes.len() / 2];
    std::fs::write(&path, cut).expect("write copy");
    let manifest_path = dir.join("manifest.json");
    let manifest = std::fs::read_to_string(&manifest_path).expect("read manifest");
    let manifest = manifest.replace(&sha256_hex(&bytes), &sha256_hex(cut));
    std::fs::write(&manifest_path, manifest).expect("write manifest");
    expect(
        "truncated model vouched for by the manifest",
        load(&dir),
        "ModelLoad",
    );
    // A manifest that is not JSON.
    std::fs::write(&manifest_path, "{ not json").expect("write manifest");
    expect("unreadable manifest", load(&dir), "Manifest");
    let _ = std::fs::remove_dir_all(&dir);

    eprintln!("model errors: {} typed errors", lines.len());
    for line in &lines {
        eprintln!("  {line}");
    }
}

/// Apps bundle the models as assets and hand the core their bytes: the right bytes load and give
/// the same faces as the folder; a flipped byte, a truncated file, a missing model, or the bytes
/// of another model in a slot are refused with a typed error.
#[test]
fn models_from_bytes_load_and_bad_bytes_are_refused() {
    use precheck_core::models::{ModelBytes, ModelKind, ModelSource};
    use precheck_core::{EngineConfig, PrecheckError};
    const T: &str = "models_from_bytes_load_and_bad_bytes_are_refused";
    let Some(engine) = engine(T) else {
        return;
    };
    let dir = models_dir();
    let bundle = |edit: &dyn Fn(ModelKind, &mut Vec<u8>)| -> Vec<ModelBytes> {
        [
            ModelKind::FaceDetector,
            ModelKind::FaceLandmarks,
            ModelKind::FaceEmbedder,
        ]
        .into_iter()
        .map(|kind| {
            let mut bytes = std::fs::read(dir.join(kind.file_name())).expect("model file");
            edit(kind, &mut bytes);
            ModelBytes {
                kind,
                bytes,
                sha256: None,
            }
        })
        .collect()
    };
    let config = |models| EngineConfig {
        models: ModelSource::Bytes(models),
        ..EngineConfig::from_dir(&dir)
    };
    let from_bytes = precheck_core::Engine::new(config(bundle(&|_, _| {}))).expect("bytes load");
    let photo = data_dir().join("faces_detect/justadudewhohacks+face-api.js/test/images/face1.png");
    if photo.exists() {
        let image = load_image(&photo);
        let a = engine.analyze_image(&image).expect("folder engine");
        let b = from_bytes.analyze_image(&image).expect("bytes engine");
        assert_eq!(a.faces.len(), 1);
        assert_eq!(a.faces[0].landmarks5, b.faces[0].landmarks5);
    }
    type Edit = Box<dyn Fn(ModelKind, &mut Vec<u8>)>;
    let cases: [(&str, Edit); 3] = [
        (
            "flipped byte",
            Box::new(|k, b| {
                if k == ModelKind::FaceLandmarks {
                    b[1000] ^= 1
                }
            }),
        ),
        (
            "truncated",
            Box::new(|k, b| {
                if k == ModelKind::FaceDetector {
                    b.truncate(b.len() / 2)
                }
            }),
        ),
        (
            "another model's bytes",
            Box::new(|k, b| {
                if k == ModelKind::FaceDetector {
                    *b = std::fs::read(models_dir().join(ModelKind::FaceLandmarks.file_name()))
                        .expect("file");
                }
            }),
        ),
    ];
    for (name, edit) in cases {
        let err = precheck_core::Engine::new(config(bundle(&*edit))).expect_err(name);
        eprintln!("  bytes, {name}: {err}");
        assert!(
            matches!(err, PrecheckError::ModelChecksum { .. }),
            "{name}: {err:?}"
        );
    }
    let mut missing = bundle(&|_, _| {});
    missing.retain(|m| m.kind != ModelKind::FaceLandmarks);
    let err = precheck_core::Engine::new(config(missing)).expect_err("missing");
    eprintln!("  bytes, missing model: {err}");
    assert!(matches!(err, PrecheckError::ModelMissing { .. }), "{err:?}");
}
