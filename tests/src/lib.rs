//! Shared helpers for the end-to-end tests on real data (`tests/tests/*.rs`): where the data
//! and models are, loading them, ground truth readers, box matching, statistics, video frames,
//! running sessions and flows. The synthetic material (specimens, scenes, degradations,
//! attacks) comes from `precheck-testkit`.
//!
//! The evaluation material lives outside the repository, in `<workspace>/../shared/data`
//! (override with `PRECHECK_DATA`), and is read at run time, never copied. Models come from
//! `<workspace>/models` (override with `PRECHECK_MODELS`). When either is missing a test prints a
//! skip line and returns, except under `CI=true`, where it fails loudly.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use precheck_core::face::DetectorOptions;
use precheck_core::frame::{decode_image, RgbImage};
use precheck_core::math::{BoundingBox, Point};
use precheck_core::{Engine, EngineConfig};

/// The workspace root (parent of this crate).
pub fn workspace_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests crate has a parent")
        .to_path_buf()
}

/// `$PRECHECK_DATA`, else `<workspace>/../shared/data`.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("PRECHECK_DATA") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_dir().join("../shared/data"),
    }
}

/// `$PRECHECK_MODELS`, else `<workspace>/models`.
pub fn models_dir() -> PathBuf {
    match std::env::var_os("PRECHECK_MODELS") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_dir().join("models"),
    }
}

/// Where extracted video frames are cached: `<target>/test-frames`.
pub fn frames_cache_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_dir().join("target"));
    let target = if target.is_relative() {
        workspace_dir().join(target)
    } else {
        target
    };
    target.join("test-frames")
}

/// Whether we run under CI (`CI=true`), where missing material is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Reports missing material: panics under CI, otherwise prints a skip line.
pub fn skip_or_fail(test: &str, what: &str) {
    if in_ci() {
        panic!("{test}: {what} (CI=true: evaluation data and models must be present; set PRECHECK_DATA / PRECHECK_MODELS or run scripts/fetch-models)");
    }
    eprintln!("SKIP {test}: {what}");
}

/// The data files `relative` (paths under the data folder), or `None` after a skip line when any
/// is missing.
pub fn require_data(test: &str, relative: &[&str]) -> Option<PathBuf> {
    let root = data_dir();
    for rel in relative {
        let path = root.join(rel);
        if !path.exists() {
            skip_or_fail(
                test,
                &format!("evaluation data missing: {}", path.display()),
            );
            return None;
        }
    }
    Some(root)
}

/// The engine, loaded once per test binary; `None` after a skip line when the models are absent.
/// A model folder that exists but does not load is a failure in any environment.
pub fn engine(test: &str) -> Option<&'static Engine> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    let loaded = ENGINE.get_or_init(|| {
        let dir = models_dir();
        if !dir.join("face_detection_short_range.onnx").exists() {
            return Err(format!("models missing in {}", dir.display()));
        }
        match Engine::new(EngineConfig::from_dir(&dir)) {
            Ok(e) => Ok(e),
            Err(e) => panic!("models in {} do not load: {e}", dir.display()),
        }
    });
    match loaded {
        Ok(engine) => Some(engine),
        Err(what) => {
            skip_or_fail(test, what);
            None
        }
    }
}

/// An engine set up to report every face of a group photo: the tiled small-face pass on every
/// image whatever its size (`TilingPolicy::Always`, `tile_min_short_side` 0) and up to 64 faces
/// per image. The default engine is tuned for selfie frames (one large face) and runs the tiles
/// only when the whole-frame pass found nothing, on images at least 360 pixels high.
pub fn engine_all_faces(test: &str) -> Option<&'static Engine> {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    // Same skip/fail rules as the default engine.
    engine(test)?;
    Some(ENGINE.get_or_init(|| {
        let mut config = EngineConfig::from_dir(models_dir());
        config.detector = DetectorOptions::all_faces();
        config.max_faces = 64;
        Engine::new(config).expect("models load")
    }))
}

/// The single-face photos of `faces_pairs` (IDENTITIES.csv rows with one labelled identity, not
/// `MULTI…` or `UNLABELLED`), as paths under the data folder, in file order.
pub fn single_face_photos(data: &Path) -> Vec<String> {
    single_face_photos_with_identity(data)
        .into_iter()
        .map(|(photo, _)| photo)
        .collect()
}

