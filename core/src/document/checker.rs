//! The document check: file, outline, framing, pixels of the rectified document, portrait.

use super::checks::{copy, exposure, framing, glare, obscured, screen, sharpness};
use super::config::DocumentConfig;
use super::file::check_file;
use super::mrz_step::add_mrz;
use super::portrait;
use super::quad::{Quad, QuadFinder};
use super::report::{DocumentKind, DocumentMeasures, DocumentReport, Portrait};
use crate::date::Date;
use crate::error::{PrecheckError, Result};
use crate::face::Analyzer;
use crate::frame::{decode_image_repairing, ContentFormat, RgbImage};
use crate::imgproc::homography::{warp_rgb, Homography};
use crate::imgproc::plane::{downscale_box, luma_plane, Plane};
use crate::math::Point;
use crate::prompt::{Issue, PromptCode, Severity};

/// Checks document photos; holds reusable buffers (one per thread or capture screen).
#[derive(Debug, Default)]
pub struct DocumentChecker {
    config: DocumentConfig,
    finder: QuadFinder,
    luma: Plane,
    screen: screen::ScreenScratch,
    /// The whole frame at the working resolution, for the sharpness of a frame without outline.
    frame_copy: RgbImage,
}

impl DocumentChecker {
    pub fn new(config: DocumentConfig) -> Self {
        DocumentChecker {
            config,
            ..Default::default()
        }
    }

    pub fn config(&self) -> &DocumentConfig {
        &self.config
    }

    /// Checks an uploaded file. A recognised format other than JPEG/PNG gives a report with
    /// FILE_FORMAT (nothing else can be said); a file over the size limit is still analysed
    /// (FILE_TOO_LARGE is added). Damaged, truncated or unrecognisable bytes, and images over the
    /// decoder's pixel limit, are errors.
    pub fn check_file(
        &mut self,
        faces: Option<&Analyzer>,
        bytes: &[u8],
        kind: DocumentKind,
    ) -> Result<DocumentReport> {
        self.check_file_keeping_image(faces, bytes, kind)
            .map(|(report, _)| report)
    }

    /// [`Self::check_file`], also handing back the decoded photo (`None` for another format)
    /// for what follows — the MRZ, an annotation — without decoding it again.
    pub fn check_file_keeping_image(
        &mut self,
        faces: Option<&Analyzer>,
        bytes: &[u8],
        kind: DocumentKind,
    ) -> Result<(DocumentReport, Option<RgbImage>)> {
        let (format, file_issues) = check_file(bytes, self.config.max_file_bytes);
        if let ContentFormat::Other(name) = format {
            log::info!("document file is {name}, not JPEG/PNG");
            let report = DocumentReport {
                issues: file_issues,
                ..Default::default()
            };
            return Ok((report, None));
        }
        let (image, repair) = decode_image_repairing(bytes, self.config.decode_limits)?;
        let mut report = self.check_image(faces, &image, kind)?;
        report.file_repair = repair;
        let mut issues = file_issues;
        issues.append(&mut report.issues);
        report.issues = issues;
        Ok((report, Some(image)))
    }

    /// The document step as every caller runs it: [`Self::check_file_keeping_image`] and, with
    /// `today`, the MRZ read from the photo ([`add_mrz`]; expiry is judged against `today`).
    pub fn check_upload(
        &mut self,
        faces: Option<&Analyzer>,
        bytes: &[u8],
        kind: DocumentKind,
        today: Option<Date>,
    ) -> Result<(DocumentReport, Option<RgbImage>)> {
        let (mut report, image) = self.check_file_keeping_image(faces, bytes, kind)?;
        if let (Some(image), Some(today)) = (&image, today) {
            add_mrz(image, kind, today, &mut report)?;
        }
        Ok((report, image))
    }

