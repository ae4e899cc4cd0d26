// The shared fixture cases (bindings/fixtures/cases.json) through the package as an ES
// module user imports it. Each result, its spans mapped back to byte offsets, must equal
// the one the Rust API gives (bindings/fixtures/expected.json), and each span must cut its
// hand-worked text out of its source with String.prototype.slice.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as af from 'ahrefs-filter';
import api from 'ahrefs-filter';

const dir = process.env.AHREFS_FILTER_FIXTURES;
assert.ok(dir, 'AHREFS_FILTER_FIXTURES names bindings/fixtures');
const { cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));

function run(c) {
  try {
    switch (c.op) {
      case 'check': return { result: af.check(c.table, c.where, c.having, c.options) };
      case 'fix': return { result: af.fix(c.table, c.where, c.having, c.options) };
      case 'format': return { result: af.format(c.filter) };
      case 'parse': return { result: af.parse(c.filter) };
      case 'lintUrl': return { result: af.lintUrl(c.url, c.options) };
      case 'lintUrls': return { result: af.lintUrls(c.urls, c.options) };
      case 'cost': return { result: af.cost(c.table, c.rows, c.where, c.having, c.options) };
      case 'table': return { result: af.table(c.table, c.options) };
      case 'tables': return { result: af.tables(c.options) };
      default: throw new Error(`unknown op ${c.op}`);
    }
  } catch (e) {
    if (!(e instanceof af.FilterError)) throw e;
    return { error: { kind: e.kind, message: e.message, diagnostics: e.diagnostics } };
  }
}

const utf8 = (text) => Buffer.byteLength(text, 'utf8');

// Every span `{start, end, byteStart, byteEnd}` checked against `text` (UTF-16 indices and
// byte offsets must name the same place) and reduced to `{start: byteStart, end: byteEnd}`.
function bytesOnly(value, text) {
  if (Array.isArray(value)) return value.map((v) => bytesOnly(v, text));
  if (value === null || typeof value !== 'object') return value;
  if ('byteStart' in value) {
    if (text !== undefined) {
      assert.equal(utf8(text.slice(0, value.start)), value.byteStart);
      assert.equal(utf8(text.slice(0, value.end)), value.byteEnd);
    }
    return { start: value.byteStart, end: value.byteEnd };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytesOnly(v, text)]));
}

// The text a diagnostic of `report` points into.
function source(c, report, d) {
  if (typeof report.url === 'string') return d.clause ? report.decoded[d.clause] ?? '' : report.url;
  return d.clause ? c[d.clause] ?? '' : c.filter ?? '';
}

// A report with each diagnostic's spans checked against and reduced in its own source.
function reduce(c, report) {
  if (Array.isArray(report)) return report.map((r) => reduce(c, r));
  if (report === null || typeof report !== 'object') return report;
  if (!Array.isArray(report.diagnostics)) return bytesOnly(report, c.filter);
  const out = bytesOnly({ ...report, diagnostics: [] });
  out.diagnostics = report.diagnostics.map((d) => bytesOnly(d, source(c, report, d)));
  return out;
}

function expectations(name, c, want, report) {
  const diagnostics = report.diagnostics;
  if (want.codes) assert.deepEqual(diagnostics.map((d) => d.code), want.codes, `${name}: codes`);
  if (want.slices) {
    const slices = diagnostics.map((d) => (d.span ? source(c, report, d).slice(d.span.start, d.span.end) : null));
    assert.deepEqual(slices, want.slices, `${name}: slices`);
  }
  for (const key of ['canonical', 'url', 'total']) {
    if (key in want) assert.deepEqual(report[key], want[key], `${name}: ${key}`);
  }
}

test('the default export is the same API', () => {
  assert.equal(api.check, af.check);
  assert.equal(api.FilterError, af.FilterError);
  assert.equal(api.v3, af.v3);
  assert.equal(api.v3Url, af.v3Url);
});

test('v3 from the ES module: a filter pair translated', () => {
  const t = af.v3('anchors', 'refpages>5', null, { history: 'live' });
  assert.equal(t.endpoint, 'site-explorer/anchors');
  assert.deepEqual(t.where, { field: 'refpages', is: ['gt', 5] });
  assert.equal(t.exact, true);
});

for (const c of cases) {
  test(`fixture: ${c.name}`, () => {
    const got = run(c);
    const want = c.expect ?? {};
    if (got.error) {
      assert.equal(got.error.kind, want.error, `${c.name}: unexpected error ${got.error.message}`);
      expectations(c.name, c, want, got.error);
      assert.deepEqual({ error: reduce(c, got.error) }, expected[c.name]);
      return;
    }
    assert.equal(want.error, undefined, `${c.name}: expected an error`);
    if ('value' in want) assert.deepEqual(got.result, want.value);
    if (want.batch) want.batch.forEach((w, i) => expectations(`${c.name} [${i}]`, c, w, got.result[i]));
    else if (Array.isArray(got.result?.diagnostics)) expectations(c.name, c, want, got.result);
    assert.deepEqual({ result: reduce(c, got.result) }, expected[c.name]);
  });
}

test('every expected report has its case', () => {
  assert.deepEqual(Object.keys(expected).sort(), cases.map((c) => c.name).sort());
});
