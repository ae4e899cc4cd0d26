#!/usr/bin/env bash
# Builds and tests every binding of this checkout as its users get it (issue 16):
#   rust        the shared binding crate's tests (the fixture cases) and the wasm crate's,
#               with clippy, as the root's `cargo test` leaves the bindings out
#   javascript  bindings/wasm/test.sh (npm package: node --test, tsc --strict, web build)
#   python, c   bindings/python/test.sh and bindings/c/test.sh, where they exist
# Each step installs what it lacks from the registries (the wasm32 target, wasm-bindgen-cli
# at the lockfile's version, npm packages; the other bindings their own). Every step runs;
# the exit status is non-zero when any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null && command -v apt-get >/dev/null; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi

passed=0
failed=()
step() {
  local name="$1" started="$SECONDS"
  shift
  echo "== bindings: $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "== bindings: $name passed ($((SECONDS - started)) s)"
  else
    failed+=("$name")
    echo "== bindings: $name FAILED ($((SECONDS - started)) s)" >&2
  fi
}

rust() {
  cargo clippy -q -p ahrefs-filter-bindings -p ahrefs-filter-wasm --all-targets --all-features \
    -- -D warnings &&
    cargo test -q -p ahrefs-filter-bindings -p ahrefs-filter-wasm
}

step rust rust
step javascript bash bindings/wasm/test.sh
for lang in python c; do
  if [[ -f "bindings/$lang/test.sh" ]]; then
    step "$lang" bash "bindings/$lang/test.sh"
  fi
done

((${#failed[@]} == 0)) || echo "failed: ${failed[*]}" >&2
echo "bindings: $passed passed, ${#failed[@]} failed"
((${#failed[@]} == 0))
