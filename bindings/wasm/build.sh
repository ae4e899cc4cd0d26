#!/usr/bin/env bash
# Builds the npm package `ahrefs-filter`:
#   bindings/wasm/pkg/      for node: index.cjs (CommonJS), index.mjs (ES module), .d.ts, .wasm
#   bindings/wasm/pkg-web/  for browsers: index.js (ES module; `await init()` first), .d.ts, .wasm
# Installs what it lacks from the registries: the wasm32 target (rustup) and wasm-bindgen-cli
# at the version in Cargo.lock (cargo install). No wasm-opt: on this module its -Os and -Oz
# made the gzipped file larger (156 and 158 KB against 152 KB measured), -O1 saved under 1%.
# AHREFS_FILTER_WASM_FEATURES=objects adds the `checkObject` export bench.mjs --objects times.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
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

cargo build --manifest-path "$root/Cargo.toml" -p ahrefs-filter-wasm \
  --target wasm32-unknown-unknown --profile wasm-release \
  --features "${AHREFS_FILTER_WASM_FEATURES:-}"
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/ahrefs_filter_wasm.wasm"

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
