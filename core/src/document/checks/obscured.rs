//! Something over the document's edge (DOC_OBSCURED): a finger or an object lying across the
//! outline.
//!
//! Measured in units of the document, so the result does not depend on the photo's
//! resolution: along each side seen in the photo, at evenly spaced places, the mean colour of a
//! thin band just inside the outline and of one just outside it. An object across the edge
//! shows as a stretch where the two bands agree (the same thing lies on both sides, so there is
//! no edge) while the inside band is not the document's own margin colour. A background of the
//! document's colour also hides the edge, but then the inside band is the margin colour; a
//! printed picture reaching the edge changes the inside colour, but the background then
//! differs from it (an edge).

use crate::document::config::DocumentConfig;
use crate::frame::RgbImage;
use crate::imgproc::homography::Homography;
use crate::imgproc::plane::sample_rgb;
use crate::math::{upper_median, Point};
use crate::prompt::{Issue, PromptCode, Severity};

/// Places measured along each side.
const PLACES: usize = 64;
/// Depths of the bands' samples, as shares of the document's short side (both bands start
/// clear of the edge's blur and stay within the reach of a fingertip over the card).
const DEPTHS: [f32; 3] = [0.012, 0.022, 0.032];

/// How many places along the side an object crossing the edge may shift between the inside
/// and the outside bands (a finger at up to ~45° to the edge).
const SLANT_PLACES: usize = 3;

/// The colour of the bands along one side, place by place (`None` where the outside band
/// leaves the photo).
#[derive(Debug, Clone, Default)]
struct SideBands {
    inside: Vec<Option<[f32; 3]>>,
    outside: Vec<Option<[f32; 3]>>,
}

/// For each side (top, right, bottom, left), the longest stretch covered by something lying
/// across the edge, as a share of the document's long side (0 for image borders).
pub fn covered_stretches(
    image: &RgbImage,
    corners: &[Point; 4],
    virtual_sides: &[bool; 4],
    config: &DocumentConfig,
) -> [f32; 4] {
    let mut covered = [0f32; 4];
    let unit = [
        Point::new(0.0, 0.0),
        Point::new(1.0, 0.0),
        Point::new(1.0, 1.0),
        Point::new(0.0, 1.0),
    ];
    let Some(to_photo) = Homography::from_points(&unit, corners) else {
        return covered;
    };
    let lengths = [0, 1, 2, 3].map(|k| corners[k].distance(corners[(k + 1) % 4]));
    let horizontal = (lengths[0] + lengths[2]) / 2.0;
    let vertical = (lengths[1] + lengths[3]) / 2.0;
    let (long, short) = (horizontal.max(vertical), horizontal.min(vertical));
    if short < 4.0 {
        return covered;
    }
    let sides: Vec<(usize, SideBands)> = (0..4)
        .filter(|&k| !virtual_sides[k])
        .map(|k| {
            (
                k,
                side_bands(image, &to_photo, k, short, horizontal, vertical, config),
            )
        })
        .collect();
    // The document's margin colour over every seen side, for a side mostly covered.
    let all_inside: Vec<[f32; 3]> = sides
        .iter()
        .flat_map(|(_, b)| b.inside.iter().flatten().copied())
        .collect();
    let all_outside: Vec<[f32; 3]> = sides
        .iter()
        .flat_map(|(_, b)| b.outside.iter().flatten().copied())
        .collect();
    let (Some(margin_all), Some(background_all)) =
        (median_colour(&all_inside), median_colour(&all_outside))
    else {
        return covered;
    };
    let zone = config.corner_zone;
    for (k, bands) in &sides {
        let inside: Vec<[f32; 3]> = bands.inside.iter().flatten().copied().collect();
        let outside: Vec<[f32; 3]> = bands.outside.iter().flatten().copied().collect();
        let (Some(margin_side), Some(background_side)) =
            (median_colour(&inside), median_colour(&outside))
        else {
            continue;
        };
        let spacing = (1.0 - 2.0 * zone) / (PLACES - 1) as f32 * lengths[*k] / long;
        // A run may bridge one place that fails the test (noise, a print line under a finger).
        let (mut run, mut misses, mut longest) = (0usize, 0usize, 0usize);
        let foreign_outside = |o: &[f32; 3]| {
            distance(o, &background_side).min(distance(o, &background_all))
                > config.obscured_min_foreign_outside
        };
        for (place, inner) in bands.inside.iter().enumerate() {
            // The object may cross the edge at a slant: the inside band is compared with the
            // outside bands a few places either side.
            let lo = place.saturating_sub(SLANT_PLACES);
            let hi = (place + SLANT_PLACES + 1).min(bands.outside.len());
            let crossing = inner.is_some_and(|i| {
                distance(&i, &margin_side).min(distance(&i, &margin_all))
                    > config.obscured_min_foreign
                    && bands.outside[lo..hi]
                        .iter()
                        .flatten()
                        .any(|o| distance(&i, o) < config.obscured_max_step && foreign_outside(o))
            });
            if crossing {
                run += 1;
                misses = 0;
            } else if run > 0 && misses == 0 {
                misses = 1;
            } else {
                run = 0;
                misses = 0;
            }
            longest = longest.max(run);
        }
        covered[*k] = longest as f32 * spacing;
    }
    covered
}

