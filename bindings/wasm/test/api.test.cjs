// The package as a CommonJS user requires it: every operation, the spans in JavaScript
// string indices, and the errors. Expected values are worked out from filter-spec.md.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const af = require('ahrefs-filter');

const TODAY = { today: '2026-12-01' };

test('a span slices the offending text out of the filter (the issue example)', () => {
  const where = 'anchor="é😀",nope=1';
  const report = af.check('anchors', where, undefined, TODAY);
  assert.equal(report.table, 'anchors');
  assert.equal(report.diagnostics.length, 1);
  const [d] = report.diagnostics;
  assert.equal(d.code, 'unknown-column');
  assert.equal(d.severity, 'error');
  assert.equal(d.clause, 'where');
  assert.equal(where.slice(d.span.start, d.span.end), 'nope');
  // `anchor="` is 8 bytes, `é` 2 and `😀` 4, then `",`: nope is bytes 16..20.
  assert.deepEqual(d.span, { start: 13, end: 17, byteStart: 16, byteEnd: 20 });
  assert.equal(Buffer.from(where).subarray(16, 20).toString(), 'nope');
  assert.deepEqual(report.canonical, { where: 'anchor="é😀",nope=1', having: null });
});

test('the seed example: a having-only column in where, with the fix that moves it', () => {
  const report = af.check('backlinks_one_per_domain', 'domain_rating>30');
  const [d] = report.diagnostics;
  assert.equal(d.code, 'clause-not-allowed');
  assert.equal(d.help, 'move `domain_rating>30` to `having`');
  assert.deepEqual(d.span, { start: 0, end: 13, byteStart: 0, byteEnd: 13 });
  assert.equal(d.fix.applicability, 'safe');
  // Delete the condition from where, append it to having (the CLI's edit shape).
  assert.deepEqual(d.fix.edits, [
    { clause: 'where', span: { start: 0, end: 16, byteStart: 0, byteEnd: 16 }, text: '' },
    { clause: 'having', span: null, text: 'domain_rating>30', append: true },
  ]);
});

test('fix applies every safe fix', () => {
  assert.deepEqual(af.fix('backlinks_one_per_domain', 'domain_rating>30, anchor=seo'), {
    where: 'anchor="seo"',
    having: 'domain_rating>30',
    applied: 2,
  });
});

test('a fix edit spans the bare word in UTF-16 indices', () => {
  const where = 'anchor="😀",anchor=seo';
  const [d] = af.check('anchors', where).diagnostics;
  assert.equal(d.code, 'unquoted-string');
  const [edit] = d.fix.edits;
  assert.equal(edit.clause, 'where');
  assert.equal(edit.append, undefined);
  assert.equal(where.slice(edit.span.start, edit.span.end), 'seo');
  assert.equal(edit.text, '"seo"');
});

test('options: noLint turns a warning off, today enables future-date', () => {
  assert.deepEqual(
    af.check('backlinks', 'ahrefs_rank > 10').diagnostics.map((d) => d.code),
    ['whitespace'],
  );
  assert.deepEqual(af.check('backlinks', 'ahrefs_rank > 10', null, { noLint: ['whitespace'] }).diagnostics, []);
  const future = 'first_seen>"2030-01-01"';
  assert.deepEqual(af.check('backlinks', future, null, TODAY).diagnostics.map((d) => d.code), ['future-date']);
  assert.deepEqual(af.check('backlinks', future, null, { today: '2031-01-01' }).diagnostics, []);
});

test('a user schema, as text or as an object, adds its tables', () => {
  const schema = { tables: { mine: { columns: { score: { type: 'int', where: true, having: false } } } } };
  for (const given of [schema, JSON.stringify(schema)]) {
    const [d] = af.check('mine', 'score="é"', null, { schema: given }).diagnostics;
    assert.equal(d.code, 'type-mismatch');
    assert.equal('score="é"'.slice(d.span.start, d.span.end), '"é"');
  }
  assert.ok(af.tables({ schema }).tables.mine);
  assert.equal(af.table('mine', { schema }).tables.mine.columns.score.type, 'int');
});

test('bad options throw a FilterError of kind invalid-options', () => {
  for (const options of [{ noLint: ['syntax'] }, { noLint: ['nope'] }, { today: '2023-02-29' }, { nolint: [] }, { schema: '{}' }]) {
    assert.throws(
      () => af.check('backlinks', 'ahrefs_rank>1', null, options),
      (e) => e instanceof af.FilterError && e instanceof Error && e.kind === 'invalid-options' && e.diagnostics.length === 0,
      JSON.stringify(options),
    );
  }
  assert.throws(() => af.check('backlinks', 'x', null, 'noLint'), TypeError);
  assert.throws(() => af.check(7), TypeError);
});

