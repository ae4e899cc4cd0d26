// Type declarations of the npm package `ahrefs-filter` (hand-written; the shapes are the
// CLI's `--format json` output, spec §6).

/**
 * Where a diagnostic points: `start`/`end` are JavaScript string indices (UTF-16 code
 * units) into the text the span is about, so `text.slice(span.start, span.end)` is the
 * offending text; `byteStart`/`byteEnd` are the same place in UTF-8 bytes.
 */
export interface Span {
  start: number;
  end: number;
  byteStart: number;
  byteEnd: number;
}

/** How bad a diagnostic is. */
export type Severity = "error" | "warning";

/** A filter clause of a request. */
export type Clause = "where" | "having";

/** Codes of warnings, which `noLint` may turn off. */
export type WarningCode =
  | "colon-equality"
  | "quoted-number"
  | "whitespace"
  | "string-ordering"
  | "comma-in-value"
  | "unsatisfiable"
  | "redundant"
  | "duplicate"
  | "impossible-value"
  | "always-true"
  | "future-date"
  | "repeated-parameter"
  | "unknown-parameter"
  | "truncated"
  | "v3-inexact"
  | "v3-assumed";

/** Codes of errors. */
export type ErrorCode =
  | "syntax"
  | "unquoted-string"
  | "unknown-function"
  | "invalid-escape"
  | "integer-overflow"
  | "unknown-table"
  | "unknown-column"
  | "clause-not-allowed"
  | "operator-not-allowed"
  | "type-mismatch"
  | "invalid-date"
  | "percent-encoding"
  | "missing-parameter"
  | "invalid-parameter"
  | "v3-no-endpoint"
  | "v3-no-field"
  | "v3-untranslatable";

/** A diagnostic's stable kebab-case code; new codes may come in minor releases. */
export type Code = WarningCode | ErrorCode | (string & {});

/** Replace the text at `span` of the diagnostic's own clause (or request) with `text`. */
export interface ReplaceEdit {
  clause: Clause | null;
  span: Span;
  /** The replacement; empty to delete. */
  text: string;
  append?: undefined;
}

/** Add the condition `text` (canonical) at the end of `clause`'s filter, creating it if absent. */
export interface AppendEdit {
  clause: Clause;
  span: null;
  text: string;
  append: true;
}

/** One change of a fix, as the CLI's JSON writes it. */
export type Edit = ReplaceEdit | AppendEdit;

/** A machine-applicable repair of one diagnostic. */
export interface Fix {
  /** What the fix does, for people. */
  title: string;
  /** `"safe"` fixes are what `fix()` applies; `"unsafe"` ones are only shown. */
  applicability: "safe" | "unsafe";
  edits: Edit[];
}

/** A problem found in a filter or a request. */
export interface Diagnostic {
  severity: Severity;
  code: Code;
  message: string;
  /** The clause whose filter `span` points into; `null` for the request as a whole. */
  clause: Clause | null;
  span: Span | null;
  help: string | null;
  fix: Fix | null;
}

/** A request's two filters (`null` when absent, or when the filter does not parse). */
export interface Clauses {
  where: string | null;
  having: string | null;
}

/** What `check` found. */
export interface CheckReport {
  /** The table checked against. */
  table: string;
  /** Every problem: `where`'s first, then `having`'s, each in source order. */
  diagnostics: Diagnostic[];
  /** Each filter in canonical form. */
  canonical: Clauses;
}

/** What `fix` returns: the request with every safe fix applied, in canonical form. */
export interface FixedRequest {
  /** `null` when absent or emptied. */
  where: string | null;
  having: string | null;
  /** How many fixes were applied. */
  applied: number;
}

/** What `lintUrl` found in one request. */
export interface UrlReport {
  /** The request, trimmed, its token replaced by `***`; request-level spans index it. */
  url: string;
  /** The decoded `from`. */
  table: string | null;
  diagnostics: Diagnostic[];
  canonical: Clauses;
  /** The filters as percent-decoded, which the spans of filter diagnostics index. */
  decoded: Clauses;
}

