//! The properties the fuzz targets assert, shared with `tests/fuzz_regressions.rs` (which
//! includes this file with `#[path]`), so that a crash input found by a target is replayed
//! against exactly the same checks by `cargo test`.
//!
//! Every function panics, with the input in the message, when a property fails.

use std::fmt;

use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::request::{RequestLinter, UrlReport};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::{parse, Clause, Diagnostic, Edit, Filter, ParseErrors, Ranged, Span};

/// Inputs longer than this are only parsed and checked, not rendered: rendering copies and
/// wraps the source line, which is quadratic-ish in miette and says nothing new.
const RENDER_LIMIT: usize = 64 * 1024;

/// What a target does with the diagnostics it has checked. Rendering costs more than all
/// the rest, so only the `render` target (and the replay tests) render ([`Render`]); the
/// others pass [`Skip`], whose calls compile to nothing, so their binaries hold no miette
/// code for libFuzzer to trace and their coverage is the crate's alone.
pub trait Renderer {
    /// A diagnostic of `source` (the text its spans point into).
    fn diagnostic(&mut self, source: &str, diagnostic: &Diagnostic);
    /// The parse errors of `source`, as one miette report and one by one.
    fn errors(&mut self, source: &str, errors: &ParseErrors);
}

/// Renders nothing: the `parse`, `check` and `url` targets.
pub struct Skip;

impl Renderer for Skip {
    fn diagnostic(&mut self, _: &str, _: &Diagnostic) {}
    fn errors(&mut self, _: &str, _: &ParseErrors) {}
}

/// Renders every diagnostic of a source short enough (once per code, clause and set of
/// spans: every table reports much the same thing, with its name in the message) with
/// every miette handler and as JSON.
#[derive(Default)]
pub struct Render {
    seen: Vec<RenderKey>,
}

impl Renderer for Render {
    fn diagnostic(&mut self, source: &str, diagnostic: &Diagnostic) {
        let key = RenderKey::of(diagnostic);
        if source.len() <= RENDER_LIMIT && !self.seen.contains(&key) {
            render_diagnostic(source, diagnostic);
            self.seen.push(key);
        }
    }

    fn errors(&mut self, source: &str, errors: &ParseErrors) {
        if source.len() <= RENDER_LIMIT {
            // `Display` of the whole error, then every diagnostic alone and as related.
            let _ = errors.to_string();
            render(source, errors);
            for diagnostic in &errors.diagnostics {
                render_diagnostic(source, diagnostic);
            }
        }
    }
}

/// `parse` target: arbitrary bytes; when UTF-8, parsing never panics, every span lies inside
/// the input, and a filter that parses survives the print/parse round trip.
pub fn parse_bytes(data: &[u8], renderer: &mut impl Renderer) {
    if let Ok(text) = std::str::from_utf8(data) {
        parse_text(text, renderer);
    }
}

fn has_bare(filter: &ahrefs_filter::Filter<'_>) -> bool {
    filter
        .conditions
        .iter()
        .any(|c| matches!(c.literal().value, ahrefs_filter::Value::Bare(_)))
}

/// A cheap hash of `text`, to choose the tables of an input the same way on every run.
fn sample(text: &str) -> u32 {
    text.bytes().fold(2_166_136_261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16_777_619)
    })
}

/// The checker every input goes through, built once: building indexes every table.
fn checker() -> &'static Checker {
    static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(Schema::builtin()))
}

fn linter() -> &'static RequestLinter {
    static LINTER: std::sync::OnceLock<RequestLinter> = std::sync::OnceLock::new();
    LINTER.get_or_init(|| RequestLinter::new(checker().clone()))
}

