//! The face-matching evaluation (`precheck eval match`) behind the thresholds in
//! `core/src/matching/thresholds.rs` and the "Face matching" section of BENCHMARKS.md.
//!
//! Pairs: every two single-person photos of `faces_pairs/IDENTITIES.csv` (rows labelled
//! `MULTI…`, `UNLABELLED` or without identity are left out). Same identity → genuine, different
//! → impostor. The note "same person as X" merges an identity into X. Two copies of one photo
//! are not a genuine pair: byte-identical files are counted once, and files the notes mark as
//! the same photo (resized copies, the aligned crop of a raw image) share a photo key and are
//! not paired with each other. The upstream pair lists (deepface's `master.csv`,
//! `face-recognition-pivot.csv`, LFW `pairs.txt` where both images exist) are scored as given.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use precheck_core::face::{AlignmentMethod, Embedding};
use precheck_core::matching::batch::split_csv_line;
use precheck_core::matching::{cosine_similarity, MatchThresholds, Roc};
use precheck_core::models::sha256_hex;
use precheck_core::Engine;
use serde_json::{json, Value};

use crate::card_portraits::{self, CardSubject};
use crate::data::read_image;
use crate::engines::{largest_face, match_engine};
use crate::summary_json::{method_json, round4, stats_json};
use crate::{EvalError, Progress};

mod table;

pub use table::table;

const PAIRS_DIR: &str = "faces_pairs";
const DEEPFACE_DIR: &str = "serengil+deepface/tests/unit/dataset";
const LFW_PAIRS: &str = "davidsandberg+facenet/data/pairs.txt";
const LFW_IMAGES: &str = "davidsandberg+facenet/data/images";
const ID_DOCS_DIR: &str = "id_docs";
const METHODS: [(AlignmentMethod, &str); 2] = [
    (AlignmentMethod::FivePoint, "five_point"),
    (AlignmentMethod::SquareBox, "square_box"),
];

/// One usable photo of the identity list.
struct Photo {
    file: String,
    identity: String,
    photo_key: String,
}

/// A photo's embeddings, one per alignment method (same order as `METHODS`).
struct Embedded {
    photo: Photo,
    embeddings: Vec<Embedding>,
    mirror_similarity: f32,
}

