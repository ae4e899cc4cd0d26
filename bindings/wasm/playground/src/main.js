// The playground page: wires the controls to the checker in worker.js and renders what it
// finds. Typing never waits for the checker: every change bumps `latest`, the state is sent
// after a short pause, and an answer for anything but the latest change is dropped.
import init, * as pkg from "./pkg.js";
import { applyFix, readFragment, setQueryParam, writeFragment } from "./state.js";
import { MAX_SHOWN, costText, renderDiagnostics, renderMarks, renderSchema, renderV3, syncBackdrop } from "./render.js";

/** Pause after the last keystroke before the state is checked, in milliseconds. */
const DEBOUNCE_MS = 120;

const $ = (id) => document.getElementById(id);
const fields = { table: $("table"), where: $("where"), having: $("having"), url: $("url"), rows: $("rows") };
const editors = Object.fromEntries(["where", "having", "url"].map((k) => [k, fields[k].closest(".editor")]));
const status = $("status");

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const calls = new Map(); // id -> resolve, for requests other than `analyze`
let nextId = 0;
let latest = 0; // id of the newest state; only its analysis is shown
let timer = null;
let shown = null; // { result, texts, items } of the analysis on screen
let discarded = 0;
let v3Available = false;
let writtenHash = null;
let columnsFilter = "";
let note = ""; // said with the next "Checked" status (what the last action did)
let lastFilter = "where"; // the filter editor a picked column goes into

const options = () => ({});

// ---- the worker --------------------------------------------------------------------------

worker.onmessage = ({ data }) => {
  const call = calls.get(data.id);
  if (call) {
    calls.delete(data.id);
    call(data);
    return;
  }
  if (data.id !== latest) {
    // An answer for text that has changed since: never shown.
    discarded += 1;
    status.dataset.discarded = String(discarded);
    return;
  }
  if (data.error) {
    setStatus("error", `The checker failed: ${data.error}`);
    return;
  }
  show(data.result, data.ms);
};
worker.onerror = (event) => setStatus("error", `The checker could not start: ${event.message ?? "see the console"}`);

function call(op, payload = {}) {
  nextId += 1;
  const id = `call-${nextId}`;
  return new Promise((resolve) => {
    calls.set(id, resolve);
    worker.postMessage({ id, op, ...payload });
  });
}

function state() {
  return {
    table: fields.table.value,
    where: fields.where.value,
    having: fields.having.value,
    url: fields.url.value,
    rows: fields.rows.value,
  };
}

/** A change happened: the shown results are stale from now on; check after a pause. */
function changed() {
  nextId += 1;
  latest = nextId;
  for (const editor of Object.values(editors)) editor.setAttribute("data-stale", "");
  $("v3").setAttribute("data-stale", "");
  status.dataset.state = "pending";
  clearTimeout(timer);
  timer = setTimeout(send, DEBOUNCE_MS);
}

function send() {
  timer = null;
  const current = state();
  writeHash(current);
  setStatus("checking", "Checking…");
  worker.postMessage({ id: latest, op: "analyze", state: current, options: options() });
}

function writeHash(current) {
  const hash = writeFragment(current);
  writtenHash = hash;
  if (hash !== location.hash && !(hash === "" && location.hash === "")) {
    history.replaceState(null, "", hash === "" ? location.pathname + location.search : hash);
  }
}

function setStatus(kind, text) {
  status.dataset.state = kind;
  status.textContent = text;
}

// ---- showing an analysis -------------------------------------------------------------------

