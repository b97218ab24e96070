#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads meson's testlog.json files and prints the closing line
'N passed, N failed' over all of them.

Usage: test-summary.py LOG [NAME=LOG …] — a named log's tests are shown as
"NAME: test" (the PostgreSQL run's). Skipped tests count as failed: a UI
test that cannot start its display must not pass silently; so does a log
that is missing (a run that did not start, e.g. its server).
"""
import json
import os
import sys

passed = failed = 0
names = []
for argument in sys.argv[1:]:
    run, _, path = argument.rpartition("=") if "=" in argument else ("", "", argument)
    prefix = f"{run}: " if run else ""
    if not os.path.exists(path):
        failed += 1
        names.append(f"{prefix}the run did not start ({path} is missing)")
        continue
    with open(path, encoding="utf-8") as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line)
            if result.get("result") in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1
                names.append(f"{prefix}{result.get('name')} ({result.get('result')})")

for name in names:
    print(f"FAILED: {name}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
