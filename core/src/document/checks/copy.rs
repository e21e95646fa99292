//! Photocopies: a grey (colourless) document (DOC_COPY). A colour photocopy is not told apart
//! from the original by this check.

use crate::document::config::DocumentConfig;
use crate::frame::RgbImage;
use crate::prompt::{Issue, PromptCode, Severity};

/// Hasler & Süsstrunk's colourfulness (2003): 0 for grey, ~15 "slightly colourful", > 30
/// colourful. Every ID document in use has colour print and a colour portrait.
pub fn colourfulness(document: &RgbImage) -> f32 {
    let (mut n, mut s_rg, mut s_yb, mut ss_rg, mut ss_yb) = (0f64, 0f64, 0f64, 0f64, 0f64);
    for px in document.as_bytes().chunks_exact(3) {
        let (r, g, b) = (px[0] as f64, px[1] as f64, px[2] as f64);
        let rg = r - g;
        let yb = 0.5 * (r + g) - b;
        n += 1.0;
        s_rg += rg;
        s_yb += yb;
        ss_rg += rg * rg;
        ss_yb += yb * yb;
    }
    if n == 0.0 {
        return 0.0;
    }
    let (m_rg, m_yb) = (s_rg / n, s_yb / n);
    let var_rg = (ss_rg / n - m_rg * m_rg).max(0.0);
    let var_yb = (ss_yb / n - m_yb * m_yb).max(0.0);
    ((var_rg + var_yb).sqrt() + 0.3 * (m_rg * m_rg + m_yb * m_yb).sqrt()) as f32
}

pub fn issue(colourfulness: f32, config: &DocumentConfig) -> Option<Issue> {
    (colourfulness < config.copy_max_colourfulness)
        .then(|| Issue::new(PromptCode::DocCopy, Severity::Error, Some(colourfulness)))
}