test('format prints the canonical form, or throws the syntax errors', () => {
  assert.equal(af.format('ahrefs_rank > 007 , type:"lost"'), 'ahrefs_rank>7,type="lost"');
  const filter = 'anchor="😀",ahrefs_rank!=10';
  assert.throws(
    () => af.format(filter),
    (e) => {
      assert.ok(e instanceof af.FilterError);
      assert.equal(e.name, 'FilterError');
      assert.equal(e.kind, 'syntax');
      assert.equal(e.diagnostics[0].code, 'syntax');
      const { span } = e.diagnostics[0];
      assert.equal(filter.slice(span.start, span.end), '!=');
      assert.equal(e.message, e.diagnostics[0].message);
      return true;
    },
  );
});

test('parse gives the syntax tree with JavaScript spans', () => {
  const filter = 'anchor="é😀",nope=1';
  const ast = af.parse(filter);
  assert.equal(ast.conditions.length, 2);
  const [first, second] = ast.conditions;
  assert.equal(first.kind, 'comparison');
  assert.equal(first.value.value, 'é😀');
  assert.equal(filter.slice(first.value.span.start, first.value.span.end), '"é😀"');
  assert.equal(filter.slice(second.column.span.start, second.column.span.end), 'nope');
  assert.equal(second.value.value, 1);
  assert.deepEqual(ast.span, { start: 0, end: filter.length, byteStart: 0, byteEnd: Buffer.byteLength(filter) });
});

test('lintUrl redacts the token; spans index the URL or the decoded filter', () => {
  const report = af.lintUrl('https://apiv2.ahrefs.com/?token=0123abcd&from=refdomains&target=例え.jp&mode=domian&where=domain_rating%3E30');
  assert.equal(report.url, 'https://apiv2.ahrefs.com/?token=***&from=refdomains&target=例え.jp&mode=domian&where=domain_rating%3E30');
  assert.ok(!JSON.stringify(report).includes('0123abcd'));
  assert.equal(report.table, 'refdomains');
  assert.deepEqual(report.diagnostics.map((d) => d.code), ['invalid-parameter', 'clause-not-allowed']);
  const [mode, where] = report.diagnostics;
  assert.equal(mode.clause, null);
  assert.equal(report.url.slice(mode.span.start, mode.span.end), 'domian');
  assert.equal(where.clause, 'where');
  assert.equal(report.decoded.where.slice(where.span.start, where.span.end), 'domain_rating');
});

test('lintUrls checks a batch in order', () => {
  const reports = af.lintUrls(['from=pages', 'from=refdomains&target=ahrefs.com&mode=exact']);
  assert.equal(reports.length, 2);
  assert.deepEqual(reports[0].diagnostics.map((d) => d.code).sort(), ['missing-parameter', 'missing-parameter']);
  assert.deepEqual(reports[1].diagnostics, []);
  assert.deepEqual(af.lintUrls([]), []);
  assert.throws(() => af.lintUrls(['a', 1]), TypeError);
});

test('cost: known prices, an unknown total, an unknown table', () => {
  // 10 + 2 × 1000 + 5 + 5 (spec §4).
  assert.equal(af.cost('backlinks_one_per_domain', 1000, 'ahrefs_rank>10', 'domain_rating>30').total, 2020);
  // 1 + 0.2 × 1001 with no filters.
  assert.equal(af.cost('backlinks', 1001).total, 201.2);
  assert.equal(af.cost('pages', 10).total, null);
  assert.throws(() => af.cost('refdomain', 10), (e) => e.kind === 'unknown-table' && e.diagnostics[0].help === 'did you mean `refdomains`?');
  assert.throws(() => af.cost('refdomains', -1), (e) => e.kind === 'invalid-options');
  assert.throws(() => af.cost('refdomains', 1.5), (e) => e.kind === 'invalid-options');
});

test('tables and table give the schema in its source order', () => {
  const names = Object.keys(af.tables().tables);
  assert.equal(names.length, 25);
  assert.equal(names[0], 'ahrefs_rank');
  const refdomains = af.table('refdomains').tables.refdomains;
  assert.equal(Object.keys(refdomains.columns).length, 8);
  assert.equal(refdomains.columns.domain_rating.type, 'int');
  assert.deepEqual(refdomains.cost, { request: 1, result: 1, where: 5, having: 5 });
  assert.throws(() => af.table('nope'), af.FilterError);
});

// v3 (v3-translation.md): the CLI's `v3 --format json` objects.
const LIVE = { history: 'live' };

test('v3 translates a filter pair to the endpoint and its where JSON', () => {
  // §2: one condition is {"field":F,"is":[op,value]}, sent as compact JSON, percent-encoded.
  const where = '{"field":"domain_rating","is":["gte",30]}';
  assert.deepEqual(af.v3('refdomains', null, 'domain_rating>=30', LIVE), {
    table: 'refdomains',
    endpoint: 'site-explorer/refdomains',
    params: { history: 'live', where },
    where: { field: 'domain_rating', is: ['gte', 30] },
    url: `https://api.ahrefs.com/v3/site-explorer/refdomains?history=live&where=${encodeURIComponent(where)}`,
    exact: true,
    diagnostics: [],
  });
});