    /// Checks a decoded, upright photo. Without an analyzer the portrait is not searched.
    pub fn check_image(
        &mut self,
        faces: Option<&Analyzer>,
        image: &RgbImage,
        kind: DocumentKind,
    ) -> Result<DocumentReport> {
        let config = self.config.clone();
        let (w, h) = (image.width(), image.height());
        if w < 16 || h < 16 {
            return Err(PrecheckError::InvalidFrame(format!(
                "image {w}x{h} is too small to hold a document"
            )));
        }
        let mut report = DocumentReport {
            width: w,
            height: h,
            ..Default::default()
        };
        let aspect = kind.aspect_range(config.aspect_range);
        let Some(quad) = self
            .finder
            .find(image, aspect, &config)
            .or_else(|| whole_frame(w, h, aspect))
        else {
            self.not_found(image, &mut report);
            return Ok(report);
        };
        // The outline and, with an analyzer, the portrait in it. When the outline found holds no
        // portrait, the whole frame is tried too (a scan or a crop of the document, whose
        // outline is the image border, often shows inner rectangles that look like one).
        let mut chosen = self.rectify(image, quad, kind, faces)?;
        let whole = whole_frame(w, h, aspect);
        if let (Some(_), None, Some(whole)) = (
            faces,
            chosen.as_ref().and_then(|c| c.portrait.as_ref()),
            whole,
        ) {
            if chosen
                .as_ref()
                .is_some_and(|c| !c.quad.virtual_sides.iter().all(|&v| v))
            {
                if let Some(candidate) = self.rectify(image, whole, kind, faces)? {
                    if candidate.portrait.is_some() {
                        chosen = Some(candidate);
                    }
                }
            }
        }
        let Some(Rectified {
            quad,
            unit_to_photo,
            rectified,
            portrait,
        }) = chosen
        else {
            self.not_found(image, &mut report);
            return Ok(report);
        };
        let fills_frame = quad.virtual_sides.iter().all(|&v| v);
        if fills_frame && portrait.is_none() {
            self.not_found(image, &mut report);
            return Ok(report);
        }
        report.portrait = portrait;
        report.found = true;
        report.corners = Some(quad.corners);
        let framing = framing::measure(&quad.corners, w, h);
        report.fill_ratio = framing.fill_ratio;
        report.margins = Some(framing.margins);
        let mut issues = framing::issues(&framing, &quad.virtual_sides, w.min(h) as f32, &config);

        // Pixel checks on the rectified document (upright when the portrait was found; a
        // turn changes none of the measures).
        let document = &rectified;
        let exposure = exposure::measure(document);
        luma_plane(document, &mut self.luma);
        let acuity = sharpness::acuity(&self.luma);
        let colourfulness = copy::colourfulness(document);
        let glare_spots = glare::spots(
            document,
            report.portrait.as_ref().map(|p| p.face.bbox),
            &config,
        );
        let screen_peak = screen::peak_ratio(image, &unit_to_photo, &mut self.screen);
        let covered =
            obscured::covered_stretches(image, &quad.corners, &quad.virtual_sides, &config);
        let largest_gap = obscured::largest(&covered);

        issues.extend(exposure::issue(&exposure, &config));
        issues.extend(sharpness::issue(acuity, &config));
        issues.extend(glare::issue(&glare_spots));
        issues.extend(screen::issue(screen_peak, &config));
        issues.extend(copy::issue(colourfulness, &config));
        issues.extend(obscured::issue(largest_gap, &config));
        issues.sort_by_key(|i| std::cmp::Reverse(i.severity));
        report.issues.extend(issues);
        report.glare = glare_spots;
        report.measures = DocumentMeasures {
            relative_fill: framing.relative_fill,
            aspect: framing.aspect,
            luma_p10: exposure.p10,
            luma_p90: exposure.p90,
            clipped_fraction: exposure.clipped,
            glare_fraction: report.glare.iter().map(|s| s.area).sum::<f32>() + 0.0,
            acuity,
            screen_peak,
            colourfulness,
            largest_edge_gap: largest_gap,
            side_support: quad.support,
        };
        report.rectified = Some(rectified);
        Ok(report)
    }
}

/// An outline with its rectified document and the portrait found in it.
struct Rectified {
    quad: Quad,
    unit_to_photo: Homography,
    rectified: RgbImage,
    portrait: Option<Portrait>,
}

