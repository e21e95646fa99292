//! Images to decisions: one pair ([`match_images`]) or many at once (`precheck match --pairs`: the
//! pairs CSV and a row-by-row comparison in which an unreadable image or a face-free one is that
//! row's error, never the batch's).

use std::collections::HashMap;

use crate::error::{PrecheckError, Result};
use crate::face::{Analyzer, Embedding};
use crate::frame::RgbImage;

use super::compare::{compare, MatchResult};
use super::thresholds::MatchThresholds;

/// Compares the largest face of each image.
pub fn match_images(
    analyzer: &Analyzer,
    a: &RgbImage,
    b: &RgbImage,
    thresholds: &MatchThresholds,
) -> Result<MatchResult> {
    let ea = analyzer.embed_largest_face(a)?;
    let eb = analyzer.embed_largest_face(b)?;
    Ok(compare(&ea, &eb, thresholds))
}

/// One row of a pairs CSV: two image references, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRow {
    pub a: String,
    pub b: String,
}

/// One row's outcome, in row order.
#[derive(Debug, Clone, PartialEq)]
pub struct PairOutcome {
    pub a: String,
    pub b: String,
    /// The comparison, or the one-line reason this row could not be compared.
    pub result: std::result::Result<MatchResult, String>,
}

/// Parses a pairs CSV: a header naming columns `a` and `b` (others ignored), then one pair per
/// line. Fields may be double-quoted (`""` inside quotes is a quote). Blank lines are skipped.
pub fn parse_pairs_csv(text: &str) -> Result<Vec<PairRow>> {
    let bad = |msg: String| PrecheckError::InvalidInput(format!("pairs CSV: {msg}"));
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines
        .next()
        .ok_or_else(|| bad("empty file, expected a header `a,b`".into()))?;
    let header = split_csv_line(header.trim_start_matches('\u{feff}'));
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(ia), Some(ib)) = (col("a"), col("b")) else {
        return Err(bad(format!(
            "header must name columns `a` and `b`, found {header:?}"
        )));
    };
    lines
        .map(|(n, line)| {
            let fields = split_csv_line(line);
            match (fields.get(ia), fields.get(ib)) {
                (Some(a), Some(b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok(PairRow {
                    a: a.trim().to_string(),
                    b: b.trim().to_string(),
                }),
                _ => Err(bad(format!("line {}: expected two image paths", n + 1))),
            }
        })
        .collect()
}

/// Splits one CSV line into fields (double quotes, `""` for a quote inside them).
pub fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// Compares every row, in order. `load` turns a reference from the CSV into an image (the CLI
/// reads it relative to the CSV's folder). Each distinct reference is loaded and embedded once.
pub fn match_rows(
    analyzer: &Analyzer,
    rows: &[PairRow],
    thresholds: &MatchThresholds,
    mut load: impl FnMut(&str) -> Result<RgbImage>,
) -> Vec<PairOutcome> {
    let mut cache: HashMap<String, std::result::Result<Embedding, String>> = HashMap::new();
    let mut embedding = |reference: &str| -> std::result::Result<Embedding, String> {
        cache
            .entry(reference.to_string())
            .or_insert_with(|| {
                load(reference)
                    .and_then(|image| analyzer.embed_largest_face(&image))
                    .map_err(|e| format!("{reference}: {e}"))
            })
            .clone()
    };
    rows.iter()
        .map(|row| {
            let ea = embedding(&row.a);
            let eb = embedding(&row.b);
            let result = match (ea, eb) {
                (Ok(ea), Ok(eb)) => Ok(compare(&ea, &eb, thresholds)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            PairOutcome {
                a: row.a.clone(),
                b: row.b.clone(),
                result,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_quotes_and_extra_columns() {
        let text =
            "\u{feff}id,b,a\r\n1,x.jpg,\"dir, with comma/y.jpg\"\n\n2,\"q\"\"uote.png\",z.png\n";
        let rows = parse_pairs_csv(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].a, "dir, with comma/y.jpg");
        assert_eq!(rows[0].b, "x.jpg");
        assert_eq!(rows[1].b, "q\"uote.png");
    }

    #[test]
    fn refuses_missing_header_and_short_rows() {
        assert!(parse_pairs_csv("").is_err());
        assert!(parse_pairs_csv("left,right\nx,y\n").is_err());
        assert!(parse_pairs_csv("a,b\nonly-one\n").is_err());
    }
}