/** The rows a request is charged (spec §4); `null` is an unknown price, never 0. */
export interface Cost {
  table: string;
  rows: number;
  request: number | null;
  result: number | null;
  results: number | null;
  where: number | null;
  having: number | null;
  where_sent: boolean;
  having_sent: boolean;
  total: number | null;
}

/** A column's type. */
export type ColumnType = "int" | "string" | "date" | "boolean" | "float";

/**
 * The values a column holds, which the lints compare conditions with: integer ranges
 * `[lowest, highest]` on an int column (bounds beyond 2^53, such as the i64 maximum, are
 * rounded as JavaScript numbers), or the strings on a string column.
 */
export interface ColumnDomain {
  ints?: Array<[number, number]>;
  strings?: string[];
  /** The values in words. */
  described: string;
  /** What the column holds. */
  what: string;
  /** Where the domain is documented. */
  source: string;
  note?: string;
}

/** One column of a table schema. */
export interface ColumnSchema {
  type: ColumnType;
  /** Whether the column may appear in `where`. */
  where: boolean;
  /** Whether the column may appear in `having`. */
  having: boolean;
  domain?: ColumnDomain;
  description: string;
  provenance: string;
  note?: string;
}

/** A table's prices in rows (`null`: not documented). */
export interface TableCost {
  request: number | null;
  result: number | null;
  where: number | null;
  having: number | null;
}

/** One table of a schema. */
export interface TableSchema {
  description: string;
  response_key: string | null;
  cost: TableCost;
  columns: Record<string, ColumnSchema>;
  source: string;
  source_quality: string;
  notes: string[];
}

/** A schema: what `tables()` returns and what the `schema` option takes. */
export interface Schema {
  tables: Record<string, TableSchema>;
}

/** A column name as written. */
export interface ColumnNode {
  name: string;
  span: Span;
}

/** A literal: a string (unescaped), an integer or a boolean. */
export interface LiteralNode {
  value: string | number | boolean;
  span: Span;
}

/** `column op literal`. */
export interface ComparisonNode {
  kind: "comparison";
  column: ColumnNode;
  operator: {
    kind: "=" | "<>" | "<" | "<=" | ">" | ">=";
    /** True when the filter wrote `:` for `=`. */
    colon_alias: boolean;
    span: Span;
  };
  value: LiteralNode;
  span: Span;
}

/** `function(column,literal)`. */
export interface CallNode {
  kind: "call";
  function: { name: "substring" | "word" | "subdomain"; span: Span };
  column: ColumnNode;
  argument: LiteralNode;
  span: Span;
}

/** What `parse` returns. Integers beyond 2^53 lose precision as JavaScript numbers. */
export interface FilterNode {
  conditions: Array<ComparisonNode | CallNode>;
  span: Span;
}

/** Options of the calls that check. */
export interface Options {
  /** Warning codes to turn off; an error code or an unknown one throws. */
  noLint?: WarningCode[];
  /** A schema whose tables replace or add to the built-in ones: JSON text or an object. */
  schema?: string | Schema;
  /** Today's date `YYYY-MM-DD` for the `future-date` lint; the host's date (UTC) when absent. */
  today?: string;
}

/** Options of the calls that read only the schema. */
export type SchemaOptions = Pick<Options, "schema">;

/** What kind of call failed. */
export type FilterErrorKind = "syntax" | "unknown-table" | "invalid-options";

/** A call that failed: a filter that does not parse, an unknown table, a bad option. */
export declare class FilterError extends Error {
  readonly name: "FilterError";
  readonly kind: FilterErrorKind;
  /** The diagnostics behind the error (empty for a bad option). */
  readonly diagnostics: Diagnostic[];
}

/** Type-checks a request's filters against `table`; an unknown table is a diagnostic. */
export declare function check(
  table: string,
  where?: string | null,
  having?: string | null,
  options?: Options,
): CheckReport;

/** Applies every safe fix, repeatedly until none is left. */
export declare function fix(
  table: string,
  where?: string | null,
  having?: string | null,
  options?: Options,
): FixedRequest;

/** The canonical form of `filter`; throws a `FilterError` with its syntax errors. */
export declare function format(filter: string): string;

