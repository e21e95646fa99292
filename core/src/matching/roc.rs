//! Verification error rates from genuine (same person) and impostor (different people)
//! similarity scores: FMR, TAR, the EER and the threshold reaching a target FMR.

/// Scores of a labelled pair set, sorted for threshold queries.
#[derive(Debug, Clone)]
pub struct Roc {
    genuine: Vec<f32>,
    impostor: Vec<f32>,
}

/// One operating point: at `threshold`, the share of impostor pairs accepted (`fmr`) and of
/// genuine pairs accepted (`tar`); `impostors_accepted` is the count behind `fmr`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OperatingPoint {
    pub threshold: f32,
    pub fmr: f64,
    pub tar: f64,
    pub impostors_accepted: usize,
}

impl Roc {
    /// `None` without at least one genuine and one impostor score. Non-finite scores are
    /// dropped.
    pub fn new(genuine: &[f32], impostor: &[f32]) -> Option<Roc> {
        let clean = |v: &[f32]| {
            let mut v: Vec<f32> = v.iter().copied().filter(|s| s.is_finite()).collect();
            v.sort_by(f32::total_cmp);
            v
        };
        let roc = Roc {
            genuine: clean(genuine),
            impostor: clean(impostor),
        };
        (!roc.genuine.is_empty() && !roc.impostor.is_empty()).then_some(roc)
    }

    pub fn genuine_count(&self) -> usize {
        self.genuine.len()
    }

    pub fn impostor_count(&self) -> usize {
        self.impostor.len()
    }

    fn at_or_above(sorted: &[f32], threshold: f32) -> usize {
        sorted.len() - sorted.partition_point(|&s| s < threshold)
    }

    /// The operating point of "accept when similarity ≥ `threshold`".
    pub fn at(&self, threshold: f32) -> OperatingPoint {
        let accepted = Self::at_or_above(&self.impostor, threshold);
        OperatingPoint {
            threshold,
            fmr: accepted as f64 / self.impostor.len() as f64,
            tar: Self::at_or_above(&self.genuine, threshold) as f64 / self.genuine.len() as f64,
            impostors_accepted: accepted,
        }
    }

    /// The lowest threshold whose FMR does not exceed `target`: it accepts at most
    /// ⌊target · impostors⌋ impostor pairs (the support of the estimate: with fewer than one,
    /// the threshold is just above the highest impostor score).
    pub fn at_fmr(&self, target: f64) -> OperatingPoint {
        let n = self.impostor.len();
        let allowed = ((target * n as f64).floor() as usize).min(n);
        if allowed == n {
            return self.at(f32::NEG_INFINITY);
        }
        // The (allowed+1)-th highest impostor score must be refused: threshold just above it.
        let refused = self.impostor[n - 1 - allowed];
        self.at(next_up(refused))
    }

    /// Equal error rate: over every candidate threshold (each score), the smallest
    /// max(FMR, FNMR), with its threshold — the conservative reading of the crossing point.
    pub fn eer(&self) -> (f64, f32) {
        let mut best = (f64::INFINITY, 0f32);
        for &t in self.genuine.iter().chain(&self.impostor) {
            for t in [t, next_up(t)] {
                let p = self.at(t);
                let worst = p.fmr.max(1.0 - p.tar);
                if worst < best.0 {
                    best = (worst, t);
                }
            }
        }
        best
    }

    /// Area under the ROC curve: the probability that a random genuine pair scores above a
    /// random impostor pair (ties count half).
    pub fn auc(&self) -> f64 {
        let mut wins = 0f64;
        for &g in &self.genuine {
            let below = self.impostor.partition_point(|&s| s < g);
            let ties = self.impostor.partition_point(|&s| s <= g) - below;
            wins += below as f64 + ties as f64 / 2.0;
        }
        wins / (self.genuine.len() as f64 * self.impostor.len() as f64)
    }
}

/// The smallest f32 above `x` (for "strictly above this score").
fn next_up(x: f32) -> f32 {
    if x.is_nan() || x == f32::INFINITY {
        return x;
    }
    if x == 0.0 {
        return f32::from_bits(1);
    }
    let bits = x.to_bits();
    f32::from_bits(if x > 0.0 { bits + 1 } else { bits - 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separated_scores_have_zero_eer() {
        let roc = Roc::new(&[0.8, 0.9, 0.7], &[0.1, 0.2, 0.3, 0.4]).unwrap();
        let (eer, t) = roc.eer();
        assert_eq!(eer, 0.0);
        assert!(t > 0.4 && t <= 0.7);
        assert_eq!(roc.auc(), 1.0);
    }

    #[test]
    fn threshold_at_fmr_accepts_the_allowed_count() {
        let impostor: Vec<f32> = (0..1000).map(|i| i as f32 / 1000.0).collect();
        let roc = Roc::new(&[0.5, 0.995, 0.9995], &impostor).unwrap();
        let p = roc.at_fmr(1e-2);
        assert_eq!(p.impostors_accepted, 10);
        assert!((p.fmr - 0.01).abs() < 1e-12);
        assert!(p.threshold > 0.989 && p.threshold <= 0.990);
        assert!((p.tar - 2.0 / 3.0).abs() < 1e-12);
        let strict = roc.at_fmr(1e-4); // below one pair: above the highest impostor
        assert_eq!(strict.impostors_accepted, 0);
        assert!(strict.threshold > 0.999);
    }

    #[test]
    fn overlapping_scores_give_the_crossing() {
        // Genuine 0.5..1.0, impostor 0.0..0.6 (uniform grids): some overlap.
        let g: Vec<f32> = (0..100).map(|i| 0.5 + i as f32 * 0.005).collect();
        let im: Vec<f32> = (0..100).map(|i| i as f32 * 0.006).collect();
        let roc = Roc::new(&g, &im).unwrap();
        let (eer, t) = roc.eer();
        assert!(eer > 0.0 && eer < 0.15, "{eer}");
        assert!(t > 0.5 && t < 0.6);
    }
}
