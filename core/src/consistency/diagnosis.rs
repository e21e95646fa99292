//! Why what the user typed differs from the document: stable codes, and a message for each in
//! the seven languages (`Localized` rows). Codes are API; messages are data.

use serde::{Deserialize, Serialize};

use crate::prompt::{Language, Localized};

/// One diagnosis of a difference between typed and document data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DiagnosisCode {
    /// Same letters, different upper/lower case or spacing (incl. hyphens).
    NameCaseOrSpacing,
    /// Typed with accents or special letters that the MRZ writes in ICAO 9303 transliteration
    /// (É → E, Ü → UE, ß → SS, ...).
    NameTransliteration,
    /// Surname and given names swapped.
    NameOrderSwapped,
    /// The MRZ cut the name short; the typed name begins with it.
    NameTruncatedInMrz,
    /// Typed in traditional Chinese characters where the document has simplified ones (or the
    /// reverse). Flagged, never converted.
    NameTraditionalSimplified,
    /// A different name.
    NameDifferent,
    /// The typed date reads as the document's only with day and month swapped.
    DateDayMonthSwapped,
    /// The typed date can be read as DD/MM or MM/DD; one reading matches.
    DateOrderAmbiguous,
    /// The typed date is not a date we can read.
    DateUnreadable,
    /// A different date.
    DateDifferent,
    /// Same number once 0/O, 1/I (and 8/B, 5/S, 2/Z) confusions are set aside.
    NumberConfusableCharacters,
    /// Same number apart from case, spaces or dashes.
    NumberFormatting,
    /// A different number.
    NumberDifferent,
    /// A different nationality.
    NationalityDifferent,
    /// The birth date inside the typed Chinese ID number is not the typed birth date.
    CnIdBirthDateDifferent,
    /// The typed Chinese ID number is not valid.
    CnIdInvalid,
}

impl DiagnosisCode {
    pub const ALL: &'static [DiagnosisCode] = &[
        DiagnosisCode::NameCaseOrSpacing,
        DiagnosisCode::NameTransliteration,
        DiagnosisCode::NameOrderSwapped,
        DiagnosisCode::NameTruncatedInMrz,
        DiagnosisCode::NameTraditionalSimplified,
        DiagnosisCode::NameDifferent,
        DiagnosisCode::DateDayMonthSwapped,
        DiagnosisCode::DateOrderAmbiguous,
        DiagnosisCode::DateUnreadable,
        DiagnosisCode::DateDifferent,
        DiagnosisCode::NumberConfusableCharacters,
        DiagnosisCode::NumberFormatting,
        DiagnosisCode::NumberDifferent,
        DiagnosisCode::NationalityDifferent,
        DiagnosisCode::CnIdBirthDateDifferent,
        DiagnosisCode::CnIdInvalid,
    ];

    /// The message in `language`.
    pub fn message(self, language: Language) -> &'static str {
        row(self).get(language)
    }
}

