#!/usr/bin/env bash
# Builds the Python package as one abi3 wheel (CPython >= 3.9) into bindings/python/dist/.
# maturin comes from PyPI into bindings/python/.venv (made on first use).
#   bash bindings/python/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if [[ ! -x "$venv/bin/maturin" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.7,<2"
fi
rm -rf "$here/dist"
# --strip drops the release profile's line tables from the extension.
"$venv/bin/maturin" build --release --strip \
  --manifest-path "$here/Cargo.toml" --out "$here/dist"
ls "$here"/dist/*.whl
