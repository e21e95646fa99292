//! Measures the detector's passes on photos: faces found and time with the whole-frame pass
//! only, with the fallbacks (default), and with tiling on every frame.
//!   cargo run --release -p precheck-core --example detector_passes -- IMAGE...

use std::time::Instant;

use precheck_core::face::{DetectorOptions, FaceDetector, TilingPolicy};
use precheck_core::frame::decode_image;
use precheck_core::models::{default_model_dir, load_verified, ModelKind, ModelSource, Network};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = ModelSource::Directory(default_model_dir());
    let (bytes, _) = load_verified(&source, ModelKind::FaceDetector)?;
    let net = Network::load(ModelKind::FaceDetector, &bytes)?;
    let single = DetectorOptions {
        zoom_out_factor: 0.0,
        tiling: TilingPolicy::Never,
        ..DetectorOptions::default()
    };
    let always = DetectorOptions {
        tiling: TilingPolicy::Always,
        ..DetectorOptions::default()
    };
    let variants = [
        ("single pass", single),
        ("default (fallbacks)", DetectorOptions::default()),
        ("tiles always", always),
    ];
    let mut input = Vec::new();
    for path in std::env::args().skip(1) {
        let image = decode_image(&std::fs::read(&path)?)?;
        print!("{path} ({}x{}):", image.width(), image.height());
        for (name, options) in variants {
            let detector = FaceDetector::new(net.clone(), options);
            let start = Instant::now();
            let faces = detector.detect(&image, &mut input)?;
            let ms = start.elapsed().as_secs_f64() * 1e3;
            print!("  {name}: {} faces {ms:.1} ms;", faces.len());
        }
        println!();
    }
    Ok(())
}
