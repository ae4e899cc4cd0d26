#!/usr/bin/env python3
"""Times the Python binding against Rust, on the installed package.

    python bindings/python/bench.py check [--rust] [--floor]  # check() per call, vs check_loop
    python bindings/python/bench.py batch URLS.txt CLI  # lint_urls() vs `CLI url - < URLS.txt`
    python bindings/python/bench.py loop NAME N [--literal]  # N calls, for a profiler

`check` times one `ahrefs_filter.check` call for each request of bindings/fixtures/bench.json
(the thread's CPU time, best of 5 runs, in each of 3 rounds); with --rust each round also runs the Rust side of the same bench,
`cargo run --release -p ahrefs-filter-bindings --example check_loop`, and prints the ratio; with
--floor, also what CPython takes to build the same report from a literal of its own (presized
dicts, constant strings), the least any conversion can cost.
`loop` makes N `check` calls of one request (by its name in bench.json), or with --literal
builds its report N times from the literal --floor times; nothing is timed, so that callgrind
or perf can count what one call does (run it with N = 0 too, and subtract).
`batch` lints every line of URLS.txt (make one with `python3 benches/urls.py 1000000`) with
one `lint_urls` call and with the CLI, and prints both rates. Each figure is given as wall
time and as CPU time (all threads), since a shared machine's wall time says little.
"""

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import ahrefs_filter

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bindings" / "fixtures" / "bench.json"
TODAY = "2026-12-01"  # as check_loop.rs passes it


