//! ICAO 9303 part 3 §6 (table "Transliteration of multinational Latin-based characters"):
//! how a name with accented or special Latin letters is written in an MRZ. Several letters have
//! a recommended form and an accepted one (Ä → AE or A, Ñ → N or NXX, Ü → UE, UXX or U); we
//! produce both readings and the caller compares against each.

/// (letter, recommended, accepted alternative). Upper-case letters only: callers upper-case
/// first.
const TABLE: &[(char, &str, &str)] = &[
    ('Á', "A", "A"),
    ('À', "A", "A"),
    ('Â', "A", "A"),
    ('Ã', "A", "A"),
    ('Ä', "AE", "A"),
    ('Å', "AA", "A"),
    ('Ā', "A", "A"),
    ('Ă', "A", "A"),
    ('Ą', "A", "A"),
    ('Æ', "AE", "AE"),
    ('Ç', "C", "C"),
    ('Ć', "C", "C"),
    ('Ĉ', "C", "C"),
    ('Ċ', "C", "C"),
    ('Č', "C", "C"),
    ('Ď', "D", "D"),
    ('Đ', "D", "D"),
    ('Ð', "D", "D"),
    ('É', "E", "E"),
    ('È', "E", "E"),
    ('Ê', "E", "E"),
    ('Ë', "E", "E"),
    ('Ē', "E", "E"),
    ('Ĕ', "E", "E"),
    ('Ė', "E", "E"),
    ('Ę', "E", "E"),
    ('Ě', "E", "E"),
    ('Ĝ', "G", "G"),
    ('Ğ', "G", "G"),
    ('Ġ', "G", "G"),
    ('Ģ', "G", "G"),
    ('Ĥ', "H", "H"),
    ('Ħ', "H", "H"),
    ('Í', "I", "I"),
    ('Ì', "I", "I"),
    ('Î', "I", "I"),
    ('Ï', "I", "I"),
    ('Ĩ', "I", "I"),
    ('Ī', "I", "I"),
    ('Ĭ', "I", "I"),
    ('Į', "I", "I"),
    ('İ', "I", "I"),
    ('Ĳ', "IJ", "IJ"),
    ('Ĵ', "J", "J"),
    ('Ķ', "K", "K"),
    ('Ĺ', "L", "L"),
    ('Ļ', "L", "L"),
    ('Ľ', "L", "L"),
    ('Ŀ', "L", "L"),
    ('Ł', "L", "L"),
    ('Ñ', "N", "NXX"),
    ('Ń', "N", "N"),
    ('Ņ', "N", "N"),
    ('Ň', "N", "N"),
    ('Ŋ', "N", "N"),
    ('Ó', "O", "O"),
    ('Ò', "O", "O"),
    ('Ô', "O", "O"),
    ('Õ', "O", "O"),
    ('Ö', "OE", "O"),
    ('Ø', "OE", "OE"),
    ('Ō', "O", "O"),
    ('Ŏ', "O", "O"),
    ('Ő', "O", "O"),
    ('Œ', "OE", "OE"),
    ('Ŕ', "R", "R"),
    ('Ŗ', "R", "R"),
    ('Ř', "R", "R"),
    ('Ś', "S", "S"),
    ('Ŝ', "S", "S"),
    ('Ş', "S", "S"),
    ('Š', "S", "S"),
    ('Ș', "S", "S"),
    ('ẞ', "SS", "SS"),
    ('Ţ', "T", "T"),
    ('Ť', "T", "T"),
    ('Ŧ', "T", "T"),
    ('Ț', "T", "T"),
    ('Þ', "TH", "TH"),
    ('Ú', "U", "U"),
    ('Ù', "U", "U"),
    ('Û', "U", "U"),
    ('Ü', "UE", "UXX"),
    ('Ũ', "U", "U"),
    ('Ū', "U", "U"),
    ('Ŭ', "U", "U"),
    ('Ů', "U", "U"),
    ('Ű', "U", "U"),
    ('Ų', "U", "U"),
    ('Ŵ', "W", "W"),
    ('Ý', "Y", "Y"),
    ('Ŷ', "Y", "Y"),
    ('Ÿ', "Y", "Y"),
    ('Ź', "Z", "Z"),
    ('Ż', "Z", "Z"),
    ('Ž', "Z", "Z"),
];

/// The MRZ readings of an upper-cased name: [recommended, accepted alternative, accents
/// dropped]. `ß` has no upper-case in common use and becomes SS.
pub fn readings(upper: &str) -> [String; 3] {
    let mut out = [String::new(), String::new(), String::new()];
    for c in upper.chars() {
        if c == 'ß' {
            for o in &mut out {
                o.push_str("SS");
            }
            continue;
        }
        match TABLE.iter().find(|(l, _, _)| *l == c) {
            Some((_, recommended, alternative)) => {
                out[0].push_str(recommended);
                out[1].push_str(alternative);
                // The plain letter without its accent (first letter of the recommended form).
                out[2].push_str(&recommended[..1]);
            }
            None => {
                for o in &mut out {
                    o.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_examples() {
        assert_eq!(readings("MÜLLER")[0], "MUELLER");
        assert_eq!(readings("MÜLLER")[1], "MUXXLLER");
        assert_eq!(readings("MÜLLER")[2], "MULLER");
        assert_eq!(readings("PEÑA")[1], "PENXXA");
        assert_eq!(readings("STRAßE")[0], "STRASSE");
        assert_eq!(readings("ÅSTRÖM")[0], "AASTROEM");
        assert_eq!(readings("ÉLODIE")[0], "ELODIE");
    }
}
