//! `precheck specimen PHOTO --out CARD.png [--scene SCENE.jpg]`: a synthetic specimen document
//! printed with the largest face of a real photo (`precheck_testkit::specimen`), optionally
//! photographed on a table at about 75 % fill.

use std::path::Path;

use precheck_core::frame::RgbImage;
use precheck_testkit::specimen::{
    framed_corners, on_table, render, Framing, PortraitSource, Sex, SpecimenData, SpecimenFormat,
    TABLE_PHOTO_SIZE,
};
use serde_json::json;

use crate::analyze::{load_engine, read_image};
use crate::UserError;

pub struct SpecimenArgs<'a> {
    pub portrait: &'a Path,
    pub format: &'a str,
    pub out: &'a Path,
    pub scene: Option<&'a Path>,
    pub surname: &'a str,
    pub given_names: &'a str,
    pub number: &'a str,
    pub nationality: &'a str,
    pub issuing_state: &'a str,
    pub birth: &'a str,
    pub expiry: &'a str,
    pub sex: &'a str,
}

fn save(image: &RgbImage, path: &Path) -> Result<(), UserError> {
    image::RgbImage::from_raw(image.width(), image.height(), image.as_bytes().to_vec())
        .ok_or_else(|| UserError("image buffer size mismatch".into()))?
        .save(path)
        .map_err(|e| UserError(format!("cannot write {}: {e}", path.display())))
}

pub fn run(models: &Path, args: &SpecimenArgs<'_>, json_out: bool) -> Result<(), UserError> {
    let format = match args.format {
        "td1" => SpecimenFormat::Td1Card,
        "td3" => SpecimenFormat::Td3Passport,
        other => return Err(UserError(format!("unknown format {other:?} (td1, td3)"))),
    };
    let date = |s: &str| {
        s.parse()
            .map_err(|e| UserError(format!("date {s:?}: {e} (YYYY-MM-DD)")))
    };
    let data = SpecimenData {
        surname: args.surname.into(),
        given_names: args.given_names.into(),
        document_number: args.number.into(),
        nationality: args.nationality.into(),
        issuing_state: args.issuing_state.into(),
        birth_date: date(args.birth)?,
        sex: match args.sex {
            "F" | "f" => Sex::Female,
            "M" | "m" => Sex::Male,
            "X" | "x" | "<" => Sex::Unspecified,
            other => return Err(UserError(format!("sex {other:?} (F, M or X)"))),
        },
        expiry_date: date(args.expiry)?,
    };
    let photo = read_image(args.portrait)?;
    let engine = load_engine(models)?;
    let face = engine
        .analyze_image(&photo)?
        .faces
        .first()
        .map(|f| f.bbox)
        .ok_or_else(|| UserError(format!("{}: no face found", args.portrait.display())))?;
    let specimen = render(
        format,
        &data,
        PortraitSource {
            photo: &photo,
            face,
        },
        1012,
    )
    .map_err(|e| UserError(e.to_string()))?;
    save(&specimen.image, args.out)?;
    let mut scene_json = serde_json::Value::Null;
    if let Some(path) = args.scene {
        let (w, h) = TABLE_PHOTO_SIZE;
        // Where on_table puts the card (the same framing), for the JSON.
        let corners = framed_corners(w, h, format.aspect(), Framing::default());
        let scene = on_table(&specimen)
            .ok_or_else(|| UserError("the scene's corners do not form a quadrilateral".into()))?;
        save(&scene, path)?;
        scene_json = json!({
            "path": path.display().to_string(),
            "width": w,
            "height": h,
            "corners": corners.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>(),
        });
    }
    let b = specimen.portrait;
    if json_out {
        println!(
            "{}",
            json!({
                "document": {
                    "path": args.out.display().to_string(),
                    "width": specimen.image.width(),
                    "height": specimen.image.height(),
                },
                "mrz": specimen.mrz_lines,
                "portrait_box": [b.x, b.y, b.width, b.height],
                "scene": scene_json,
            })
        );
    } else {
        println!(
            "{}: {}x{} specimen; MRZ:",
            args.out.display(),
            specimen.image.width(),
            specimen.image.height()
        );
        for line in &specimen.mrz_lines {
            println!("  {line}");
        }
        if let Some(path) = args.scene {
            println!("{}: the specimen photographed on a table", path.display());
        }
    }
    Ok(())
}
