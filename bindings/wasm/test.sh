#!/usr/bin/env bash
# Tests the npm package as its users get it: build (build.sh), check the .wasm's gzipped
# size, `npm pack` it, install the tarball into a fresh project with TypeScript, and there
# run `node --test` on a CommonJS and an ES-module test file, then compile a TypeScript
# consumer (CommonJS and ES module) with `tsc --strict` and run it. Last, the browser build
# (pkg-web) loads in node from its bytes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bash "$here/build.sh"

# The gzipped .wasm must stay under 150 KB (issue 16): 150,000 bytes.
limit=150000
gzipped="$(gzip -9c "$here/pkg/ahrefs_filter_wasm_bg.wasm" | wc -c)"
if ((gzipped >= limit)); then
  echo "FAIL: the gzipped .wasm is $gzipped bytes, over the $limit-byte budget" >&2
  exit 1
fi
echo "ok: the gzipped .wasm is $gzipped bytes (budget $limit)"

project="$(mktemp -d)"
trap 'rm -rf "$project"' EXIT
(cd "$here/pkg" && npm pack --silent --pack-destination "$project" >/dev/null)
tarball="$(ls "$project"/ahrefs-filter-*.tgz)"

cd "$project"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "$tarball" typescript@5
cp "$here/test/api.test.cjs" "$here/test/fixtures.test.mjs" .
cp "$here/test/consumer.ts" consumer.ts
cp "$here/test/consumer.ts" consumer.mts
sed 's/"files": \["consumer.ts"\]/"files": ["consumer.ts", "consumer.mts"]/' \
  "$here/test/tsconfig.json" >tsconfig.json

AHREFS_FILTER_FIXTURES="$root/bindings/fixtures" node --test api.test.cjs fixtures.test.mjs

npx tsc -p tsconfig.json --strict
for consumer in out/consumer.js out/consumer.mjs; do
  node "$consumer" >/dev/null
  echo "ok: $consumer (compiled with tsc --strict) runs"
done

# The browser build, loaded from its bytes as a page would from a fetch.
node --input-type=module -e "
import { readFileSync } from 'node:fs';
const web = await import('$here/pkg-web/index.js');
let refused = false;
try { web.check('refdomains', 'x=1'); } catch (e) { refused = /await init/.test(e.message); }
if (!refused) throw new Error('pkg-web ran before init');
web.initSync(readFileSync('$here/pkg-web/ahrefs_filter_wasm_bg.wasm'));
const where = 'anchor=\"é😀\",nope=1';
const [d] = web.check('anchors', where).diagnostics;
if (where.slice(d.span.start, d.span.end) !== 'nope') throw new Error('pkg-web: wrong span');
"
node --input-type=module -e "
import { readFileSync } from 'node:fs';
import init, { format } from '$here/pkg-web/index.js';
await init(readFileSync('$here/pkg-web/ahrefs_filter_wasm_bg.wasm'));
if (format(' gov = true ') !== 'gov=true') throw new Error('pkg-web: wrong canonical form');
"
echo "ok: pkg-web loads (initSync, and await init), and checks"