impl DocumentChecker {
    /// Rectifies the document inside `quad` and looks for its portrait (turning the rectified
    /// image upright when the portrait is found turned). `None` for a degenerate outline.
    fn rectify(
        &self,
        image: &RgbImage,
        quad: Quad,
        kind: DocumentKind,
        faces: Option<&Analyzer>,
    ) -> Result<Option<Rectified>> {
        let (rect_w, rect_h) = rectified_size(&quad.corners, kind, self.config.rectified_long_side);
        let unit = [
            Point::new(0.0, 0.0),
            Point::new(1.0, 0.0),
            Point::new(1.0, 1.0),
            Point::new(0.0, 1.0),
        ];
        let pixels = unit.map(|p| Point::new(p.x * rect_w as f32, p.y * rect_h as f32));
        let (Some(to_photo), Some(unit_to_photo)) = (
            Homography::from_points(&pixels, &quad.corners),
            Homography::from_points(&unit, &quad.corners),
        ) else {
            return Ok(None);
        };
        let mut rectified = RgbImage::default();
        warp_rgb(image, &to_photo, rect_w, rect_h, &mut rectified);
        let mut portrait = None;
        if let Some(faces) = faces {
            if let Some((face, turns, upright)) = portrait::find(faces, &rectified)? {
                let (fw, fh) = (rect_w as f32, rect_h as f32);
                let box_in_photo = portrait::box_in_photo(&face.bbox, turns, fw, fh, &to_photo);
                let crop = portrait::square_crop(&upright, &face.bbox, 1.6);
                portrait = Some(Portrait {
                    face,
                    box_in_photo,
                    crop,
                });
                rectified = upright;
            }
        }
        Ok(Some(Rectified {
            quad,
            unit_to_photo,
            rectified,
            portrait,
        }))
    }

    /// No document seen: DOC_NOT_FOUND, plus what the whole frame says about the likely
    /// reason (too dark, washed out, a screen, out of focus), which is more useful to the user.
    fn not_found(&mut self, image: &RgbImage, report: &mut DocumentReport) {
        report
            .issues
            .push(Issue::new(PromptCode::DocNotFound, Severity::Error, None));
        let exposure = exposure::measure(image);
        report
            .issues
            .extend(exposure::issue(&exposure, &self.config));
        let (w, h) = (image.width() as f32, image.height() as f32);
        let frame = [
            Point::new(0.0, 0.0),
            Point::new(w, 0.0),
            Point::new(w, h),
            Point::new(0.0, h),
        ];
        let unit = [
            Point::new(0.0, 0.0),
            Point::new(1.0, 0.0),
            Point::new(1.0, 1.0),
            Point::new(0.0, 1.0),
        ];
        if let Some(map) = Homography::from_points(&unit, &frame) {
            let peak = screen::peak_ratio(image, &map, &mut self.screen);
            report.issues.extend(screen::issue(peak, &self.config));
            report.measures.screen_peak = peak;
        }
        // A defocused or shaken frame often hides the outline itself; its sharpness is judged
        // on the whole frame at the working resolution (a document filling most of the frame
        // is at about the scale of the rectified one), when there is texture to judge.
        let long = image.width().max(image.height()) as usize;
        let factor = long.div_ceil(self.config.work_long_side.max(64) as usize);
        downscale_box(image, factor, &mut self.frame_copy);
        luma_plane(&self.frame_copy, &mut self.luma);
        if let Some(acuity) = sharpness::textured_acuity(&self.luma) {
            report.issues.extend(sharpness::issue(acuity, &self.config));
            report.measures.acuity = acuity;
        }
        report.measures.luma_p10 = exposure.p10;
        report.measures.luma_p90 = exposure.p90;
        report.measures.clipped_fraction = exposure.clipped;
    }
}

/// The whole frame as a candidate outline when its shape is a document's (a scan or a crop
/// of the document); accepted only if a portrait is then found in it.
fn whole_frame(w: u32, h: u32, aspect: (f32, f32)) -> Option<Quad> {
    let (fw, fh) = (w as f32, h as f32);
    let ratio = fw.max(fh) / fw.min(fh);
    (ratio >= aspect.0 && ratio <= aspect.1).then(|| Quad {
        corners: [
            Point::new(0.0, 0.0),
            Point::new(fw, 0.0),
            Point::new(fw, fh),
            Point::new(0.0, fh),
        ],
        virtual_sides: [true; 4],
        support: [0.0; 4],
        longest_gap: [0.0; 4],
        score: 0.0,
    })
}

/// Size of the rectified document: the measured shape (or the kind's nominal shape when known),
/// long side `long_side`, oriented as in the photo.
fn rectified_size(c: &[Point; 4], kind: DocumentKind, long_side: u32) -> (u32, u32) {
    let horizontal = (c[0].distance(c[1]) + c[2].distance(c[3])) / 2.0;
    let vertical = (c[1].distance(c[2]) + c[3].distance(c[0])) / 2.0;
    let measured = horizontal.max(vertical) / horizontal.min(vertical).max(1.0);
    let aspect = kind.nominal_aspect().unwrap_or(measured).max(1.0);
    let long = long_side.max(64);
    let short = ((long as f32 / aspect).round() as u32).max(16);
    if horizontal >= vertical {
        (long, short)
    } else {
        (short, long)
    }
}