test('v3 reports each assumption it makes, and the options make them explicit', () => {
  // No `history` given: `live` is chosen and said so.
  const assumed = af.v3('anchors', 'refpages>5');
  assert.equal(assumed.params.history, 'live');
  assert.equal(assumed.exact, false);
  assert.deepEqual(assumed.diagnostics.map((d) => [d.code, d.clause, d.span]), [['v3-assumed', null, null]]);
  assert.match(assumed.diagnostics[0].message, /history=live/);
  // §3: booleans as 1/0 with boolLiteral "01"; `nofollow` becomes `is_nofollow`.
  const ones = af.v3('backlinks', 'nofollow=false', null, { ...LIVE, boolLiteral: '01' });
  assert.deepEqual(ones.where, { field: 'is_nofollow', is: ['eq', 0] });
  assert.equal(ones.params.aggregation, 'all');
});

test('v3: a v2 error is a diagnostic, its span in UTF-16 indices; nothing is emitted', () => {
  const where = 'anchor="é😀",nope=1';
  const t = af.v3('anchors', where, null, LIVE);
  assert.equal(t.url, null);
  assert.equal(t.where, null);
  assert.equal(t.endpoint, null);
  assert.deepEqual(t.params, {});
  assert.equal(t.exact, false);
  const [d] = t.diagnostics;
  assert.equal(d.code, 'unknown-column');
  assert.equal(where.slice(d.span.start, d.span.end), 'nope');
  assert.deepEqual(d.span, { start: 13, end: 17, byteStart: 16, byteEnd: 20 });
});

test('v3Url translates a whole request; the token never reaches the v3 URL', () => {
  const t = af.v3Url(
    'https://apiv2.ahrefs.com/?token=s3cret&from=refdomains&target=ahrefs.com&mode=domain' +
      '&select=refdomain,domain_rating&having=domain_rating%3E%3D30&order_by=domain_rating:desc',
  );
  assert.equal(t.table, 'refdomains');
  assert.equal(t.endpoint, 'site-explorer/refdomains');
  // v2's `refdomain` is v3's `domain`.
  assert.deepEqual(t.params, {
    target: 'ahrefs.com',
    mode: 'domain',
    history: 'live',
    select: 'domain,domain_rating',
    order_by: 'domain_rating:desc',
    where: '{"field":"domain_rating","is":["gte",30]}',
  });
  assert.ok(t.url.startsWith('https://api.ahrefs.com/v3/site-explorer/refdomains?target=ahrefs.com&mode=domain'));
  assert.ok(!t.url.includes('s3cret'));
  assert.deepEqual(t.diagnostics.map((d) => d.code), ['v3-assumed']);
});

test('v3 options: an unknown key or a bad value throws invalid-options', () => {
  const invalid = (run, message) =>
    assert.throws(run, (e) => e instanceof af.FilterError && e.kind === 'invalid-options' && message.test(e.message));
  invalid(() => af.v3('anchors', null, null, { mode: 'exact' }), /unknown option `mode`/);
  invalid(() => af.v3Url('from=anchors', { history: 'since:2023-02-29' }), /`history` must be live, all_time or since/);
  invalid(() => af.v3Url('from=anchors', { dates: 'days' }), /`dates` must be day or raw/);
  assert.throws(() => af.v3Url('from=anchors', { boolLiteral: 1 }), TypeError);
  assert.throws(() => af.v3(undefined), TypeError);
});

test('results stay whole when the module and the package disagree on the names sent', () => {
  // The package keeps the field names the module sent; the module's own exports, called
  // directly, can make the two disagree. The package then starts both again.
  const path = require('node:path');
  const raw = require(path.join(path.dirname(require.resolve('ahrefs-filter')), 'ahrefs_filter_wasm.js'));
  af.check('anchors', 'a=1', undefined, TODAY);
  raw.forgetNames();
  const where = 'anchor="é😀",nope=1';
  let [d] = af.check('anchors', where, undefined, TODAY).diagnostics;
  assert.equal(d.code, 'unknown-column');
  assert.deepEqual(d.span, { start: 13, end: 17, byteStart: 16, byteEnd: 20 });
  // A direct call sends names the package never reads.
  raw.forgetNames();
  raw.tables(undefined);
  raw.takeText();
  [d] = af.check('anchors', where, undefined, TODAY).diagnostics;
  assert.deepEqual(d.span, { start: 13, end: 17, byteStart: 16, byteEnd: 20 });
  assert.ok('anchors' in af.tables().tables);
});
