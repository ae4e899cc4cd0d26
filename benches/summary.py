#!/usr/bin/env python3
"""Prints the figures of `cargo bench` runs as Markdown, with the issue's targets.

Reads criterion's `target/criterion/**/new/{benchmark,estimates}.json`. Times are the
median of the samples (more robust than the mean on a shared machine); throughputs are
bytes (or filters) per second at that median. Given several result directories (copies of
`target/criterion` from successive runs), each benchmark's figure is the lowest of its
medians: on a virtual machine whose speed drifts by tens of percent from minute to minute,
the fastest run is the one least disturbed. Since the issue's targets are for one run, the
target table also shows each run on its own (✗ marks a miss).

    cargo bench --bench pipeline --bench compare --bench scaling
    python3 benches/summary.py [target/criterion ...]
"""

import json
import sys
from pathlib import Path

MIB = 1024 * 1024


def load(root):
    results = {}
    for bench in Path(root).glob("**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        estimates = json.loads((bench.parent / "estimates.json").read_text())
        results[meta["full_id"]] = {
            "ns": estimates["median"]["point_estimate"],
            "throughput": meta.get("throughput") or {},
        }
    return results


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def fmt_rate(result):
    seconds = result["ns"] / 1e9
    if "Bytes" in result["throughput"]:
        return f"{result['throughput']['Bytes'] / seconds / MIB:,.0f} MiB/s"
    if "Elements" in result["throughput"]:
        return f"{result['throughput']['Elements'] / seconds:,.0f} filters/s"
    return ""


def mib_per_s(result):
    return result["throughput"]["Bytes"] / (result["ns"] / 1e9) / MIB


def ns_per_byte(result):
    return result["ns"] / result["throughput"]["Bytes"]


def targets(results):
    """The issue's targets for one set of results: (label, measured text, goal, met)."""
    rows = []

    def get(name):
        return results.get(name)

    if parse := get("corpus/parse"):
        rate = mib_per_s(parse)
        rows.append(("parse, corpus", f"{rate:,.0f} MiB/s", "≥ 300 MiB/s", rate >= 300))
    if parse_check := get("corpus/parse_check"):
        rate = mib_per_s(parse_check)
        rows.append(("parse + check, corpus", f"{rate:,.0f} MiB/s", "≥ 200 MiB/s", rate >= 200))
    if reusing := get("corpus/parse_check_reusing"):
        rate = mib_per_s(reusing)
        rows.append(("parse + check, corpus, `parse_reusing`", f"{rate:,.0f} MiB/s",
                     "(≥ 200 MiB/s)", rate >= 200))
    for group in ("compare_corpus", "compare_three_conditions"):
        ours = get(f"{group}/ahrefs_filter")
        for other, goal in (("sqlparser", 25), ("aip_160", 3)):
            theirs = get(f"{group}/{other}")
            if ours and theirs:
                ratio = theirs["ns"] / ours["ns"]
                rows.append((f"{other} time / ours, {group.removeprefix('compare_')}",
                             f"{ratio:.1f}×", f"≥ {goal}×", ratio >= goal))
    for bench in ("parse", "parse_reusing", "parse_check"):
        small, large = get(f"scaling/{bench}/1KB"), get(f"scaling/{bench}/10MB")
        if small and large:
            ratio = ns_per_byte(large) / ns_per_byte(small)
            rows.append((f"{bench}: per-byte cost 10 MB / 1 KB", f"{ratio:.2f}×",
                         "(≤ 1.5×)" if bench == "parse_check" else "≤ 1.5×", ratio <= 1.5))
        middle = get(f"scaling/{bench}/100KB")
        if small and middle:
            ratio = ns_per_byte(middle) / ns_per_byte(small)
            rows.append((f"{bench}: per-byte cost 100 KB / 1 KB", f"{ratio:.2f}×", "",
                         ratio <= 1.5))
    return rows


def main():
    roots = sys.argv[1:] or ["target/criterion"]
    runs = [load(root) for root in roots]
    results = {}
    for run in runs:
        for name, result in run.items():
            if name not in results or result["ns"] < results[name]["ns"]:
                results[name] = result
    if not results:
        sys.exit(f"no criterion results under {', '.join(roots)}")
    if len(roots) > 1:
        print(f"Lowest median of {len(roots)} runs.")
        print()

    print("| benchmark | median time | throughput |")
    print("|---|---:|---:|")
    for name in sorted(results):
        print(f"| `{name}` | {fmt_time(results[name]['ns'])} | {fmt_rate(results[name])} |")

    print()
    mark = lambda ok: "" if ok else " ✗"
    if len(runs) > 1:
        # Each run on its own, since the targets are for one run.
        per_run = [dict((label, (value, ok)) for label, value, _, ok in targets(run))
                   for run in runs]
        heads = " | ".join(f"run {i + 1}" for i in range(len(runs)))
        print(f"| target | goal | {heads} | lowest median |")
        print("|---|---:|" + "---:|" * (len(runs) + 1))
        for label, value, goal, ok in targets(results):
            cells = " | ".join(
                f"{run[label][0]}{mark(run[label][1])}" if label in run else "–"
                for run in per_run)
            print(f"| {label} | {goal} | {cells} | {value}{mark(ok)} |")
    else:
        print("| target | measured | goal | met |")
        print("|---|---:|---:|:-:|")
        for label, value, goal, ok in targets(results):
            print(f"| {label} | {value} | {goal} | {'yes' if ok else '**no**'} |")


if __name__ == "__main__":
    main()
