#!/usr/bin/env bash
# Tests the Python package as its users get it: builds the wheel (build.sh), installs it
# into a fresh venv with pytest, mypy and dask, runs the tests in tests/ against the
# installed package (not the source tree), and type-checks a consumer with mypy --strict.
#   bash bindings/python/test.sh
# The Dask example's test also compares with `ahrefs-filter url -`, built here (debug).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bash "$here/build.sh"
wheel="$(ls "$here"/dist/ahrefs_filter-*-abi3-*.whl)"

cargo build --quiet --manifest-path "$root/Cargo.toml" --bin ahrefs-filter
export AHREFS_FILTER_CLI="$root/target/debug/ahrefs-filter"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
pip=("$tmp/venv/bin/pip" install --quiet --disable-pip-version-check)
"${pip[@]}" "$wheel" pytest mypy
# Dask is optional: its test skips when it cannot be installed.
"${pip[@]}" "dask[bag]" distributed || echo "note: dask could not be installed; its test will skip"

# From a directory outside the source tree, so `import ahrefs_filter` is the installed wheel.
cd "$tmp"
"$tmp/venv/bin/python" -c 'import ahrefs_filter, sys; print("testing", ahrefs_filter.__file__)'
"$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider "$here/tests"
mypy=("$tmp/venv/bin/mypy" --no-incremental --cache-dir=/dev/null)
"${mypy[@]}" --strict "$here/tests/test_typed_consumer.py"
# Dask's own functions are not annotated: strict but for calling them.
if "$tmp/venv/bin/python" -c 'import dask.bag, distributed' 2> /dev/null; then
  "${mypy[@]}" --strict --allow-untyped-calls "$here/examples/dask_log.py"
fi
