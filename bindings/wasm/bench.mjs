// Times `check` from JavaScript through the node package (pkg/, from build.sh) on the
// requests of bindings/fixtures/bench.json, beside the same call in Rust:
//   cargo run --release -p ahrefs-filter-bindings --example check_loop
//   node bindings/wasm/bench.mjs [ITERATIONS] [--objects]
// --objects also times `checkObject` (a build with AHREFS_FILTER_WASM_FEATURES=objects),
// whose report crosses as objects built by serde-wasm-bindgen instead of JSON text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const af = await import(join(here, 'pkg', 'index.mjs'));
const args = process.argv.slice(2);
const iterations = Number(args.find((a) => /^\d+$/.test(a)) ?? 200000);
const objects = args.includes('--objects');
const raw = createRequire(import.meta.url)(join(here, 'pkg', 'ahrefs_filter_wasm.js'));
if (objects && typeof raw.checkObject !== 'function') {
  throw new Error('--objects needs a build with AHREFS_FILTER_WASM_FEATURES=objects');
}
const { requests } = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'bench.json'), 'utf8'));
const options = { today: '2026-12-01' };

// CPU time in nanoseconds (user + system), as check_loop.rs counts: on a shared machine,
// time spent waiting for a core is not the call's.
function cpuNs() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

function time(run) {
  let sink = 0;
  for (let i = 0; i < iterations / 10; i++) sink += run();
  const start = cpuNs();
  for (let i = 0; i < iterations; i++) sink += run();
  const ns = (cpuNs() - start) / iterations;
  return [ns, sink];
}

for (const r of requests) {
  const [json] = time(() => af.check(r.table, r.where, r.having, options).diagnostics.length);
  let line = `${r.name.padEnd(10)} check ${json.toFixed(0).padStart(8)} ns`;
  if (objects) {
    const [object] = time(() => raw.checkObject(r.table, r.where, r.having, undefined, undefined, options.today).diagnostics.length);
    line += `   checkObject ${object.toFixed(0).padStart(8)} ns`;
  }
  console.log(line);
}