/// The `parse` properties for one UTF-8 input.
pub fn parse_text(text: &str, renderer: &mut impl Renderer) {
    let tolerant = ahrefs_filter::parse_tolerant(text);
    // The tolerant parse keeps what parses; the strict one is all or nothing.
    if tolerant.errors.is_empty() {
        assert!(
            tolerant.broken.is_empty() && !has_bare(&tolerant.filter),
            "{text:?}"
        );
    }
    for condition in &tolerant.filter.conditions {
        let span = condition.span().range();
        assert!(
            text.get(span.clone()).is_some(),
            "condition span {span:?} in {text:?}"
        );
    }
    let parsed = parse(text);
    assert_eq!(parsed.is_ok(), tolerant.errors.is_empty(), "{text:?}");
    match parsed {
        Ok(filter) => {
            assert_filter_spans(text, &filter);
            round_trip(text, &filter);
        }
        Err(errors) => {
            assert!(
                !errors.diagnostics.is_empty(),
                "parse error without a diagnostic for {text:?}"
            );
            for diagnostic in &errors.diagnostics {
                assert_diagnostic_spans(text, diagnostic, "parse");
            }
            renderer.errors(text, &errors);
        }
    }
}

/// `print(parse(s))` parses to the same meaning and is a fixed point; the JSON AST round-trips.
fn round_trip(text: &str, filter: &Filter<'_>) {
    assert_eq!(filter.span, whole(text), "filter span of {text:?}");
    let printed = filter.to_string();
    let reparsed = match parse(&printed) {
        Ok(reparsed) => reparsed,
        Err(errors) => panic!("canonical form {printed:?} of {text:?} does not parse: {errors}"),
    };
    assert!(
        reparsed.same_meaning_as(filter),
        "canonical form {printed:?} of {text:?} means something else"
    );
    assert_eq!(
        reparsed.to_string(),
        printed,
        "printing is not a fixed point for {text:?}"
    );
    assert_filter_spans(&printed, &reparsed);
    let json = match serde_json::to_string(filter) {
        Ok(json) => json,
        Err(e) => panic!("AST of {text:?} does not serialize: {e}"),
    };
    match serde_json::from_str::<Filter<'_>>(&json) {
        Ok(back) => assert_eq!(&back, filter, "AST JSON of {text:?} does not round-trip"),
        Err(e) => panic!("AST JSON {json} of {text:?} does not deserialize: {e}"),
    }
}

/// `check` target: the input is a `where` filter, or `where` 0xFF `having` (0xFF never
/// occurs in UTF-8, so it cannot be part of a filter). Each half that is not UTF-8 is
/// dropped.
pub fn check_bytes(data: &[u8], renderer: &mut impl Renderer) {
    let (first, second) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let Ok(first) = std::str::from_utf8(first) else {
        return;
    };
    let second = second.and_then(|s| std::str::from_utf8(s).ok());
    check_texts(first, second, renderer);
}

/// The `check` properties: the filter against three built-in tables (chosen by the input, so
/// that over a run every table is reached while each input costs three, not 25) in both
/// clauses (and, with `second`, as `where` with `second` as `having`), and against an
/// unknown table: no panic, every span inside its clause's text, every diagnostic renders,
/// and after `fix` no fixable diagnostic is left.
pub fn check_texts(first: &str, second: Option<&str>, renderer: &mut impl Renderer) {
    let schema = Schema::builtin();
    let checker = checker();
    let parsed = parse(first);
    let count = schema.tables().len();
    let hash = sample(first) as usize;
    let chosen = [
        hash % count,
        (hash / count) % count,
        (hash / count / count) % count,
    ];
    for (at, table) in schema.tables().iter().enumerate() {
        if !chosen.contains(&at) {
            continue;
        }
        if let Ok(filter) = &parsed {
            for clause in [Clause::Where, Clause::Having] {
                for diagnostic in checker.check_filter(table, clause, filter) {
                    assert_eq!(diagnostic.clause, Some(clause), "{diagnostic:?}");
                    assert_diagnostic_spans(first, &diagnostic, &table.name);
                }
            }
        }
        let requests = match second {
            None => vec![
                Request::new(&table.name).with_where(first),
                Request::new(&table.name).with_having(first),
            ],
            Some(second) => vec![Request::new(&table.name)
                .with_where(first)
                .with_having(second)],
        };
        for request in requests {
            check_request(checker, &request, renderer, at == chosen[0]);
        }
    }
    // A name no built-in table is within three edits of, by length alone: the did-you-mean
    // over the table names would otherwise cost more than all the checks above, on every
    // input, for the same constant name (the `url` target varies the table name).
    let unknown = Request {
        table: "no_such_table_in_the_v2_schema_at_all",
        where_filter: Some(first),
        having_filter: second,
    };
    check_request(checker, &unknown, renderer, true);
}

