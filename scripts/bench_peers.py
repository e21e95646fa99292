"""Peer timings for the speed benchmark; run it through scripts/bench-peers (venv, one core).

On the PNG frames of ONE directory, per frame, median and p95 ms of:
  ort_detect            BlazeFace: letterbox to 128 + normalise + onnxruntime + anchor decode and
                        weighted NMS of the best face (numpy)
  ort_landmarks         FaceMesh-p2r on this frame's detection ROI: rotated crop 192 + inference +
                        landmarks mapped back to the frame (the ROI comes from an untimed detection)
  ort_iris              iris-p2r on one eye (points 33/133, 2.3x the eye width), crop 64 + inference
  ort_embedding         MobileFaceNet on this frame's face: 5 points from the landmarks, least-squares
                        similarity to the ArcFace 112x112 template, warp + (v-127.5)/128 +
                        inference + L2 normalisation (the landmarks come from an untimed run)
  ort_tracked_frame     MediaPipe's loop with our models: FaceMesh on the ROI derived from the
                        previous frame's landmarks; the detector runs, inside that frame's time,
                        only when the face is lost
  mp_detect             mediapipe FaceDetection(model_selection=0)
  mp_detect_every_frame mediapipe FaceMesh(static_image_mode=True)
  mp_tracked_frame      mediapipe FaceMesh(static_image_mode=False): detector only when lost
Frames are decoded before timing; only the pipeline call is timed. Geometry (letterbox, rotated
crops) uses cv2.warpAffine bilinear, as MediaPipe's CPU ImageToTensor does.
"""
import argparse
import glob
import json
import os
import sys
import time

import cv2
import numpy as np
import onnxruntime as ort
from PIL import Image

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = ("face_detection_short_range.onnx", "face_landmark_prelu2relu.onnx",
          "iris_landmark_prelu2relu.onnx")


EMBEDDER = "MobileFaceNet.onnx"
# insightface's arcface_dst; our 5 points: right eye, left eye, nose tip, right / left mouth corner
ARCFACE = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366],
                    [41.5493, 92.3655], [70.7299, 92.2041]], np.float64)
RIGHT_EYE_RING = (33, 160, 158, 133, 153, 144)  # core/src/face/mesh_index.rs
LEFT_EYE_RING = (362, 385, 387, 263, 373, 380)

ERR = os.fdopen(os.dup(2), "w")  # our progress; fd 2 itself is muted while MediaPipe runs


def log(msg):
    print(f"bench-peers: {msg}", file=ERR, flush=True)


class muted_fd2:
    """MediaPipe's C++ side logs INFO/W lines to fd 2 on every graph start; hide them."""
    def __enter__(self):
        self.null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(self.null, 2)

    def __exit__(self, *exc):
        os.dup2(ERR.fileno(), 2)
        os.close(self.null)


def load_frames(d):
    paths = sorted(glob.glob(os.path.join(d, "f*.png")))
    if not paths:
        sys.exit(f"bench-peers: no f*.png in {d} (make them with scripts/bench-frames)")
    frames = []
    for p in paths:
        a = np.ascontiguousarray(np.asarray(Image.open(p).convert("RGB")))
        a.flags.writeable = False  # MediaPipe's advice: lets it take the frame by reference
        frames.append(a)
    if len({f.shape for f in frames}) != 1:
        sys.exit(f"bench-peers: frames in {d} differ in size; give one resolution's directory")
    return frames


def models_dir(arg):
    if arg:
        cands = [arg]
    else:  # the Rust side's models/, else the shared copy (CI, before scripts/fetch-models ran)
        cands = [os.path.join(REPO, "models"), os.path.join(REPO, "..", "shared", "models", "onnx")]
    for d in cands:
        if all(os.path.isfile(os.path.join(d, m)) for m in MODELS):
            return os.path.abspath(d)
    sys.exit(f"bench-peers: {', '.join(MODELS)} not all found in {' or '.join(cands)}")


def session(path):
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def warp(img, cx, cy, side, angle, out):
    """Square crop of `side` px centred on (cx, cy), its axes turned by `angle`, resampled to
    out x out. Returns the crop and the 2x3 matrix taking crop pixels back to frame pixels."""
    k, c, s = side / out, np.cos(angle), np.sin(angle)
    h = out / 2
    m = np.array([[k * c, -k * s, cx - k * c * h + k * s * h],
                  [k * s, k * c, cy - k * s * h - k * c * h]], np.float64)
    crop = cv2.warpAffine(img, m, (out, out), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_CONSTANT)
    return crop, m


def to_frame(m, pts):
    return pts @ m[:, :2].T + m[:, 2]


