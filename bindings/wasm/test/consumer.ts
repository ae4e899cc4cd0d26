// A TypeScript user of the package, compiled with `tsc --strict` by test.sh and run: the
// declarations must describe what the calls return.
import {
  check,
  cost,
  fix,
  format,
  FilterError,
  lintUrls,
  parse,
  table,
  tables,
  v3,
  v3Url,
  type CheckReport,
  type Diagnostic,
  type Edit,
  type Options,
  type Span,
  type UrlReport,
  type V3Filter,
  type V3Options,
  type V3Translation,
} from "ahrefs-filter";

// No @types/node: the one host function used.
declare const console: { log(message: string): void };

function slice(text: string, span: Span | null): string | null {
  return span === null ? null : text.slice(span.start, span.end);
}

function describe(edit: Edit): string {
  if (edit.append) return `append ${edit.text} to ${edit.clause}`;
  return `replace ${edit.span.start}..${edit.span.end} of ${edit.clause ?? "the request"} with ${edit.text}`;
}

const options: Options = { noLint: ["whitespace"], today: "2026-12-01" };
const where = 'anchor="é😀",nope=1';
const report: CheckReport = check("anchors", where, undefined, options);
const first: Diagnostic | undefined = report.diagnostics[0];
if (first === undefined || slice(where, first.span) !== "nope") {
  throw new Error("the span does not slice `nope`");
}
const canonical: string | null = report.canonical.where;

const fixed = fix("backlinks_one_per_domain", "domain_rating>30");
const edits = check("backlinks_one_per_domain", "domain_rating>30").diagnostics.flatMap(
  (d) => d.fix?.edits.map(describe) ?? [],
);

let syntax: readonly Diagnostic[] = [];
try {
  format("ahrefs_rank!=10");
} catch (e) {
  if (e instanceof FilterError && e.kind === "syntax") syntax = e.diagnostics;
}

const ast = parse("ahrefs_rank>10");
const condition = ast.conditions[0];
const column = condition?.kind === "comparison" ? condition.column.name : undefined;

const reports: UrlReport[] = lintUrls(["from=refdomains&target=ahrefs.com&mode=exact"]);
const total: number | null = cost("pages", 10).total;
const types = Object.values(table("refdomains").tables).map((t) => Object.keys(t.columns).length);
const count = Object.keys(tables().tables).length;

function fields(filter: V3Filter | null): string[] {
  if (filter === null) return [];
  if ("and" in filter) return filter.and.flatMap(fields);
  if ("or" in filter) return filter.or.flatMap(fields);
  if ("not" in filter) return fields(filter.not);
  return [filter.field];
}

const v3Options: V3Options = { history: "live", boolLiteral: "01", dates: "day" };
const translated: V3Translation = v3("refdomains", null, "domain_rating>=30", v3Options);
const v3Fields = fields(translated.where);
const v3Request: string | null = v3Url("from=anchors&target=a.com&mode=domain").url;
if (v3Fields[0] !== "domain_rating" || v3Request === null) throw new Error("v3 did not translate");

console.log(
  JSON.stringify({ canonical, fixed, edits, syntax: syntax.length, column, reports: reports.length, total, types, count, v3Fields, v3Request }),
);
