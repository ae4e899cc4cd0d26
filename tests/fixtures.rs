//! Behaviour described by fixture files, in the manner of ruff's fixtures: each line of
//! `tests/fixtures/GROUP/*.txt` is a case, each file is one insta snapshot
//! (`tests/snapshots/fixtures__GROUP__FILE.snap`) holding, for every case, the input, each
//! diagnostic rendered as the CLI's `--format human` renders it (no colour, 100 columns), each
//! diagnostic as compact JSON, and for `check`/`lints` cases what `--fix` makes of the request.
//!
//! To add a case, add a line and review the snapshot diff: `cargo insta test --review`, or
//! `INSTA_UPDATE=always cargo test --all-features --test fixtures` and `git diff`. Lines starting with `#` and
//! blank lines are skipped; nothing else of a line is trimmed.
//!
//! - `syntax/`: a filter text, parsed with [`ahrefs_filter::parse`].
//! - `check/`, `lints/`: `TABLE<TAB>WHERE<TAB>HAVING`, `-` for an absent filter, checked with a
//!   [`Checker`] of the built-in schema whose today is [`TODAY`], and fixed with `checker.fix`.
//! - `url/`: a request URL or query string, linted with a [`RequestLinter`] over that checker.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::Path;

use ahrefs_filter::check::{Checker, Date, Request};
use ahrefs_filter::request::RequestLinter;
use ahrefs_filter::schema::Schema;
use ahrefs_filter::{Code, Diagnostic};
use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource, Report};

/// The date `future-date` compares with, fixed so the snapshots do not age.
const TODAY: &str = "2025-06-01";

/// A case with more diagnostics than this shows the first and last [`SHOWN_AT_EACH_END`] of
/// them (the `truncated` case has a thousand).
const MOST_SHOWN: usize = 8;
const SHOWN_AT_EACH_END: usize = 3;

/// The checker every check, lints and url case goes through (a macro, so that no signature
/// names `Checker`'s lifetime, which the rebuild of the library removes).
macro_rules! checker {
    () => {
        Checker::new(Schema::builtin()).today(Date::parse(TODAY).unwrap())
    };
}

/// The cases of one fixture file: its non-comment, non-blank lines with their line numbers.
fn cases(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
}

/// What one case shows, and the codes of its diagnostics.
type Outcome = (String, Vec<Code>);

/// Runs a syntax case: the canonical form, or the errors.
fn syntax_case(line: &str) -> Outcome {
    let mut out = String::new();
    let codes = match ahrefs_filter::parse(line) {
        Ok(filter) => {
            writeln!(out, "canonical: {filter}").unwrap();
            Vec::new()
        }
        Err(errors) => show(&mut out, &errors.diagnostics, |_| ("filter", line)),
    };
    (out, codes)
}

/// Splits `TABLE<TAB>WHERE<TAB>HAVING` into a request.
fn request(line: &str) -> Request<'_> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [table, where_filter, having_filter] = fields[..] else {
        panic!("a check case is TABLE<TAB>WHERE<TAB>HAVING, not {line:?}");
    };
    let mut request = Request::new(table);
    if where_filter != "-" {
        request = request.with_where(where_filter);
    }
    if having_filter != "-" {
        request = request.with_having(having_filter);
    }
    request
}

/// Writes a pair of filters under `title`, `-` for an absent one.
fn filters(out: &mut String, title: &str, where_filter: Option<&str>, having_filter: Option<&str>) {
    let [w, h] = [where_filter, having_filter].map(|f| f.unwrap_or("-"));
    writeln!(out, "{title}\n  where:  {w}\n  having: {h}").unwrap();
}

/// Runs a check or lints case: the report, then the fixed request.
fn check_case(checker: &Checker, line: &str) -> Outcome {
    let request = request(line);
    let report = checker.check(&request);
    let mut out = String::new();
    let codes = show(&mut out, &report.diagnostics, |d| match d.clause {
        Some(clause) => (clause.as_str(), request.filter(clause).unwrap_or("")),
        None => ("request", ""),
    });
    let (w, h) = (&report.canonical_where, &report.canonical_having);
    filters(&mut out, "canonical:", w.as_deref(), h.as_deref());
    let fixed = checker.fix(&request);
    let title = format!("fix ({} applied):", fixed.applied);
    let (w, h) = (&fixed.where_filter, &fixed.having_filter);
    filters(&mut out, &title, w.as_deref(), h.as_deref());
    (out, codes)
}

