//! Every threshold of the document checks, in one place, with the reason for its value.
//! Values marked "calibrated" were set from the evaluation in `tests/tests/suite/document.rs`
//! (specimens composed into photos, and the same photos degraded), not from one image.

/// Settings of [`super::DocumentChecker`].
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentConfig {
    // ---- file ----
    /// Largest accepted upload in bytes (FILE_TOO_LARGE above). 5 MB: the usual KYC vendor
    /// limit.
    pub max_file_bytes: u64,
    /// Largest image decoded, checked from the header before decoding (ImageTooLarge above).
    pub decode_limits: crate::limits::DecodeLimits,

    // ---- finding the document ----
    /// Long side of the working copy for edges and lines. 640 px keeps a card's edge several
    /// pixels long per degree of tilt while costing ~3 ms at 1080p.
    pub work_long_side: u32,
    /// Sobel magnitude floor for an edge (8-bit intensities; a clean step of ~8 grey levels).
    /// Low so that a card on a table of nearly the same colour still has edges.
    pub edge_min_magnitude: f32,
    /// At most this share of pixels are edges; busy backgrounds raise the threshold.
    pub edge_max_fraction: f32,
    /// Lines taken from the Hough transform (the document's 4 sides are among the strongest).
    pub max_lines: usize,
    /// A line needs edge pixels over this share of the working image's short side.
    pub line_min_votes: f32,
    /// An edge pixel supports a line when its direction is within this many degrees.
    pub support_angle_deg: f32,
    /// Opposite sides may differ in direction by this much (perspective).
    pub max_parallel_deg: f32,
    /// The two side directions must differ by at least this much.
    pub min_corner_deg: f32,
    /// |cos| of each corner angle at most this (0.5: corners between 60° and 120°).
    pub max_corner_cos: f32,
    /// Opposite sides at least this share of the short side apart.
    pub min_side_separation: f32,
    /// Candidate area at least this share of the frame (smaller is not a usable capture).
    pub min_area_fraction: f32,
    /// Corners may lie this far outside the frame (share of its size): a cut-off corner.
    pub max_outside_fraction: f32,
    /// A real side must have this share of its length inside the frame.
    pub min_side_in_frame: f32,
    /// Each side needs this share of its in-frame length on an edge, and the mean of the four
    /// `min_mean_support`. A finger or glare may hide part of one side.
    pub min_side_support: f32,
    pub min_mean_support: f32,
    /// Support credited to an image border used as a side (no edge is seen there).
    pub border_support: f32,
    /// Score factor per image border used as a side.
    pub border_penalty: f32,
    /// Colour distance (8-bit RGB) between the margins of two sides that halves a
    /// candidate's score (documents have one margin colour; see `quad::select`).
    pub margin_colour_scale: f32,
    /// The best outline gives way to one containing it (the card around its portrait frame or
    /// its MRZ band) when that one is at least `container_min_area` times larger, has at least
    /// `container_min_support` edge support on each side it sees and
    /// `container_min_corner_support` next to each corner, and its edge evidence is at least
    /// `container_min_score` times the best's.
    pub container_min_area: f32,
    pub container_min_support: f32,
    pub container_min_corner_support: f32,
    pub container_min_score: f32,
    /// A containing outline may use more image borders as sides only where the sides seen
    /// run into those borders with at least this edge support (a card past the frame edge).
    pub container_min_border_reach: f32,
    /// ... and it then needs only this area ratio: the card's sides running into the border
    /// past the inner outline's corners are the evidence, and a header band cut by the frame
    /// edge leaves an inner outline only a few per cent smaller than the card's visible part.
    pub container_min_area_at_border: f32,
    /// An image border is a likely side only if a side seen next to it runs into it with at
    /// least this edge support (just before the border): a document past the frame edge
    /// crosses it visibly, one inside the frame stops short of it (then the border is not its
    /// side, and the outline's score is multiplied by `uncrossed_border_penalty`; still
    /// usable when the document's own side is too weakly seen to make any other outline).
    pub border_min_reach: f32,
    pub uncrossed_border_penalty: f32,
    /// The side found in place of such a border needs this edge support: less than
    /// `min_side_support`, as it is only looked for where the outline's other sides say
    /// the document ends.
    pub closing_min_support: f32,
    /// Image borders usable as sides of one candidate. With 4 the whole frame would always be
    /// a candidate; the whole-frame case is handled separately (portrait required).
    pub max_virtual_sides: usize,
    /// Accepted long/short side ratio when the kind is unknown (ID-1 1.59, passport page 1.42,
    /// visa 1.31, with perspective and cropped specimens).
    pub aspect_range: (f32, f32),
    /// Share of each side at its ends ignored by the gap measure (rounded corners).
    pub corner_zone: f32,

    // ---- rectified document ----
    /// Long side of the rectified document the pixel checks run on; fixing it makes the blur
    /// and glare measures independent of how large the document is in the photo.
    pub rectified_long_side: u32,

    // ---- framing ----
    /// DOC_TOO_SMALL below this fill relative to the largest fill the frame allows for the
    /// document's shape (0.65 of a 16:9 frame's 0.89 for a card ≈ 58 % of the frame).
    pub too_small_relative_fill: f32,
    /// DOC_TOO_CLOSE above this relative fill.
    pub too_close_relative_fill: f32,
    /// A corner closer to the frame edge than this share of the short side "touches" it
    /// (DOC_TOO_CLOSE); a corner outside by more is missing (DOC_CORNERS_MISSING).
    pub edge_margin: f32,

    // ---- exposure (luma of the rectified document) ----
    /// DOC_TOO_DARK when the document's 90th luma percentile (its paper) is below this
    /// (calibrated: clean scenes ≥ 174, darkened ones ≤ 95; the gap's middle).
    pub dark_p90: f32,
    /// DOC_TOO_BRIGHT when more than this share of the document is clipped (luma ≥ 250);
    /// local glare clips less (≤ 0.17 in 95 % of the glare scenes), a washed-out capture more.
    pub bright_clipped_fraction: f32,

    // ---- glare ----
    /// A pixel is glare when its luma is at least this and its chroma (max−min channel) at
    /// most `glare_max_chroma` (specular light is white, and clipped).
    pub glare_min_luma: f32,
    pub glare_max_chroma: f32,
    /// A glare spot must cover this share of the document (smaller specks are harmless).
    pub glare_min_area: f32,
    /// Spots larger than this share are overexposure, left to DOC_TOO_BRIGHT.
    pub glare_max_area: f32,

    // ---- sharpness ----
    /// DOC_BLURRY below this edge acuity (mean of the strongest 1 % of gradients over the
    /// document's contrast; ~0.5 for a pixel-sharp step). Calibrated: clean scenes have
    /// p5 0.18, scenes blurred by σ = 2–4 px (at 640 px document width) at most 0.17.
    pub min_acuity: f32,

    // ---- screen ----
    /// DOC_SCREEN when a spectral peak of the chroma or luma in the period band 2–16 px is
    /// this many times the median of its ring (pixel grids give isolated strong peaks).
    /// Calibrated: clean scenes ≤ 81 (text, guilloches and JPEG give peaks too), simulated
    /// screens ≥ 153.
    pub screen_peak_ratio: f32,

    // ---- copy ----
    /// DOC_COPY when the document's colourfulness (Hasler–Süsstrunk) is below this
    /// (calibrated: clean scenes ≥ 9.2, grey photocopies median 0.8).
    pub copy_max_colourfulness: f32,

    // ---- obscured ----
    /// Along a side, a place is covered when the bands just inside and just outside the
    /// outline differ by less than this colour distance (8-bit RGB: no edge there) ...
    pub obscured_max_step: f32,
    /// ... and the inside band differs from the document's margin colour (along that side and
    /// over all sides) by more than this.
    pub obscured_min_foreign: f32,
    /// ... and the outside band differs from the background's colour (along that side and
    /// around the document) by more than this.
    pub obscured_min_foreign_outside: f32,
    /// DOC_OBSCURED when a covered stretch is longer than this share of the document's long
    /// side (a fingertip is ~17 % of an ID-1 card's).
    pub obscured_min_stretch: f32,
}

