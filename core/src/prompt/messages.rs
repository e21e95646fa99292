//! Prompt messages, one row per code: en, zh-Hans, zh-Hant, ja, ko, es, fr. Short and
//! actionable ("Face the light", not "Illumination uniformity insufficient"). French puts a
//! no-break space (U+00A0) before ":" as French typography does.

use super::code::{Prompt, PromptCode};
use super::language::{Language, Localized};

impl PromptCode {
    /// The message for the user in `language` (short and actionable).
    pub fn message(self, language: Language) -> &'static str {
        row(self).get(language)
    }

    /// The code with its message in `language`.
    pub fn prompt(self, language: Language) -> Prompt {
        Prompt {
            code: self,
            message: self.message(language).to_string(),
        }
    }
}

fn row(code: PromptCode) -> &'static Localized {
    match code {
        PromptCode::FaceNotFound => &Localized {
            en: "Place your face in the oval",
            zh_hans: "请将面部置于椭圆框内",
            zh_hant: "請將臉部置於橢圓框內",
            ja: "顔を楕円の枠内に入れてください",
            ko: "얼굴을 타원 안에 맞춰 주세요",
            es: "Coloca tu cara dentro del óvalo",
            fr: "Placez votre visage dans l'ovale",
        },
        PromptCode::MultipleFaces => &Localized {
            en: "Only one person should be in view",
            zh_hans: "画面中只能有一个人",
            zh_hant: "畫面中只能有一個人",
            ja: "画面に写るのはお一人だけにしてください",
            ko: "화면에 한 사람만 나오게 해 주세요",
            es: "Solo debe aparecer una persona",
            fr: "Une seule personne doit être visible",
        },
        PromptCode::FaceTooFar => &Localized {
            en: "Move closer",
            zh_hans: "请靠近一点",
            zh_hant: "請靠近一點",
            ja: "もう少し近づいてください",
            ko: "조금 더 가까이 오세요",
            es: "Acércate un poco más",
            fr: "Rapprochez-vous",
        },
        PromptCode::FaceTooClose => &Localized {
            en: "Move back a little",
            zh_hans: "请稍微远离一点",
            zh_hant: "請稍微遠離一點",
            ja: "少し離れてください",
            ko: "조금 뒤로 물러나 주세요",
            es: "Aléjate un poco",
            fr: "Reculez un peu",
        },
        PromptCode::FaceNotCentered => &Localized {
            en: "Center your face in the oval",
            zh_hans: "请将面部移到椭圆框中央",
            zh_hant: "請將臉部移到橢圓框中央",
            ja: "顔を楕円の中央に合わせてください",
            ko: "얼굴을 타원 중앙에 맞춰 주세요",
            es: "Centra tu cara en el óvalo",
            fr: "Centrez votre visage dans l'ovale",
        },
        PromptCode::FaceCutOff => &Localized {
            en: "Keep your whole face in view",
            zh_hans: "请让整张脸都在画面内",
            zh_hant: "請讓整張臉都在畫面內",
            ja: "顔全体が画面に入るようにしてください",
            ko: "얼굴 전체가 화면에 나오게 해 주세요",
            es: "Mantén toda tu cara a la vista",
            fr: "Gardez tout votre visage dans le cadre",
        },
        PromptCode::LookStraight => &Localized {
            en: "Look straight at the camera",
            zh_hans: "请正视摄像头",
            zh_hant: "請正視鏡頭",
            ja: "カメラをまっすぐ見てください",
            ko: "카메라를 정면으로 봐 주세요",
            es: "Mira directamente a la cámara",
            fr: "Regardez droit vers la caméra",
        },
        PromptCode::TooDark => &Localized {
            en: "Too dark: find a brighter place",
            zh_hans: "光线太暗，请到更亮的地方",
            zh_hant: "光線太暗，請到更亮的地方",
            ja: "暗すぎます。明るい場所に移動してください",
            ko: "너무 어둡습니다. 더 밝은 곳으로 이동해 주세요",
            es: "Demasiado oscuro: busca un lugar con más luz",
            fr: "Trop sombre : trouvez un endroit plus éclairé",
        },
        PromptCode::TooBright => &Localized {
            en: "Too bright: avoid direct light",
            zh_hans: "光线太强，请避开直射光",
            zh_hant: "光線太強，請避開直射光",
            ja: "明るすぎます。直射光を避けてください",
            ko: "너무 밝습니다. 직사광을 피해 주세요",
            es: "Demasiada luz: evita la luz directa",
            fr: "Trop lumineux : évitez la lumière directe",
        },
        PromptCode::Backlit => &Localized {
            en: "Face the light, not away from it",
            zh_hans: "请面向光源，避免背光",
            zh_hant: "請面向光源，避免背光",
            ja: "逆光です。光の方を向いてください",
            ko: "역광입니다. 빛을 마주 보세요",
            es: "Ponte de frente a la luz, no de espaldas",
            fr: "Tournez-vous vers la lumière, pas dos à elle",
        },
        PromptCode::UnevenLight => &Localized {
            en: "Light your face evenly",
            zh_hans: "请让面部光线均匀",
            zh_hant: "請讓臉部光線均勻",
            ja: "顔全体に均一に光が当たるようにしてください",
            ko: "얼굴에 빛이 고르게 비치도록 해 주세요",
            es: "Ilumina tu cara de forma uniforme",
            fr: "Éclairez votre visage de façon uniforme",
        },
        PromptCode::Flicker => &Localized {
            en: "The light is flickering: change the lighting",
            zh_hans: "光线在闪烁，请更换照明",
            zh_hant: "光線在閃爍，請更換照明",
            ja: "照明がちらついています。別の照明にしてください",
            ko: "조명이 깜빡입니다. 다른 조명을 사용해 주세요",
            es: "La luz parpadea: cambia la iluminación",
            fr: "La lumière clignote : changez d'éclairage",
        },
        PromptCode::Blurry => &Localized {
            en: "Blurry: hold the phone steady",
            zh_hans: "画面模糊，请拿稳手机",
            zh_hant: "畫面模糊，請拿穩手機",
            ja: "ぼやけています。スマートフォンを固定してください",
            ko: "화면이 흐립니다. 휴대폰을 흔들리지 않게 잡아 주세요",
            es: "Imagen borrosa: sujeta el teléfono con firmeza",
            fr: "Image floue : tenez le téléphone immobile",
        },
        PromptCode::HoldStill => &Localized {
            en: "Hold still",
            zh_hans: "请保持不动",
            zh_hant: "請保持不動",
            ja: "動かないでください",
            ko: "움직이지 마세요",
            es: "No te muevas",
            fr: "Ne bougez pas",
        },
        PromptCode::BackgroundMoving => &Localized {
            en: "Make sure nothing moves behind you",
            zh_hans: "请确保背景中没有移动的物体",
            zh_hant: "請確保背景中沒有移動的物體",
            ja: "背景で何も動かないようにしてください",
            ko: "뒤에서 움직이는 것이 없도록 해 주세요",
            es: "Asegúrate de que nada se mueva detrás de ti",
            fr: "Assurez-vous que rien ne bouge derrière vous",
        },
        PromptCode::EyesCovered => &Localized {
            en: "Keep your eyes uncovered: move your hair aside",
            zh_hans: "请露出眼睛，把头发拨开",
            zh_hant: "請露出眼睛，把頭髮撥開",
            ja: "目が見えるように髪をよけてください",
            ko: "눈이 보이도록 머리카락을 넘겨 주세요",
            es: "Deja tus ojos a la vista: aparta el pelo",
            fr: "Dégagez vos yeux : écartez vos cheveux",
        },
        PromptCode::Sunglasses => &Localized {
            en: "Take off your sunglasses",
            zh_hans: "请摘下墨镜",
            zh_hant: "請摘下墨鏡",
            ja: "サングラスを外してください",
            ko: "선글라스를 벗어 주세요",
            es: "Quítate las gafas de sol",
            fr: "Retirez vos lunettes de soleil",
        },
        PromptCode::GlassesGlare => &Localized {
            en: "Reflections on your glasses: tilt them or take them off",
            zh_hans: "眼镜有反光，请调整角度或摘下眼镜",
            zh_hant: "眼鏡有反光，請調整角度或摘下眼鏡",
            ja: "メガネに光が反射しています。角度を変えるか外してください",
            ko: "안경에 빛이 반사됩니다. 각도를 바꾸거나 벗어 주세요",
            es: "Reflejos en tus gafas: inclínalas o quítatelas",
            fr: "Reflets sur vos lunettes : inclinez-les ou retirez-les",
        },
        PromptCode::Mask => &Localized {
            en: "Remove your mask",
            zh_hans: "请摘下口罩",
            zh_hant: "請摘下口罩",
            ja: "マスクを外してください",
            ko: "마스크를 벗어 주세요",
            es: "Quítate la mascarilla",
            fr: "Retirez votre masque",
        },
        PromptCode::HeadCovered => &Localized {
            en: "Remove your hat or head covering",
            zh_hans: "请摘下帽子或头饰",
            zh_hant: "請摘下帽子或頭飾",
            ja: "帽子などのかぶり物を外してください",
            ko: "모자나 머리 가리개를 벗어 주세요",
            es: "Quítate el gorro o lo que cubra tu cabeza",
            fr: "Retirez votre chapeau ou couvre-chef",
        },
        PromptCode::NotNeutral => &Localized {
            en: "Keep a neutral expression, mouth closed",
            zh_hans: "请保持自然表情，闭上嘴",
            zh_hant: "請保持自然表情，閉上嘴",
            ja: "口を閉じて自然な表情にしてください",
            ko: "입을 다물고 무표정을 유지해 주세요",
            es: "Mantén una expresión neutra, con la boca cerrada",
            fr: "Gardez une expression neutre, bouche fermée",
        },
        PromptCode::LensDirty => &Localized {
            en: "Wipe your camera lens",
            zh_hans: "请擦拭摄像头镜头",
            zh_hant: "請擦拭鏡頭",
            ja: "カメラのレンズを拭いてください",
            ko: "카메라 렌즈를 닦아 주세요",
            es: "Limpia la lente de la cámara",
            fr: "Nettoyez l'objectif de la caméra",
        },
        PromptCode::Blink => &Localized {
            en: "Blink once, slowly",
            zh_hans: "请慢慢眨一次眼",
            zh_hant: "請慢慢眨一次眼",
            ja: "ゆっくり1回まばたきしてください",
            ko: "천천히 한 번 눈을 깜빡이세요",
            es: "Parpadea una vez, despacio",
            fr: "Clignez des yeux une fois, lentement",
        },
        PromptCode::TurnLeft => &Localized {
            en: "Turn your head to the left and hold",
            zh_hans: "请将头转向左侧并保持",
            zh_hant: "請將頭轉向左側並保持",
            ja: "顔を左に向けて、そのまま止めてください",
            ko: "고개를 왼쪽으로 돌린 채 유지하세요",
            es: "Gira la cabeza a la izquierda y mantenla así",
            fr: "Tournez la tête vers la gauche et restez ainsi",
        },
        PromptCode::TurnRight => &Localized {
            en: "Turn your head to the right and hold",
            zh_hans: "请将头转向右侧并保持",
            zh_hant: "請將頭轉向右側並保持",
            ja: "顔を右に向けて、そのまま止めてください",
            ko: "고개를 오른쪽으로 돌린 채 유지하세요",
            es: "Gira la cabeza a la derecha y mantenla así",
            fr: "Tournez la tête vers la droite et restez ainsi",
        },
        PromptCode::OpenMouth => &Localized {
            en: "Open your mouth briefly",
            zh_hans: "请张一下嘴",
            zh_hant: "請張一下嘴",
            ja: "一度、口を大きく開けてください",
            ko: "입을 잠깐 크게 벌려 주세요",
            es: "Abre la boca un momento",
            fr: "Ouvrez la bouche un instant",
        },
        PromptCode::Nod => &Localized {
            en: "Nod your head",
            zh_hans: "请点头",
            zh_hant: "請點頭",
            ja: "うなずいてください",
            ko: "고개를 끄덕여 주세요",
            es: "Asiente con la cabeza",
            fr: "Hochez la tête",
        },
        PromptCode::TooFast => &Localized {
            en: "Too fast: move more slowly",
            zh_hans: "太快了，请慢一点",
            zh_hant: "太快了，請慢一點",
            ja: "速すぎます。もう少しゆっくり動いてください",
            ko: "너무 빠릅니다. 천천히 해 주세요",
            es: "Demasiado rápido: hazlo más despacio",
            fr: "Trop rapide : allez plus lentement",
        },
        PromptCode::TooSlow => &Localized {
            en: "Too slow: try again a bit faster",
            zh_hans: "太慢了，请再快一点",
            zh_hant: "太慢了，請再快一點",
            ja: "遅すぎます。もう少し早く動いてください",
            ko: "너무 느립니다. 조금 더 빠르게 해 주세요",
            es: "Demasiado lento: inténtalo un poco más rápido",
            fr: "Trop lent : réessayez un peu plus vite",
        },
        PromptCode::WrongAction => &Localized {
            en: "Wrong action: follow the instruction on screen",
            zh_hans: "动作不正确，请按屏幕提示操作",
            zh_hant: "動作不正確，請依螢幕提示操作",
            ja: "動作が違います。画面の指示に従ってください",
            ko: "동작이 틀렸습니다. 화면의 안내를 따라 주세요",
            es: "Acción incorrecta: sigue la instrucción en pantalla",
            fr: "Mauvaise action : suivez l'instruction à l'écran",
        },
        PromptCode::Done => &Localized {
            en: "Done",
            zh_hans: "完成",
            zh_hant: "完成",
            ja: "完了",
            ko: "완료",
            es: "Listo",
            fr: "Terminé",
        },
        PromptCode::DocNotFound => &Localized {
            en: "Place your document in the frame",
            zh_hans: "请将证件放入框内",
            zh_hant: "請將證件放入框內",
            ja: "書類を枠内に置いてください",
            ko: "신분증을 프레임 안에 놓아 주세요",
            es: "Coloca tu documento dentro del marco",
            fr: "Placez votre document dans le cadre",
        },
        PromptCode::DocTooSmall => &Localized {
            en: "Move closer to the document",
            zh_hans: "请靠近证件",
            zh_hant: "請靠近證件",
            ja: "書類にもっと近づいてください",
            ko: "신분증에 더 가까이 가 주세요",
            es: "Acércate más al documento",
            fr: "Rapprochez-vous du document",
        },
        PromptCode::DocTooClose => &Localized {
            en: "Move back: leave a margin around the document",
            zh_hans: "请远离一些，证件四周留出空白",
            zh_hant: "請遠離一些，證件四周留出空白",
            ja: "少し離れて、書類の周りに余白を残してください",
            ko: "조금 물러나 신분증 주위에 여백을 두세요",
            es: "Aléjate: deja margen alrededor del documento",
            fr: "Reculez : laissez une marge autour du document",
        },
        PromptCode::DocCornersMissing => &Localized {
            en: "Show all four corners of the document",
            zh_hans: "请露出证件的四个角",
            zh_hant: "請露出證件的四個角",
            ja: "書類の四隅がすべて写るようにしてください",
            ko: "신분증의 네 모서리가 모두 보이게 해 주세요",
            es: "Muestra las cuatro esquinas del documento",
            fr: "Montrez les quatre coins du document",
        },
        PromptCode::DocBlurry => &Localized {
            en: "Document is blurry: hold steady and let it focus",
            zh_hans: "证件模糊，请拿稳并等待对焦",
            zh_hant: "證件模糊，請拿穩並等待對焦",
            ja: "書類がぼやけています。固定してピントを合わせてください",
            ko: "신분증이 흐립니다. 흔들리지 않게 잡고 초점을 맞춰 주세요",
            es: "Documento borroso: sujétalo y deja que enfoque",
            fr: "Document flou : tenez-le immobile pour la mise au point",
        },
        PromptCode::DocGlare => &Localized {
            en: "Glare on the document: tilt it away from the light",
            zh_hans: "证件有反光，请倾斜以避开光源",
            zh_hant: "證件有反光，請傾斜以避開光源",
            ja: "書類に光が反射しています。傾けて光を避けてください",
            ko: "신분증에 빛이 반사됩니다. 조명을 피해 기울여 주세요",
            es: "Reflejos en el documento: inclínalo para evitar la luz",
            fr: "Reflet sur le document : inclinez-le pour éviter la lumière",
        },
        PromptCode::DocTooDark => &Localized {
            en: "Document too dark: find more light",
            zh_hans: "证件太暗，请到更亮的地方",
            zh_hant: "證件太暗，請到更亮的地方",
            ja: "書類が暗すぎます。明るい場所で撮影してください",
            ko: "신분증이 너무 어둡습니다. 더 밝은 곳에서 찍어 주세요",
            es: "Documento demasiado oscuro: busca más luz",
            fr: "Document trop sombre : cherchez plus de lumière",
        },
        PromptCode::DocTooBright => &Localized {
            en: "Document overexposed: reduce the light",
            zh_hans: "证件过亮，请减弱光线",
            zh_hant: "證件過亮，請減弱光線",
            ja: "書類が明るすぎます。光を弱めてください",
            ko: "신분증이 너무 밝습니다. 빛을 줄여 주세요",
            es: "Documento sobreexpuesto: reduce la luz",
            fr: "Document surexposé : réduisez la lumière",
        },
        PromptCode::DocScreen => &Localized {
            en: "Photograph the original document, not a screen",
            zh_hans: "请拍摄证件原件，不要拍屏幕",
            zh_hant: "請拍攝證件正本，不要拍螢幕",
            ja: "画面ではなく書類の原本を撮影してください",
            ko: "화면이 아닌 신분증 원본을 촬영해 주세요",
            es: "Fotografía el documento original, no una pantalla",
            fr: "Photographiez le document original, pas un écran",
        },
        PromptCode::DocCopy => &Localized {
            en: "Use the original document, not a photocopy",
            zh_hans: "请使用证件原件，不要用复印件",
            zh_hant: "請使用證件正本，不要用影本",
            ja: "コピーではなく原本を使用してください",
            ko: "사본이 아닌 원본 신분증을 사용해 주세요",
            es: "Usa el documento original, no una fotocopia",
            fr: "Utilisez le document original, pas une photocopie",
        },
        PromptCode::DocObscured => &Localized {
            en: "Keep fingers and objects off the document",
            zh_hans: "请勿用手指或物体遮挡证件",
            zh_hant: "請勿用手指或物體遮擋證件",
            ja: "指や物で書類を隠さないでください",
            ko: "손가락이나 물건으로 신분증을 가리지 마세요",
            es: "No tapes el documento con los dedos ni con objetos",
            fr: "Ne couvrez pas le document avec les doigts ou un objet",
        },
        PromptCode::DocExpired => &Localized {
            en: "This document has expired: use a valid one",
            zh_hans: "证件已过期，请使用有效证件",
            zh_hant: "證件已過期，請使用有效證件",
            ja: "有効期限切れの書類です。有効な書類を使用してください",
            ko: "만료된 신분증입니다. 유효한 신분증을 사용해 주세요",
            es: "Este documento ha caducado: usa uno válido",
            fr: "Ce document a expiré : utilisez un document valide",
        },
        PromptCode::MrzUnreadable => &Localized {
            en: "Code lines unreadable: show the bottom lines clearly",
            zh_hans: "无法读取机读码，请让底部字符行清晰可见",
            zh_hant: "無法讀取機讀碼，請讓底部字元行清晰可見",
            ja: "下部の機械読取行が読めません。はっきり写してください",
            ko: "하단의 기계 판독 줄을 읽을 수 없습니다. 선명하게 보여 주세요",
            es: "No se leen las líneas de código: muéstralas con claridad",
            fr: "Lignes codées illisibles : montrez-les clairement",
        },
        PromptCode::MrzCheckFailed => &Localized {
            en: "Document code check failed: retake the photo",
            zh_hans: "证件机读码校验失败，请重新拍摄",
            zh_hant: "證件機讀碼校驗失敗，請重新拍攝",
            ja: "書類のコード照合に失敗しました。撮り直してください",
            ko: "신분증 코드 확인에 실패했습니다. 다시 촬영해 주세요",
            es: "Falló la verificación del código: repite la foto",
            fr: "Échec du contrôle du code : reprenez la photo",
        },
        PromptCode::FileFormat => &Localized {
            en: "Use a JPG or PNG photo",
            zh_hans: "请使用 JPG 或 PNG 格式的照片",
            zh_hant: "請使用 JPG 或 PNG 格式的照片",
            ja: "JPG または PNG 形式の写真を使用してください",
            ko: "JPG 또는 PNG 사진을 사용해 주세요",
            es: "Usa una foto JPG o PNG",
            fr: "Utilisez une photo JPG ou PNG",
        },
        PromptCode::FileTooLarge => &Localized {
            en: "File too large: use a smaller photo",
            zh_hans: "照片文件过大，请使用较小的文件",
            zh_hant: "照片檔案過大，請使用較小的檔案",
            ja: "ファイルが大きすぎます。小さい写真を使用してください",
            ko: "파일이 너무 큽니다. 더 작은 사진을 사용해 주세요",
            es: "Archivo demasiado grande: usa una foto más pequeña",
            fr: "Fichier trop volumineux : utilisez une photo plus petite",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for &code in PromptCode::ALL {
            for language in Language::ALL {
                let text = code.message(language);
                assert!(!text.trim().is_empty(), "{code} {language}");
                assert!(
                    text.chars().count() <= 80,
                    "{code} {language} too long: {text}"
                );
            }
            // The CJK rows are not English left untranslated.
            for language in [
                Language::ZhHans,
                Language::ZhHant,
                Language::Ja,
                Language::Ko,
            ] {
                let text = code.message(language);
                assert!(!text.is_ascii(), "{code} {language}: {text}");
            }
        }
    }
}
