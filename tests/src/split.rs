//! The written split of the real material into a `tune` part, on which thresholds may be set,
//! and a `test` part, which no threshold has seen. Every evaluation reports both.
//!
//! The unit kept whole on one side is the person (or the clip): a photo's *person key* is its
//! identity where the material names one (`faces_pairs/IDENTITIES.csv`, the per-person folders
//! of the Real-World Masked Face Dataset), else the photo itself (the other `face_occlusions/`
//! sources hold one photo per person), and a clip's key is its path. The side is the first
//! byte of the key's SHA-256: even → tune, odd → test — fixed before any figure was read, and
//! the same on every machine. A threshold changed after looking at `test` needs a new `test`
//! part (new material), said in the closing note.

use sha2::{Digest, Sha256};

/// One side of the split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Tune,
    Test,
}

impl Part {
    pub const BOTH: [Part; 2] = [Part::Tune, Part::Test];

    pub fn name(self) -> &'static str {
        match self {
            Part::Tune => "tune",
            Part::Test => "test",
        }
    }
}

/// The side of a person (or clip) key.
pub fn part_of_key(key: &str) -> Part {
    if Sha256::digest(key.as_bytes())[0] % 2 == 0 {
        Part::Tune
    } else {
        Part::Test
    }
}

/// The person key of a photo given by its path under the data folder (see the module notes).
/// `faces_pairs` photos need their identity: use [`part_of_key`] with it.
pub fn person_key(relative_path: &str) -> String {
    const RWMFD: &str = "X-zhangyang+Real-World-Masked-Face-Dataset/";
    if let Some(at) = relative_path.find(RWMFD) {
        // …/RWMFD_part_1/<person>/<photo>.jpg: the person's folder.
        if let Some((folder, _photo)) = relative_path.rsplit_once('/') {
            if folder.len() > at + RWMFD.len() {
                return folder.to_string();
            }
        }
    }
    relative_path.to_string()
}

/// The side of a photo (by its person key) or a clip (by its path).
pub fn part_of(relative_path: &str) -> Part {
    part_of_key(&person_key(relative_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persons_photos_stay_on_one_side() {
        let a = "face_occlusions/mask/X-zhangyang+Real-World-Masked-Face-Dataset/RWMFD_part_1/0001/0002.jpg";
        let b = "face_occlusions/mask/X-zhangyang+Real-World-Masked-Face-Dataset/RWMFD_part_1/0001/0007.jpg";
        assert_eq!(person_key(a), person_key(b));
        assert_eq!(part_of(a), part_of(b));
        assert_eq!(person_key("faces_pairs/img1.jpg"), "faces_pairs/img1.jpg");
    }
}
