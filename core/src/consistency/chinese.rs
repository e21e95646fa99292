//! Traditional versus simplified Chinese characters, through OpenCC's traditional → simplified
//! tables (crate `ferrous-opencc`, Apache-2.0). Used only to *flag* a name typed in the other
//! script; nothing the user typed is ever converted.

use std::sync::OnceLock;

use ferrous_opencc::{config::BuiltinConfig, OpenCC};

fn converter() -> Option<&'static OpenCC> {
    static T2S: OnceLock<Option<OpenCC>> = OnceLock::new();
    T2S.get_or_init(|| match OpenCC::from_config(BuiltinConfig::T2s) {
        Ok(cc) => Some(cc),
        Err(e) => {
            log::warn!("traditional/simplified tables unavailable: {e}");
            None
        }
    })
    .as_ref()
}

/// Whether `s` has CJK ideographs.
pub fn has_han(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
    })
}

/// Whether `a` and `b` differ but write the same text once both are in simplified characters.
pub fn same_in_other_script(a: &str, b: &str) -> bool {
    if a == b || !(has_han(a) && has_han(b)) {
        return false;
    }
    converter().is_some_and(|cc| cc.convert(a) == cc.convert(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_and_simplified_names() {
        assert!(same_in_other_script("張偉", "张伟"));
        assert!(same_in_other_script("劉德華", "刘德华"));
        assert!(same_in_other_script("鄧麗君", "邓丽君"));
        assert!(!same_in_other_script("张伟", "张伟"));
        assert!(!same_in_other_script("张伟", "张三"));
        assert!(!same_in_other_script("ZHANG", "ZHANG"));
    }
}