/// Mean colours of the inside and outside bands at the places along side `k`.
fn side_bands(
    image: &RgbImage,
    to_photo: &Homography,
    k: usize,
    short: f32,
    horizontal: f32,
    vertical: f32,
    config: &DocumentConfig,
) -> SideBands {
    let (w, h) = (image.width() as f32, image.height() as f32);
    // Unit-square coordinates: the side's start, its direction and its inward normal, with
    // the normal scaled so that 1 is the document's short side.
    let (start, along, inward) = match k {
        0 => ((0.0, 0.0), (1.0, 0.0), (0.0, short / vertical)),
        1 => ((1.0, 0.0), (0.0, 1.0), (-short / horizontal, 0.0)),
        2 => ((1.0, 1.0), (-1.0, 0.0), (0.0, -short / vertical)),
        _ => ((0.0, 1.0), (0.0, -1.0), (short / horizontal, 0.0)),
    };
    let zone = config.corner_zone;
    let step = (1.0 - 2.0 * zone) / (PLACES - 1) as f32;
    let mut bands = SideBands::default();
    for i in 0..PLACES {
        let t = zone + step * i as f32;
        let band = |sign: f32| -> Option<[f32; 3]> {
            let mut sum = [0f32; 3];
            for depth in DEPTHS {
                for spread in [-0.35f32, 0.0, 0.35] {
                    let s = t + spread * step;
                    let u = Point::new(
                        start.0 + along.0 * s + sign * inward.0 * depth,
                        start.1 + along.1 * s + sign * inward.1 * depth,
                    );
                    let p = to_photo.apply(u);
                    if !(p.x >= 0.0 && p.y >= 0.0 && p.x <= w && p.y <= h) {
                        return None;
                    }
                    let px = sample_rgb(image, p.x, p.y);
                    for c in 0..3 {
                        sum[c] += px[c];
                    }
                }
            }
            Some(sum.map(|v| v / (DEPTHS.len() * 3) as f32))
        };
        bands.inside.push(band(1.0));
        bands.outside.push(band(-1.0));
    }
    bands
}

fn distance(a: &[f32; 3], b: &[f32; 3]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// Per-channel median.
fn median_colour(colours: &[[f32; 3]]) -> Option<[f32; 3]> {
    if colours.is_empty() {
        return None;
    }
    let mut channel = Vec::with_capacity(colours.len());
    let mut out = [0f32; 3];
    for (c, o) in out.iter_mut().enumerate() {
        channel.clear();
        channel.extend(colours.iter().map(|v| v[c]));
        *o = upper_median(&mut channel)?;
    }
    Some(out)
}

/// The longest covered stretch over the sides.
pub fn largest(covered: &[f32; 4]) -> f32 {
    covered.iter().cloned().fold(0.0, f32::max)
}

pub fn issue(largest: f32, config: &DocumentConfig) -> Option<Issue> {
    (largest > config.obscured_min_stretch)
        .then(|| Issue::new(PromptCode::DocObscured, Severity::Error, Some(largest)))
}
