#!/usr/bin/env python3
"""Summarises the execution samples of a JFR recording: top methods by self samples and by inclusive samples.

Usage: jfr print --json --stack-depth 100 --events jdk.ExecutionSample rec.jfr | bench/jfr-top.py [filter-substring] [top-n]
Only stacks containing filter-substring (default: io.qlp) are counted.
"""
import collections
import json
import sys

flt = sys.argv[1] if len(sys.argv) > 1 else "io.qlp"
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
events = json.load(sys.stdin)["recording"]["events"]
self_count, incl_count, total = collections.Counter(), collections.Counter(), 0
for event in events:
    frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    if not any(flt in n for n in names):
        continue
    total += 1
    self_count[names[0]] += 1
    for n in set(names):
        incl_count[n] += 1
print(f"samples: {total}")
print("== self ==")
for name, count in self_count.most_common(top):
    print(f"{100 * count / total:5.1f}% {name}")
print("== inclusive (io.qlp) ==")
for name, count in [(n, c) for n, c in incl_count.most_common() if "io.qlp" in n][:top]:
    print(f"{100 * count / total:5.1f}% {name}")
