//! OFIQ's raw → 0-100 quality-component mappings (`ofiq_config.jaxn` of BSI OFIQ 1.0, in
//! `../shared/data/face_quality`): a scaled logistic `h · (a + s · σ((x − x0) / w))`, rounded
//! and clamped to [0, 100].

/// One sigmoid mapping as OFIQ's config writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sigmoid {
    pub h: f32,
    pub a: f32,
    pub s: f32,
    pub x0: f32,
    pub w: f32,
}

impl Sigmoid {
    /// `h · σ((x − x0)/w)` (OFIQ's defaults a = 0, s = 1).
    pub const fn rising(h: f32, x0: f32, w: f32) -> Sigmoid {
        Sigmoid {
            h,
            a: 0.0,
            s: 1.0,
            x0,
            w,
        }
    }

    /// `h · (1 − σ((x − x0)/w))`.
    pub const fn falling(h: f32, x0: f32, w: f32) -> Sigmoid {
        Sigmoid {
            h,
            a: 1.0,
            s: -1.0,
            x0,
            w,
        }
    }

    pub fn scalar(&self, x: f32) -> u8 {
        let sigma = 1.0 / (1.0 + (-(x - self.x0) / self.w).exp());
        (self.h * (self.a + self.s * sigma))
            .round()
            .clamp(0.0, 100.0) as u8
    }
}

pub const UNDER_EXPOSURE: Sigmoid = Sigmoid {
    h: 120.0,
    a: 0.832,
    s: -1.0,
    x0: 0.92,
    w: 0.05,
};
/// OFIQ's config lists no mapping for over-exposure; we use the under-exposure one.
pub const OVER_EXPOSURE: Sigmoid = UNDER_EXPOSURE;
pub const MOUTH_CLOSED: Sigmoid = Sigmoid::falling(100.0, 0.2, 0.06);
pub const INTER_EYE_DISTANCE: Sigmoid = Sigmoid::rising(100.0, 70.0, 20.0);
/// Applied to |head size − 0.45|.
pub const HEAD_SIZE: Sigmoid = Sigmoid::falling(200.0, 0.0, 0.05);
pub const SIDE_CROP: Sigmoid = Sigmoid::rising(100.0, 0.9, 0.1);
pub const MARGIN_ABOVE: Sigmoid = Sigmoid::rising(100.0, 1.4, 0.1);
pub const MARGIN_BELOW: Sigmoid = Sigmoid::rising(100.0, 1.8, 0.1);

/// OFIQ DynamicRange: 100 · entropy / 8 bits.
pub fn dynamic_range(entropy_bits: f32) -> u8 {
    (100.0 * entropy_bits / 8.0).round().clamp(0.0, 100.0) as u8
}

/// OFIQ HeadPose components: 100 · cos²(angle), angle in degrees, 0 beyond ±90°.
pub fn head_pose(angle_deg: f32) -> u8 {
    let c = angle_deg.to_radians().cos().max(0.0);
    (100.0 * c * c).round().clamp(0.0, 100.0) as u8
}

/// A 0-1 share as a 0-100 scalar (where OFIQ maps the measure with a learned model we do not
/// have, the scalar is our raw value scaled linearly: said in each measure's doc).
pub fn linear(x: f32) -> u8 {
    (100.0 * x).round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OFIQ's expected conformance values (expected_results.csv, image b-01-smile): raw →
    /// scalar pairs our mappings must reproduce.
    #[test]
    fn mappings_reproduce_ofiq_conformance_values() {
        assert_eq!(UNDER_EXPOSURE.scalar(0.049_163), 100);
        assert_eq!(MOUTH_CLOSED.scalar(0.002_466), 96);
        assert_eq!(INTER_EYE_DISTANCE.scalar(493.556), 100);
        assert_eq!(HEAD_SIZE.scalar((0.224_851_f32 - 0.45).abs()), 2);
        assert_eq!(SIDE_CROP.scalar(3.428_939), 100);
        assert_eq!(dynamic_range(6.910_499), 86);
        assert_eq!(head_pose(16.291_553), 92);
        assert_eq!(head_pose(-1.206_76), 100);
    }
}
