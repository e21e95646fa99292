//! The JSON shapes the face-matching evaluations share: a ROC summarised at the FMR targets and
//! at the thresholds in use, and a min/median/max summary of scores.

use precheck_core::matching::{MatchThresholds, OperatingPoint, Roc};
use serde_json::{json, Value};

/// False match rates the ROC is read at.
const FMR_TARGETS: [f64; 3] = [1e-1, 1e-2, 1e-3];

/// A similarity to 4 decimals.
pub fn round4(v: f32) -> f64 {
    (v as f64 * 1e4).round() / 1e4
}

fn point_json(target: Option<f64>, p: &OperatingPoint) -> Value {
    json!({
        "target_fmr": target,
        "threshold": round4(p.threshold),
        "fmr": p.fmr,
        "tar": p.tar,
        "impostors_accepted": p.impostors_accepted,
    })
}

/// One method's ROC: pair counts, EER and its threshold, AUC, the points at the FMR targets and
/// at the calibrated thresholds.
pub fn method_json(name: &str, roc: &Roc) -> Value {
    let (eer, eer_threshold) = roc.eer();
    json!({
        "method": name,
        "genuine_pairs": roc.genuine_count(),
        "impostor_pairs": roc.impostor_count(),
        "eer": eer,
        "eer_threshold": round4(eer_threshold),
        "auc": roc.auc(),
        "at_fmr": FMR_TARGETS.iter().map(|&t| point_json(Some(t), &roc.at_fmr(t))).collect::<Vec<_>>(),
        "at_thresholds_in_use": [
            point_json(None, &roc.at(MatchThresholds::CALIBRATED.match_at_or_above)),
            point_json(None, &roc.at(MatchThresholds::CALIBRATED.no_match_below)),
        ],
    })
}

/// `{n, min, median, max}` of some scores (`{n: 0}` for none).
pub fn stats_json(values: &[f32]) -> Value {
    let mut v = values.to_vec();
    v.sort_by(f32::total_cmp);
    let (Some(&min), Some(&max)) = (v.first(), v.last()) else {
        return json!({"n": 0});
    };
    json!({
        "n": v.len(),
        "min": round4(min),
        "median": round4(v[v.len() / 2]),
        "max": round4(max),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_of_scores() {
        assert_eq!(stats_json(&[]), json!({"n": 0}));
        assert_eq!(
            stats_json(&[0.5, 0.1, 0.9]),
            json!({"n": 3, "min": 0.1, "median": 0.5, "max": 0.9})
        );
    }
}