/// Runs the whole evaluation on the data folder `data` with the models in `models`; the
/// report as JSON (`precheck eval match --json` prints it, [`table`] lays it out as text).
pub fn evaluate(
    models: &Path,
    data: &Path,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Value, EvalError> {
    let pairs_dir = data.join(PAIRS_DIR);
    let (photos, duplicates) = read_identities(&pairs_dir)?;
    let engine = match_engine(models)?;
    let embedders: Vec<_> = METHODS
        .iter()
        .map(|(m, _)| engine.analyzer().embedder().clone().with_method(*m))
        .collect();

    let mut embedded = Vec::new();
    let mut failures = Vec::new();
    for photo in photos {
        let path = pairs_dir.join(&photo.file);
        match embed_photo(&engine, &embedders, &path) {
            Ok((embeddings, mirror_similarity)) => embedded.push(Embedded {
                photo,
                embeddings,
                mirror_similarity,
            }),
            Err(e) => failures.push(format!("{}: {e}", photo.file)),
        }
        progress(Progress::Count {
            what: "photos embedded",
            done: embedded.len(),
        });
    }
    progress(Progress::StepDone);

    // Every pair of usable photos.
    let mut genuine: Vec<Vec<f32>> = vec![Vec::new(); METHODS.len()];
    let mut impostor: Vec<Vec<f32>> = vec![Vec::new(); METHODS.len()];
    let mut same_photo_pairs = 0usize;
    let mut scored: Vec<(f32, bool, usize, usize)> = Vec::new(); // five-point: score, genuine, i, j
    for i in 0..embedded.len() {
        for j in i + 1..embedded.len() {
            let (p, q) = (&embedded[i], &embedded[j]);
            if p.photo.photo_key == q.photo.photo_key {
                same_photo_pairs += 1;
                continue;
            }
            let same = p.photo.identity == q.photo.identity;
            for m in 0..METHODS.len() {
                let s = cosine_similarity(&p.embeddings[m], &q.embeddings[m]);
                if same {
                    genuine[m].push(s);
                } else {
                    impostor[m].push(s);
                }
                if m == 0 {
                    scored.push((s, same, i, j));
                }
            }
        }
    }
    let identities = {
        let mut ids: Vec<&str> = embedded.iter().map(|e| e.photo.identity.as_str()).collect();
        ids.sort();
        ids.dedup();
        ids.len()
    };
    let methods: Vec<Value> = METHODS
        .iter()
        .enumerate()
        .filter_map(|(m, (_, name))| {
            Roc::new(&genuine[m], &impostor[m]).map(|roc| method_json(name, &roc))
        })
        .collect();

    let by_file: HashMap<&str, &Embedded> = embedded
        .iter()
        .map(|e| (e.photo.file.as_str(), e))
        .collect();
    let upstream = upstream_lists(&pairs_dir, &by_file);
    let mirror: Vec<f32> = embedded.iter().map(|e| e.mirror_similarity).collect();
    let id_docs = id_doc_portraits(&engine, &data.join(ID_DOCS_DIR));
    let card_subjects: Vec<CardSubject<'_>> = embedded
        .iter()
        .map(|e| CardSubject {
            file: &e.photo.file,
            path: pairs_dir.join(&e.photo.file),
            identity: &e.photo.identity,
            photo_key: &e.photo.photo_key,
            embedding: &e.embeddings[0],
        })
        .collect();
    let card_portraits = card_portraits::evaluate(&engine, &card_subjects, progress);

    // The pairs that decide the strict threshold: the highest impostors, the lowest genuines.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let describe = |&(s, _, i, j): &(f32, bool, usize, usize)| json!({"similarity": round4(s), "a": embedded[i].photo.file, "b": embedded[j].photo.file});
    let top_impostors: Vec<Value> = scored
        .iter()
        .filter(|p| !p.1)
        .take(8)
        .map(describe)
        .collect();
    let top_genuines: Vec<Value> = scored
        .iter()
        .filter(|p| p.1)
        .take(8)
        .map(describe)
        .collect();
    let low_genuines: Vec<Value> = scored
        .iter()
        .rev()
        .filter(|p| p.1)
        .take(8)
        .map(describe)
        .collect();

    let report = json!({
        "photos": embedded.len(),
        "identities": identities,
        "byte_identical_duplicates_dropped": duplicates,
        "same_photo_pairs_excluded": same_photo_pairs,
        "failures": failures,
        "methods": methods,
        "thresholds_in_use": {
            "match_at_or_above": MatchThresholds::CALIBRATED.match_at_or_above,
            "no_match_below": MatchThresholds::CALIBRATED.no_match_below,
        },
        "mirror": stats_json(&mirror),
        "upstream_pair_lists": upstream,
        "highest_impostor_pairs": top_impostors,
        "lowest_genuine_pairs": low_genuines,
        "highest_genuine_pairs": top_genuines,
        "id_docs": id_docs,
        "card_portraits": card_portraits,
    });
    Ok(report)
}

/// Reads IDENTITIES.csv: the usable single-person photos and the count of byte-identical
/// duplicates dropped. A note "same person as X" on any row of an identity merges the whole
/// identity into X.
fn read_identities(dir: &Path) -> Result<(Vec<Photo>, usize), EvalError> {
    let path = dir.join("IDENTITIES.csv");
    let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Read { path, source })?;
    let rows: Vec<(String, String, String)> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f = split_csv_line(line);
            let field = |i: usize| f.get(i).cloned().unwrap_or_default();
            (field(0), field(1), field(3))
        })
        .filter(|(_, id, _)| !(id.is_empty() || id.starts_with("MULTI") || id == "UNLABELLED"))
        .collect();
    let aliases: HashMap<String, String> = rows
        .iter()
        .filter_map(|(_, id, note)| {
            let other = note.strip_prefix("same person as ")?;
            Some((id.clone(), other.trim().to_string()))
        })
        .collect();
    let mut photos = Vec::new();
    let mut seen = HashMap::new();
    let mut duplicates = 0;
    for (file, identity, _note) in rows {
        let identity = aliases.get(&identity).cloned().unwrap_or(identity);
        let bytes = std::fs::read(dir.join(&file)).map_err(|source| EvalError::Read {
            path: PathBuf::from(&file),
            source,
        })?;
        let hash = sha256_hex(&bytes);
        if seen.insert(hash.clone(), file.clone()).is_some() {
            duplicates += 1;
            continue;
        }
        let photo_key = photo_key(&file).unwrap_or(hash);
        photos.push(Photo {
            file,
            identity,
            photo_key,
        });
    }
    Ok((photos, duplicates))
}

