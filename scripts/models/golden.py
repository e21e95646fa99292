"""Golden-output check for rebuilt models (tf2onnx is not byte-deterministic, so a rebuilt file is
accepted when it computes the same numbers as the pinned one).

  golden.py make DIR            print golden JSON computed from the pinned models in DIR
  golden.py check GOLDEN FILE   run FILE on the recorded input, compare; prints the max abs diff,
                                exit 1 when a value is off by more than atol + rtol*|ref|

Input: scikit-image's public-domain astronaut (512x512 RGB, shipped inside the scikit-image wheel),
fixed square crops resized bilinear (Pillow), x = u8 * scale + offset, NHWC float32. Runs in the
rebuild venv (numpy, onnxruntime, pillow, scikit-image pinned in requirements.txt).
"""
import json, os, sys
import numpy as np
import onnxruntime as ort
import skimage.data
from PIL import Image

ATOL, RTOL, SAMPLES = 1e-3, 1e-4, 64
# Crops (x0, y0, x1, y1) of the astronaut around BlazeFace's face box [177, 81, 272, 175]
# and its right eye (203, 101). MobileFaceNet gets a batch of 3 (face, background, wider face): its
# batch was baked to 2 in the tflite, so this also proves the batch-dynamic fixes.
INPUTS = {
    "face_detection_short_range": dict(rects=[[0, 0, 512, 512]], size=128, scale=1 / 127.5, offset=-1.0),
    "face_landmark": dict(rects=[[154, 57, 296, 199]], size=192, scale=1 / 255, offset=0.0),
    "iris_landmark": dict(rects=[[181, 78, 225, 122]], size=64, scale=1 / 255, offset=0.0),
    "MobileFaceNet": dict(rects=[[177, 81, 272, 176], [300, 300, 412, 412], [160, 64, 288, 192]], size=112,
                          scale=1 / 128, offset=-127.5 / 128),
    "FaceAntiSpoofing": dict(rects=[[160, 64, 288, 192]], size=256, scale=1 / 255, offset=0.0),
}
INPUTS["face_landmark_prelu2relu"] = INPUTS["face_landmark"]
INPUTS["iris_landmark_prelu2relu"] = INPUTS["iris_landmark"]


def make_input(spec):
    img = Image.fromarray(skimage.data.astronaut())
    crops = [np.asarray(img.crop(tuple(r)).resize((spec["size"],) * 2, Image.BILINEAR)) for r in spec["rects"]]
    return np.stack(crops).astype(np.float32) * np.float32(spec["scale"]) + np.float32(spec["offset"])


def session(path):
    so = ort.SessionOptions(); so.intra_op_num_threads = 1
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def run(s, spec):
    (inp,) = s.get_inputs()
    outs = s.run(None, {inp.name: make_input(spec)})
    return inp.name, {o.name: v for o, v in zip(s.get_outputs(), outs)}


def signature(s):  # declared I/O as in models.json (symbolic dims come back as their name)
    return [[{"name": v.name, "shape": v.shape} for v in s.get_inputs()],
            [{"name": v.name, "shape": v.shape} for v in s.get_outputs()]]


def sample_idx(n):  # evenly spaced, integer arithmetic only: identical everywhere
    k = min(n, SAMPLES)
    return [i * (n - 1) // (k - 1) for i in range(k)] if k > 1 else [0]


def g(v):
    return float(f"{float(v):.9g}")  # float32 round-trips exactly


def make(d):
    models = {}
    for name, spec in INPUTS.items():
        inp, outs = run(session(os.path.join(d, name + ".onnx")), spec)
        models[name + ".onnx"] = {"input": dict(name=inp, **spec), "outputs": {
            k: {"shape": list(v.shape), "mean": float(v.mean(dtype=np.float64)),
                "sample": [g(x) for x in v.ravel()[sample_idx(v.size)]]} for k, v in outs.items()}}
    gold = {"image": "skimage.data.astronaut()", "atol": ATOL, "rtol": RTOL, "models": models}
    # one output per line keeps the file small and diffable
    print(json.dumps(gold, indent=1).replace("\n      ", " ").replace("\n     ]", "]"))


def check(golden, path):
    gold = json.load(open(golden))
    ref = gold["models"][os.path.basename(path)]
    meta = {m["file"]: m for m in json.load(open(os.path.join(os.path.dirname(__file__), "models.json")))["models"]}
    m = meta[os.path.basename(path)]
    try:
        s = session(path)
        inp, outs = run(s, {k: v for k, v in ref["input"].items() if k != "name"})
    except Exception as e:  # e.g. a fixed batch or wrong input size: report in one line
        print("cannot run:", str(e).strip().splitlines()[0]); return False
    worst, bad = 0.0, []
    if signature(s) != [m["inputs"], m["outputs"]]:
        bad.append(f"declared I/O {signature(s)} != models.json")
    for k, r in ref["outputs"].items():
        v = outs.get(k)
        if v is None or list(v.shape) != r["shape"]:
            bad.append(f"{k}: shape {None if v is None else list(v.shape)} != {r['shape']}"); continue
        got = np.append(v.ravel()[sample_idx(v.size)], v.mean(dtype=np.float64)).astype(np.float64)
        want = np.append(np.float32(r["sample"]), r["mean"]).astype(np.float64)  # samples were float32
        diff = np.abs(got - want); worst = max(worst, float(diff.max()))
        if (diff > gold["atol"] + gold["rtol"] * np.abs(want)).any():
            bad.append(f"{k}: max abs diff {diff.max():.3g}")
    print(f"max abs diff {worst:.2g}" + ("; " + "; ".join(bad) if bad else ""))
    return not bad


if __name__ == "__main__":
    if sys.argv[1:2] == ["make"] and len(sys.argv) == 3:
        make(sys.argv[2])
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 4:
        sys.exit(0 if check(sys.argv[2], sys.argv[3]) else 1)
    else:
        sys.exit(__doc__)
