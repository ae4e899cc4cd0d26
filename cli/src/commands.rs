//! `check`, `fmt`, `parse`, `cost` and `tables`.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use ahrefs_filter::check::{Checker, FixedRequest, Report, Request};
use ahrefs_filter::cost::Rows;
use ahrefs_filter::schema::{Schema, TableDef};
use ahrefs_filter::{parse as parse_filter, Clause, Code, Diagnostic};
use serde::Serialize;

use crate::args::{CheckArgs, Format, ReportFormat, TablesArgs};
use crate::formats::{Emitter, Place};
use crate::render::{counts, plural, visible, Renderer};
use crate::terminal::{Stream, Style};
use crate::{Failure, Outcome};

pub fn print(text: &str) -> Result<(), Failure> {
    print_bytes(text.as_bytes())
}

fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

/// Appends `value` as one line of JSON to `out`.
pub fn json_line(out: &mut Vec<u8>, value: &impl Serialize) -> Result<(), Failure> {
    serde_json::to_writer(&mut *out, value)
        .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))?;
    out.push(b'\n');
    Ok(())
}

pub fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let mut out = Vec::new();
    json_line(&mut out, value)?;
    print_bytes(&out)
}

/// `check`'s object: the report, and with `--fix` the fixed request.
#[derive(Serialize)]
struct CheckJson<'a> {
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<&'a FixedRequest>,
}

pub fn check(checker: &Checker, args: &CheckArgs) -> Result<Outcome, Failure> {
    let request = Request {
        table: &args.table,
        where_filter: args.where_filter.as_deref(),
        having_filter: args.having_filter.as_deref(),
    };
    let mut report = checker.check(&request);
    let fixed = args.fix.then(|| checker.fix(&request));
    let (errors, warnings) = (report.error_count(), report.warning_count());
    let outcome = args.lints.outcome(errors > 0, warnings > 0);
    cap(&mut report.diagnostics);
    if args.format == ReportFormat::Json {
        print_json(&CheckJson {
            report: &report,
            fixed: fixed.as_ref(),
        })?;
        return Ok(outcome);
    }
    if let Some(machine) = args.format.machine() {
        let mut emitter = Emitter::new(machine);
        let mut out = Vec::new();
        for d in &report.diagnostics {
            let (file, source) = match d.clause {
                Some(clause) => (clause.as_str(), request.filter(clause).unwrap_or("")),
                None => ("request", ""),
            };
            emitter.diagnostic(&mut out, d, source, Place { file, line: None });
        }
        emitter
            .finish(&mut out)
            .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))?;
        print_bytes(&out)?;
        return Ok(outcome);
    }

    let renderer = Renderer::new(Style::detect(Stream::Stdout));
    let mut out = String::new();
    for d in &report.diagnostics {
        let (name, source) = match d.clause {
            Some(clause) => (clause.as_str(), request.filter(clause).unwrap_or("")),
            None => ("request", ""),
        };
        renderer.render(&mut out, d, name, source);
    }
    if args.lints.quiet && fixed.is_none() {
        print(&out)?;
        return Ok(outcome);
    }
    let table = if report.table.is_empty() {
        Cow::Borrowed("(empty table name)")
    } else {
        visible(&report.table)
    };
    let _ = writeln!(out, "{table}: {}", counts(errors, warnings));
    if request.where_filter.is_none() && request.having_filter.is_none() {
        out.push_str("no filter given, so only the table was checked; give --where or --having\n");
    }
    for (clause, canonical) in [
        (Clause::Where, &report.canonical_where),
        (Clause::Having, &report.canonical_having),
    ] {
        if let Some(canonical) = canonical {
            let _ = writeln!(out, "canonical {clause}: {}", visible(canonical));
        }
    }
    if let Some(fixed) = &fixed {
        let _ = writeln!(
            out,
            "fixed ({} fix{} applied):",
            fixed.applied,
            if fixed.applied == 1 { "" } else { "es" }
        );
        for clause in [Clause::Where, Clause::Having] {
            let _ = writeln!(
                out,
                "  {:<8}{}",
                format!("{clause}:"),
                fixed.filter(clause).unwrap_or("(none)")
            );
        }
        // The fixed request, checked again: what is left to fix by hand.
        let errors = fixed.left.iter().filter(|d| d.is_error()).count();
        let mut codes: Vec<&str> = fixed.left.iter().map(|d| d.code.as_str()).collect();
        codes.dedup();
        let _ = match codes.as_slice() {
            [] => writeln!(out, "left to fix by hand: nothing"),
            _ => writeln!(
                out,
                "left to fix by hand: {} ({})",
                counts(errors, fixed.left.len() - errors),
                codes.join(", ")
            ),
        };
    }
    print(&out)?;
    Ok(outcome)
}

/// Diagnostics listed for one request at most, as `url` lists at most this many of each
/// kind: a filter with thousands of problems gets a readable report of bounded size.
const MAX_LISTED: usize = 1000;

/// Keeps the first [`MAX_LISTED`] diagnostics and adds one `truncated` warning that counts
/// the rest.
fn cap(diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.len() <= MAX_LISTED {
        return;
    }
    let more = diagnostics.len() - MAX_LISTED;
    diagnostics.truncate(MAX_LISTED);
    diagnostics.push(Diagnostic::new(
        Code::Truncated,
        None,
        format!("{more} more diagnostics are not listed"),
    ));
}