fn check_request(
    checker: &Checker,
    request: &Request<'_>,
    renderer: &mut impl Renderer,
    fixing: bool,
) {
    let report = checker.check(request);
    for diagnostic in &report.diagnostics {
        let text = source_of(request, diagnostic);
        assert_diagnostic_spans(text, diagnostic, request.table);
        renderer.diagnostic(text, diagnostic);
    }
    for (clause, canonical) in [
        (Clause::Where, &report.canonical_where),
        (Clause::Having, &report.canonical_having),
    ] {
        if let Some(canonical) = canonical {
            assert!(
                parse(canonical).is_ok(),
                "canonical {clause} {canonical:?} of {request:?} does not parse"
            );
        }
    }

    if !fixing {
        return;
    }
    let fixed = checker.fix(request);
    let after = Request {
        table: request.table,
        where_filter: fixed.where_filter.as_deref(),
        having_filter: fixed.having_filter.as_deref(),
    };
    let again = checker.check(&after);
    let left: Vec<&Diagnostic> = again
        .diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.is_safe()))
        .collect();
    assert!(
        left.is_empty(),
        "safely fixable diagnostics left after fix of {request:?} (fixed: {after:?}): {left:#?}"
    );
    if !report.has_errors() {
        assert!(
            !again.has_errors(),
            "fix of error-free {request:?} introduced errors ({after:?}): {:#?}",
            again.diagnostics
        );
    }
}

/// `url` target: an arbitrary query string (or URL) through the whole-request lint: no
/// panic; every span lies inside the text it points into (the redacted URL or a decoded
/// filter); every diagnostic renders; the canonical filters parse; and a token value never
/// appears in the report.
pub fn url_bytes(data: &[u8], renderer: &mut impl Renderer) {
    if let Ok(text) = std::str::from_utf8(data) {
        url_text(text, renderer);
    }
}

/// The `url` properties for one UTF-8 input.
pub fn url_text(text: &str, renderer: &mut impl Renderer) {
    let report = linter().lint(text);
    for diagnostic in &report.diagnostics {
        let (name, source) = report.source_of(diagnostic);
        if let Some(clause) = diagnostic.clause {
            assert!(
                report.filter(clause).is_some(),
                "{diagnostic:?} is about {clause}, which {text:?} does not send (or not as UTF-8)"
            );
        }
        assert_diagnostic_spans(source, diagnostic, name);
        renderer.diagnostic(source, diagnostic);
    }
    for (clause, canonical) in [
        (Clause::Where, &report.canonical_where),
        (Clause::Having, &report.canonical_having),
    ] {
        if let Some(canonical) = canonical {
            let Some(filter) = report.filter(clause) else {
                panic!("canonical {clause} {canonical:?} without a {clause} in {text:?}");
            };
            match parse(filter) {
                Ok(parsed) => assert_eq!(&parsed.to_string(), canonical, "{text:?}"),
                Err(e) => panic!("canonical {clause} for unparsable {filter:?} in {text:?}: {e}"),
            }
        }
    }
    assert_token_hidden(text, &report);
}

