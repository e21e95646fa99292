//! Indices into the 468 FaceMesh points used by the geometry (MediaPipe's canonical topology;
//! "right" and "left" are the subject's sides).

/// Named FaceMesh landmark indices.
pub struct MeshIndex;

impl MeshIndex {
    pub const POINT_COUNT: usize = 468;
    pub const RIGHT_EYE_OUTER: usize = 33;
    pub const RIGHT_EYE_INNER: usize = 133;
    pub const LEFT_EYE_INNER: usize = 362;
    pub const LEFT_EYE_OUTER: usize = 263;
    /// The six points of each eye that correspond to dlib's 68-point eye contour, in order
    /// outer corner, upper lid ×2, inner corner, lower lid ×2.
    pub const RIGHT_EYE_RING: [usize; 6] = [33, 160, 158, 133, 153, 144];
    pub const LEFT_EYE_RING: [usize; 6] = [362, 385, 387, 263, 373, 380];
    /// Upper/lower eyelid pairs (outer to inner), for openness.
    pub const RIGHT_EYELID_PAIRS: [(usize, usize); 3] = [(160, 144), (159, 145), (158, 153)];
    pub const LEFT_EYELID_PAIRS: [(usize, usize); 3] = [(385, 380), (386, 374), (387, 373)];
    pub const NOSE_TIP: usize = 1;
    pub const UPPER_LIP_INNER: usize = 13;
    pub const LOWER_LIP_INNER: usize = 14;
    pub const MOUTH_RIGHT: usize = 61;
    pub const MOUTH_LEFT: usize = 291;
    pub const FOREHEAD: usize = 10;
    pub const CHIN: usize = 152;
}