def best_ns_per_call(run: Callable[[], None], calls: int, repeats: int = 5) -> float:
    """CPU time of this thread per call, as check_loop counts it (time spent waiting for a
    core on a shared machine is not the call's)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.thread_time()
        run()
        best = min(best, time.thread_time() - start)
    return best / calls * 1e9


def check_bench(iterations: int) -> Dict[str, float]:
    requests = json.loads(BENCH.read_text(encoding="utf-8"))["requests"]
    out = {}
    for r in requests:
        table, where, having = r["table"], r.get("where"), r.get("having")
        check = ahrefs_filter.check

        def run() -> None:
            for _ in range(iterations):
                check(table, where, having, today=TODAY)

        run()  # warm up (the linter is built once per thread)
        out[r["name"]] = best_ns_per_call(run, iterations)
    return out


def literal(value: object) -> str:
    """Python source that builds `value` (dicts, lists, str, int, float, bool, None)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{k!r}:{literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(literal(v) for v in value) + "]"
    return repr(value)


def from_literal(table: str, where: Optional[str], having: Optional[str]) -> Callable[[], object]:
    """A function that builds the request's report from a literal of its own bytecode."""
    report = ahrefs_filter.check(table, where, having, today=TODAY)
    return eval("lambda: " + literal(report))  # noqa: S307 - our own report's text


def floor_bench(iterations: int) -> Dict[str, float]:
    """What CPython itself takes to build (and free) each request's report from a literal of
    its own bytecode: presized dicts, constant keys and strings. No conversion from Rust
    can build the same objects for less, so `check` cannot cost less than the Rust call plus
    this."""
    requests = json.loads(BENCH.read_text(encoding="utf-8"))["requests"]
    out = {}
    for r in requests:
        build = from_literal(r["table"], r.get("where"), r.get("having"))

        def run() -> None:
            for _ in range(iterations):
                build()

        run()
        out[r["name"]] = best_ns_per_call(run, iterations)
    return out


def rust_check(iterations: int) -> Dict[str, float]:
    cmd = [
        "cargo", "run", "--quiet", "--release", "-p", "ahrefs-filter-bindings",
        "--example", "check_loop", "--", str(iterations),
    ]
    text = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    found = re.findall(r"^(\S+)\s+check\s+(\d+) ns", text, re.M)
    return {name: float(ns) for name, ns in found}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children, all threads."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], None]) -> Tuple[float, float]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    fn()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def batch_bench(path: Path, cli: str) -> None:
    urls: List[str] = path.read_text(encoding="utf-8").splitlines()
    n = len(urls)
    reports: List[object] = []
    main = time.thread_time()
    py_wall, py_cpu = timed(lambda: reports.extend(ahrefs_filter.lint_urls(urls)))
    # The calling thread converts while a second one lints: with two free cores the call
    # takes about as long as the busier of the two, which this thread is.
    main = time.thread_time() - main
    assert len(reports) == n
    del reports

    def run_cli() -> None:
        with path.open("rb") as stdin:
            subprocess.run([cli, "url", "-"], stdin=stdin, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)

    cli_wall, cli_cpu = timed(run_cli)
    print(f"{n:,} URLs")
    print(f"lint_urls: {py_wall:.2f} s wall ({n / py_wall:,.0f}/s), {py_cpu:.2f} s CPU ({n / py_cpu:,.0f}/s), "
          f"{main:.2f} s CPU in the calling thread ({n / main:,.0f}/s)")
    print(f"url -:     {cli_wall:.2f} s wall ({n / cli_wall:,.0f}/s), {cli_cpu:.2f} s CPU ({n / cli_cpu:,.0f}/s)")
    print(f"lint_urls rate / url - rate: {cli_wall / py_wall:.0%} wall, {cli_cpu / py_cpu:.0%} CPU, "
          f"{cli_cpu / main:.0%} calling thread's CPU against url -'s CPU")


def loop(name: str, calls: int, literal_only: bool) -> None:
    requests = json.loads(BENCH.read_text(encoding="utf-8"))["requests"]
    r = next(r for r in requests if r["name"] == name)
    table, where, having = r["table"], r.get("where"), r.get("having")
    if literal_only:
        build = from_literal(table, where, having)
        for _ in range(calls):
            build()
        return
    check = ahrefs_filter.check
    for _ in range(calls):
        check(table, where, having, today=TODAY)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    check = sub.add_parser("check")
    check.add_argument("--iterations", type=int, default=100_000)
    check.add_argument("--rust", action="store_true", help="also run the Rust check_loop")
    check.add_argument("--rounds", type=int, default=3, help="alternating rounds, best kept")
    check.add_argument("--floor", action="store_true",
                       help="also time CPython building each report from a literal (the least any binding can take)")
    batch = sub.add_parser("batch")
    batch.add_argument("urls", type=Path)
    batch.add_argument("cli", help="path of the ahrefs-filter binary (a release build)")
    calls = sub.add_parser("loop")
    calls.add_argument("name", help="a request of bindings/fixtures/bench.json: clean, non-ascii, errors")
    calls.add_argument("calls", type=int)
    calls.add_argument("--literal", action="store_true", help="build the report from a literal instead")
    args = parser.parse_args()
    if args.what == "loop":
        loop(args.name, args.calls, args.literal)
        return
    if args.what == "batch":
        batch_bench(args.urls, args.cli)
        return
    # On a shared machine the load changes from second to second: alternate the two sides
    # and keep each one's best round.
    python: Dict[str, float] = {}
    rust: Dict[str, float] = {}
    floor: Dict[str, float] = {}
    for _ in range(args.rounds):
        for name, ns in check_bench(args.iterations).items():
            python[name] = min(ns, python.get(name, ns))
        if args.rust:
            for name, ns in rust_check(args.iterations).items():
                rust[name] = min(ns, rust.get(name, ns))
        if args.floor:
            for name, ns in floor_bench(args.iterations).items():
                floor[name] = min(ns, floor.get(name, ns))
    for name, ns in python.items():
        line = f"{name:<10} python check {ns:>8.0f} ns"
        if name in rust:
            line += f"   rust check {rust[name]:>8.0f} ns   ratio {ns / rust[name]:.2f}x"
        if name in floor:
            line += f"   dicts from a literal {floor[name]:>6.0f} ns"
            if name in rust:
                line += f" (rust + that: {(rust[name] + floor[name]) / rust[name]:.2f}x)"
        print(line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
