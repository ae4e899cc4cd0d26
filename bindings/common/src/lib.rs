//! The binding API of `ahrefs-filter`, implemented once for the JavaScript
//! (`bindings/wasm`), Python (`bindings/python`) and C (`bindings/c`) bindings.
//!
//! Every operation takes strings and returns a [`serde::Serialize`] value in the CLI's JSON
//! shape (spec §6), which a binding hands to its language as a plain object (a JS object, a
//! Python dict). Spans are [`HostSpan`]s: `{start, end}` in the host's string indices (a
//! [`Style`]), with the byte offsets beside them.
//!
//! ```
//! use ahrefs_filter_bindings::{check, Options, Style};
//!
//! let filter = r#"anchor="é😀",nope=1"#;
//! let report = check("anchors", Some(filter), None, &Options::default(), Style::JS)?;
//! let span = report.diagnostics[0].span.unwrap();
//! assert_eq!(report.diagnostics[0].code.as_str(), "unknown-column");
//! // JavaScript's `filter.slice(13, 17)` is `nope`; bytes 16..20 are too.
//! assert_eq!((span.start, span.end), (13, 17));
//! assert_eq!(&filter[span.byte_start as usize..span.byte_end as usize], "nope");
//! # Ok::<(), ahrefs_filter_bindings::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod index;
mod options;
pub mod report;
mod v3;

use ahrefs_filter::check::Request;
use ahrefs_filter::cost::estimate_request;
use ahrefs_filter::request::Scratch;
use ahrefs_filter::schema::TableDef;
use serde::Serialize;

pub use ahrefs_filter::schema::Schema;
pub use error::{Error, ErrorKind};
pub use index::{host_index, HostSpan, Keys, Style, Unit};
pub use options::Options;
pub use report::{CheckReport, CostOut, DiagnosticOut, FixedOut, UrlReportOut};
pub use v3::{v3, v3_url, V3Options, V3Out};

/// `value` as compact JSON.
pub fn json(value: &impl Serialize) -> String {
    // The values here are plain data with string keys: serializing them cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

fn request<'a>(
    table: &'a str,
    where_filter: Option<&'a str>,
    having: Option<&'a str>,
) -> Request<'a> {
    Request {
        table,
        where_filter,
        having_filter: having,
    }
}

/// Type-checks a request's filters against `table`: the report `check --format json`
/// prints. An unknown table is a diagnostic in the report, not an error; only bad
/// [`Options`] are.
///
/// ```
/// use ahrefs_filter_bindings::{check, Options, Style};
/// let report = check("backlinks_one_per_domain", Some("domain_rating>30"), None,
///     &Options::default(), Style::JS)?;
/// assert_eq!(report.diagnostics[0].code.as_str(), "clause-not-allowed");
/// assert_eq!(report.canonical.where_filter.as_deref(), Some("domain_rating>30"));
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn check(
    table: &str,
    where_filter: Option<&str>,
    having: Option<&str>,
    options: &Options,
    style: Style,
) -> Result<CheckReport, Error> {
    options::with_linter(options, |linter| {
        let report = linter
            .checker()
            .check(&request(table, where_filter, having));
        report::check_report(report, where_filter, having, style)
    })
}

/// Applies every safe fix to a request, repeatedly until none is left: the fixed filters in
/// canonical form.
///
/// ```
/// use ahrefs_filter_bindings::{fix, Options};
/// let fixed = fix("backlinks_one_per_domain", Some("domain_rating>30, anchor=seo"), None,
///     &Options::default())?;
/// assert_eq!(fixed.where_filter.as_deref(), Some(r#"anchor="seo""#));
/// assert_eq!(fixed.having.as_deref(), Some("domain_rating>30"));
/// assert_eq!(fixed.applied, 2);
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn fix(
    table: &str,
    where_filter: Option<&str>,
    having: Option<&str>,
    options: &Options,
) -> Result<FixedOut, Error> {
    options::with_linter(options, |linter| {
        report::fixed(linter.checker().fix(&request(table, where_filter, having)))
    })
}

/// The canonical form of `filter`, or a [`ErrorKind::Syntax`] error with its syntax errors.
///
/// ```
/// use ahrefs_filter_bindings::{format, Style};
/// assert_eq!(format("ahrefs_rank > 007 , type:\"lost\"", Style::JS)?, r#"ahrefs_rank>7,type="lost""#);
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn format(filter: &str, style: Style) -> Result<String, Error> {
    ahrefs_filter::parse(filter)
        .map(|ast| ast.canonical())
        .map_err(|errors| syntax_error(errors, filter, style))
}

fn syntax_error(errors: ahrefs_filter::ParseErrors, filter: &str, style: Style) -> Error {
    let diagnostics = errors
        .diagnostics
        .into_iter()
        .map(|d| report::diagnostic(d, filter, style))
        .collect();
    Error::with_diagnostics(ErrorKind::Syntax, diagnostics)
}

/// The syntax tree of `filter` in the shape `ahrefs-filter parse` prints (its spans
/// converted), or a [`ErrorKind::Syntax`] error.
///
/// ```
/// use ahrefs_filter_bindings::{parse, Style};
/// let ast = parse("gov=true", Style::JS)?;
/// assert_eq!(ast["conditions"][0]["column"]["name"], "gov");
/// assert_eq!(ast["conditions"][0]["value"]["span"]["start"], 4);
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn parse(filter: &str, style: Style) -> Result<serde_json::Value, Error> {
    let json = parse_json(filter, style)?;
    serde_json::from_str(&json)
        .map_err(|e| Error::options(format!("cannot represent the syntax tree: {e}")))
}

