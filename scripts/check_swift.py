#!/usr/bin/env python3
"""Swift checks that run without a Swift toolchain (scripts/test-bindings).

  check_swift.py LIB GENERATED_DIR HANDWRITTEN_DIR

Prints one `ok NAME` / `FAIL NAME: why` line per check and exits 1 if any failed:
- every hand-written .swift file parses with the tree-sitter Swift grammar (no ERROR/MISSING
  node): catches unbalanced brackets and malformed expressions, not names or types;
- the generated Swift's contract version and API checksums equal what the library returns
  (the checks the Swift runs at load on a device; catches stale bindings);
- every function the generated C header declares is exported by the library;
- the header is valid C (`gcc -fsyntax-only`).
The generated Swift itself is parsed too, but only reported: the grammar flags ~90 valid
constructs uniffi emits (attributes under `#if swift(>=5.8)`, `{ () }`), so it cannot gate.
"""
import ctypes
import pathlib
import re
import subprocess
import sys

import tree_sitter
import tree_sitter_swift

RESULTS = []


def check(name, ok, why=""):
    RESULTS.append(ok)
    print(f"ok {name}" if ok else f"FAIL {name}: {why}")


def parse_errors(parser, path):
    tree = parser.parse(path.read_bytes())
    errors = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            row, col = node.start_point
            kind = "missing " + node.type if node.is_missing else "syntax error"
            errors.append(f"{path.name}:{row + 1}:{col + 1}: {kind}")
            continue
        stack.extend(node.children)
    return sorted(errors)


def main():
    lib, generated, handwritten = (pathlib.Path(a) for a in sys.argv[1:4])
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))

    hand_files = sorted(handwritten.rglob("*.swift"))
    check("hand-written Swift files found", len(hand_files) > 0, f"none under {handwritten}")
    for path in hand_files:
        errors = parse_errors(parser, path)
        check(f"swift parses {path.relative_to(handwritten)}", not errors, "; ".join(errors[:5]))

    # Precheck.swift (precheck-ffi's API) and PrecheckCore.swift (the core's records and
    # enums), compiled into one Swift module; their C declarations in PrecheckFFI.h and
    # PrecheckCoreFFI.h.
    sources = [generated / "Precheck.swift", generated / "PrecheckCore.swift"]
    check("generated Swift files found", all(p.exists() for p in sources),
          ", ".join(p.name for p in sources if not p.exists()))
    sources = [p for p in sources if p.exists()]
    for path in sources:
        generated_errors = parse_errors(parser, path)
        print(f"info generated {path.name}: {len(generated_errors)} tree-sitter error nodes "
              "(grammar limits on valid uniffi output; not gated)")
    swift = (generated / "Precheck.swift").read_text()
    all_swift = "\n".join(p.read_text() for p in sources)

    so = ctypes.CDLL(str(lib.resolve()))
    contract = re.search(r"let bindings_contract_version = (\d+)", swift)
    scaffolding = re.search(r"let scaffolding_contract_version = (ffi_\w+)\(\)", swift)
    if contract and scaffolding:
        fn = getattr(so, scaffolding.group(1))
        fn.restype = ctypes.c_uint32
        got = fn()
        check("swift contract version", got == int(contract.group(1)),
              f"library {got}, bindings {contract.group(1)}")
    else:
        check("swift contract version", False, "version check not found in Precheck.swift")

    checksums = re.findall(r"if \((uniffi_precheck_(?:ffi|core)_checksum_\w+)\(\) != (\d+)\)",
                           all_swift)
    mismatched = []
    for name, expected in checksums:
        fn = getattr(so, name, None)
        if fn is None:
            mismatched.append(f"{name} missing from the library")
            continue
        fn.restype = ctypes.c_uint16
        if fn() != int(expected):
            mismatched.append(f"{name}: library {fn()}, bindings {expected}")
    check(f"swift API checksums ({len(checksums)})", checksums and not mismatched,
          "; ".join(mismatched[:5]) or "no checksum found")

    headers = [generated / "PrecheckFFI.h", generated / "PrecheckCoreFFI.h"]
    declared = set()
    for header in headers:
        declared |= set(re.findall(
            r"^\s*[A-Za-z_][\w ]*?\**\s*\b((?:ffi|uniffi)_precheck_(?:ffi|core)_\w+)\s*\(",
            header.read_text(), re.M))
    exported = set(subprocess.run(["nm", "-D", "--defined-only", "--format=just-symbols", str(lib)],
                                  capture_output=True, text=True, check=True).stdout.split())
    missing = sorted(declared - exported)
    check(f"header functions exported by the library ({len(declared)})",
          declared and not missing, ", ".join(missing[:5]) or "no declarations parsed")

    for header in headers:
        gcc = subprocess.run(["gcc", "-fsyntax-only", "-x", "c", "-D_Nullable=", "-D_Nonnull=",
                              str(header)], capture_output=True, text=True)
        check(f"{header.name} is valid C", gcc.returncode == 0, gcc.stderr.strip()[:300])
    # Both headers in one translation unit, as the PrecheckFFI module map includes them.
    both = "".join(f'#include "{h.resolve()}"\n' for h in headers)
    gcc = subprocess.run(["gcc", "-fsyntax-only", "-x", "c", "-D_Nullable=", "-D_Nonnull=", "-"],
                         input=both, capture_output=True, text=True)
    check("the FFI headers compile together", gcc.returncode == 0, gcc.stderr.strip()[:300])

    passed = sum(RESULTS)
    print(f"swift: {passed} passed, {len(RESULTS) - passed} failed")
    return 0 if all(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
