//! The frame hash chain: every frame a session accepts is digested (its bytes exactly as the
//! camera gave them, with the geometry that says how to read them), and each link commits to
//! the previous link, the frame's timestamp and its digest. The chain starts from the nonce, so
//! a chain cannot be moved to another attempt, and any removed, inserted, reordered or changed
//! frame changes every later link.

use serde::{Deserialize, Serialize};

use super::digest::{from_hex, sha256_parts, to_hex, Digest32};
use crate::frame::{Frame, PixelFormat};

const GENESIS_TAG: &[u8] = b"precheck.chain/1/genesis\0";
const LINK_TAG: &[u8] = b"precheck.chain/1/link\0";
const FRAME_TAG: &[u8] = b"precheck.frame/1\0";

/// The digest of one frame: its pixel bytes and everything needed to interpret them.
pub fn frame_digest(frame: &Frame<'_>) -> Digest32 {
    let mut header = [0u8; 30];
    header[0] = format_tag(frame.format);
    header[1..5].copy_from_slice(&frame.width.to_le_bytes());
    header[5..9].copy_from_slice(&frame.height.to_le_bytes());
    for (i, stride) in frame.row_strides.iter().enumerate() {
        header[9 + 4 * i..13 + 4 * i].copy_from_slice(&stride.to_le_bytes());
    }
    header[21..25].copy_from_slice(&frame.rotation.degrees().to_le_bytes());
    header[25] = u8::from(frame.mirrored);
    header[26..30].copy_from_slice(&(frame.data.len() as u32).to_le_bytes());
    sha256_parts(&[FRAME_TAG, &header, frame.data])
}

/// A fixed tag per format, so reordering the enum never changes a digest.
fn format_tag(format: PixelFormat) -> u8 {
    match format {
        PixelFormat::Rgba8 => 1,
        PixelFormat::Bgra8 => 2,
        PixelFormat::Rgb8 => 3,
        PixelFormat::Gray8 => 4,
        PixelFormat::Nv21 => 5,
        PixelFormat::I420 => 6,
    }
}

/// The chain's first "previous link": bound to the attempt's nonce.
pub fn genesis(nonce: &str) -> Digest32 {
    sha256_parts(&[GENESIS_TAG, nonce.as_bytes()])
}

/// The link after `previous` for a frame taken at `t_ms` with digest `digest`.
pub fn next_link(previous: &Digest32, t_ms: i64, digest: &Digest32) -> Digest32 {
    sha256_parts(&[LINK_TAG, previous, &t_ms.to_le_bytes(), digest])
}

/// One link as stored in the bundle (hex digests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainLink {
    pub t_ms: i64,
    /// The frame's digest ([`frame_digest`]).
    pub digest: String,
    /// SHA-256(tag ‖ previous link ‖ t_ms as i64 LE ‖ digest).
    pub link: String,
}

/// The chain as a session builds it (binary; 72 bytes a frame).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameChain {
    genesis: Digest32,
    head: Digest32,
    links: Vec<(i64, Digest32, Digest32)>,
}

impl FrameChain {
    pub fn new(nonce: &str) -> Self {
        let g = genesis(nonce);
        FrameChain {
            genesis: g,
            head: g,
            links: Vec::new(),
        }
    }

    /// Appends a frame; returns its digest.
    pub fn push(&mut self, frame: &Frame<'_>) -> Digest32 {
        let digest = frame_digest(frame);
        self.push_digest(frame.timestamp_ms, digest);
        digest
    }

    /// Appends a frame already digested.
    pub fn push_digest(&mut self, t_ms: i64, digest: Digest32) {
        self.head = next_link(&self.head, t_ms, &digest);
        self.links.push((t_ms, digest, self.head));
    }

    pub fn len(&self) -> usize {
        self.links.len()
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    pub fn genesis(&self) -> Digest32 {
        self.genesis
    }

    /// The last link (the genesis while empty).
    pub fn head(&self) -> Digest32 {
        self.head
    }

    /// The links in bundle form.
    pub fn to_links(&self) -> Vec<ChainLink> {
        self.links
            .iter()
            .map(|(t, d, l)| ChainLink {
                t_ms: *t,
                digest: to_hex(d),
                link: to_hex(l),
            })
            .collect()
    }
}

/// Where a stored chain first disagrees with its recomputation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    /// The field, e.g. `frame_chain.links[12].link`.
    pub field: String,
    pub reason: String,
}

/// Recomputes stored links from the nonce: every digest well-formed, timestamps strictly
/// increasing, every link equal to its recomputation. Returns the head.
pub fn verify_links(nonce: &str, links: &[ChainLink]) -> Result<Digest32, ChainBreak> {
    let mut previous = genesis(nonce);
    let mut last_t = None;
    for (i, l) in links.iter().enumerate() {
        let at = |name: &str| format!("frame_chain.links[{i}].{name}");
        let digest = from_hex::<32>(&l.digest).ok_or_else(|| ChainBreak {
            field: at("digest"),
            reason: "not a lower-case hex SHA-256".into(),
        })?;
        if last_t.is_some_and(|t| l.t_ms <= t) {
            return Err(ChainBreak {
                field: at("t_ms"),
                reason: "timestamps are not strictly increasing".into(),
            });
        }
        last_t = Some(l.t_ms);
        let expected = next_link(&previous, l.t_ms, &digest);
        if from_hex::<32>(&l.link) != Some(expected) {
            return Err(ChainBreak {
                field: at("link"),
                reason: "does not equal SHA-256 of the previous link, the timestamp and the digest"
                    .into(),
            });
        }
        previous = expected;
    }
    Ok(previous)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain_of(n: usize) -> FrameChain {
        let mut chain = FrameChain::new("nonce-1");
        for i in 0..n {
            let data = vec![i as u8; 12];
            let mut f = Frame::packed(2, 2, PixelFormat::Rgb8, &data);
            f.timestamp_ms = 1000 + 33 * i as i64;
            chain.push(&f);
        }
        chain
    }

    #[test]
    fn recomputed_chain_matches_and_depends_on_the_nonce() {
        let chain = chain_of(5);
        assert_eq!(verify_links("nonce-1", &chain.to_links()), Ok(chain.head()));
        let err = verify_links("nonce-2", &chain.to_links()).unwrap_err();
        assert_eq!(err.field, "frame_chain.links[0].link");
    }

    #[test]
    fn a_swapped_pair_of_frames_breaks_the_chain_where_it_starts() {
        let mut links = chain_of(5).to_links();
        links.swap(2, 3);
        let err = verify_links("nonce-1", &links).unwrap_err();
        assert_eq!(err.field, "frame_chain.links[2].link");
    }

    #[test]
    fn frame_geometry_is_part_of_the_digest() {
        let data = vec![7u8; 12];
        let a = Frame::packed(2, 2, PixelFormat::Rgb8, &data);
        let mut b = a;
        b.mirrored = true;
        assert_ne!(frame_digest(&a), frame_digest(&b));
    }
}
