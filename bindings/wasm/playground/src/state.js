// Pure helpers of the playground: the page state in the URL fragment, editing a request
// URL's parameters, and applying a diagnostic's fix edits. No DOM, no wasm: the rules of
// the filter language stay in the library; these only move text around.

/** The fields of the page state, in the order they are written to the fragment. */
export const FIELDS = ["table", "where", "having", "url", "rows"];

/** Default number of result rows the cost is computed for. */
export const DEFAULT_ROWS = "1000";

/**
 * Reads the page state from a location hash (`#table=…&where=…`). Unknown keys are ignored,
 * missing ones are empty; `rows` defaults to DEFAULT_ROWS.
 * @param {string} hash
 */
export function readFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const state = {};
  for (const field of FIELDS) state[field] = params.get(field) ?? "";
  if (state.rows === "") state.rows = DEFAULT_ROWS;
  return state;
}

/**
 * Writes the page state as a fragment (with its `#`). When a request URL is given, it is the
 * request: the table and filters are read from it, so only the URL (already redacted by the
 * caller) and the row count are written. Empty fields and the default row count are left out.
 * @param {{table:string, where:string, having:string, url:string, rows:string}} state
 */
export function writeFragment(state) {
  const params = new URLSearchParams();
  const fields = state.url.trim() !== "" ? ["url", "rows"] : FIELDS;
  for (const field of fields) {
    const value = state[field] ?? "";
    if (value === "" || (field === "rows" && value === DEFAULT_ROWS)) continue;
    params.set(field, value);
  }
  const text = params.toString();
  return text === "" ? "" : `#${text}`;
}

/**
 * The parameters of a query string (or of a whole URL, after its first `?`), each with the
 * UTF-16 range of its value in `url` so it can be replaced in place.
 * @param {string} url
 */
function queryParams(url) {
  const query = url.indexOf("?") >= 0 ? url.indexOf("?") + 1 : 0;
  const hash = url.indexOf("#", query);
  const end = hash >= 0 ? hash : url.length;
  const params = [];
  let at = query;
  while (at <= end) {
    let next = url.indexOf("&", at);
    if (next < 0 || next > end) next = end;
    const eq = url.indexOf("=", at);
    const hasValue = eq >= 0 && eq < next;
    params.push({
      start: at,
      end: next,
      name: url.slice(at, hasValue ? eq : next),
      valueStart: hasValue ? eq + 1 : next,
    });
    at = next + 1;
  }
  return { params, query, end };
}

/** Percent-encodes a parameter value as browsers send a form (`+` for a space). */
function encodeValue(value) {
  return encodeURIComponent(value).replace(/%20/g, "+");
}

/**
 * The request URL with parameter `name` set to `value` (percent-encoded here), in place of
 * the last occurrence (the one the linter checks), appended when absent, and removed when
 * `value` is empty. Other parameters keep their text.
 * @param {string} url
 * @param {string} name
 * @param {string} value
 */
export function setQueryParam(url, name, value) {
  const { params, query, end } = queryParams(url);
  const found = params.filter((p) => p.name === name);
  const last = found[found.length - 1];
  if (last === undefined) {
    if (value === "") return url;
    const item = `${name}=${encodeValue(value)}`;
    if (url.indexOf("?") < 0 && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      // A URL without a query: the hash, if any, starts after the path.
      const at = url.indexOf("#") >= 0 ? url.indexOf("#") : url.length;
      return `${url.slice(0, at)}?${item}${url.slice(at)}`;
    }
    const joint = end === query || url[end - 1] === "&" ? "" : "&";
    return `${url.slice(0, end)}${joint}${item}${url.slice(end)}`;
  }
  if (value === "") {
    // Drop the parameter and one of the `&` around it.
    const from = last.start > query ? last.start - 1 : last.start;
    const to = last.start > query ? last.end : Math.min(last.end + 1, end);
    return url.slice(0, from) + url.slice(to);
  }
  const head = last.valueStart === last.end && url[last.end - 1] !== "=" ? `${url.slice(0, last.end)}=` : url.slice(0, last.valueStart);
  return `${head}${encodeValue(value)}${url.slice(last.end)}`;
}

/**
 * Applies one diagnostic's fix to the texts it edits and returns the new texts. `texts` maps a
 * clause (`where`, `having`, or `url` for whole-request diagnostics) to its text. Edits are in
 * the CLI's JSON shape: `{clause, span, text}` replaces the span (UTF-16 indices) of that
 * clause's text, the diagnostic's own (`clause` null: `fallbackClause`);
 * `{clause, span: null, text, append: true}` adds the condition `text` at the end of the
 * clause's filter, creating it. Returns null when the fix cannot be applied to these texts.
 * @param {{where:string, having:string, url?:string}} texts
 * @param {{clause:string|null, fix:{edits:object[]}|null}} diagnostic
 * @param {string|null} fallbackClause the text of edits whose clause is null
 */
export function applyFix(texts, diagnostic, fallbackClause) {
  if (!diagnostic.fix) return null;
  const result = { ...texts };
  const replaces = {};
  const appends = [];
  for (const edit of diagnostic.fix.edits) {
    const clause = edit.clause ?? diagnostic.clause ?? fallbackClause;
    if (!(clause in result) || typeof edit.text !== "string") return null;
    if (edit.append === true) appends.push({ clause, text: edit.text });
    else if (edit.span) (replaces[clause] ??= []).push(edit);
    else return null;
  }
  for (const [clause, edits] of Object.entries(replaces)) {
    let text = result[clause];
    // Right to left, so earlier spans stay valid.
    edits.sort((a, b) => b.span.start - a.span.start);
    for (const edit of edits) {
      const { start, end } = edit.span;
      if (start < 0 || end < start || end > text.length) return null;
      text = text.slice(0, start) + edit.text + text.slice(end);
    }
    result[clause] = text;
  }
  for (const { clause, text } of appends) {
    const before = result[clause].replace(/[\s,]+$/, "");
    result[clause] = before.trim() === "" ? text : `${before},${text}`;
  }
  return result;
}