function show(result, ms) {
  const { report, urlMode } = result;
  if (urlMode) {
    // The request is the source: its table and decoded filters fill the fields.
    setValue(fields.table, report.table ?? "");
    setValue(fields.where, report.decoded?.where ?? "");
    setValue(fields.having, report.decoded?.having ?? "");
  }
  const texts = { where: fields.where.value, having: fields.having.value, url: fields.url.value.trim() };
  const { counts } = result;
  const items = (report.diagnostics ?? []).slice(0, MAX_SHOWN).map((diagnostic, index) => ({ diagnostic, index, target: targetOf(diagnostic, urlMode) }));
  shown = { result, texts, items };

  for (const clause of ["where", "having", "url"]) {
    const spans = items
      .filter((i) => i.target === clause)
      .map((i) => ({ start: i.diagnostic.span.start, end: i.diagnostic.span.end, severity: i.diagnostic.severity, code: i.diagnostic.code, index: i.index }));
    // The URL field shows the request as typed; its spans count in the trimmed text.
    const lead = clause === "url" ? fields.url.value.length - fields.url.value.trimStart().length : 0;
    renderMarks(editors[clause], fields[clause].value, spans.map((s) => ({ ...s, start: s.start + lead, end: s.end + lead })));
  }
  renderDiagnostics($("diagnostics"), items, counts.total, texts, { onFix: applyOne, onReveal: reveal, onHighlight: highlight });
  const errors = counts.errors;
  const warnings = counts.total - errors;
  $("summary").textContent = `${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`;
  $("no-diagnostics").hidden = counts.total !== 0;
  $("canonical-where").textContent = canonicalText(report.canonical?.where, texts.where);
  $("canonical-having").textContent = canonicalText(report.canonical?.having, texts.having);
  $("cost").textContent = result.table ? costText(result.cost) || "The cost needs a row count." : "Pick a known table to see the cost.";
  renderSchema($("schema-table").closest("aside"), result.tableName, result.table, new Set(result.used ?? []), columnsFilter, insertColumn);
  const v2 = {
    table: result.tableName,
    where: report.canonical?.where ?? given(texts.where),
    having: report.canonical?.having ?? given(texts.having),
    url: urlMode ? report.url : null,
  };
  renderV3($("v3"), result.v3, v3Available, v2, copyV3Url);
  $("fix-all").disabled = counts.safeFixes === 0;
  setStatus("done", `${note}Checked in ${ms.toFixed(1)} ms.`);
  note = "";
  status.dataset.checked = String(latest);
}

/** The editor a diagnostic's span points into, or null. */
function targetOf(diagnostic, urlMode) {
  if (!diagnostic.span) return null;
  if (diagnostic.clause === "where" || diagnostic.clause === "having") return diagnostic.clause;
  return urlMode ? "url" : null;
}

function canonicalText(canonical, text) {
  if (canonical !== null && canonical !== undefined) return canonical;
  return text.trim() === "" ? "" : "(does not parse)";
}

/** Non-blank text, or null. */
const given = (text) => (text.trim() === "" ? null : text);

async function copyV3Url(url) {
  try {
    await navigator.clipboard.writeText(url);
    setStatus("done", "v3 URL copied.");
  } catch {
    setStatus("done", "Select the v3 URL to copy it.");
  }
}

function setValue(field, value) {
  if (field.value !== value) field.value = value;
}

function highlight(index) {
  for (const mark of document.querySelectorAll("mark.active")) mark.classList.remove("active");
  if (index === null) return;
  const marks = [...document.querySelectorAll(".backdrop mark")].filter((m) => m.dataset.diags.split(" ").includes(String(index)));
  for (const mark of marks) mark.classList.add("active");
  const first = marks[0];
  if (first) {
    // Scroll the editor so the highlighted span is in view.
    const area = first.closest(".editor").querySelector("textarea");
    const top = first.offsetTop;
    if (top < area.scrollTop || top > area.scrollTop + area.clientHeight - 20) {
      area.scrollTop = Math.max(0, top - 20);
      syncBackdrop(first.closest(".editor"));
    }
  }
}

function reveal(item) {
  const field = fields[item.target];
  if (!field || !item.diagnostic.span) return;
  const lead = item.target === "url" ? field.value.length - field.value.trimStart().length : 0;
  field.focus();
  field.setSelectionRange(item.diagnostic.span.start + lead, item.diagnostic.span.end + lead);
}

// ---- editing -------------------------------------------------------------------------------

/**
 * Puts new texts in the editors: a `url` first, then filters (which, when there is a request
 * URL, are written into it too). Absent keys are left as they are.
 */
function setFilters(texts) {
  if (texts.url !== undefined) fields.url.value = texts.url;
  for (const clause of ["where", "having"]) {
    if (texts[clause] === undefined || texts[clause] === fields[clause].value) continue;
    fields[clause].value = texts[clause];
    if (inUrlMode()) fields.url.value = setQueryParam(fields.url.value, clause, texts[clause]);
  }
}

function applyOne(item) {
  if (!shown) return;
  const fixed = applyFix(shown.texts, item.diagnostic, inUrlMode() ? "url" : null);
  if (!fixed) {
    setStatus("error", "This fix no longer applies to the text.");
    return;
  }
  // Only the texts the fix edits: the others may have been typed in since.
  setFilters(Object.fromEntries(Object.entries(fixed).filter(([k, v]) => v !== shown.texts[k])));
  changed();
  (fields[item.target ?? "where"] ?? fields.where).focus();
}