/// [`single_face_photos`] with each photo's identity (its person key in [`split`]).
pub fn single_face_photos_with_identity(data: &Path) -> Vec<(String, String)> {
    let csv = std::fs::read_to_string(data.join("faces_pairs/IDENTITIES.csv"))
        .expect("read faces_pairs/IDENTITIES.csv");
    csv.lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split(',');
            let file = cols.next()?;
            let id = cols.next()?;
            (!id.starts_with("MULTI") && id != "UNLABELLED")
                .then(|| (format!("faces_pairs/{file}"), format!("faces_pairs:{id}")))
        })
        .collect()
}

/// Every `.png` and `.jpg` file under `dir` (recursively, unsorted); none when it is missing.
pub fn walk_images(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "png" || x == "jpg") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out
}

/// Decodes an image, or `None` (with a note) for a file the core does not decode: the core reads
/// JPEG and PNG only, and `faces_pairs` holds one WebP file named `.jpg` (img47.jpg).
pub fn try_load_image(path: &Path) -> Option<RgbImage> {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    match decode_image(&bytes) {
        Ok(image) => Some(image),
        Err(e) => {
            eprintln!("  note: {} not decoded ({e})", path.display());
            None
        }
    }
}

/// Reads and decodes an image file with the core's decoder (EXIF orientation applied).
pub fn load_image(path: &Path) -> RgbImage {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    decode_image(&bytes).unwrap_or_else(|e| panic!("cannot decode {}: {e}", path.display()))
}

/// A copy of the `w`×`h` region of `image` at (`x`, `y`) (clamped to the image).
pub fn crop(image: &RgbImage, x: u32, y: u32, w: u32, h: u32) -> RgbImage {
    let x = x.min(image.width() - 1);
    let y = y.min(image.height() - 1);
    let w = w.min(image.width() - x);
    let h = h.min(image.height() - y);
    let iw = image.width() as usize;
    let src = image.as_bytes();
    let mut data = Vec::with_capacity(w as usize * h as usize * 3);
    for row in y as usize..(y + h) as usize {
        let start = (row * iw + x as usize) * 3;
        data.extend_from_slice(&src[start..start + w as usize * 3]);
    }
    RgbImage::from_raw(w, h, data).expect("crop size")
}

// ---------------------------------------------------------------------------------------------
// dlib imglab XML (examples/faces/*.xml)
// ---------------------------------------------------------------------------------------------

/// One annotated face of a dlib XML file.
#[derive(Debug, Clone)]
pub struct DlibBox {
    pub rect: BoundingBox,
    /// `ignore='1'`: a face the annotator chose not to count.
    pub ignore: bool,
    /// 68-point landmarks by index (only in `*_with_face_landmarks.xml`).
    pub parts: BTreeMap<usize, Point>,
}

impl DlibBox {
    /// Mean of the 68-point scheme's points `range` (e.g. 36..42 for the subject's right eye).
    pub fn centroid(&self, range: std::ops::Range<usize>) -> Option<Point> {
        let pts: Vec<Point> = range.filter_map(|i| self.parts.get(&i).copied()).collect();
        if pts.is_empty() {
            return None;
        }
        let n = pts.len() as f32;
        Some(Point::new(
            pts.iter().map(|p| p.x).sum::<f32>() / n,
            pts.iter().map(|p| p.y).sum::<f32>() / n,
        ))
    }
}

/// One image of a dlib XML file.
#[derive(Debug, Clone)]
pub struct DlibImage {
    pub file: String,
    pub boxes: Vec<DlibBox>,
}

