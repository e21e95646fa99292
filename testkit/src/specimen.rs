//! Synthetic specimen identity documents for demos and end-to-end tests: an ISO/IEC 7810 ID-1
//! card with a TD1 MRZ, or a TD3 passport data page, printed with a caller's real portrait
//! photo, labelled fields, a guilloche background, the word SPECIMEN and a valid MRZ in OCR-B
//! (check digits from the core, glyphs from the core's MRZ reader templates). The issuing
//! state defaults to `UTO`, ICAO's specimen state: nothing rendered here is a real document.
//!
//! [`scene::place_in_scene`] then photographs the document in perspective on a background.

mod guilloche;
pub mod ink;
pub mod mrz_text;
pub mod scene;

use precheck_core::date::Date;
use precheck_core::frame::RgbImage;
use precheck_core::math::BoundingBox;

use guilloche::Palette;
use ink::{OcrBStyle, Rect};

pub use scene::{framed_corners, place_in_scene, Framing, SceneBackground};

/// Why a specimen cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecimenError {
    #[error("specimen field: {0}")]
    Field(String),
    #[error("portrait photo: {0}")]
    Portrait(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Female,
    Male,
    Unspecified,
}

/// The holder and document data printed on the specimen (and encoded in its MRZ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecimenData {
    pub surname: String,
    pub given_names: String,
    /// 1-9 letters or digits.
    pub document_number: String,
    /// ICAO 3-letter codes.
    pub nationality: String,
    pub issuing_state: String,
    pub birth_date: Date,
    pub sex: Sex,
    pub expiry_date: Date,
}

/// Which document is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecimenFormat {
    /// ID-1 card, 85.60 × 53.98 mm, TD1 MRZ (3 × 30).
    Td1Card,
    /// Passport data page, 125 × 88 mm, TD3 MRZ (2 × 44).
    Td3Passport,
}

impl SpecimenFormat {
    /// Physical size in millimetres (width, height).
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            SpecimenFormat::Td1Card => (85.60, 53.98),
            SpecimenFormat::Td3Passport => (125.0, 88.0),
        }
    }

    /// Width / height.
    pub fn aspect(self) -> f32 {
        let (w, h) = self.size_mm();
        w / h
    }
}

/// The portrait to print: a real photo and the face box in it (e.g. the engine's detection).
#[derive(Debug, Clone, Copy)]
pub struct PortraitSource<'a> {
    pub photo: &'a RgbImage,
    pub face: BoundingBox,
}

/// A rendered specimen.
#[derive(Debug, Clone)]
pub struct Specimen {
    pub format: SpecimenFormat,
    pub image: RgbImage,
    /// The MRZ lines as printed.
    pub mrz_lines: Vec<String>,
    /// Where the portrait is printed, in document pixels.
    pub portrait: BoundingBox,
    /// Rounded corners (document pixels): give it to [`place_in_scene`].
    pub corner_radius: f32,
}

/// The size of the table photos [`on_table`] takes (4:3, 1.9 MP: a document-capture frame).
pub const TABLE_PHOTO_SIZE: (u32, u32) = (1600, 1200);

/// The specimen photographed on a wooden table at [`TABLE_PHOTO_SIZE`] with the default
/// framing (about 75 % fill, a slight tilt and turn); `None` if the corners degenerate.
pub fn on_table(specimen: &Specimen) -> Option<RgbImage> {
    on_table_at(specimen, TABLE_PHOTO_SIZE)
}

/// [`on_table`] in a photo of `(width, height)` pixels.
pub fn on_table_at(specimen: &Specimen, (w, h): (u32, u32)) -> Option<RgbImage> {
    let corners = framed_corners(w, h, specimen.format.aspect(), Framing::default());
    place_in_scene(
        &specimen.image,
        &SceneBackground::Wood {
            width: w,
            height: h,
        },
        corners,
        specimen.corner_radius,
    )
}

/// PNG bytes of an image (documents are submitted as files).
pub fn to_png(image: &RgbImage) -> Result<Vec<u8>, image::ImageError> {
    let mut png = Vec::new();
    image::RgbImage::from_raw(image.width(), image.height(), image.as_bytes().to_vec())
        .ok_or_else(|| {
            image::ImageError::Parameter(image::error::ParameterError::from_kind(
                image::error::ParameterErrorKind::DimensionMismatch,
            ))
        })?
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(png)
}

