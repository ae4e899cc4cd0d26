#!/usr/bin/env bash
# Executions per second of each fuzz target, this tree against another one (an older commit's
# worktree with its fuzz targets built), run back to back so both see the same load: 20 s a
# target, each tree's own binary, seeds and dictionary, a fresh scratch corpus, the flags of
# .ci/fuzz-smoke. BENCHMARKS.md's fuzzing table comes from it.
#
#   git worktree add --detach /tmp/fuzzbase 9a04be6
#   (cd /tmp/fuzzbase && cargo +nightly fuzz build -s none)
#   cargo +nightly fuzz build -s none
#   bash benches/fuzz_rates.sh /tmp/fuzzbase          # ROUNDS=2 SECONDS_EACH=20 TARGETS="parse check url"
#
# A run that stops at a crash reports the rate of a shorter run: the line says so and where
# the crashing input is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
old="${1:?usage: fuzz_rates.sh OLD_TREE}"
rounds="${ROUNDS:-2}"
seconds="${SECONDS_EACH:-20}"
scratch="$(mktemp -d)"
for round in $(seq "$rounds"); do
  for target in ${TARGETS:-parse check url}; do
    for tree in "$old" "$here"; do
      corpus="$scratch/corpus-$target"
      rm -rf "$corpus"
      mkdir -p "$corpus"
      log="$(cd "$scratch" && "$tree/fuzz/target/x86_64-unknown-linux-gnu/release/$target" \
        "$corpus" "$tree/fuzz/seeds/$target" -dict="$tree/fuzz/filter.dict" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 || true)"
      rate="$(grep -a 'stat::average_exec_per_sec' <<<"$log" | awk '{print $2}')"
      note=""
      for crash in "$scratch"/crash-*; do
        [[ -e "$crash" ]] || continue
        mkdir -p "$scratch/found"
        mv "$crash" "$scratch/found/$target-$(basename "$crash")"
        note=" (stopped at a crash: $scratch/found/$target-$(basename "$crash"))"
      done
      echo "round $round $target $tree ${rate:-?}/s, load $(cut -d' ' -f1 /proc/loadavg)$note"
    done
  done
done
