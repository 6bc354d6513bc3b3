#!/usr/bin/env python3
"""Prints 'N passed, N failed, N skipped' from meson's testlog.json files.

Usage: summarize-tests.py testlog.json [testlog.json ...]
Exits 1 if any test failed or none ran.
"""
import json
import sys

passed = failed = skipped = 0
failures = []
for path in sys.argv[1:]:
    try:
        fh = open(path, encoding="utf-8")
    except OSError as e:
        # No log: that run never got to testing (configure or build failed).
        failed += 1
        failures.append(f"{path}: no test log ({e.strerror})")
        continue
    with fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            result = rec.get("result")
            name = rec.get("name")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
                failures.append(f"{name}: {result}")

for f in failures:
    print(f"FAILED {f}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