/// Syntax errors of a filter that does not parse, on stderr.
fn syntax_errors(filter: &str, diagnostics: &[Diagnostic]) -> Result<Outcome, Failure> {
    let renderer = Renderer::new(Style::detect(Stream::Stderr));
    let mut out = String::new();
    for d in diagnostics {
        renderer.render(&mut out, d, "filter", filter);
    }
    let mut err = io::stderr().lock();
    err.write_all(out.as_bytes())?;
    Ok(Outcome::Errors)
}

pub fn fmt(filter: &str) -> Result<Outcome, Failure> {
    match parse_filter(filter) {
        Ok(ast) => {
            print(&format!("{ast}\n"))?;
            Ok(Outcome::Clean)
        }
        Err(errors) => syntax_errors(filter, &errors.diagnostics),
    }
}

pub fn parse(filter: &str) -> Result<Outcome, Failure> {
    match parse_filter(filter) {
        Ok(ast) => {
            let mut text = serde_json::to_string_pretty(&ast)
                .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))?;
            text.push('\n');
            print(&text)?;
            Ok(Outcome::Clean)
        }
        Err(errors) => syntax_errors(filter, &errors.diagnostics),
    }
}

/// The table called `name`, or its unknown-table error printed (exit 1).
pub fn table_or_report<'s>(
    schema: &'s Schema,
    name: &str,
    format: Format,
) -> Result<Result<&'s TableDef, Outcome>, Failure> {
    if let Some(table) = schema.table(name) {
        return Ok(Ok(table));
    }
    let report = Checker::new(schema).check(&Request::new(name));
    if format == Format::Json {
        print_json(&report)?;
    } else {
        let renderer = Renderer::new(Style::detect(Stream::Stdout));
        let mut out = String::new();
        for d in &report.diagnostics {
            renderer.render(&mut out, d, "request", "");
        }
        print(&out)?;
    }
    Ok(Err(Outcome::Errors))
}

pub fn tables(schema: &Schema, args: &TablesArgs) -> Result<Outcome, Failure> {
    let Some(name) = &args.table else {
        if args.format == Format::Json {
            print(&format!("{}\n", schema.to_json()))?;
        } else {
            print(&table_list(schema))?;
        }
        return Ok(Outcome::Clean);
    };
    let table = match table_or_report(schema, name, args.format)? {
        Ok(table) => table,
        Err(outcome) => return Ok(outcome),
    };
    if args.format == Format::Json {
        print(&format!("{}\n", Schema::new(vec![table.clone()]).to_json()))?;
    } else {
        print(&column_list(table))?;
    }
    Ok(Outcome::Clean)
}

/// A price for the table listing: the number, `?` when unknown, `n/a` for a filter the
/// table does not take.
fn price(rows: Option<f64>, applies: bool) -> String {
    match rows {
        Some(rows) => Rows(Some(rows)).to_string(),
        None if applies => "?".to_owned(),
        None => "n/a".to_owned(),
    }
}

fn table_list(schema: &Schema) -> String {
    let width = schema
        .tables()
        .iter()
        .map(|t| t.name.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{:<width$}  {:>7}  {:>7}  {:>6}  {:>5}  {:>6}\n",
        "table", "columns", "request", "result", "where", "having"
    );
    for t in schema.tables() {
        let _ = writeln!(
            out,
            "{:<width$}  {:>7}  {:>7}  {:>6}  {:>5}  {:>6}",
            t.name,
            t.columns.len(),
            price(t.cost.request, true),
            price(t.cost.result, true),
            price(t.cost.where_, t.accepts(Clause::Where)),
            price(t.cost.having, t.accepts(Clause::Having)),
        );
    }
    let _ = writeln!(
        out,
        "{} table{}; prices in rows charged (? = not documented, n/a = filter not accepted); \
         `ahrefs-filter tables T` lists T's columns",
        schema.tables().len(),
        plural(schema.tables().len())
    );
    out
}

fn column_list(table: &TableDef) -> String {
    let c = &table.cost;
    let mut out = format!("{}: {}\n", table.name, table.description);
    let _ = writeln!(
        out,
        "cost in rows: {} per request, {} per result row, {} with where, {} with having \
         (? = not documented, n/a = filter not accepted)",
        price(c.request, true),
        price(c.result, true),
        price(c.where_, table.accepts(Clause::Where)),
        price(c.having, table.accepts(Clause::Having)),
    );
    let width = table
        .columns
        .iter()
        .map(|c| c.name.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let _ = writeln!(
        out,
        "\n{:<width$}  {:<7}  {:<5}  {:<6}  description",
        "column", "type", "where", "having"
    );
    let flag = |on: bool| if on { "yes" } else { "-" };
    for column in table.columns.iter() {
        let _ = writeln!(
            out,
            "{:<width$}  {:<7}  {:<5}  {:<6}  {}",
            column.name,
            column.ty.as_str(),
            flag(column.in_where),
            flag(column.in_having),
            column.description
        );
    }
    out
}
