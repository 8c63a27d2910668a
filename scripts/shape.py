#!/usr/bin/env python3
"""Rough shape of the code base: public top-level types in bot/ and dialogs/, files over 300 lines, methods over 40 lines.

A line-based reading, not a parser: a method is a member declaration with a parameter list followed by a
brace block (expression-bodied members are short by construction). Run from the repository root:
    python3 scripts/shape.py [root]
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
AREAS = ["bot", "dialogs"]
TYPE = re.compile(r"^public\s+(?:(?:sealed|static|abstract|partial|readonly|record)\s+)*(class|struct|interface|enum|record)\b")
DECLARATION = re.compile(r"^\s*(?:\w+\s+)*(class|struct|interface|enum|record)\s")
METHOD = re.compile(r"^\s*(?:(?:public|private|protected|internal|static|async|override|virtual|sealed|new|extern|unsafe)\s+)+[\w<>\[\],.?() ]+?\s+\w+(?:<[^>]*>)?\s*\(")


def sources():
    for area in AREAS:
        for folder, dirs, files in os.walk(os.path.join(ROOT, area)):
            dirs[:] = [d for d in dirs if d not in ("bin", "obj")]
            for name in files:
                if name.endswith(".cs"):
                    yield os.path.join(folder, name)


def long_methods(lines):
    found = []
    i = 0
    while i < len(lines):
        if METHOD.match(lines[i]) and not DECLARATION.match(lines[i]) and not lines[i].rstrip().endswith(";"):
            # Find the opening brace of the body (a signature may wrap); skip expression bodies.
            j = i
            while j < len(lines) and "{" not in lines[j] and "=>" not in lines[j] and not lines[j].rstrip().endswith(";"):
                j += 1
            if j < len(lines) and "{" in lines[j] and "=>" not in lines[j]:
                depth, k = 0, j
                while k < len(lines):
                    depth += lines[k].count("{") - lines[k].count("}")
                    if depth <= 0:
                        break
                    k += 1
                length = k - i + 1
                if length > 40:
                    found.append((i + 1, length, lines[i].strip()[:90]))
                i = k
        i += 1
    return found


public_types = {area: 0 for area in AREAS}
big_files, big_methods = [], []
for path in sources():
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    area = os.path.relpath(path, ROOT).split(os.sep)[0]
    public_types[area] += sum(1 for l in lines if TYPE.match(l))
    if len(lines) > 300:
        big_files.append((len(lines), os.path.relpath(path, ROOT)))
    for line, length, text in long_methods(lines):
        big_methods.append((length, os.path.relpath(path, ROOT), line, text))

print("public top-level types:", ", ".join(f"{a} {n}" for a, n in public_types.items()), f"(total {sum(public_types.values())})")
print(f"files over 300 lines: {len(big_files)}")
for n, p in sorted(big_files, reverse=True):
    print(f"  {n:5} {p}")
print(f"methods over 40 lines: {len(big_methods)}")
for n, p, line, text in sorted(big_methods, reverse=True):
    print(f"  {n:5} {p}:{line}  {text}")
