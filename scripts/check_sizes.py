#!/usr/bin/env python3
"""Keeps the cost of the next change low (issue 17): no header in src/ over MAX_HEADER lines,
no function over MAX_FUNCTION lines, except the data tables named in TABLES.

A function is a definition that starts at column 0 and ends at the next line that is "}"
alone (the repository's clang-format style); its lambdas count as its lines. A header's
lines are all of them, comments included.

Usage: scripts/check_sizes.py [SRC_DIR]   (default: the repository's src/)
Prints `path:line: message` per finding and exits 1; exits 0 otherwise. ctest runs it as
`sizes` (label fast).
"""
import pathlib
import re
import sys

MAX_HEADER = 170
MAX_FUNCTION = 80
# Functions that are tables of data (one entry a line), with why.
TABLES = {
    "CoreRoutes": "the route table: one line per method and path",
    "Migrations": "the schema migrations: their SQL, one entry each",
}

SKIP_PREFIXES = ("namespace", "using", "struct", "class", "enum", "static_assert", "#",
                 "template", "}", "//", "extern")


def functions(lines):
    """Yields (name, first line number, length) of each top-level function definition."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line[:1].isalpha() or line.startswith(SKIP_PREFIXES) or "(" not in line:
            i += 1
            continue
        j = i
        while j < len(lines) and not re.search(r"(\{|;|\{\})\s*$", lines[j]):
            j += 1
        if j >= len(lines) or not lines[j].rstrip().endswith("{") or lines[j].rstrip().endswith("= {"):
            i = j + 1
            continue
        k = j + 1
        while k < len(lines) and lines[k] != "}":
            k += 1
        name = re.search(r"([\w:~]+)\s*\(", line)
        yield (name.group(1) if name else line.strip()), i + 1, k - i + 1
        i = k + 1


def main():
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                       pathlib.Path(__file__).resolve().parent.parent / "src")
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix == ".h":
            n = len(path.read_text().splitlines())
            if n > MAX_HEADER:
                problems.append(f"{path}:1: header of {n} lines (at most {MAX_HEADER}): split it "
                                "by concept")
        if path.suffix == ".cpp":
            for name, line, n in functions(path.read_text().splitlines()):
                short = name.split("::")[-1]
                if n > MAX_FUNCTION and short not in TABLES:
                    problems.append(f"{path}:{line}: {name} is {n} lines (at most "
                                    f"{MAX_FUNCTION}): extract named steps")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"sizes: every header within {MAX_HEADER} lines, every function within {MAX_FUNCTION} "
          f"(tables: {', '.join(TABLES)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
