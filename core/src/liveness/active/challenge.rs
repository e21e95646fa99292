//! The challenges and their order, drawn deterministically from the caller's nonce so a server
//! that issued the nonce can recompute (and check) the sequence the user was shown.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::prompt::PromptCode;

/// One action the user is asked to perform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChallengeKind {
    Blink,
    TurnLeft,
    TurnRight,
    OpenMouth,
    Nod,
}

impl ChallengeKind {
    /// The four challenges of the default sequence (nod is optional).
    pub const DEFAULT: [ChallengeKind; 4] = [
        ChallengeKind::Blink,
        ChallengeKind::TurnLeft,
        ChallengeKind::TurnRight,
        ChallengeKind::OpenMouth,
    ];

    pub const ALL: [ChallengeKind; 5] = [
        ChallengeKind::Blink,
        ChallengeKind::TurnLeft,
        ChallengeKind::TurnRight,
        ChallengeKind::OpenMouth,
        ChallengeKind::Nod,
    ];

    /// The contract spelling (`turn_left`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ChallengeKind::Blink => "blink",
            ChallengeKind::TurnLeft => "turn_left",
            ChallengeKind::TurnRight => "turn_right",
            ChallengeKind::OpenMouth => "open_mouth",
            ChallengeKind::Nod => "nod",
        }
    }

    /// The prompt that asks for it.
    pub fn prompt(self) -> PromptCode {
        match self {
            ChallengeKind::Blink => PromptCode::Blink,
            ChallengeKind::TurnLeft => PromptCode::TurnLeft,
            ChallengeKind::TurnRight => PromptCode::TurnRight,
            ChallengeKind::OpenMouth => PromptCode::OpenMouth,
            ChallengeKind::Nod => PromptCode::Nod,
        }
    }
}

impl fmt::Display for ChallengeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no challenge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown challenge {0:?} (known: blink, turn_left, turn_right, open_mouth, nod)")]
pub struct UnknownChallenge(pub String);

impl FromStr for ChallengeKind {
    type Err = UnknownChallenge;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ChallengeKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| UnknownChallenge(s.to_string()))
    }
}

/// `kinds` (duplicates removed, first occurrence kept) shuffled by Fisher-Yates driven by
/// SHA-256 of the nonce: the same nonce always gives the same order; different nonces give
/// uniformly distributed orders (up to the negligible modulo bias of 64-bit draws).
pub fn challenge_order(nonce: &[u8], kinds: &[ChallengeKind]) -> Vec<ChallengeKind> {
    let mut order: Vec<ChallengeKind> = Vec::with_capacity(kinds.len());
    for &k in kinds {
        if !order.contains(&k) {
            order.push(k);
        }
    }
    let mut stream = DrawStream::new(nonce);
    for i in (1..order.len()).rev() {
        let j = (stream.next_u64() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// Deterministic 64-bit draws: SHA-256(nonce ‖ counter) blocks, 4 draws per block.
struct DrawStream {
    seed: [u8; 32],
    counter: u32,
    block: [u8; 32],
    used: usize,
}

impl DrawStream {
    fn new(nonce: &[u8]) -> Self {
        let seed: [u8; 32] = Sha256::digest(nonce).into();
        DrawStream {
            seed,
            counter: 0,
            block: [0; 32],
            used: 4,
        }
    }

    fn next_u64(&mut self) -> u64 {
        if self.used == 4 {
            let mut h = Sha256::new();
            h.update(self.seed);
            h.update(self.counter.to_be_bytes());
            self.block = h.finalize().into();
            self.counter += 1;
            self.used = 0;
        }
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&self.block[self.used * 8..self.used * 8 + 8]);
        self.used += 1;
        u64::from_be_bytes(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn same_nonce_same_order_and_a_permutation() {
        let a = challenge_order(b"server-nonce-1", &ChallengeKind::DEFAULT);
        let b = challenge_order(b"server-nonce-1", &ChallengeKind::DEFAULT);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, ChallengeKind::DEFAULT.to_vec());
    }

    #[test]
    fn orders_are_spread_over_all_permutations() {
        let mut seen: HashMap<Vec<ChallengeKind>, usize> = HashMap::new();
        for i in 0..2400 {
            let order = challenge_order(format!("n{i}").as_bytes(), &ChallengeKind::DEFAULT);
            *seen.entry(order).or_default() += 1;
        }
        // 24 permutations, 100 expected each.
        assert_eq!(seen.len(), 24);
        assert!(seen.values().all(|&c| (50..=150).contains(&c)), "{seen:?}");
    }

    #[test]
    fn duplicates_are_dropped_and_names_parse() {
        let order = challenge_order(b"x", &[ChallengeKind::Blink, ChallengeKind::Blink]);
        assert_eq!(order, vec![ChallengeKind::Blink]);
        assert_eq!("turn_left".parse(), Ok(ChallengeKind::TurnLeft));
        assert!("wave".parse::<ChallengeKind>().is_err());
    }
}