/// Renders `format` `width_px` wide (e.g. 1012 px: about 300 dpi for an ID-1 card).
pub fn render(
    format: SpecimenFormat,
    data: &SpecimenData,
    portrait: PortraitSource<'_>,
    width_px: u32,
) -> Result<Specimen, SpecimenError> {
    if !(200..=8000).contains(&width_px) {
        return Err(SpecimenError::Field(format!(
            "width {width_px} px is outside 200-8000"
        )));
    }
    let face = portrait.face;
    if portrait.photo.width() == 0
        || face.width <= 1.0
        || face.height <= 1.0
        || !face.x.is_finite()
        || !face.y.is_finite()
    {
        return Err(SpecimenError::Portrait(
            "the face box is empty or the photo has no pixels".into(),
        ));
    }
    let mrz_lines: Vec<String> = match format {
        SpecimenFormat::Td1Card => mrz_text::td1_lines(data)?.to_vec(),
        SpecimenFormat::Td3Passport => mrz_text::td3_lines(data)?.to_vec(),
    };
    let (mm_w, mm_h) = format.size_mm();
    let px_per_mm = width_px as f32 / mm_w;
    let height_px = (mm_h * px_per_mm).round() as u32;
    let mut image = RgbImage::from_raw(
        width_px,
        height_px,
        vec![255; width_px as usize * height_px as usize * 3],
    )
    .map_err(|e| SpecimenError::Field(e.to_string()))?;
    let layout = Layout::new(format, px_per_mm, width_px, height_px);
    // The MRZ band stays clear of the background print (ICAO 9303 part 3 §4.2).
    guilloche::paint(&mut image, &palette(format), layout.mrz_top);
    header(&mut image, format, &layout);
    let crop = ink::portrait_crop(&face, layout.portrait.width / layout.portrait.height);
    ink::portrait(&mut image, layout.portrait, portrait.photo, crop);
    fields(&mut image, data, &layout);
    specimen_mark(&mut image, &layout);
    mrz(&mut image, &mrz_lines, &layout);
    Ok(Specimen {
        format,
        image,
        mrz_lines,
        portrait: BoundingBox {
            x: layout.portrait.x,
            y: layout.portrait.y,
            width: layout.portrait.width,
            height: layout.portrait.height,
        },
        corner_radius: match format {
            SpecimenFormat::Td1Card => 3.18 * px_per_mm,
            SpecimenFormat::Td3Passport => 0.0,
        },
    })
}

const INK: [u8; 3] = [24, 28, 36];
const LABEL: [u8; 3] = [52, 70, 110];

/// Positions on the document, in pixels.
struct Layout {
    mm: f32,
    width: f32,
    header_height: f32,
    portrait: Rect,
    fields_x: f32,
    mrz_pitch: f32,
    /// Centre heights of the MRZ lines.
    mrz_rows: Vec<f32>,
    /// Top of the clear MRZ band.
    mrz_top: f32,
    title: &'static str,
    subtitle: &'static str,
}

impl Layout {
    fn new(format: SpecimenFormat, mm: f32, width: u32, height: u32) -> Layout {
        let (w, h) = (width as f32, height as f32);
        // ICAO 9303: 2.54 mm character pitch, lines 4.23 mm apart (6 lines per inch), the
        // last line's centre ~ 5 mm above the bottom edge.
        let pitch = 2.54 * mm;
        let spacing = 4.23 * mm;
        let (lines, title, subtitle, portrait_w, portrait_top) = match format {
            SpecimenFormat::Td1Card => {
                (3, "UTOPIA", "IDENTITY CARD - CARTE D'IDENTITE", 22.0, 10.5)
            }
            SpecimenFormat::Td3Passport => (2, "UTOPIA", "PASSPORT - PASSEPORT", 30.0, 14.0),
        };
        let last = h - 5.5 * mm;
        let mrz_rows: Vec<f32> = (0..lines)
            .map(|i| last - (lines - 1 - i) as f32 * spacing)
            .collect();
        let mrz_top = mrz_rows[0] - 0.5 * spacing - 1.0 * mm;
        let portrait_h =
            (portrait_w * 45.0 / 35.0 * mm).min(mrz_top - portrait_top * mm - 1.5 * mm);
        let portrait = Rect {
            x: 4.0 * mm,
            y: portrait_top * mm,
            width: portrait_h * 35.0 / 45.0,
            height: portrait_h,
        };
        Layout {
            mm,
            width: w,
            header_height: 8.5 * mm,
            fields_x: portrait.x + portrait.width + 4.0 * mm,
            portrait,
            mrz_pitch: pitch,
            mrz_rows,
            mrz_top,
            title,
            subtitle,
        }
    }
}

