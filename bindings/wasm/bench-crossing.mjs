// What a `check` from JavaScript pays besides the check itself, part by part, on the
// requests of bindings/fixtures/bench.json (BENCHMARKS.md, "What bounds the JS ratio"):
//   node bindings/wasm/bench-crossing.mjs [ITERATIONS]
// - a string into the module (`setToday`: one string in, nothing out);
// - the export alone (`raw.check` and `raw.takeText`: the check, its words and its text
//   out of the module's memory) and the package's `check` (that, plus the arguments'
//   checks and rebuilding the objects from the words);
// - `JSON.parse` of the same report as JSON text: what the objects cost when they came
//   from JSON, as they did before the words (src/tape.rs).
// Times are wall time per call, after a warm-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const af = await import(join(here, 'pkg', 'index.mjs'));
const raw = createRequire(import.meta.url)(join(here, 'pkg', 'ahrefs_filter_wasm.js'));
const iterations = Number(process.argv[2] ?? 100000);
const { requests } = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'bench.json'), 'utf8'));
const today = '2026-12-01';

function time(label, run) {
  let sink = 0;
  for (let i = 0; i < iterations / 10; i++) sink += run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += run();
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  console.log(`${label.padEnd(40)} ${ns.toFixed(0).padStart(7)} ns`);
  return sink;
}

time('a string in (setToday)', () => (raw.setToday(today), 1));
for (const r of requests) {
  const json = JSON.stringify(af.check(r.table, r.where, r.having, { today }));
  time(`${r.name}: the export (words and text)`, () =>
    raw.check(r.table, r.where, r.having, undefined, undefined, today).length + raw.takeText().length);
  time(`${r.name}: the package's check`, () => af.check(r.table, r.where, r.having, { today }).diagnostics.length);
  time(`${r.name}: JSON.parse of its ${json.length} B`, () => JSON.parse(json).diagnostics.length);
}
