"""Model list and manifest.json for scripts/fetch-models. Python stdlib only (the copy path and CI
need no python packages).

  manifest.py list                      one "FILE required|optional" line per model
  manifest.py check OUT [FILE...]       exit 0 (printing the count) when OUT/manifest.json lists every
                                        required model and each FILE, and every listed file still has
                                        the sha256 the manifest recorded
  manifest.py write OUT FILE=HOW...     write OUT/manifest.json (atomically) for the given files, HOW =
                                        sha256|golden; sha256 is taken of the file in OUT
"""
import hashlib, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = json.load(open(os.path.join(HERE, "models.json")))["models"]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check(out, extra):
    try:
        listed = {m["file"]: m["sha256"] for m in json.load(open(os.path.join(out, "manifest.json")))["models"]}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    wanted = {m["file"] for m in MODELS if not m.get("optional")} | set(extra)
    if not wanted <= set(listed):
        return False
    for f, digest in listed.items():
        p = os.path.join(out, f)
        if not os.path.isfile(p) or sha256(p) != digest:
            return False
    print(len(listed))
    return True


def write(out, pairs):
    how = dict(p.split("=", 1) for p in pairs)
    models = []
    for m in MODELS:
        if m["file"] in how:
            e = {k: m[k] for k in ("name", "file", "source", "path_in_package", "licence")}
            e.update(sha256=sha256(os.path.join(out, m["file"])), verified_by=how[m["file"]],
                     inputs=m["inputs"], outputs=m["outputs"])
            models.append(e)
    tmp = os.path.join(out, ".manifest.json.tmp")
    text = json.dumps({"version": 1, "models": models}, indent=1)
    text = re.sub(r"\[\s+([^][{}]*?)\s+\]", lambda g: "[" + " ".join(g.group(1).split()) + "]", text)  # shapes on one line
    with open(tmp, "w") as f:
        f.write(text + "\n")
    os.replace(tmp, os.path.join(out, "manifest.json"))


if __name__ == "__main__":
    cmd, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if cmd == "list" and not args:
        for m in MODELS:
            print(m["file"], "optional" if m.get("optional") else "required")
    elif cmd == "check" and args:
        sys.exit(0 if check(args[0], args[1:]) else 1)
    elif cmd == "write" and args:
        write(args[0], args[1:])
    else:
        sys.exit(__doc__)
