#!/usr/bin/env bash
# Builds the npm package `ahrefs-filter`:
#   bindings/wasm/pkg/      for node: index.cjs (CommonJS), index.mjs (ES module), .d.ts, .wasm
#   bindings/wasm/pkg-web/  for browsers: index.js (ES module; `await init()` first), .d.ts, .wasm
# Installs what it lacks: the pinned nightly toolchain with its standard library's sources
# (rustup), wasm-bindgen-cli at the version in Cargo.lock (cargo install) and wasm-opt
# (Debian's binaryen, when apt-get is there).
#
# Why nightly: issue 16's budget is 150,000 bytes of gzipped .wasm, and on stable Rust the
# module with the v3 translator is 180,864. Rebuilding the standard library for size
# (`-Zbuild-std` with its `optimize_for_size` feature: small sorts instead of driftsort and
# ipnsort, monomorphized at every `sort` call) and without panic messages and locations
# (`-Cpanic=immediate-abort`) brings it to 149,344; wasm-opt's duplicate-function pass
# then saves about 800 more (run before wasm-bindgen, see below). wasm-opt's -O levels made the gzipped file larger (-O1 +2%,
# -Oz +6%): they shrink the code but leave it less regular for gzip.
# The nightly is pinned (AHREFS_FILTER_WASM_TOOLCHAIN overrides it); the native crates and
# the other bindings stay on stable.
# AHREFS_FILTER_WASM_FEATURES=objects adds the `checkObject` export bench.mjs --objects times.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

# The nightly of 2026-05-20 (rustc e50aa6fba), by that name, or as `nightly` when that is
# the one installed.
toolchain="${AHREFS_FILTER_WASM_TOOLCHAIN:-nightly-2026-05-20}"
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  if [[ -z "${AHREFS_FILTER_WASM_TOOLCHAIN:-}" ]] &&
    rustup run nightly rustc --version 2>/dev/null | grep -q '(e50aa6fba 2026-05-19)'; then
    toolchain=nightly
  else
    rustup toolchain install "$toolchain" --profile minimal
  fi
fi
if ! rustup component list --toolchain "$toolchain" --installed | grep -q '^rust-src'; then
  rustup component add rust-src --toolchain "$toolchain"
fi
if ! command -v wasm-opt >/dev/null && command -v apt-get >/dev/null; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binaryen >/dev/null; } || echo "build.sh: no wasm-opt (binaryen); the .wasm is left unoptimized" >&2
fi
# The CLI must match the wasm-bindgen crate the lockfile picked, or its output will not load.
version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
  "$root/Cargo.lock")"
if [[ -z "$version" ]]; then
  echo "build.sh: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $version"; then
  cargo install wasm-bindgen-cli --version "$version"
fi

RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
  cargo "+$toolchain" build --manifest-path "$root/Cargo.toml" -p ahrefs-filter-wasm \
  --target wasm32-unknown-unknown --profile wasm-release \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
  --features "${AHREFS_FILTER_WASM_FEATURES:-}"
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/ahrefs_filter_wasm.wasm"
# Before wasm-bindgen: Debian's binaryen (108) breaks the externref table wasm-bindgen adds.
if command -v wasm-opt >/dev/null; then
  wasm-opt --duplicate-function-elimination "$wasm" -o "${wasm%.wasm}.opt.wasm"
  wasm="${wasm%.wasm}.opt.wasm"
fi

package_version="$(awk -F'"' '/^version = / { print $2; exit }' "$here/Cargo.toml")"
js="$here/js"

# $1: output directory, $2: wasm-bindgen target.
bindgen() {
  rm -rf "$1"
  wasm-bindgen --target "$2" --out-dir "$1" --out-name ahrefs_filter_wasm \
    --remove-name-section --remove-producers-section "$wasm"
  # The raw exports' declarations; the package's own are index.d.ts.
  rm -f "$1/ahrefs_filter_wasm.d.ts" "$1/ahrefs_filter_wasm_bg.wasm.d.ts" "$1/.gitignore"
  sed "s/@VERSION@/$package_version/" "$3" >"$1/package.json"
  cp "$here/README.md" "$1/README.md"
}

bindgen "$here/pkg" nodejs "$js/package.json"
cat "$js/node-head.cjs" "$js/core.js" "$js/node-tail.cjs" >"$here/pkg/index.cjs"
cp "$js/index.mjs" "$here/pkg/index.mjs"
cp "$js/index.d.ts" "$here/pkg/index.d.ts"
cp "$js/index.d.ts" "$here/pkg/index.d.mts"

bindgen "$here/pkg-web" web "$js/package-web.json"
cat "$js/web-head.js" "$js/core.js" "$js/web-tail.js" >"$here/pkg-web/index.js"
cat "$js/index.d.ts" "$js/web-init.d.ts" >"$here/pkg-web/index.d.ts"

size="$(wc -c <"$here/pkg/ahrefs_filter_wasm_bg.wasm")"
gzipped="$(gzip -9c "$here/pkg/ahrefs_filter_wasm_bg.wasm" | wc -c)"
echo "built $here/pkg and $here/pkg-web: .wasm $size bytes, $gzipped gzipped"
