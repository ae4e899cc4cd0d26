#!/usr/bin/env python3
"""Prints the figures of `cargo bench` runs as Markdown, with the issue's targets.

Reads criterion's `target/criterion/**/new/{benchmark,estimates}.json`. Times are the
median of the samples (more robust than the mean on a shared machine); throughputs are
bytes (or filters) per second at that median. Given several result directories (copies of
`target/criterion` from successive runs), each benchmark's figure is the lowest of its
medians: on a virtual machine whose speed drifts by tens of percent from minute to minute,
the fastest run is the one least disturbed.

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


def main():
    roots = sys.argv[1:] or ["target/criterion"]
    results = {}
    for root in roots:
        for name, result in load(root).items():
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
    print("| target | measured | goal | met |")
    print("|---|---:|---:|:-:|")

    def row(label, value, goal, ok, unit=""):
        print(f"| {label} | {value}{unit} | {goal} | {'yes' if ok else '**no**'} |")

    def get(name):
        return results.get(name)

    if parse := get("corpus/parse"):
        rate = mib_per_s(parse)
        row("parse, corpus", f"{rate:,.0f}", "≥ 300 MiB/s", rate >= 300, " MiB/s")
    if parse_check := get("corpus/parse_check"):
        rate = mib_per_s(parse_check)
        row("parse + check, corpus", f"{rate:,.0f}", "≥ 200 MiB/s", rate >= 200, " MiB/s")
    for group in ("compare_corpus", "compare_three_conditions"):
        ours = get(f"{group}/ahrefs_filter")
        for other, goal in (("sqlparser", 25), ("aip_160", 3)):
            theirs = get(f"{group}/{other}")
            if ours and theirs:
                ratio = theirs["ns"] / ours["ns"]
                row(f"{other} time / ours, {group.removeprefix('compare_')}",
                    f"{ratio:.1f}×", f"≥ {goal}×", ratio >= goal)
    for bench in ("parse", "parse_reusing", "parse_check"):
        small, large = get(f"scaling/{bench}/1KB"), get(f"scaling/{bench}/10MB")
        if small and large:
            ratio = ns_per_byte(large) / ns_per_byte(small)
            goal_ok = ratio <= 1.5
            row(f"{bench}: per-byte cost 10 MB / 1 KB", f"{ratio:.2f}×",
                "(≤ 1.5×)" if bench == "parse_check" else "≤ 1.5×", goal_ok)
        middle = get(f"scaling/{bench}/100KB")
        if small and middle:
            ratio = ns_per_byte(middle) / ns_per_byte(small)
            row(f"{bench}: per-byte cost 100 KB / 1 KB", f"{ratio:.2f}×", "", ratio <= 1.5)


if __name__ == "__main__":
    main()