async function fixAll() {
  // Pending from the click on: the page is not done until the fixed text is checked.
  setStatus("pending", "Fixing…");
  const table = inUrlMode() ? shown?.result.report.table ?? "" : fields.table.value;
  const { result, error } = await call("fixAll", { state: { ...state(), table }, options: options() });
  if (error) {
    setStatus("error", `Fix all failed: ${error}`);
    return;
  }
  setFilters({ where: result.where ?? result.where_filter ?? "", having: result.having ?? result.having_filter ?? "" });
  note = `Applied ${result.applied} ${result.applied === 1 ? "fix" : "fixes"}. `;
  changed();
}

/** Inserts a column name at the caret of the filter editor used last, as if typed. */
function insertColumn(name) {
  const field = fields[lastFilter];
  field.focus();
  field.setRangeText(name, field.selectionStart, field.selectionEnd, "end");
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

const inUrlMode = () => fields.url.value.trim() !== "";

/** The request URL with its token redacted by the library (one copy of that rule). */
function redact(url) {
  if (url.trim() === "") return url;
  const redacted = typeof pkg.redactUrl === "function" ? pkg.redactUrl(url) : pkg.lintUrl(url.trim(), options()).url;
  return redacted === url.trim() ? url : redacted;
}

function onUrlInput() {
  const value = fields.url.value;
  const redacted = redact(value);
  if (redacted !== value) {
    // Keep the caret where it was relative to the end: the token sits before most of it.
    const fromEnd = value.length - fields.url.selectionEnd;
    fields.url.value = redacted;
    const at = Math.max(0, redacted.length - fromEnd);
    fields.url.setSelectionRange(at, at);
  }
  changed();
}

function onFilterInput(clause) {
  if (inUrlMode()) fields.url.value = setQueryParam(fields.url.value, clause, fields[clause].value);
  changed();
}

function onTableInput() {
  if (inUrlMode()) fields.url.value = setQueryParam(fields.url.value, "from", fields.table.value.trim());
  changed();
}

function load(hash) {
  const saved = readFragment(hash);
  const fresh = hash.replace(/^#/, "") === "";
  fields.table.value = fresh ? "backlinks_one_per_domain" : saved.table;
  fields.where.value = saved.where;
  fields.having.value = saved.having;
  fields.url.value = redact(saved.url);
  fields.rows.value = saved.rows;
  // A link with a token in it: the address bar drops it now, not after the first check.
  writeHash(state());
  changed();
}

// ---- start ---------------------------------------------------------------------------------

async function start() {
  try {
    await init();
  } catch (error) {
    setStatus("error", `The checker could not load: ${error?.message ?? error}`);
    return;
  }
  const { result, error } = await call("tables");
  if (error) {
    setStatus("error", `The checker could not list its tables: ${error}`);
    return;
  }
  v3Available = result.v3;
  const names = result.tables.map((t) => (typeof t === "string" ? t : t.name));
  $("table-names").replaceChildren(...names.map((name) => Object.assign(document.createElement("option"), { value: name })));

  fields.table.addEventListener("input", onTableInput);
  fields.where.addEventListener("input", () => onFilterInput("where"));
  fields.where.addEventListener("focus", () => (lastFilter = "where"));
  fields.having.addEventListener("focus", () => (lastFilter = "having"));
  fields.having.addEventListener("input", () => onFilterInput("having"));
  fields.url.addEventListener("input", onUrlInput);
  fields.rows.addEventListener("input", changed);
  $("fix-all").addEventListener("click", fixAll);
  $("copy-link").addEventListener("click", async () => {
    writeHash(state());
    try {
      await navigator.clipboard.writeText(location.href);
      setStatus("done", "Link copied.");
    } catch {
      setStatus("done", "Copy the address bar: it holds the whole state.");
    }
  });
  $("clear").addEventListener("click", () => {
    for (const clause of ["where", "having", "url"]) fields[clause].value = "";
    changed();
    fields.where.focus();
  });
  $("column-filter").addEventListener("input", (event) => {
    columnsFilter = event.target.value;
    if (shown) renderSchema($("schema-table").closest("aside"), shown.result.tableName, shown.result.table, new Set(shown.result.used ?? []), columnsFilter, insertColumn);
  });
  for (const [clause, editor] of Object.entries(editors)) {
    const area = fields[clause];
    area.addEventListener("scroll", () => syncBackdrop(editor));
    new ResizeObserver(() => syncBackdrop(editor)).observe(area);
  }
  window.addEventListener("hashchange", () => {
    // A link opened in this tab (not our own replaceState, which fires no event).
    if (location.hash !== writtenHash) load(location.hash);
  });
  for (const field of Object.values(fields)) field.disabled = false;
  load(location.hash);
}

for (const field of Object.values(fields)) field.disabled = true;
start();