fn palette(format: SpecimenFormat) -> Palette {
    match format {
        SpecimenFormat::Td1Card => Palette {
            paper_left: [226, 238, 236],
            paper_right: [240, 230, 232],
            line: [168, 200, 196],
            rosette: [206, 170, 186],
        },
        SpecimenFormat::Td3Passport => Palette {
            paper_left: [236, 234, 222],
            paper_right: [226, 234, 240],
            line: [200, 190, 160],
            rosette: [170, 190, 214],
        },
    }
}

fn header(image: &mut RgbImage, format: SpecimenFormat, layout: &Layout) {
    // Dark print on the light paper, no band or rule: a dark band along the top edge would hide
    // that edge against a dark table, and a long rule parallel to it competes with it as the
    // document's outline (as on most real cards, the paper shows all around).
    let colour = match format {
        SpecimenFormat::Td1Card => [30, 70, 112],
        SpecimenFormat::Td3Passport => [104, 36, 52],
    };
    let mm = layout.mm;
    let scale = (mm / 4.0).round().max(1.0) as u32;
    ink::label(
        image,
        layout.title,
        (4.0 * mm) as u32,
        (1.6 * mm) as u32,
        scale + 1,
        colour,
    );
    ink::label(
        image,
        layout.subtitle,
        (4.0 * mm) as u32,
        (5.4 * mm) as u32,
        scale.max(2) - 1,
        colour,
    );
}

fn fields(image: &mut RgbImage, data: &SpecimenData, layout: &Layout) {
    let mm = layout.mm;
    let label_scale = ((mm / 6.0).round() as u32).max(1);
    let value_pitch = 1.9 * mm;
    let x = layout.fields_x;
    let column2 = x + (layout.width - x) * 0.5;
    let sex = match data.sex {
        Sex::Female => "F",
        Sex::Male => "M",
        Sex::Unspecified => "X",
    };
    let date = |d: Date| format!("{:02} {:02} {:04}", d.day, d.month, d.year);
    // Bilingual labels joined by " - ": the bitmap font's slash is a stub at this size.
    let rows: [[(&str, String); 2]; 5] = [
        [
            ("Surname - Nom", mrz_text::transliterate(&data.surname)),
            ("", String::new()),
        ],
        [
            (
                "Given names - Prenoms",
                mrz_text::transliterate(&data.given_names),
            ),
            ("", String::new()),
        ],
        [
            ("Sex - Sexe", sex.to_string()),
            ("Nationality", data.nationality.to_ascii_uppercase()),
        ],
        [
            ("Date of birth", date(data.birth_date)),
            (
                "Document no.",
                mrz_text::transliterate(&data.document_number),
            ),
        ],
        [
            ("Date of expiry", date(data.expiry_date)),
            ("Issuing state", data.issuing_state.to_ascii_uppercase()),
        ],
    ];
    let top = layout.header_height + 2.0 * mm;
    let row = ((layout.mrz_top - top - 0.5 * mm) / rows.len() as f32).min(6.2 * mm);
    let print = |image: &mut RgbImage, label: &str, value: &str, left: f32, top: f32| {
        if label.is_empty() {
            return;
        }
        ink::label(image, label, left as u32, top as u32, label_scale, LABEL);
        let style = OcrBStyle {
            pitch: value_pitch,
            angle: 0.0,
            colour: INK,
            opacity: 1.0,
        };
        // Fillers read as spaces in printed fields.
        ink::ocr_b_text(image, &value.replace('<', " "), left, top + 3.4 * mm, style);
    };
    for (i, [(l1, v1), (l2, v2)]) in rows.iter().enumerate() {
        let y = top + i as f32 * row;
        print(image, l1, v1, x, y);
        print(image, l2, v2, column2, y);
    }
}