/// A distinctive token (eight or more ASCII letters and digits, both kinds, occurring
/// nowhere else in the input) appears neither in the redacted URL nor in any diagnostic.
fn assert_token_hidden(text: &str, report: &UrlReport<'_>) {
    // The query as spec §5 reads it: after the first `?`, unless what precedes it already
    // holds `=` or `&`; a token is the value of a segment named exactly `token`.
    let text = text.trim();
    let query = match text.find('?') {
        Some(at) if !text[..at].contains(['=', '&']) => &text[at + 1..],
        _ => text,
    };
    for segment in query.split('&') {
        let Some(token) = segment.strip_prefix("token=") else {
            continue;
        };
        let distinctive = token.len() >= 8
            && token.bytes().all(|b| b.is_ascii_alphanumeric())
            && token.bytes().any(|b| b.is_ascii_digit())
            && token.bytes().any(|b| b.is_ascii_alphabetic())
            && text.matches(token).count() == 1;
        if !distinctive {
            continue;
        }
        assert!(
            !report.url.contains(token),
            "token {token:?} echoed in {:?}",
            report.url
        );
        for d in &report.diagnostics {
            let texts = [Some(&d.message), d.label.as_ref(), d.help.as_ref()];
            for t in texts.into_iter().flatten() {
                assert!(!t.contains(token), "token {token:?} echoed in {d:?}");
            }
        }
    }
}

/// What makes two diagnostics render differently, short of their wording.
#[derive(PartialEq)]
struct RenderKey {
    code: ahrefs_filter::Code,
    clause: Option<Clause>,
    span: Option<Span>,
    related: Vec<Span>,
    fix: bool,
}

impl RenderKey {
    fn of(d: &Diagnostic) -> Self {
        RenderKey {
            code: d.code,
            clause: d.clause,
            span: d.span,
            related: d.related.iter().map(|r| r.span).collect(),
            fix: d.fix.is_some(),
        }
    }
}

/// The text a request diagnostic's spans point into.
fn source_of<'r>(request: &Request<'r>, diagnostic: &Diagnostic) -> &'r str {
    match diagnostic.clause {
        Some(clause) => match request.filter(clause) {
            Some(text) => text,
            None => panic!("{diagnostic:?} is about {clause}, which {request:?} does not send"),
        },
        None => {
            assert!(
                diagnostic.span.is_none() && diagnostic.related.is_empty(),
                "request-level {diagnostic:?} of {request:?} has a span but no clause"
            );
            ""
        }
    }
}

/// Every span of `filter` lies inside `text`, on character boundaries, inside its parent,
/// with siblings in order.
pub fn assert_filter_spans(text: &str, filter: &Filter<'_>) {
    assert_span(text, whole(text), filter.span, "filter");
    let mut previous_end = filter.span.start;
    for condition in &filter.conditions {
        let span = condition.span();
        assert_span(text, filter.span, span, "condition");
        assert!(
            previous_end <= span.start,
            "conditions overlap at {span:?} in {text:?}"
        );
        previous_end = span.end;
        let column = condition.column().span;
        let literal = condition.literal().span;
        assert_span(text, span, column, "column");
        assert_span(text, span, literal, "literal");
        assert!(
            column.end <= literal.start,
            "column after literal in {text:?}"
        );
        match condition {
            ahrefs_filter::Condition::Comparison(c) => {
                assert_span(text, span, c.operator.span, "operator");
                assert!(
                    column.end <= c.operator.span.start && c.operator.span.end <= literal.start,
                    "operator out of order in {text:?}"
                );
            }
            ahrefs_filter::Condition::Call(c) => {
                assert_span(text, span, c.function.span, "function");
                assert!(
                    c.function.span.end <= column.start,
                    "function out of order in {text:?}"
                );
            }
        }
    }
}

/// The span of all of `text`.
fn whole(text: &str) -> Span {
    Span::try_from(0..text.len()).expect("fuzz inputs are short")
}