fn row(code: DiagnosisCode) -> &'static Localized {
    match code {
        DiagnosisCode::NameCaseOrSpacing => &Localized {
            en: "The name differs only in capital letters or spacing",
            zh_hans: "姓名仅在大小写或空格上不同",
            zh_hant: "姓名僅在大小寫或空格上不同",
            ja: "氏名は大文字・小文字またはスペースだけが異なります",
            ko: "이름이 대소문자나 띄어쓰기만 다릅니다",
            es: "El nombre solo difiere en mayúsculas o espacios",
            fr: "Le nom ne diffère que par les majuscules ou les espaces",
        },
        DiagnosisCode::NameTransliteration => &Localized {
            en: "The document writes accented letters without accents (É → E, Ü → UE)",
            zh_hans: "证件上的带重音字母按国际标准转写（É → E，Ü → UE）",
            zh_hant: "證件上的帶重音字母按國際標準轉寫（É → E，Ü → UE）",
            ja: "書類ではアクセント付きの文字が規格どおり書き換えられています（É → E、Ü → UE）",
            ko: "신분증에는 악센트 문자가 표준 표기로 바뀌어 있습니다(É → E, Ü → UE)",
            es: "El documento escribe las letras acentuadas sin acento (É → E, Ü → UE)",
            fr: "Le document écrit les lettres accentuées sans accent (É → E, Ü → UE)",
        },
        DiagnosisCode::NameOrderSwapped => &Localized {
            en: "Surname and given names seem swapped",
            zh_hans: "姓和名似乎填反了",
            zh_hant: "姓和名似乎填反了",
            ja: "姓と名が逆になっているようです",
            ko: "성과 이름이 바뀐 것 같습니다",
            es: "Los apellidos y el nombre parecen invertidos",
            fr: "Le nom et le prénom semblent inversés",
        },
        DiagnosisCode::NameTruncatedInMrz => &Localized {
            en: "The document's machine-readable zone shortens the name",
            zh_hans: "证件机读区中的姓名被截短",
            zh_hant: "證件機讀區中的姓名被截短",
            ja: "書類の機械読取領域では氏名が短縮されています",
            ko: "신분증 기계판독 영역에서 이름이 잘려 있습니다",
            es: "La zona de lectura mecánica del documento acorta el nombre",
            fr: "La zone de lecture automatique du document abrège le nom",
        },
        DiagnosisCode::NameTraditionalSimplified => &Localized {
            en: "Enter the name in the same characters (simplified or traditional) as on the document",
            zh_hans: "请按证件上的字体（简体或繁体）填写姓名",
            zh_hant: "請按證件上的字體（簡體或繁體）填寫姓名",
            ja: "氏名は書類と同じ字体（簡体字または繁体字）で入力してください",
            ko: "이름을 신분증과 같은 글자체(간체 또는 번체)로 입력해 주세요",
            es: "Escribe el nombre con los mismos caracteres (simplificados o tradicionales) que el documento",
            fr: "Saisissez le nom dans les mêmes caractères (simplifiés ou traditionnels) que le document",
        },
        DiagnosisCode::NameDifferent => &Localized {
            en: "Enter your name exactly as on the document",
            zh_hans: "请按证件上的写法准确填写姓名",
            zh_hant: "請按證件上的寫法準確填寫姓名",
            ja: "氏名は書類のとおり正確に入力してください",
            ko: "이름을 신분증에 적힌 그대로 입력해 주세요",
            es: "Escribe tu nombre exactamente como en el documento",
            fr: "Saisissez votre nom exactement comme sur le document",
        },
        DiagnosisCode::DateDayMonthSwapped => &Localized {
            en: "Day and month of the date of birth seem swapped",
            zh_hans: "出生日期的日和月似乎填反了",
            zh_hant: "出生日期的日和月似乎填反了",
            ja: "生年月日の日と月が逆になっているようです",
            ko: "생년월일의 일과 월이 바뀐 것 같습니다",
            es: "El día y el mes de la fecha de nacimiento parecen invertidos",
            fr: "Le jour et le mois de la date de naissance semblent inversés",
        },
        DiagnosisCode::DateOrderAmbiguous => &Localized {
            en: "The date can be read as day/month or month/day: check the order",
            zh_hans: "日期可理解为日/月或月/日，请检查顺序",
            zh_hant: "日期可理解為日/月或月/日，請檢查順序",
            ja: "日付が日/月とも月/日とも読めます。順序を確認してください",
            ko: "날짜를 일/월 또는 월/일로 읽을 수 있습니다. 순서를 확인해 주세요",
            es: "La fecha puede leerse como día/mes o mes/día: revisa el orden",
            fr: "La date peut se lire jour/mois ou mois/jour : vérifiez l'ordre",
        },
        DiagnosisCode::DateUnreadable => &Localized {
            en: "Enter the date of birth as day, month and four-digit year",
            zh_hans: "请按日、月和四位年份填写出生日期",
            zh_hant: "請按日、月和四位年份填寫出生日期",
            ja: "生年月日は日・月・4桁の年で入力してください",
            ko: "생년월일을 일, 월, 네 자리 연도로 입력해 주세요",
            es: "Escribe la fecha de nacimiento con día, mes y año de cuatro cifras",
            fr: "Saisissez la date de naissance avec jour, mois et année sur quatre chiffres",
        },
        DiagnosisCode::DateDifferent => &Localized {
            en: "The date of birth differs from the document",
            zh_hans: "出生日期与证件不符",
            zh_hant: "出生日期與證件不符",
            ja: "生年月日が書類と一致しません",
            ko: "생년월일이 신분증과 다릅니다",
            es: "La fecha de nacimiento no coincide con el documento",
            fr: "La date de naissance ne correspond pas au document",
        },
        DiagnosisCode::NumberConfusableCharacters => &Localized {
            en: "Check the document number: 0 (zero) vs O (letter), 1 (one) vs I (letter)",
            zh_hans: "请核对证件号码：0（数字）与 O（字母）、1（数字）与 I（字母）",
            zh_hant: "請核對證件號碼：0（數字）與 O（字母）、1（數字）與 I（字母）",
            ja: "書類番号を確認してください：0（数字）と O（英字）、1（数字）と I（英字）",
            ko: "문서 번호를 확인해 주세요: 0(숫자)과 O(영문), 1(숫자)과 I(영문)",
            es: "Revisa el número del documento: 0 (cero) y O (letra), 1 (uno) e I (letra)",
            fr: "Vérifiez le numéro du document : 0 (zéro) ou O (lettre), 1 (un) ou I (lettre)",
        },
        DiagnosisCode::NumberFormatting => &Localized {
            en: "The document number differs only in capitals, spaces or dashes",
            zh_hans: "证件号码仅在大小写、空格或连字符上不同",
            zh_hant: "證件號碼僅在大小寫、空格或連字號上不同",
            ja: "書類番号は大文字・小文字、スペース、ハイフンだけが異なります",
            ko: "문서 번호가 대소문자, 공백 또는 하이픈만 다릅니다",
            es: "El número del documento solo difiere en mayúsculas, espacios o guiones",
            fr: "Le numéro du document ne diffère que par les majuscules, espaces ou tirets",
        },
        DiagnosisCode::NumberDifferent => &Localized {
            en: "The document number differs from the document",
            zh_hans: "证件号码与证件不符",
            zh_hant: "證件號碼與證件不符",
            ja: "書類番号が書類と一致しません",
            ko: "문서 번호가 신분증과 다릅니다",
            es: "El número no coincide con el del documento",
            fr: "Le numéro ne correspond pas à celui du document",
        },
        DiagnosisCode::NationalityDifferent => &Localized {
            en: "The nationality differs from the document",
            zh_hans: "国籍与证件不符",
            zh_hant: "國籍與證件不符",
            ja: "国籍が書類と一致しません",
            ko: "국적이 신분증과 다릅니다",
            es: "La nacionalidad no coincide con el documento",
            fr: "La nationalité ne correspond pas au document",
        },
        DiagnosisCode::CnIdBirthDateDifferent => &Localized {
            en: "The date of birth does not match the one in the ID number",
            zh_hans: "出生日期与身份证号码中的出生日期不一致",
            zh_hant: "出生日期與身分證號碼中的出生日期不一致",
            ja: "生年月日が身分証番号に含まれる生年月日と一致しません",
            ko: "생년월일이 신분증 번호 속 생년월일과 다릅니다",
            es: "La fecha de nacimiento no coincide con la del número de identidad",
            fr: "La date de naissance ne correspond pas à celle du numéro d'identité",
        },
        DiagnosisCode::CnIdInvalid => &Localized {
            en: "The ID number is not valid: check all 18 characters",
            zh_hans: "身份证号码无效，请核对全部 18 位",
            zh_hant: "身分證號碼無效，請核對全部 18 位",
            ja: "身分証番号が無効です。18 桁すべてを確認してください",
            ko: "신분증 번호가 올바르지 않습니다. 18자리를 모두 확인해 주세요",
            es: "El número de identidad no es válido: revisa los 18 caracteres",
            fr: "Le numéro d'identité n'est pas valide : vérifiez les 18 caractères",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for &code in DiagnosisCode::ALL {
            for language in Language::ALL {
                let text = code.message(language);
                assert!(!text.trim().is_empty(), "{code:?} {language}");
                assert!(text.chars().count() <= 100, "{code:?} {language}");
            }
            for language in [
                Language::ZhHans,
                Language::ZhHant,
                Language::Ja,
                Language::Ko,
            ] {
                assert!(!code.message(language).is_ascii(), "{code:?} {language}");
            }
        }
    }
}