fn specimen_mark(image: &mut RgbImage, layout: &Layout) {
    // Across the fields, clear of the portrait (the face must stay detectable) and the MRZ.
    let pitch = 5.0 * layout.mm;
    let left = layout.fields_x + 2.0 * layout.mm;
    let centre = layout.header_height + 0.62 * (layout.mrz_top - layout.header_height);
    let style = OcrBStyle {
        pitch,
        angle: -14f32.to_radians(),
        colour: [196, 40, 48],
        opacity: 0.33,
    };
    ink::ocr_b_text(image, "SPECIMEN", left, centre, style);
}

fn mrz(image: &mut RgbImage, lines: &[String], layout: &Layout) {
    let line_length = lines.first().map_or(0, |l| l.len()) as f32 * layout.mrz_pitch;
    let left = (layout.width - line_length) / 2.0;
    for (line, &centre) in lines.iter().zip(&layout.mrz_rows) {
        let style = OcrBStyle {
            pitch: layout.mrz_pitch,
            angle: 0.0,
            colour: INK,
            opacity: 1.0,
        };
        ink::ocr_b_text(image, line, left, centre, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> SpecimenData {
        SpecimenData {
            surname: "Doe".into(),
            given_names: "Jane".into(),
            document_number: "AB1234567".into(),
            nationality: "UTO".into(),
            issuing_state: "UTO".into(),
            birth_date: Date::new(1990, 2, 28).unwrap(),
            sex: Sex::Female,
            expiry_date: Date::new(2030, 2, 28).unwrap(),
        }
    }

    fn photo() -> RgbImage {
        RgbImage::from_raw(64, 64, vec![128; 64 * 64 * 3]).expect("buffer")
    }

    #[test]
    fn sizes_follow_the_iso_formats() {
        let p = photo();
        let face = BoundingBox {
            x: 16.0,
            y: 16.0,
            width: 32.0,
            height: 32.0,
        };
        for (format, height) in [
            (SpecimenFormat::Td1Card, 638),
            (SpecimenFormat::Td3Passport, 712),
        ] {
            let s = render(format, &data(), PortraitSource { photo: &p, face }, 1012).unwrap();
            assert_eq!((s.image.width(), s.image.height()), (1012, height));
            // The portrait frame lies inside the document, above the MRZ.
            assert!(s.portrait.x > 0.0 && s.portrait.y > 0.0);
            assert!(s.portrait.y + s.portrait.height < 0.75 * height as f32);
        }
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        let p = photo();
        let empty = BoundingBox {
            x: 0.0,
            y: 0.0,
            width: 0.0,
            height: 0.0,
        };
        let face = BoundingBox {
            x: 16.0,
            y: 16.0,
            width: 32.0,
            height: 32.0,
        };
        assert!(matches!(
            render(
                SpecimenFormat::Td1Card,
                &data(),
                PortraitSource {
                    photo: &p,
                    face: empty
                },
                1012
            ),
            Err(SpecimenError::Portrait(_))
        ));
        let nan = BoundingBox {
            x: f32::NAN,
            ..face
        };
        assert!(render(
            SpecimenFormat::Td1Card,
            &data(),
            PortraitSource {
                photo: &p,
                face: nan
            },
            1012
        )
        .is_err());
        assert!(matches!(
            render(
                SpecimenFormat::Td1Card,
                &data(),
                PortraitSource { photo: &p, face },
                10
            ),
            Err(SpecimenError::Field(_))
        ));
        let mut bad = data();
        bad.issuing_state = "UTOPIA".into();
        assert!(matches!(
            render(
                SpecimenFormat::Td3Passport,
                &bad,
                PortraitSource { photo: &p, face },
                1012
            ),
            Err(SpecimenError::Field(_))
        ));
    }
}