def anchors():
    out = []
    for stride, per_cell in ((8, 2), (16, 6)):
        n = 128 // stride
        for y in range(n):
            for x in range(n):
                out += [((x + 0.5) / n, (y + 0.5) / n)] * per_cell
    return np.array(out, np.float32)


class Ort:
    def __init__(self, mdir):
        self.det, self.mesh, self.iris = (session(os.path.join(mdir, m)) for m in MODELS)
        self.anchors = anchors()
        emb = os.path.join(mdir, EMBEDDER)
        self.embedder = session(emb) if os.path.isfile(emb) else None

    def detect(self, img):
        """Best face as (cx, cy, side, angle): the FaceMesh ROI in frame pixels, or None."""
        hgt, wid = img.shape[:2]
        crop, m = warp(img, wid / 2, hgt / 2, max(wid, hgt), 0.0, 128)  # letterbox
        x = crop.astype(np.float32) * (1 / 127.5) - 1
        reg, logit = self.det.run(["regressors", "classificators"], {"input": x[None]})
        score = 1 / (1 + np.exp(-np.clip(logit[0, :, 0].astype(np.float64), -100, 100)))
        idx = np.nonzero(score > 0.5)[0]
        if idx.size == 0:
            return None
        r, a, sc = reg[0, idx], self.anchors[idx] * 128, score[idx]
        ctr = r[:, :2] + a
        box = np.concatenate([ctr - r[:, 2:4] / 2, ctr + r[:, 2:4] / 2], 1)
        kps = r[:, 4:8].reshape(-1, 2, 2) + a[:, None]  # right eye, left eye
        # weighted NMS restricted to the best face (max_num_faces = 1)
        b = box[np.argmax(sc)]
        iw = np.clip(np.minimum(box[:, 2], b[2]) - np.maximum(box[:, 0], b[0]), 0, None)
        ih = np.clip(np.minimum(box[:, 3], b[3]) - np.maximum(box[:, 1], b[1]), 0, None)
        inter = iw * ih
        area = (box[:, 2] - box[:, 0]) * (box[:, 3] - box[:, 1])
        w = sc * (inter / (area + (b[2] - b[0]) * (b[3] - b[1]) - inter) > 0.3)
        box = to_frame(m, (box * w[:, None]).sum(0).reshape(2, 2) / w.sum())
        re, le = to_frame(m, (kps * w[:, None, None]).sum(0) / w.sum())
        (x0, y0), (x1, y1) = box
        return ((x0 + x1) / 2, (y0 + y1) / 2, 1.5 * max(x1 - x0, y1 - y0),
                np.arctan2(le[1] - re[1], le[0] - re[0]))

    def landmarks(self, img, roi):
        """468 (x, y) in frame pixels, or None when the presence score says no face."""
        crop, m = warp(img, *roi, 192)
        x = crop.astype(np.float32) * (1 / 255)
        lm, pres = self.mesh.run(["conv2d_21", "conv2d_31"], {"input_1": x[None]})
        if pres.item() < 0:  # sigmoid(logit) < 0.5
            return None
        return to_frame(m, lm.reshape(468, 3)[:, :2].astype(np.float64))

    def eye(self, img, xy):
        a, b = xy[33], xy[133]
        c = (a + b) / 2
        crop, _ = warp(img, c[0], c[1], 2.3 * np.hypot(*(b - a)),
                       np.arctan2(b[1] - a[1], b[0] - a[0]), 64)
        x = crop.astype(np.float32) * (1 / 255)
        return self.iris.run(None, {"input_1": x[None]})

    def embed(self, img, xy):
        """192-d unit embedding of the face whose 468 landmarks are xy."""
        src = np.array([xy[list(RIGHT_EYE_RING)].mean(0), xy[list(LEFT_EYE_RING)].mean(0),
                        xy[1], xy[61], xy[291]], np.float64)
        ms, md = src.mean(0), ARCFACE.mean(0)
        s, d = src - ms, ARCFACE - md
        norm = (s ** 2).sum()
        a = (s * d).sum() / norm
        b = (s[:, 0] * d[:, 1] - s[:, 1] * d[:, 0]).sum() / norm
        m = np.array([[a, -b, 0], [b, a, 0]], np.float64)
        m[:, 2] = md - m[:, :2] @ ms
        crop = cv2.warpAffine(img, m, (112, 112), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT)
        x = (crop.astype(np.float32) - 127.5) / 128
        e = self.embedder.run(None, {"input": x[None]})[0][0]
        return e / np.linalg.norm(e)

    @staticmethod
    def roi_from_landmarks(xy):
        lo, hi = xy.min(0), xy.max(0)
        d = xy[263] - xy[33]
        return ((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, 1.5 * max(hi - lo),
                np.arctan2(d[1], d[0]))


def bench(name, fn, n, warmup):
    """fn(i) runs the pipeline on frame i and returns something truthy when it found a face.
    Warm-up walks frames warmup-1 .. 0 backwards so a tracker ends on frame 0, then the timed
    run goes 0 .. n-1 in order."""
    log(f"{name}: {warmup} warm-up + {n} frames")
    for i in range(min(warmup, n) - 1, -1, -1):
        fn(i)
    ms, found = [], 0
    for i in range(n):
        t = time.perf_counter()
        r = fn(i)
        ms.append((time.perf_counter() - t) * 1e3)
        found += r is not None
    return dict(name=name, median_ms=round(float(np.median(ms)), 3),
                p95_ms=round(float(np.percentile(ms, 95)), 3), frames=n, faces=found)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--frames", required=True, help="directory of f*.png of one resolution")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--models", help="directory of the .onnx files (default <repo>/models)")
    ap.add_argument("--warmup", type=int, default=10)
    args = ap.parse_args()

    frames = load_frames(args.frames)
    n, (hgt, wid) = len(frames), frames[0].shape[:2]
    mdir = models_dir(args.models)
    cpus = sorted(os.sched_getaffinity(0))
    log(f"{n} frames {wid}x{hgt}, models from {mdir}, cpus {cpus}")
    cv2.setNumThreads(1)

    o = Ort(mdir)
    # Untimed references for the per-model stages: this frame's detection ROI and landmarks.
    rois = [o.detect(f) for f in frames]
    lms = [o.landmarks(f, r) if r else None for f, r in zip(frames, rois)]
    have_roi = [i for i in range(n) if rois[i]]
    have_lm = [i for i in range(n) if lms[i] is not None]
    if not have_lm:
        sys.exit("bench-peers: onnxruntime found no face in any frame")

    peers = [bench("ort_detect", lambda i: o.detect(frames[i]), n, args.warmup)]
    peers.append(bench("ort_landmarks", lambda j: o.landmarks(frames[have_roi[j]],
                                                               rois[have_roi[j]]),
                       len(have_roi), args.warmup))
    peers.append(bench("ort_iris", lambda j: o.eye(frames[have_lm[j]], lms[have_lm[j]]),
                       len(have_lm), args.warmup))
    if o.embedder is not None:
        peers.append(bench("ort_embedding", lambda j: o.embed(frames[have_lm[j]],
                                                              lms[have_lm[j]]),
                           len(have_lm), args.warmup))

    state = {"roi": None, "detected": []}  # detected: per call, did the detector run

    def tracked(i):
        img = frames[i]
        state["detected"].append(state["roi"] is None)
        if state["roi"] is None:
            state["roi"] = o.detect(img)
        xy = o.landmarks(img, state["roi"]) if state["roi"] else None
        state["roi"] = o.roi_from_landmarks(xy) if xy is not None else None
        return xy

    peers.append(bench("ort_tracked_frame", tracked, n, args.warmup))
    peers[-1]["detector_runs"] = sum(state["detected"][-n:])  # timed frames only

    import mediapipe as mp  # after onnxruntime's runs: its graph threads stay out of their way
    with muted_fd2(), mp.solutions.face_detection.FaceDetection(model_selection=0) as fd:
        peers.append(bench("mp_detect", lambda i: fd.process(frames[i]).detections, n,
                           args.warmup))
    for name, static in (("mp_detect_every_frame", True), ("mp_tracked_frame", False)):
        with muted_fd2(), mp.solutions.face_mesh.FaceMesh(
                static_image_mode=static, max_num_faces=1, refine_landmarks=False) as fm:
            peers.append(bench(name, lambda i: fm.process(frames[i]).multi_face_landmarks, n,
                               args.warmup))

    if args.json:
        print(json.dumps(dict(frames=n, width=wid, height=hgt, peers=peers,
                              versions=dict(mediapipe=mp.__version__,
                                            onnxruntime=ort.__version__))))
        return
    print(f"{wid}x{hgt}, {n} frames; mediapipe {mp.__version__}, onnxruntime {ort.__version__}, "
          f"cpus {cpus}")
    print(f"{'stage':<22} {'median_ms':>9} {'p95_ms':>7} {'frames':>6}  faces")
    for p in peers:
        extra = f" (detector ran {p['detector_runs']}x)" if "detector_runs" in p else ""
        print(f"{p['name']:<22} {p['median_ms']:>9.2f} {p['p95_ms']:>7.2f} {p['frames']:>6}  "
              f"{p['faces']}{extra}")


if __name__ == "__main__":
    main()
