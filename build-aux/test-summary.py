#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads meson's testlog.json and prints the closing line 'N passed, N failed'.

Skipped tests count as failed: a UI test that cannot start its display must
not pass silently.
"""
import json
import sys

passed = failed = 0
names = []
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        line = line.strip()
        if not line:
            continue
        result = json.loads(line)
        if result.get("result") in ("OK", "EXPECTEDFAIL"):
            passed += 1
        else:
            failed += 1
            names.append(f"{result.get('name')} ({result.get('result')})")

for name in names:
    print(f"FAILED: {name}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