/// The primary span, related spans and fix edits of `diagnostic` lie inside `text`.
fn assert_diagnostic_spans(text: &str, diagnostic: &Diagnostic, context: &str) {
    let all = whole(text);
    let what = format!("{} ({context})", diagnostic.code);
    if let Some(span) = diagnostic.span {
        assert_span(text, all, span, &what);
    }
    for related in &diagnostic.related {
        assert_span(text, all, related.span, &what);
    }
    if let Some(fix) = &diagnostic.fix {
        assert!(!fix.edits.is_empty(), "{what}: empty fix in {text:?}");
        for edit in &fix.edits {
            match edit {
                Edit::Replace { span, .. } => assert_span(text, all, *span, &what),
                Edit::AppendCondition { condition, .. } => assert!(
                    parse(condition).is_ok_and(|f| f.conditions.len() == 1),
                    "{what}: appended condition {condition:?} is not one condition"
                ),
                other => panic!("{what}: an edit of an unknown kind: {other:?}"),
            }
        }
    }
}

fn assert_span(text: &str, parent: Span, span: Span, what: &str) {
    assert!(
        span.start <= span.end,
        "{what}: reversed span {span:?} in {text:?}"
    );
    assert!(
        parent.contains(span),
        "{what}: span {span:?} leaves {parent:?} in {text:?}"
    );
    assert!(
        text.is_char_boundary(span.range().start) && text.is_char_boundary(span.range().end),
        "{what}: span {span:?} splits a character in {text:?}"
    );
}

/// A diagnostic with the text its spans point into, as miette wants it.
struct WithSource<'a> {
    inner: &'a dyn miette::Diagnostic,
    source: &'a str,
}

impl fmt::Debug for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.inner, f)
    }
}

impl std::error::Error for WithSource<'_> {}

impl miette::Diagnostic for WithSource<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.help()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.inner.labels()
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        self.inner.related()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
}

/// Renders `diagnostic` over `source` with every miette handler, and as JSON (which must
/// round-trip). Rendering must not fail or panic.
pub fn render(source: &str, diagnostic: &dyn miette::Diagnostic) {
    let report = WithSource {
        inner: diagnostic,
        source,
    };
    for width in [80, 12] {
        let mut out = String::new();
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_width(width);
        if let Err(e) = handler.render_report(&mut out, &report) {
            panic!("graphical rendering of {diagnostic:?} over {source:?} failed: {e}");
        }
    }
    let mut out = String::new();
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode())
        .with_context_lines(3);
    if let Err(e) = handler.render_report(&mut out, &report) {
        panic!("coloured rendering of {diagnostic:?} over {source:?} failed: {e}");
    }
    let mut out = String::new();
    if let Err(e) = miette::NarratableReportHandler::new().render_report(&mut out, &report) {
        panic!("narrated rendering of {diagnostic:?} over {source:?} failed: {e}");
    }
    // miette's own JSON handler must not panic, but its output is not checked: miette 7.6
    // escapes only `\\ " \r \n \t \b \f`, so a message quoting any other control
    // character (the parser's "found `\u{1}`") is invalid JSON. The crate's JSON is serde's.
    let mut out = String::new();
    if let Err(e) = miette::JSONReportHandler::new().render_report(&mut out, &report) {
        panic!("miette JSON of {diagnostic:?} over {source:?} failed: {e}");
    }
}

/// [`render`], plus the crate's own JSON form (spec §6), which must be valid JSON carrying
/// the diagnostic's code, message and span.
pub fn render_diagnostic(source: &str, diagnostic: &Diagnostic) {
    render(source, diagnostic);
    let _ = diagnostic.to_string();
    let json = match serde_json::to_string(diagnostic) {
        Ok(json) => json,
        Err(e) => panic!("{diagnostic:?} does not serialize: {e}"),
    };
    let value: serde_json::Value = match serde_json::from_str(&json) {
        Ok(value) => value,
        Err(e) => panic!("diagnostic JSON {json} is not JSON: {e}"),
    };
    assert_eq!(value["code"], diagnostic.code.as_str(), "{json}");
    assert_eq!(value["message"], diagnostic.message.as_ref(), "{json}");
    let span = diagnostic
        .span
        .map(|s| serde_json::json!({"start": s.start, "end": s.end}));
    assert_eq!(
        value["span"],
        span.unwrap_or(serde_json::Value::Null),
        "{json}"
    );
}
