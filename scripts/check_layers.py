#!/usr/bin/env python3
"""Checks that every #include in src/ keeps the layering of ../shared/DESIGN.md §2.

A request flows http -> service -> (core, sop) -> store, and a lower layer never includes a
higher one. Each folder of src/ may include the folders listed in LAYERS below (its own
included) and the libraries of EDGES only where listed: RESTinio inside http/ alone, the
database drivers inside store/, libsodium inside security/, Cairo/Pango/libxlsxwriter inside
report/. A folder of src/ missing from LAYERS is an error too (a new layer needs its rule).

Usage: scripts/check_layers.py [SRC_DIR]   (default: the repository's src/)
Prints `path:line: message` per broken rule and exits 1; exits 0 when every include keeps the
rules. ctest runs it as `layers` (label fast); tests/layers_test.py proves it catches each
kind of violation.
"""
import pathlib
import re
import sys

# folder -> the folders of src/ it may include (besides itself).
LAYERS = {
    "core": set(),
    "sop": {"core"},
    "forms": {"core", "sop"},
    "security": {"core"},
    "store": {"core", "security"},
    "report": {"core"},
    "service": {"core", "sop", "forms", "security", "store", "report"},
    # http never includes store: it reaches data through the services.
    "http": {"core", "sop", "forms", "security", "report", "service"},
    "cli": {"core", "sop", "forms", "security", "store", "report", "service", "http"},
}

# system header prefix -> the only folders that may include it.
EDGES = {
    "restinio/": {"http"},
    "sqlite3.h": {"store"},
    "libpq-fe.h": {"store"},
    "sodium.h": {"security"},
    "sodium/": {"security"},
    "cairo": {"report"},
    "pango/": {"report"},
    "xlsxwriter": {"report"},
    "CLI/": {"cli"},
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SOURCES = {".h", ".hpp", ".cpp", ".cc", ".inc"}


def check(src: pathlib.Path) -> list[str]:
    problems = []
    for folder in sorted(p for p in src.iterdir() if p.is_dir()):
        if folder.name not in LAYERS:
            problems.append(f"{folder}: no layer rule for src/{folder.name}/ "
                            "(add it to LAYERS in scripts/check_layers.py)")
    for path in sorted(src.rglob("*")):
        if path.suffix not in SOURCES or not path.is_file():
            continue
        rel = path.relative_to(src)
        if len(rel.parts) < 2 or rel.parts[0] not in LAYERS:
            continue
        layer = rel.parts[0]
        allowed = LAYERS[layer] | {layer}
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            quote, name = m.groups()
            if quote == '"':
                target = name.split("/")[0] if "/" in name else None
                if target in LAYERS and target not in allowed:
                    problems.append(f"{path}:{n}: {layer}/ may not include \"{name}\" "
                                    f"({layer}/ includes only {', '.join(sorted(allowed))}: "
                                    "DESIGN.md §2)")
            else:
                for prefix, owners in EDGES.items():
                    if name.startswith(prefix) and layer not in owners:
                        problems.append(f"{path}:{n}: {layer}/ may not include <{name}> "
                                        f"(only {', '.join(sorted(owners))}/ may)")
    return problems


def main() -> int:
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else \
        pathlib.Path(__file__).resolve().parent.parent / "src"
    if not root.is_dir():
        print(f"{root}: not a directory", file=sys.stderr)
        return 2
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) break the layering (../shared/DESIGN.md §2)")
        return 1
    print(f"layers: every include in {root} keeps the layering")
    return 0


if __name__ == "__main__":
    sys.exit(main())