/** The syntax tree of `filter`; throws a `FilterError` with its syntax errors. */
export declare function parse(filter: string): FilterNode;

/** Lints one whole request (a URL or a query string). */
export declare function lintUrl(url: string, options?: Options): UrlReport;

/** Lints many requests in one call (cheaper than one call each). */
export declare function lintUrls(urls: readonly string[], options?: Options): UrlReport[];

/** The rows a request is charged; throws a `FilterError` for an unknown table. */
export declare function cost(
  table: string,
  rows: number,
  where?: string | null,
  having?: string | null,
  options?: SchemaOptions,
): Cost;

/** The schema: the built-in tables, with the `schema` option's merged over them. */
export declare function tables(options?: SchemaOptions): Schema;

/** One table as a schema of that table alone; throws a `FilterError` if unknown. */
export declare function table(name: string, options?: SchemaOptions): Schema;

/** A JSON value in a v3 condition. */
export type V3Value = boolean | number | string | null;

/** A v3 condition on a value: `[op, value]`, or one of the bare strings `"empty"` and `"is_null"`. */
export type V3Condition =
  | [
      | "eq" | "neq" | "gt" | "gte" | "lt" | "lte"
      | "substring" | "isubstring" | "phrase_match" | "iphrase_match"
      | "prefix" | "suffix" | "regex",
      V3Value,
    ]
  | "empty"
  | "is_null";

/** Conditions combined without fields, for the elements of an array field. */
export type V3ConditionTree =
  | V3Condition
  | { and: V3ConditionTree[] }
  | { or: V3ConditionTree[] }
  | { not: V3ConditionTree };

/** A v3 `where` filter (v3-translation.md §2), as the JSON value sent. */
export type V3Filter =
  | { and: V3Filter[] }
  | { or: V3Filter[] }
  | { not: V3Filter }
  | { field: string; is: V3Condition }
  | { field: string; list_is: { any: V3ConditionTree } | { all: V3ConditionTree } };

/**
 * A v2 request or filter pair translated to the API v3: the CLI's `v3 --format json` object.
 * When any diagnostic is an error nothing is emitted: `endpoint`, `where` and `url` are
 * `null` and `params` is empty. Diagnostics point into the v2 text: those with a `clause`
 * into that filter, the others into the v2 request with its token redacted.
 */
export interface V3Translation {
  /** The v2 table. */
  table: string | null;
  /** The v3 endpoint's path, e.g. `site-explorer/all-backlinks`. */
  endpoint: string | null;
  /** The v3 query parameters in the order sent, each value as sent (`where` as its JSON text). */
  params: Record<string, string>;
  /** The v3 `where`, when there is one. */
  where: V3Filter | null;
  /** The v3 request URL, every value percent-encoded; it never holds a key (v3 takes it in an `Authorization: Bearer` header). */
  url: string | null;
  /** True only when the translation carries no diagnostic at all. */
  exact: boolean;
  /** v2 errors (nothing translated), then `v3-*` errors and warnings. */
  diagnostics: Diagnostic[];
}

/**
 * The choices the evidence leaves open (the CLI's `v3` flags). Each one absent takes the
 * default and is reported as a `v3-assumed` warning; a bad value throws a `FilterError`.
 */
export interface V3Options {
  /** `history` to send: `"live"` (default), `"all_time"` or `"since:YYYY-MM-DD"`. */
  history?: string;
  /** Booleans as JSON `true`/`false` (`"true"`, default) or as `1`/`0` (`"01"`). */
  boolLiteral?: "true" | "01";
  /** Date conditions as whole-day ranges (`"day"`, default) or as written (`"raw"`). */
  dates?: "day" | "raw";
}

/** Translates the filters of v2 `table` to the API v3 (`ahrefs-filter v3 --table`). */
export declare function v3(
  table: string,
  where?: string | null,
  having?: string | null,
  options?: V3Options,
): V3Translation;

/** Translates a whole v2 request (a URL or a query string) to the API v3 (`ahrefs-filter v3 URL`). */
export declare function v3Url(url: string, options?: V3Options): V3Translation;