/// Copies of one photo, established by looking at them (resized, cropped, re-encoded): they
/// share a photo key and are never paired. The notes of IDENTITIES.csv mark only some of them.
const SAME_PHOTO_GROUPS: &[&[&str]] = &[
    // Obama's official portrait: resized, letterboxed, cropped and partly cut copies.
    &[
        "ageitgey+face_recognition/examples/knn_examples/train/obama/obama.jpg",
        "ageitgey+face_recognition/examples/obama-240p.jpg",
        "ageitgey+face_recognition/examples/obama-480p.jpg",
        "ageitgey+face_recognition/examples/obama-720p.jpg",
        "ageitgey+face_recognition/examples/obama-1080p.jpg",
        "ageitgey+face_recognition/examples/obama_small.jpg",
        "ageitgey+face_recognition/tests/test_images/obama_partial_face.jpg",
        "ageitgey+face_recognition/tests/test_images/obama_partial_face2.jpg",
    ],
    // The same pixels as RGBA PNG.
    &[
        "ageitgey+face_recognition/examples/knn_examples/train/obama/obama2.jpg",
        "ageitgey+face_recognition/tests/test_images/32bit.png",
    ],
];

/// The photo key of a file: its copy group, else its own content hash.
fn photo_key(file: &str) -> Option<String> {
    if let Some(k) = SAME_PHOTO_GROUPS.iter().position(|g| g.contains(&file)) {
        return Some(format!("group:{k}"));
    }
    // facenet-pytorch: test_images/<name>/1.jpg and its aligned crop test_images_aligned/<name>/1.png.
    let rest = file
        .strip_prefix("timesler+facenet-pytorch/data/test_images_aligned/")
        .or_else(|| file.strip_prefix("timesler+facenet-pytorch/data/test_images/"))?;
    let name = rest.split('/').next()?;
    Some(format!("facenet-pytorch:{name}"))
}

/// Embeddings of the largest face with each method, and the five-point similarity between
/// the photo and its mirror image.
fn embed_photo(
    engine: &Engine,
    embedders: &[precheck_core::face::FaceEmbedder],
    path: &Path,
) -> Result<(Vec<Embedding>, f32), EvalError> {
    let image = read_image(path)?;
    let face = largest_face(engine, &image)?;
    let mut input = Vec::new();
    let embeddings = embedders
        .iter()
        .map(|e| e.embed(&image, &face, &mut input))
        .collect::<Result<Vec<_>, _>>()?;
    let mirror = image.mirrored();
    let mirror_face = largest_face(engine, &mirror)?;
    let mirror_embedding = embedders[0].embed(&mirror, &mirror_face, &mut input)?;
    Ok((
        embeddings.clone(),
        cosine_similarity(&embeddings[0], &mirror_embedding),
    ))
}

/// The upstream pair lists, scored as given (five-point alignment), with the pairs whose
/// images failed counted. deepface's pivot list carries its own models' cosine distances: their
/// EER on the same pairs is the peer figure.
fn upstream_lists(pairs_dir: &Path, by_file: &HashMap<&str, &Embedded>) -> Vec<Value> {
    let mut out = Vec::new();
    for list in ["master.csv", "face-recognition-pivot.csv"] {
        let path = pairs_dir.join(DEEPFACE_DIR).join(list);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut lines = text.lines();
        let header = split_csv_line(lines.next().unwrap_or(""));
        let col = |n: &str| header.iter().position(|h| h.eq_ignore_ascii_case(n));
        let (Some(ix), Some(iy), Some(id)) = (col("file_x"), col("file_y"), col("decision")) else {
            continue;
        };
        let peers: Vec<(usize, &String)> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| h.ends_with("_cosine"))
            .collect();
        let rows: Vec<Vec<String>> = lines.map(split_csv_line).collect();
        let pairs = rows.iter().filter_map(|f| {
            let name = |i: usize| {
                let base = f.get(i)?.rsplit('/').next()?.to_string();
                Some(format!("{DEEPFACE_DIR}/{base}"))
            };
            Some((name(ix)?, name(iy)?, f.get(id)? == "Yes"))
        });
        let mut v = score_list(list, pairs, by_file);
        let mut peer_eers = serde_json::Map::new();
        for (c, name) in peers {
            let (mut g, mut i) = (Vec::new(), Vec::new());
            for f in &rows {
                let Some(d) = f.get(c).and_then(|x| x.parse::<f32>().ok()) else {
                    continue;
                };
                if f.get(id).is_some_and(|x| x == "Yes") {
                    g.push(-d)
                } else {
                    i.push(-d)
                }
            }
            if let Some(roc) = Roc::new(&g, &i) {
                peer_eers.insert(name.clone(), json!(roc.eer().0));
            }
        }
        if !peer_eers.is_empty() {
            v["peer_eer_from_upstream_distances"] = Value::Object(peer_eers);
        }
        out.push(v);
    }
    let lfw = pairs_dir.join(LFW_PAIRS);
    if let Ok(text) = std::fs::read_to_string(&lfw) {
        let file = |name: &str, n: &str| {
            let n: u32 = n.parse().ok()?;
            Some(format!("{LFW_IMAGES}/{name}_{n:04}.jpg"))
        };
        let pairs = text.lines().skip(1).filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            match f.as_slice() {
                [name, a, b] => Some((file(name, a)?, file(name, b)?, true)),
                [n1, a, n2, b] => Some((file(n1, a)?, file(n2, b)?, false)),
                _ => None,
            }
        });
        out.push(score_list("lfw pairs.txt", pairs, by_file));
    }
    out
}

