//! The face-matching report as the text tables of BENCHMARKS.md.

use std::fmt::Write as _;

use serde_json::Value;

/// The report of [`super::evaluate`] laid out as text.
pub fn table(r: &Value) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "faces_pairs: {} photos, {} identities ({} byte-identical duplicates dropped, {} same-photo pairs excluded)",
        r["photos"], r["identities"], r["byte_identical_duplicates_dropped"], r["same_photo_pairs_excluded"]
    );
    for f in r["failures"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "  not usable: {}", f.as_str().unwrap_or(""));
    }
    let _ = writeln!(
        out,
        "mirror sanity (photo vs its mirror image, five-point): {}",
        r["mirror"]
    );
    let _ = writeln!(
        out,
        "\n{:<11} {:>8} {:>9} {:>7} {:>7} {:>8}  {:>9} {:>9} {:>7} {:>9}",
        "method",
        "genuine",
        "impostor",
        "EER",
        "AUC",
        "FMR",
        "threshold",
        "TAR",
        "FMR",
        "impostors"
    );
    for m in r["methods"].as_array().into_iter().flatten() {
        for (k, p) in m["at_fmr"].as_array().into_iter().flatten().enumerate() {
            let head = if k == 0 {
                format!(
                    "{:<11} {:>8} {:>9} {:>6.2}% {:>7.4}",
                    m["method"].as_str().unwrap_or(""),
                    m["genuine_pairs"],
                    m["impostor_pairs"],
                    m["eer"].as_f64().unwrap_or(f64::NAN) * 100.0,
                    m["auc"].as_f64().unwrap_or(f64::NAN),
                )
            } else {
                " ".repeat(47)
            };
            let _ = writeln!(
                out,
                "{head} {:>8.0e}  {:>9.4} {:>8.2}% {:>6.3}% {:>9}",
                p["target_fmr"].as_f64().unwrap_or(f64::NAN),
                p["threshold"].as_f64().unwrap_or(f64::NAN),
                p["tar"].as_f64().unwrap_or(f64::NAN) * 100.0,
                p["fmr"].as_f64().unwrap_or(f64::NAN) * 100.0,
                p["impostors_accepted"],
            );
        }
        let _ = writeln!(out, "{:<47} EER threshold {}", "", m["eer_threshold"]);
    }
    let _ = writeln!(out, "\nthresholds in use: {}", r["thresholds_in_use"]);
    let _ = writeln!(
        out,
        "\nupstream pair lists (five-point, thresholds in use):"
    );
    for l in r["upstream_pair_lists"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "  {l}");
    }
    let _ = writeln!(out, "\nhighest-scoring impostor pairs:");
    for p in r["highest_impostor_pairs"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "  {p}");
    }
    let _ = writeln!(
        out,
        "highest-scoring genuine pairs (near-copies of one photo would show here):"
    );
    for p in r["highest_genuine_pairs"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "  {p}");
    }
    let _ = writeln!(out, "lowest-scoring genuine pairs:");
    for p in r["lowest_genuine_pairs"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "  {p}");
    }
    let _ = writeln!(out, "\nid_docs portraits: {}", r["id_docs"]);
    let c = &r["card_portraits"];
    let _ = writeln!(
        out,
        "\ndocument portrait vs photo (each photo printed on a rendered TD1 card, photographed, JPEG {}): {} of {} portraits found",
        c["upload_jpeg_quality"], c["portraits_found"], c["cards"]
    );
    for f in c["failures"].as_array().into_iter().flatten() {
        let _ = writeln!(out, "  no portrait: {}", f.as_str().unwrap_or(""));
    }
    let _ = writeln!(
        out,
        "  card vs the photo it was printed from: {}",
        c["own_photo_similarity"]
    );
    let _ = writeln!(out, "  {}", c["roc"]);
    let _ = writeln!(
        out,
        "  decisions: genuine {}, impostor {}",
        c["genuine_decisions"], c["impostor_decisions"]
    );
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn lays_out_the_methods_and_the_card_section() {
        let point = |fmr: f64| json!({"target_fmr": fmr, "threshold": 0.5, "fmr": fmr, "tar": 0.98, "impostors_accepted": 5});
        let report = json!({
            "photos": 3, "identities": 2, "byte_identical_duplicates_dropped": 0,
            "same_photo_pairs_excluded": 1, "failures": ["img47.jpg: not decoded"],
            "mirror": {"n": 3}, "thresholds_in_use": {},
            "methods": [{"method": "five_point", "genuine_pairs": 1, "impostor_pairs": 2,
                "eer": 0.002, "auc": 0.9999, "eer_threshold": 0.4,
                "at_fmr": [point(1e-1), point(1e-2)]}],
            "upstream_pair_lists": [], "highest_impostor_pairs": [], "highest_genuine_pairs": [],
            "lowest_genuine_pairs": [], "id_docs": {},
            "card_portraits": {"upload_jpeg_quality": 85, "portraits_found": 3, "cards": 3,
                "failures": [], "own_photo_similarity": {"n": 3}, "roc": null,
                "genuine_decisions": {}, "impostor_decisions": {}},
        });
        let text = table(&report);
        assert!(text.starts_with("faces_pairs: 3 photos, 2 identities"));
        assert!(text.contains("  not usable: img47.jpg: not decoded"));
        assert!(text.contains("five_point"), "{text}");
        assert!(text.contains("0.20%"), "{text}");
        assert!(text.contains("JPEG 85): 3 of 3 portraits found"), "{text}");
    }
}