/// [`parse`] as compact JSON text, for bindings that hand JSON across: the library's own
/// serialization of the tree, with each span rewritten in place.
///
/// ```
/// use ahrefs_filter_bindings::{parse_json, Style};
/// let json = parse_json(r#"a="é",b=1"#, Style::JS)?;
/// assert!(json.contains(r#""name":"b","span":{"start":6,"end":7,"byteStart":7,"byteEnd":8}"#));
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn parse_json(filter: &str, style: Style) -> Result<String, Error> {
    let ast = ahrefs_filter::parse(filter).map_err(|errors| syntax_error(errors, filter, style))?;
    let json = serde_json::to_string(&ast)
        .map_err(|e| Error::options(format!("cannot represent the syntax tree: {e}")))?;
    Ok(index::host_spans_in_json(&json, filter, style))
}

/// Lints one whole request (a URL or a query string), the token redacted.
///
/// ```
/// use ahrefs_filter_bindings::{lint_url, Options, Style};
/// let report = lint_url("?token=s3cret&from=refdomains&target=ahrefs.com&mode=domian",
///     &Options::default(), Style::JS)?;
/// assert_eq!(report.url, "?token=***&from=refdomains&target=ahrefs.com&mode=domian");
/// let span = report.diagnostics[0].span.unwrap();
/// assert_eq!(&report.url[span.start as usize..span.end as usize], "domian");
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn lint_url(url: &str, options: &Options, style: Style) -> Result<UrlReportOut, Error> {
    options::with_linter(options, |linter| {
        report::url_report(linter.lint(url), style)
    })
}

/// Lints many requests with one set of options: the batch form of [`lint_url`], which
/// resolves the options once and reuses its buffers from one request to the next.
///
/// ```
/// use ahrefs_filter_bindings::{lint_urls, Options, Style};
/// let reports = lint_urls(["from=pages", "from=refdomains&target=a.com&mode=exact"],
///     &Options::default(), Style::PYTHON)?;
/// assert_eq!(reports.len(), 2);
/// assert!(reports[1].diagnostics.is_empty());
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn lint_urls<I>(urls: I, options: &Options, style: Style) -> Result<Vec<UrlReportOut>, Error>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    options::with_linter(options, |linter| {
        let mut scratch = Scratch::default();
        urls.into_iter()
            .map(|url| report::url_report(linter.lint_in(url.as_ref(), &mut scratch), style))
            .collect()
    })
}

/// The rows a request on `table` returning `rows` rows is charged (spec §4); only whether
/// each filter is sent matters. An unknown table is an [`ErrorKind::UnknownTable`] error.
///
/// ```
/// use ahrefs_filter_bindings::{cost, Options};
/// let charge = cost("backlinks_one_per_domain", 1000, Some("ahrefs_rank>10"),
///     Some("domain_rating>30"), &Options::default())?;
/// // 10 + 2 × 1000 + 5 + 5
/// assert_eq!(charge.estimate.total, Some(2020.0));
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn cost(
    table: &str,
    rows: u64,
    where_filter: Option<&str>,
    having: Option<&str>,
    options: &Options,
) -> Result<CostOut, Error> {
    options::with_schema(options, |schema| {
        let def = known_table(schema, table)?;
        Ok(CostOut {
            table: def.name.to_string(),
            estimate: estimate_request(&def.cost, &request(table, where_filter, having), rows),
        })
    })?
}

fn known_table<'s>(schema: &'s Schema, name: &str) -> Result<&'s TableDef, Error> {
    schema.table(name).ok_or_else(|| {
        let report = ahrefs_filter::check::Checker::new(schema).check(&Request::new(name));
        let diagnostics = report
            .diagnostics
            .into_iter()
            .map(|d| report::diagnostic(d, "", Style::C))
            .collect();
        Error::with_diagnostics(ErrorKind::UnknownTable, diagnostics)
    })
}

/// The schema (the built-in tables, with a user schema's merged over them), which
/// serializes to the JSON shape `Options::schema` reads: `{"tables": {name: {…, "columns":
/// {…}}}}`, tables and columns in the order of their source.
///
/// ```
/// use ahrefs_filter_bindings::{json, tables, Options};
/// let schema = tables(&Options::default())?;
/// assert_eq!(schema.tables().len(), 25);
/// assert!(json(&schema).starts_with(r#"{"tables":{"ahrefs_rank":{"#));
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn tables(options: &Options) -> Result<Schema, Error> {
    options::with_schema(options, Schema::clone)
}

/// One table as a schema of that table alone, or an [`ErrorKind::UnknownTable`] error.
///
/// ```
/// use ahrefs_filter_bindings::{json, table, Options};
/// let schema: serde_json::Value = serde_json::from_str(&json(&table("refdomains", &Options::default())?))?;
/// assert_eq!(schema["tables"]["refdomains"]["columns"]["domain_rating"]["type"], "int");
/// assert!(table("refdomain", &Options::default()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn table(name: &str, options: &Options) -> Result<Schema, Error> {
    options::with_schema(options, |schema| {
        Ok(Schema::new(vec![known_table(schema, name)?.clone()]))
    })?
}
