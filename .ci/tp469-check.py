#!/usr/bin/env python3
"""Holds docs/tp469.md against the tests: every test the table names exists, and every test
named after a TP-469 case (tp469_X_Y... or ..._TP469_X_Y) is in that case's row.

Usage: python3 .ci/tp469-check.py [repository root]
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
table = root / "docs" / "tp469.md"

ROW = re.compile(r"^\|\s*(\d+\.\d+)\s*\|([^|]*)\|(.*)\|\s*$")
TEST = re.compile(r"\b([A-Z][A-Za-z0-9]*)#([A-Za-z_][A-Za-z0-9_]*)")
METHOD = re.compile(r"\bvoid\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")
CASE_IN_NAME = re.compile(r"(?:^|_)(?:tp469|TP469)_(\d+)_(\d+)(?:_|$)")

problems = []

# Test methods by class, from every module's test sources.
methods = {}
for source in root.glob("*/src/test/java/**/*.java"):
    names = set(METHOD.findall(source.read_text(encoding="utf-8")))
    methods.setdefault(source.stem, set()).update(names)

rows = {}
for number, line in enumerate(table.read_text(encoding="utf-8").splitlines(), 1):
    m = ROW.match(line)
    if not m:
        continue
    case, cell = m.group(1), m.group(3)
    where = f"{table.relative_to(root)}:{number}"
    if case in rows:
        problems.append(f"{where}: case {case} has a second row")
    rows[case] = cell
    tests = TEST.findall(cell)
    if not tests and "not applicable:" not in cell:
        problems.append(f"{where}: case {case} names no test and says not why it does not apply")
    for cls, method in tests:
        if cls not in methods:
            problems.append(f"{where}: case {case}: no test class {cls}")
        elif method not in methods[cls]:
            problems.append(f"{where}: case {case}: {cls} has no test method {method}")

for cls, names in sorted(methods.items()):
    for name in sorted(names):
        m = CASE_IN_NAME.search(name)
        if not m:
            continue
        case = f"{m.group(1)}.{m.group(2)}"
        if f"{cls}#{name}" not in rows.get(case, ""):
            problems.append(f"{cls}#{name} is named after TP-469 {case}, but {table.relative_to(root)} "
                            f"does not list it in that case's row")

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(f"{len(problems)} problem(s) between docs/tp469.md and the tests")
covered = sum(1 for cell in rows.values() if TEST.search(cell) and not cell.strip().startswith("not applicable"))
print(f"{len(rows)} TP-469 cases listed, {covered} with tests; every test named exists and every named test is listed")