/// Parses dlib's imglab XML (the small subset it writes: `<image file=…>`, `<box top= left=
/// width= height= [ignore=]>`, `<part name= x= y=/>`).
pub fn parse_dlib_xml(text: &str) -> Vec<DlibImage> {
    let mut images: Vec<DlibImage> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start + 1..start + len];
        rest = &rest[start + len + 1..];
        let name = tag.split_whitespace().next().unwrap_or("");
        let attr = |key: &str| xml_attr(tag, key);
        let num = |key: &str| -> f32 {
            attr(key)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("dlib XML: <{tag}> lacks a numeric {key}"))
        };
        match name {
            "image" => images.push(DlibImage {
                file: attr("file").expect("image without file").to_string(),
                boxes: Vec::new(),
            }),
            "box" => {
                let b = DlibBox {
                    rect: BoundingBox {
                        x: num("left"),
                        y: num("top"),
                        width: num("width"),
                        height: num("height"),
                    },
                    ignore: attr("ignore").is_some_and(|v| v == "1"),
                    parts: BTreeMap::new(),
                };
                images.last_mut().expect("box outside image").boxes.push(b);
            }
            "part" => {
                let index: usize = attr("name")
                    .and_then(|v| v.parse().ok())
                    .expect("part name");
                let p = Point::new(num("x"), num("y"));
                images
                    .last_mut()
                    .and_then(|i| i.boxes.last_mut())
                    .expect("part outside box")
                    .parts
                    .insert(index, p);
            }
            _ => {}
        }
    }
    images
}

fn xml_attr<'a>(tag: &'a str, key: &str) -> Option<&'a str> {
    let mut search = tag;
    loop {
        let at = search.find(key)?;
        let before_ok = at == 0 || search.as_bytes()[at - 1].is_ascii_whitespace();
        let after = search[at + key.len()..].trim_start();
        if before_ok {
            if let Some(after_eq) = after.strip_prefix('=') {
                let after_eq = after_eq.trim_start();
                let quote = after_eq.chars().next()?;
                if quote == '\'' || quote == '"' {
                    let body = &after_eq[1..];
                    let end = body.find(quote)?;
                    return Some(&body[..end]);
                }
            }
        }
        search = &search[at + key.len()..];
    }
}

/// Reads and parses one of dlib's XML files.
pub fn read_dlib_xml(path: &Path) -> Vec<DlibImage> {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    // ISO-8859-1 declared; the content is ASCII.
    parse_dlib_xml(&String::from_utf8_lossy(&bytes))
}

// ---------------------------------------------------------------------------------------------
// Box comparison
// ---------------------------------------------------------------------------------------------

/// Greedy one-to-one matching by IoU (best pairs first), keeping pairs with IoU ≥ `min_iou`.
/// Returns `(index in truth, index in found, IoU)`.
pub fn match_boxes(
    truth: &[BoundingBox],
    found: &[BoundingBox],
    min_iou: f32,
) -> Vec<(usize, usize, f32)> {
    let mut pairs = Vec::new();
    for (i, t) in truth.iter().enumerate() {
        for (j, f) in found.iter().enumerate() {
            let iou = t.iou(f);
            if iou >= min_iou {
                pairs.push((i, j, iou));
            }
        }
    }
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2));
    let mut used_t = vec![false; truth.len()];
    let mut used_f = vec![false; found.len()];
    let mut out = Vec::new();
    for (i, j, iou) in pairs {
        if !used_t[i] && !used_f[j] {
            used_t[i] = true;
            used_f[j] = true;
            out.push((i, j, iou));
        }
    }
    out.sort_by_key(|p| p.0);
    out
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

/// Summary of a sample: count, mean, median, min, max, 90th percentile.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub n: usize,
    pub mean: f32,
    pub median: f32,
    pub min: f32,
    pub max: f32,
    pub p90: f32,
}

impl Stats {
    pub fn of(values: &[f32]) -> Stats {
        if values.is_empty() {
            return Stats::default();
        }
        let mut v = values.to_vec();
        v.sort_by(f32::total_cmp);
        let n = v.len();
        Stats {
            n,
            mean: v.iter().sum::<f32>() / n as f32,
            median: quantile_sorted(&v, 0.5),
            min: v[0],
            max: v[n - 1],
            p90: quantile_sorted(&v, 0.9),
        }
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "n {} mean {:.3} median {:.3} min {:.3} p90 {:.3} max {:.3}",
            self.n, self.mean, self.median, self.min, self.p90, self.max
        )
    }
}

