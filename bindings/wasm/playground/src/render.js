// DOM rendering of the playground's results. Each function takes plain data (the package's
// JSON-shaped objects) and rewrites one part of the page.

/** At most this many diagnostics are listed and marked; the rest are counted. */
export const MAX_SHOWN = 200;

/** Creates an element with attributes and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * Rewrites an editor's backdrop: `text` with each span marked. `spans` are
 * `{start, end, severity, index}` in UTF-16 indices; overlapping spans split into pieces that
 * carry every covering diagnostic's index (`data-diags`), the worst severity wins.
 */
export function renderMarks(editor, text, spans) {
  const content = el("span", { class: "content" });
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(clamp(s.start, text.length));
    cuts.add(clamp(s.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const empties = new Map(); // position -> spans of zero width there
  for (const s of spans) {
    if (s.start === s.end) {
      const at = clamp(s.start, text.length);
      if (!empties.has(at)) empties.set(at, []);
      empties.get(at).push(s);
    }
  }
  const wide = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  let active = [];
  let next = 0;
  for (let i = 0; i < points.length; i += 1) {
    const at = points[i];
    if (empties.has(at)) content.append(markFor(empties.get(at), "", true));
    if (i + 1 === points.length) break;
    const to = points[i + 1];
    active = active.filter((s) => s.end > at);
    while (next < wide.length && wide[next].start <= at) {
      if (wide[next].end > at) active.push(wide[next]);
      next += 1;
    }
    const piece = text.slice(at, to);
    content.append(active.length === 0 ? document.createTextNode(piece) : markFor(active, piece, false));
  }
  // A final newline needs a character after it to take up its line, as in the textarea.
  if (text.endsWith("\n") || text === "") content.append(" ");
  const backdrop = editor.querySelector(".backdrop");
  backdrop.replaceChildren(content);
  editor.removeAttribute("data-stale");
  syncBackdrop(editor);
}

function markFor(spans, text, empty) {
  const severity = spans.some((s) => s.severity === "error") ? "error" : "warning";
  return el(
    "mark",
    {
      class: empty ? "empty" : null,
      "data-severity": severity,
      "data-diags": spans.map((s) => s.index).join(" "),
      "data-code": [...new Set(spans.map((s) => s.code))].join(" "),
    },
    text,
  );
}

const clamp = (n, max) => Math.max(0, Math.min(n, max));

/** Keeps an editor's backdrop the size of its textarea's text box and scrolled with it. */
export function syncBackdrop(editor) {
  const area = editor.querySelector("textarea");
  const backdrop = editor.querySelector(".backdrop");
  backdrop.style.width = `${area.clientWidth}px`;
  backdrop.style.height = `${area.clientHeight}px`;
  const content = backdrop.firstElementChild;
  if (content) content.style.transform = `translate(${-area.scrollLeft}px, ${-area.scrollTop}px)`;
}

/** "where 1:5" style position of a UTF-16 index in text (line and column from 1). */
export function position(text, index) {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return `${line}:${index - lineStart + 1}`;
}

/**
 * The diagnostic list. `items` are `{diagnostic, target, index}` where `target` is the editor
 * clause the span points into (or null). `actions` has `onFix(item)`, `onReveal(item)` and
 * `onHighlight(index|null)`.
 */
export function renderDiagnostics(list, items, total, texts, actions) {
  const nodes = items.map((item) => {
    const d = item.diagnostic;
    const where = item.target && d.span ? `${item.target} ${position(texts[item.target], d.span.start)}` : null;
    const fix = d.fix
      ? el(
          "button",
          {
            type: "button",
            "data-testid": "apply-fix",
            "data-applicability": d.fix.applicability,
            title: d.fix.applicability === "unsafe" ? "May change what the filter means: check the result" : null,
            onclick: () => actions.onFix(item),
          },
          `Fix: ${d.fix.title}${d.fix.applicability === "unsafe" ? " (unsafe)" : ""}`,
        )
      : null;
    const node = el(
      "li",
      {
        "data-testid": "diagnostic",
        "data-code": d.code,
        "data-severity": d.severity,
        "data-index": item.index,
        tabindex: 0,
        "aria-label": `${d.severity} ${d.code}${where ? ` at ${where}` : ""}: ${d.message}`,
        onmouseenter: () => actions.onHighlight(item.index),
        onmouseleave: () => actions.onHighlight(null),
        onfocusin: () => actions.onHighlight(item.index),
        onfocusout: () => actions.onHighlight(null),
        onkeydown: (event) => {
          if (event.key === "Enter" && event.target === node) {
            // Or the Enter would go on to the editor it focuses, replacing the selection.
            event.preventDefault();
            actions.onReveal(item);
          }
        },
      },
      el(
        "div",
        { class: "head" },
        el("span", { class: "severity" }, d.severity),
        el("span", { class: "code" }, d.code),
        where
          ? el("button", { type: "button", class: "where-at link", title: "Select in the editor", onclick: () => actions.onReveal(item) }, where)
          : null,
      ),
      el("p", { class: "message" }, d.message),
      d.help ? el("p", { class: "help" }, d.help) : null,
      fix,
    );
    return node;
  });
  if (total > items.length) nodes.push(el("li", { class: "more" }, `… and ${total - items.length} more`));
  list.replaceChildren(...nodes);
}

/**
 * The columns panel for a table in the schema's JSON shape (`{description, cost, columns}`,
 * columns a map from name to `{type, where, having, description}` or a list with `name`s),
 * or null. Clicking a column name calls `onPick(name)`.
 */
export function renderSchema(aside, name, table, used, filter, onPick) {
  aside.querySelector("#schema-table").textContent = table ? name : "—";
  aside.querySelector("#schema-description").textContent = table?.description ?? "Pick a table to see its columns.";
  const cost = table?.cost;
  aside.querySelector("#schema-cost").textContent = cost
    ? `Rows charged: ${price(cost.request)} per request, ${price(cost.result)} per result row, ` +
      `${price(cost.where, true)} with where, ${price(cost.having, true)} with having.`
    : "";
  const needle = filter.trim().toLowerCase();
  const rows = columnsOf(table)
    .filter((c) => needle === "" || c.name.toLowerCase().includes(needle))
    .map((c) =>
      el(
        "tr",
        { class: used.has(c.name) ? "used" : null, title: c.description ?? null },
        el("td", {}, el("button", { type: "button", class: "column", title: "Insert into the filter", onclick: () => onPick(c.name) }, c.name)),
        el("td", {}, c.type),
        flag(c.where),
        flag(c.having),
      ),
    );
  aside.querySelector("tbody").replaceChildren(...rows);
}

/** A table's columns as a list of `{name, type, where, having, description}`. */
function columnsOf(table) {
  const columns = table?.columns ?? [];
  if (Array.isArray(columns)) return columns;
  return Object.entries(columns).map(([name, column]) => ({ name, ...column }));
}

function flag(allowed) {
  return el("td", { class: allowed ? "yes" : "no", "aria-label": allowed ? "allowed" : "not allowed" }, allowed ? "yes" : "–");
}

/** A price in rows: `?` when the docs give none. */
function price(value, optional = false) {
  if (value === null || value === undefined) return optional ? "? (or not accepted)" : "?";
  return String(value);
}

/** The cost line, as the CLI's `cost` prints it. */
export function costText(cost) {
  if (!cost) return "";
  const parts = [`${price(cost.request)} (request)`, `${price(cost.result)} × ${cost.rows} (results)`];
  if (cost.where_sent) parts.push(`${price(cost.where)} (where)`);
  if (cost.having_sent) parts.push(`${price(cost.having)} (having)`);
  const total = cost.total === null || cost.total === undefined ? "unknown" : `${cost.total} rows`;
  return `${parts.join(" + ")} = ${total}`;
}

/**
 * The v3 panel: the v2 request beside its v3 translation, whether that is exact, and its notes.
 * `v3` is the worker's view of the package's translation (see worker.js `v3View`) or
 * `{error}`; `v2` is `{table, where, having, url}` as the page checked them (`url` redacted).
 * Until the package has a translator (`available` false) the placeholder in index.html stays.
 */
export function renderV3(box, v3, available, v2, onCopy) {
  if (!available) return;
  box.dataset.state = "translation";
  box.removeAttribute("data-stale");
  if (!v3 || v3.error) {
    box.dataset.exact = "false";
    const text = v3?.error ? `Not translated: ${v3.error}` : "Pick a table or paste a request to see its v3 form.";
    box.replaceChildren(el("p", { class: "placeholder" }, text));
    return;
  }
  box.dataset.exact = String(v3.exact);
  const translated = v3.endpoint !== null;
  let verdict;
  if (!translated) {
    const stopped = v3.v2Errors > 0 ? `the v2 request has ${count(v3.v2Errors, "error")} (see Diagnostics)` : "see the notes";
    verdict = `Not translated: ${stopped}${v3.noteCount ? `; ${count(v3.noteCount, "note")} below` : ""}.`;
  } else if (v3.exact) {
    verdict = "Exact: the v3 request means what the v2 one does.";
  } else {
    verdict = `Not exact: ${count(v3.noteCount, "note")} on what v3 says differently or what was assumed.`;
  }
  const v2Side = side(
    "v2",
    row("table (from)", v2.table ? code(v2.table) : null),
    row("where", v2.where ? code(v2.where) : null),
    row("having", v2.having ? code(v2.having) : null),
    v2.url ? row("URL", code(v2.url, { class: "url" })) : null,
  );
  const v3Side = side(
    "v3",
    row("endpoint", translated ? code(v3.endpoint) : null),
    ...v3.params.map(([name, value]) => row(name, code(value))),
    row("where", v3.whereText !== null ? el("pre", { "data-testid": "v3-where", tabindex: 0, "aria-label": "v3 where, as JSON" }, v3.whereText) : null),
    row(
      "URL",
      v3.url
        ? el(
            "div",
            {},
            el("code", { "data-testid": "v3-url", class: "url" }, v3.urlShown),
            el("button", { type: "button", class: "copy", onclick: () => onCopy(v3.url) }, "Copy v3 URL"),
          )
        : null,
    ),
  );
  const notes = v3.notes.map((d) =>
    el(
      "li",
      { "data-testid": "v3-note", "data-code": d.code, "data-severity": d.severity },
      el("div", { class: "head" }, el("span", { class: "severity" }, d.severity), el("span", { class: "code" }, d.code)),
      el("p", { class: "message" }, d.message),
      d.help ? el("p", { class: "help" }, d.help) : null,
    ),
  );
  if (v3.noteCount > notes.length) notes.push(el("li", { class: "more" }, `… and ${v3.noteCount - notes.length} more`));
  box.replaceChildren(
    el("p", { class: "verdict", "data-testid": "v3-exact" }, verdict),
    el("div", { class: "compare" }, v2Side, v3Side),
    v3.url ? el("p", { class: "hint" }, "v3 takes the API key in a header, Authorization: Bearer <key>, never in the URL.") : null,
    notes.length ? el("h3", { id: "v3-notes-heading" }, "Notes") : null,
    notes.length ? el("ol", { class: "diagnostics", "aria-labelledby": "v3-notes-heading" }, notes) : null,
  );
}

/** One side of the v2/v3 comparison: a heading and its rows. */
function side(name, ...rows) {
  const id = `v3-compare-${name}`;
  return el("section", { class: "side", "aria-labelledby": id }, el("h3", { id }, name), el("dl", {}, rows));
}

/** A term and its value; an absent value shows as a dash. */
function row(term, value) {
  return [el("dt", {}, term), el("dd", {}, value ?? el("span", { class: "none" }, "—"))];
}

/** Longest v2 text the panel repeats (the editors hold all of it). */
const SIDE_LIMIT = 4000;

const code = (text, attrs = {}) =>
  el("code", attrs, text.length > SIDE_LIMIT ? `${text.slice(0, SIDE_LIMIT)}… (${text.length - SIDE_LIMIT} more characters)` : text);

const count = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;
