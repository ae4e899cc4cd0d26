// The checker runs here, off the page's typing path. The page posts the whole state on every
// (debounced) change; requests that are superseded while the worker is busy are answered with
// `skipped` without being checked, and the page drops any answer that is not for its latest
// request, so a stale result is never shown.
import init, * as pkg from "./pkg.js";

/** Diagnostics sent to the page (and listed there); the rest are counted. */
const MAX_SHOWN = 200;

const ready = init();
let latest = null; // the newest `analyze` request not yet run
let scheduled = false;

self.onmessage = (event) => {
  const request = event.data;
  if (request.op === "analyze") {
    if (latest !== null) self.postMessage({ id: latest.id, skipped: true });
    latest = request;
    if (!scheduled) {
      scheduled = true;
      // Let every message already queued arrive first, so only the newest is checked.
      setTimeout(runLatest, 0);
    }
  } else {
    run(request);
  }
};

async function runLatest() {
  scheduled = false;
  const request = latest;
  latest = null;
  if (request !== null) await run(request);
}

async function run(request) {
  try {
    await ready;
    const started = performance.now();
    const result = plain(OPS[request.op](request));
    self.postMessage({ id: request.id, result, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id: request.id, error: String(error?.message ?? error) });
  }
}

/** `value` with every Map (how serde_wasm_bindgen may hand over a map) as a plain object. */
function plain(value) {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Non-empty text, or undefined (the package's "absent"). */
const given = (text) => (text !== undefined && text !== null && text.trim() !== "" ? text : undefined);

/** The v3 translator, when this build of the package exports one. */
const v3 = typeof pkg.v3 === "function" ? pkg.v3 : null;
const v3Url = typeof pkg.v3Url === "function" ? pkg.v3Url : null;

const OPS = {
  /** The schema's table names and the details of one table. */
  tables() {
    // The schema's JSON shape: `{"tables": {name: {…}}}`.
    const schema = plain(pkg.tables());
    const tables = schema.tables ?? schema;
    const names = Array.isArray(tables) ? tables.map((t) => (typeof t === "string" ? t : t.name)) : Object.keys(tables);
    return { tables: names, v3: v3 !== null || v3Url !== null };
  },

  /**
   * Everything the page shows for a state: the report (of the request URL when one is given,
   * else of the table's filters), the table's columns, the cost and the v3 translation.
   */
  analyze({ state, options }) {
    const urlMode = given(state.url) !== undefined;
    let report;
    let where;
    let having;
    if (urlMode) {
      report = pkg.lintUrl(state.url.trim(), options);
      where = report.decoded?.where ?? undefined;
      having = report.decoded?.having ?? undefined;
    } else {
      where = given(state.where);
      having = given(state.having);
      report = pkg.check(state.table.trim(), where, having, options);
    }
    const tableName = report.table ?? (urlMode ? null : state.table.trim());
    let table = null;
    let cost = null;
    if (tableName) {
      // A schema of that one table: `{"tables": {name: {description, cost, columns}}}`.
      const schema = safely(() => plain(pkg.table(tableName)));
      table = schema?.tables?.[tableName] ?? null;
      const rows = Number.parseInt(state.rows, 10);
      if (table && Number.isFinite(rows) && rows >= 0) {
        cost = safely(() => rowsCharged(tableName, rows, where, having, options));
      }
    }
    let translation = null;
    if (urlMode && v3Url) translation = safely(() => v3Url(state.url.trim(), options), true);
    else if (!urlMode && v3 && tableName) translation = safely(() => v3(tableName, where, having, options), true);
    translation = v3View(translation);
    // The page lists the first MAX_SHOWN; sending the rest would only cost copying.
    const all = report.diagnostics ?? [];
    const counts = {
      total: all.length,
      errors: all.filter((d) => d.severity === "error").length,
      safeFixes: all.filter((d) => d.fix && d.fix.applicability === "safe").length,
    };
    report.diagnostics = all.slice(0, MAX_SHOWN);
    return { urlMode, report, counts, tableName, table, cost, v3: translation, used: usedColumns(where, having) };
  },

  /** The filters with every safe fix applied (the library's `--fix`). */
  fixAll({ state, options }) {
    return pkg.fix(state.table.trim(), given(state.where), given(state.having), options);
  },
};

/** Longest v3 `where` text (pretty-printed JSON) and URL the page shows; the rest is cut. */
const V3_TEXT_LIMIT = 20000;
const V3_URL_LIMIT = 4000;

/** `text` cut at `limit` characters, saying how many were left out. */
function clip(text, limit) {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`;
}

/**
 * What the v3 panel shows of a translation (the CLI's `v3 --format json` object), made here so
 * the page's thread does no formatting: the `where` pretty-printed and the URL (each cut when very
 * long), the `v3-*` notes (the first MAX_SHOWN; the v2 errors that stopped a translation are the
 * page's diagnostics already, so they are only counted), and the parameters other than `where`.
 */
function v3View(found) {
  if (found === null || found.error) return found;
  const translation = plain(found);
  const all = translation.diagnostics ?? [];
  const notes = all.filter((d) => String(d.code).startsWith("v3-"));
  const params = Object.entries(translation.params ?? {}).filter(([name]) => name !== "where");
  let whereText = null;
  if (translation.where !== null && translation.where !== undefined) {
    whereText = clip(JSON.stringify(translation.where, null, 2), V3_TEXT_LIMIT);
  }
  return {
    table: translation.table ?? null,
    endpoint: translation.endpoint ?? null,
    params,
    whereText,
    // The whole URL (for copying) and as shown.
    url: translation.url ?? null,
    urlShown: translation.url ? clip(translation.url, V3_URL_LIMIT) : null,
    exact: translation.exact === true,
    notes: notes.slice(0, MAX_SHOWN),
    noteCount: notes.length,
    v2Errors: all.length - notes.length,
  };
}

/** `cost`, its row count given as a number or, if the package takes a u64, a BigInt. */
function rowsCharged(table, rows, where, having, options) {
  try {
    return pkg.cost(table, rows, where, having, options);
  } catch (error) {
    if (!/bigint/i.test(String(error))) throw error;
    return pkg.cost(table, BigInt(rows), where, having, options);
  }
}

/** Longest filter whose columns are looked up for the columns panel (the AST is copied to JS). */
const USED_LIMIT = 20000;

/** The column names the filters use (for the columns panel), when they parse. */
function usedColumns(...filters) {
  const names = new Set();
  for (const filter of filters) {
    if (filter === undefined || filter.length > USED_LIMIT) continue;
    const ast = safely(() => pkg.parse(filter));
    for (const condition of ast?.conditions ?? []) {
      if (condition.column?.name) names.add(condition.column.name);
    }
  }
  return [...names];
}

/** `f()`, or null (or `{error}` when `keep`) when it throws: a missing table is not a crash. */
function safely(f, keep = false) {
  try {
    return f() ?? null;
  } catch (error) {
    return keep ? { error: String(error?.message ?? error) } : null;
  }
}