fn score_list(
    name: &str,
    pairs: impl Iterator<Item = (String, String, bool)>,
    by_file: &HashMap<&str, &Embedded>,
) -> Value {
    let (mut genuine, mut impostor, mut missing) = (Vec::new(), Vec::new(), 0usize);
    for (a, b, same) in pairs {
        match (by_file.get(a.as_str()), by_file.get(b.as_str())) {
            (Some(x), Some(y)) => {
                let s = cosine_similarity(&x.embeddings[0], &y.embeddings[0]);
                if same {
                    genuine.push(s)
                } else {
                    impostor.push(s)
                }
            }
            _ => missing += 1,
        }
    }
    let t = MatchThresholds::CALIBRATED;
    let decisions = |scores: &[f32]| {
        let mut d = BTreeMap::new();
        for &s in scores {
            let k = precheck_core::matching::decide(s, &t).as_str();
            *d.entry(k).or_insert(0usize) += 1;
        }
        d
    };
    let mut v = json!({
        "list": name,
        "genuine_pairs": genuine.len(),
        "impostor_pairs": impostor.len(),
        "pairs_without_image_or_face": missing,
        "genuine_decisions": decisions(&genuine),
        "impostor_decisions": decisions(&impostor),
        "genuine_similarity": stats_json(&genuine),
    });
    if let Some(roc) = Roc::new(&genuine, &impostor) {
        v["eer"] = json!(roc.eer().0);
        v["auc"] = json!(roc.auc());
    }
    v
}

/// Largest face of every ID-document image: no document shows a person of faces_pairs, so this
/// is portrait against portrait: the pairs above the loose threshold are listed for a look.
fn id_doc_portraits(engine: &Engine, dir: &Path) -> Value {
    let mut files = Vec::new();
    collect_images(dir, &mut files);
    files.sort();
    let mut found: Vec<(String, Embedding)> = Vec::new();
    let mut without_face = Vec::new();
    for path in &files {
        let name = path.strip_prefix(dir).unwrap_or(path).display().to_string();
        let embedding = read_image(path)
            .ok()
            .and_then(|image| engine.embed_largest_face(&image).ok());
        match embedding {
            Some(e) => found.push((name, e)),
            None => without_face.push(name),
        }
    }
    let mut pairs = Vec::new();
    for i in 0..found.len() {
        for j in i + 1..found.len() {
            pairs.push((cosine_similarity(&found[i].1, &found[j].1), i, j));
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let t = MatchThresholds::CALIBRATED;
    // Groups of portraits linked by `match` decisions (union-find), for a look at who is who.
    let mut parent: Vec<usize> = (0..found.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(s, i, j) in &pairs {
        if s >= t.match_at_or_above {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri] = rj;
        }
    }
    let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (i, (name, _)) in found.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(name);
    }
    let groups: Vec<Vec<&str>> = groups.into_values().filter(|g| g.len() > 1).collect();
    json!({
        "match_groups": groups,
        "images": files.len(),
        "with_face": found.len(),
        "without_face": without_face,
        "pairs": pairs.len(),
        "pairs_at_or_above_match": pairs.iter().filter(|p| p.0 >= t.match_at_or_above).count(),
        "pairs_at_or_above_no_match_below": pairs.iter().filter(|p| p.0 >= t.no_match_below).count(),
        "top_pairs": pairs.iter().take(15).map(|&(s, i, j)| json!({
            "similarity": round4(s), "a": found[i].0, "b": found[j].0,
        })).collect::<Vec<_>>(),
    })
}

fn collect_images(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_images(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jpg" | "jpeg" | "png"))
            && !path.to_string_lossy().contains("_result")
        {
            out.push(path);
        }
    }
}