/// Linear-interpolated quantile of sorted values.
pub fn quantile_sorted(v: &[f32], q: f32) -> f32 {
    if v.is_empty() {
        return f32::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (v.len() - 1) as f32;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    v[lo] + (v[hi] - v[lo]) * (pos - lo as f32)
}

/// Median of unsorted values (NaN for none).
pub fn median(values: &[f32]) -> f32 {
    let mut v = values.to_vec();
    v.sort_by(f32::total_cmp);
    quantile_sorted(&v, 0.5)
}

// ---------------------------------------------------------------------------------------------
// Video frames
// ---------------------------------------------------------------------------------------------

/// Frames of a clip (path under the data folder) at `fps`, as PNG files in
/// `target/test-frames/<clip>@<fps>/`, extracted with ffmpeg on first use and reused afterwards.
/// Frame `i` is at `i / fps` seconds. Returns `None` after a skip line when the clip or ffmpeg is
/// missing.
pub fn video_frames(test: &str, clip: &str, fps: u32) -> Option<Vec<PathBuf>> {
    // One extraction at a time per process (tests of a binary run in parallel threads).
    static LOCK: Mutex<()> = Mutex::new(());
    let data = require_data(test, &[clip])?;
    let source = data.join(clip);
    let name = clip.replace(['/', '\\'], "_").replace(' ', "_");
    let dir = frames_cache_dir().join(format!("{name}@{fps}"));
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if !dir.join(".complete").exists() {
        if Command::new("ffmpeg").arg("-version").output().is_err() {
            skip_or_fail(test, "ffmpeg not installed (apt-get install ffmpeg)");
            return None;
        }
        // Extract into a private folder, then rename: another test binary may be doing the same.
        let tmp = dir.with_extension(format!("tmp{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).expect("create frame cache");
        let status = Command::new("ffmpeg")
            .args(["-loglevel", "error", "-nostdin", "-y", "-i"])
            .arg(&source)
            .args(["-vf", &format!("fps={fps}"), "-start_number", "0"])
            .arg(tmp.join("f%05d.png"))
            .status()
            .expect("run ffmpeg");
        assert!(status.success(), "ffmpeg failed on {}", source.display());
        std::fs::write(tmp.join(".complete"), b"").expect("mark frames");
        let _ = std::fs::remove_dir_all(&dir);
        if std::fs::rename(&tmp, &dir).is_err() {
            // Someone else finished first; use theirs.
            let _ = std::fs::remove_dir_all(&tmp);
        }
    }
    let mut frames: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("frame cache")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    frames.sort();
    assert!(!frames.is_empty(), "no frames extracted from {clip}");
    Some(frames)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dlib_xml() {
        let xml = "<images>\n<image file='a.jpg' width='5' height='6'>\n\
                   <box top='1' left='2' width='3' height='4' ignore='1'/>\n\
                   <box top=\"10\" left=\"20\" width=\"30\" height=\"40\">\n\
                   <part name='36' x='7' y='8'/><part name='37' x='9' y='10'/></box>\n\
                   </image><image file='b.jpg'></image></images>";
        let images = parse_dlib_xml(xml);
        assert_eq!(images.len(), 2);
        assert_eq!(images[0].file, "a.jpg");
        let b = &images[0].boxes;
        assert_eq!(b.len(), 2);
        assert!(b[0].ignore && !b[1].ignore);
        assert_eq!(b[1].rect.x, 20.0);
        assert_eq!(b[1].rect.height, 40.0);
        let c = b[1].centroid(36..42).unwrap();
        assert_eq!((c.x, c.y), (8.0, 9.0));
        assert!(images[1].boxes.is_empty());
    }

    #[test]
    fn greedy_matching_is_one_to_one() {
        let t = [
            BoundingBox::from_corners(0.0, 0.0, 10.0, 10.0),
            BoundingBox::from_corners(100.0, 0.0, 110.0, 10.0),
        ];
        let f = [
            BoundingBox::from_corners(1.0, 1.0, 11.0, 11.0),
            BoundingBox::from_corners(0.0, 0.0, 10.0, 10.0),
        ];
        let m = match_boxes(&t, &f, 0.1);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].0, m[0].1), (0, 1));
    }

    #[test]
    fn stats_and_quantiles() {
        let s = Stats::of(&[3.0, 1.0, 2.0, 4.0]);
        assert_eq!((s.n, s.min, s.max), (4, 1.0, 4.0));
        assert!((s.median - 2.5).abs() < 1e-6 && (s.mean - 2.5).abs() < 1e-6);
    }
}

pub mod blinks;
pub mod clip_protocol;
pub mod flow;
pub mod session;
pub mod split;