impl Default for DocumentConfig {
    fn default() -> Self {
        DocumentConfig {
            max_file_bytes: 5 * 1024 * 1024,
            decode_limits: crate::limits::DecodeLimits::default(),
            work_long_side: 640,
            edge_min_magnitude: 32.0,
            edge_max_fraction: 0.12,
            max_lines: 24,
            line_min_votes: 0.04,
            support_angle_deg: 12.0,
            max_parallel_deg: 40.0,
            min_corner_deg: 55.0,
            max_corner_cos: 0.5,
            min_side_separation: 0.15,
            min_area_fraction: 0.05,
            max_outside_fraction: 0.25,
            min_side_in_frame: 0.4,
            min_side_support: 0.3,
            min_mean_support: 0.5,
            border_support: 0.5,
            border_penalty: 0.6,
            margin_colour_scale: 60.0,
            container_min_area: 1.1,
            container_min_support: 0.4,
            container_min_corner_support: 0.5,
            container_min_score: 0.6,
            container_min_border_reach: 0.8,
            container_min_area_at_border: 1.02,
            border_min_reach: 0.5,
            uncrossed_border_penalty: 0.25,
            closing_min_support: 0.2,
            max_virtual_sides: 2,
            aspect_range: (1.1, 3.0),
            corner_zone: 0.08,
            rectified_long_side: 640,
            too_small_relative_fill: 0.65,
            too_close_relative_fill: 0.97,
            edge_margin: 0.01,
            dark_p90: 135.0,
            bright_clipped_fraction: 0.22,
            glare_min_luma: 245.0,
            glare_max_chroma: 40.0,
            glare_min_area: 0.004,
            glare_max_area: 0.4,
            min_acuity: 0.16,
            screen_peak_ratio: 120.0,
            copy_max_colourfulness: 8.5,
            obscured_max_step: 30.0,
            obscured_min_foreign: 40.0,
            obscured_min_foreign_outside: 25.0,
            obscured_min_stretch: 0.04,
        }
    }
}