/// Runs a url case: the redacted request as the report holds it, then its diagnostics.
fn url_case(linter: &RequestLinter, line: &str) -> Outcome {
    let report = linter.lint(line);
    let mut out = String::new();
    writeln!(out, "url: {}", report.url).unwrap();
    let codes = show(&mut out, &report.diagnostics, |d| report.source_of(d));
    let (w, h) = (&report.canonical_where, &report.canonical_having);
    filters(&mut out, "canonical:", w.as_deref(), h.as_deref());
    (out, codes)
}

/// Writes each diagnostic rendered, then each as JSON, and returns their codes. `source`
/// gives the name and text a diagnostic's span points into.
fn show<'a>(
    out: &mut String,
    diagnostics: &'a [Diagnostic],
    source: impl Fn(&'a Diagnostic) -> (&'a str, &'a str),
) -> Vec<Code> {
    if diagnostics.is_empty() {
        out.push_str("no diagnostics\n");
        return Vec::new();
    }
    let count = diagnostics.len();
    let shown: Vec<&Diagnostic> = if count > MOST_SHOWN {
        let (head, tail) = (SHOWN_AT_EACH_END, count - SHOWN_AT_EACH_END);
        diagnostics[..head]
            .iter()
            .chain(&diagnostics[tail..])
            .collect()
    } else {
        diagnostics.iter().collect()
    };
    let elided = count - shown.len();
    let note = |out: &mut String, i: usize| {
        if elided > 0 && i == SHOWN_AT_EACH_END {
            writeln!(out, "… {elided} more diagnostics not shown …").unwrap();
        }
    };
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    for (i, diagnostic) in shown.iter().enumerate() {
        note(out, i);
        let (name, text) = source(diagnostic);
        let report = Report::new((*diagnostic).clone())
            .with_source_code(NamedSource::new(name, text.to_owned()));
        handler.render_report(out, report.as_ref()).unwrap();
        out.push('\n');
    }
    for (i, diagnostic) in shown.iter().enumerate() {
        note(out, i);
        writeln!(out, "{}", serde_json::to_string(diagnostic).unwrap()).unwrap();
    }
    diagnostics.iter().map(|d| d.code).collect()
}

/// Every fixture file of `group`, sorted, with its name and text.
fn fixtures(group: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(group);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
        .into_iter()
        .map(|path| {
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            (stem, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// One fixture file run: its snapshot and the codes its cases produced.
struct Ran {
    name: String,
    snapshot: String,
    codes: Vec<Code>,
}

/// Runs every case of every file of `group` through `run`.
fn run_group(group: &str, run: impl Fn(&str) -> Outcome) -> Vec<Ran> {
    fixtures(group)
        .into_iter()
        .map(|(name, text)| {
            let mut snapshot = String::new();
            let mut codes = Vec::new();
            for (number, line) in cases(&text) {
                let (shown, found) = run(line);
                writeln!(snapshot, "── line {number}: `{line}`\n{shown}").unwrap();
                codes.extend(found);
            }
            Ran {
                name,
                snapshot,
                codes,
            }
        })
        .collect()
}

/// Snapshots each file of `group` as `fixtures__GROUP__FILE`.
fn snapshot_group(group: &str, run: impl Fn(&str) -> Outcome) {
    for Ran { name, snapshot, .. } in run_group(group, run) {
        let mut settings = insta::Settings::clone_current();
        settings.set_input_file(format!("tests/fixtures/{group}/{name}.txt"));
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(format!("{group}__{name}"), snapshot));
    }
}

#[test]
fn syntax() {
    snapshot_group("syntax", syntax_case);
}

#[test]
fn check() {
    let checker = checker!();
    snapshot_group("check", |line| check_case(&checker, line));
}

#[test]
fn lints() {
    let checker = checker!();
    snapshot_group("lints", |line| check_case(&checker, line));
}

#[test]
fn url() {
    let linter = RequestLinter::new(checker!());
    snapshot_group("url", |line| url_case(&linter, line));
}

/// Every diagnostic code of the v2 language and request lint has a fixture that triggers it
/// (the `v3-*` codes belong to the v3 translation, which has its own tests).
#[test]
fn every_code_has_a_fixture() {
    let checker = checker!();
    let linter = RequestLinter::new(checker.clone());
    let seen: Vec<Code> = [
        run_group("syntax", syntax_case),
        run_group("check", |line| check_case(&checker, line)),
        run_group("lints", |line| check_case(&checker, line)),
        run_group("url", |line| url_case(&linter, line)),
    ]
    .into_iter()
    .flatten()
    .flat_map(|ran| ran.codes)
    .collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| !code.as_str().starts_with("v3-") && !seen.contains(code))
        .map(|code| code.as_str())
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}
