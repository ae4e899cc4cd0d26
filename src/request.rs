//! Whole-request lint (spec §5): a request URL or query string, checked as the v2 API
//! would read it.
//!
//! The query is split on `&`, each name and value is percent-decoded (`+` is a space, as
//! in HTML forms; a bad `%` escape is an error at its byte position), and then:
//! `from` names a table; `target` and `mode` are present (except for `subscription_info`);
//! `mode` is one of `exact`, `domain`, `subdomains`, `prefix`; `output` is one of `json`,
//! `xml`, `php`; `select` is `*` or columns of the table; `order_by` items are
//! `column[:asc|:desc]` with columns of the table; `limit` and `offset` are non-negative
//! integers; `where` and `having` go through the [`Checker`]. A parameter given twice is a
//! warning (the last one is checked, as PHP would read it); a parameter the API does not
//! define is a warning.
//!
//! The `token` value is never echoed: it is replaced by `***` in the text before anything
//! else reads it, so neither the report's [`url`](UrlReport::url), nor a decoded filter, nor
//! a message can show it. So are the values of parameters whose name looks like a token's
//! (`Token`, `access_token`, `tokn`), which the server ignores but which may still hold one,
//! and a `token=` that follows the first `?` even when the input reads as a query string
//! whose value holds that `?`.
//!
//! Spans of whole-request diagnostics (those whose [`clause`](Diagnostic::clause) is `None`)
//! are byte offsets into [`UrlReport::url`]; spans of filter diagnostics are byte offsets
//! into the decoded filter text ([`UrlReport::filter`]), as in [`Checker::check`].
//!
//! ```
//! use ahrefs_filter::{request::RequestLinter, check::Checker, schema::Schema, Code};
//!
//! let linter = RequestLinter::new(Checker::new(Schema::builtin()));
//! let report = linter.lint(
//!     "https://apiv2.ahrefs.com/?token=s3cret&from=backlinks_one_per_domain\
//!      &target=ahrefs.com&mode=domian&where=domain_rating%3E30&limit=10",
//! );
//! assert!(!report.url.contains("s3cret"));
//! assert!(report.url.contains("token=***"));
//! assert_eq!(report.table.as_deref(), Some("backlinks_one_per_domain"));
//! assert_eq!(report.filter(ahrefs_filter::Clause::Where), Some("domain_rating>30"));
//!
//! let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
//! // `mode=domian` (did you mean `domain`?), then `domain_rating` is having-only.
//! assert_eq!(codes, [Code::InvalidParameter, Code::ClauseNotAllowed]);
//! let mode = &report.diagnostics[0];
//! assert_eq!(&report.url[mode.span.unwrap().range()], "domian");
//! assert!(report.has_errors());
//! ```

use std::borrow::Cow;

use crate::check::Checker;
use crate::diagnostics::{Clause, Code, Diagnostic};
use crate::schema::{Schema, TableDef};
use crate::suggest;
use crate::syntax::{Condition, Span};

/// The parameters of a v2 request.
pub const PARAMETERS: &[&str] = &[
    "token", "from", "target", "mode", "select", "where", "having", "order_by", "limit", "offset",
    "output",
];

// Indices into `PARAMETERS`.
const TOKEN: usize = 0;
const FROM: usize = 1;
const TARGET: usize = 2;
const MODE: usize = 3;
const SELECT: usize = 4;
const WHERE: usize = 5;
const HAVING: usize = 6;
const ORDER_BY: usize = 7;
const LIMIT: usize = 8;
const OFFSET: usize = 9;
const OUTPUT: usize = 10;

/// The index in `PARAMETERS` of the parameter called `name`.
fn known(name: &str) -> Option<usize> {
    Some(match name {
        "token" => TOKEN,
        "from" => FROM,
        "target" => TARGET,
        "mode" => MODE,
        "select" => SELECT,
        "where" => WHERE,
        "having" => HAVING,
        "order_by" => ORDER_BY,
        "limit" => LIMIT,
        "offset" => OFFSET,
        "output" => OUTPUT,
        _ => return None,
    })
}

/// True for a name that may carry a token although it is not `token`: `Token`,
/// `access_token`, `tokn`. Its value is redacted too.
fn looks_like_token(name: &str) -> bool {
    name.to_ascii_lowercase().contains("token") || suggest::closest(name, ["token"]).is_some()
}

/// The values `mode` takes.
pub const MODES: &[&str] = &["exact", "domain", "subdomains", "prefix"];

/// The values `output` takes.
pub const OUTPUTS: &[&str] = &["json", "xml", "php"];

/// The only table that needs no `target` and `mode`.
const NO_TARGET_TABLE: &str = "subscription_info";

/// What stands in for the token in every report.
pub const REDACTED: &str = "***";

/// The longest request linted, in bytes. Spans are 32-bit ([`Span::MAX_TEXT_LEN`]), and
/// redaction lengthens a request (`tokn=&` becomes `tokn=***&`: a token's name is at least
/// four bytes, so by less than 60%), hence half of that.
pub const LONGEST_REQUEST: usize = Span::MAX_TEXT_LEN / 2;

/// The report on a request longer than [`LONGEST_REQUEST`]: one error, and no text of the
/// request (it may hold a token that was not redacted).
#[cold]
fn too_long<'a>(len: usize) -> UrlReport<'a> {
    let message = format!(
        "the request is {len} bytes long; the longest this linter reads is {LONGEST_REQUEST} bytes"
    );
    UrlReport {
        diagnostics: vec![Diagnostic::new(Code::Syntax, None, message)],
        ..UrlReport::default()
    }
}

/// What linting one request found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlReport<'a> {
    /// The request as given (surrounding whitespace trimmed), every `token` value replaced
    /// by `***`. Spans of whole-request diagnostics point into this text.
    pub url: Cow<'a, str>,
    /// The decoded `from`, when present and valid UTF-8.
    pub table: Option<Cow<'a, str>>,
    /// The decoded `where`, when present and valid UTF-8.
    pub where_filter: Option<Cow<'a, str>>,
    /// The decoded `having`, when present and valid UTF-8.
    pub having_filter: Option<Cow<'a, str>>,
    /// Whole-request problems in URL order, then the `where` diagnostics, then the `having`
    /// ones.
    pub diagnostics: Vec<Diagnostic>,
    /// The canonical `where`, when it parsed.
    pub canonical_where: Option<String>,
    /// The canonical `having`, when it parsed.
    pub canonical_having: Option<String>,
}

impl UrlReport<'_> {
    /// The report with its own copies of the texts it borrowed from the input.
    pub fn into_owned(self) -> UrlReport<'static> {
        let own = |text: Cow<'_, str>| Cow::Owned(text.into_owned());
        UrlReport {
            url: own(self.url),
            table: self.table.map(own),
            where_filter: self.where_filter.map(own),
            having_filter: self.having_filter.map(own),
            diagnostics: self.diagnostics,
            canonical_where: self.canonical_where,
            canonical_having: self.canonical_having,
        }
    }

    /// The decoded filter text of `clause`, which filter diagnostics' spans point into.
    pub fn filter(&self, clause: Clause) -> Option<&str> {
        match clause {
            Clause::Where => self.where_filter.as_deref(),
            Clause::Having => self.having_filter.as_deref(),
        }
    }

    /// The text a diagnostic's span points into and its name: the filter for a filter
    /// diagnostic, the redacted URL otherwise.
    pub fn source_of(&self, diagnostic: &Diagnostic) -> (&'static str, &str) {
        match diagnostic.clause {
            Some(clause) => (clause.as_str(), self.filter(clause).unwrap_or("")),
            None => ("url", &self.url),
        }
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Lints whole requests against a [`Checker`]'s schema. Build once, lint many.
#[derive(Debug, Clone)]
pub struct RequestLinter {
    checker: Checker,
    disabled: Vec<Code>,
}

/// Buffers that [`RequestLinter::lint_in`] reuses from one request to the next.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    /// The request with its tokens redacted.
    redacted: String,
    /// The spans of its token values.
    tokens: Vec<Span>,
    /// Its query, split.
    segments: Vec<Segment>,
    /// The conditions of its last filter, emptied, to parse the next one into.
    conditions: Vec<Condition<'static>>,
}

/// Lints one request against `schema` with every diagnostic enabled.
///
/// ```
/// use ahrefs_filter::{request::lint_url, schema::Schema};
/// let report = lint_url(Schema::builtin(), "from=refdomains&target=ahrefs.com&mode=domain");
/// assert!(report.diagnostics.is_empty());
/// ```
pub fn lint_url<'a>(schema: &Schema, input: &'a str) -> UrlReport<'a> {
    RequestLinter::new(Checker::new(schema)).lint(input)
}

/// The last occurrence of a v2 parameter in the query.
struct Param<'a> {
    /// Its name (an entry of `PARAMETERS`).
    name: &'static str,
    /// Offsets of the whole `name=value` segment in the trimmed input.
    segment: Span,
    /// The raw value and where it starts.
    raw_value: &'a str,
    value_start: usize,
    /// The decoded value; `None` when it is not UTF-8 once decoded.
    value: Option<Cow<'a, str>>,
    /// The raw value holds a `%` escape, so decoded and raw offsets differ.
    escaped: bool,
}

impl Param<'_> {
    fn value_span(&self) -> Span {
        Span::at(self.value_start, self.value_start + self.raw_value.len())
    }

    /// The span in the trimmed input of decoded bytes `range` of the value.
    fn raw_span(&self, range: std::ops::Range<usize>) -> Span {
        // Without escapes the offsets agree; this keeps the spans of a long `select` or
        // `order_by` list linear to compute.
        if !self.escaped {
            let end = range.end.min(self.raw_value.len());
            return Span::at(
                self.value_start + range.start.min(end),
                self.value_start + end,
            );
        }
        let start = raw_offset(self.raw_value, range.start);
        let end = raw_offset(self.raw_value, range.end);
        Span::at(self.value_start + start, self.value_start + end)
    }
}

impl RequestLinter {
    /// A linter whose filter checks use `checker`.
    pub fn new(checker: Checker) -> Self {
        RequestLinter {
            checker,
            disabled: Vec::new(),
        }
    }

    /// Turns off the warnings with `code`, in the filters and in the request (errors
    /// cannot be silenced).
    pub fn disable(mut self, code: Code) -> Self {
        if code.severity() == crate::Severity::Warning {
            self.disabled.push(code);
            self.checker = self.checker.disable(code);
        }
        self
    }

    /// The checker the filters go through.
    pub fn checker(&self) -> &Checker {
        &self.checker
    }

    /// Lints one request: a URL (`https://apiv2.ahrefs.com/?token=…&from=…`), a query
    /// string with or without its leading `?`, or anything in between.
    ///
    /// Token values are replaced by `***` before anything else reads the text, so no part
    /// of the report can hold one.
    pub fn lint<'a>(&self, input: &'a str) -> UrlReport<'a> {
        self.lint_in(input, &mut Scratch::default()).into_owned()
    }

    /// [`lint`](Self::lint), keeping the redacted copy of the request and the vectors it
    /// needs in `scratch`: a loop over many requests, nearly all with a token, then
    /// allocates them once, and the report borrows the table and filter names from the
    /// redacted copy instead of copying them.
    ///
    /// ```
    /// use ahrefs_filter::{request::{RequestLinter, Scratch}, check::Checker, schema::Schema};
    ///
    /// let linter = RequestLinter::new(Checker::new(Schema::builtin()));
    /// let mut scratch = Scratch::default();
    /// for url in ["?token=s3cret&from=refdomains&target=a.com&mode=domain", "from=pages"] {
    ///     let report = linter.lint_in(url, &mut scratch);
    ///     assert_eq!(report, linter.lint(url));
    ///     assert!(!report.url.contains("s3cret"));
    /// }
    /// ```
    pub fn lint_in<'a>(&self, input: &'a str, scratch: &'a mut Scratch) -> UrlReport<'a> {
        let input = input.trim();
        if input.len() > LONGEST_REQUEST {
            return too_long(input.len());
        }
        let Scratch {
            redacted,
            tokens,
            segments,
            conditions,
        } = scratch;
        let kept = read_query(input, segments, tokens);
        if tokens.is_empty() {
            return self.lint_redacted(input, kept.then_some(segments), conditions, Vec::new());
        }
        redacted.clear();
        let bad_tokens = redact(input, tokens, redacted);
        shift(segments, tokens);
        self.lint_redacted(redacted, kept.then_some(segments), conditions, bad_tokens)
    }

    /// Lints a trimmed request whose tokens are already redacted. `segments` are its query's
    /// segments (`None` when there were too many to keep), `conditions`
    /// a vector to parse the filters into, and `diagnostics` the problems found in the tokens.
    fn lint_redacted<'a>(
        &self,
        input: &'a str,
        segments: Option<&Vec<Segment>>,
        conditions: &mut Vec<Condition<'static>>,
        diagnostics: Vec<Diagnostic>,
    ) -> UrlReport<'a> {
        match segments {
            Some(segments) => {
                self.lint_segments(input, segments.iter().copied(), conditions, diagnostics)
            }
            None => {
                let segments = Split::new(input, split_query(input).1);
                self.lint_segments(input, segments, conditions, diagnostics)
            }
        }
    }

    /// [`lint_redacted`](Self::lint_redacted) with the segments at hand.
    fn lint_segments<'a>(
        &self,
        input: &'a str,
        segments: impl Iterator<Item = Segment>,
        conditions: &mut Vec<Condition<'static>>,
        mut diagnostics: Vec<Diagnostic>,
    ) -> UrlReport<'a> {
        let mut bad = Capped::new();
        let mut parameters = Capped::new();
        let mut effective: [Option<Param<'a>>; PARAMETERS.len()] = Default::default();
        for Segment {
            start: offset,
            eq,
            end,
            index,
        } in segments
        {
            let (raw_name, raw_value, value_start) = match eq {
                Some(eq) => (&input[offset..eq], &input[eq + 1..end], eq + 1),
                None => (&input[offset..end], "", end),
            };
            let segment = Span::at(offset, end);
            // A v2 name as it is needs no decoding (the common case).
            let (name, index) = match index {
                Some(index) => (Cow::Borrowed(raw_name), Some(index)),
                None => {
                    let name = decode(raw_name, offset, None, &mut bad).unwrap_or_else(|| {
                        Cow::Owned(String::from_utf8_lossy(raw_name.as_bytes()).into_owned())
                    });
                    let index = known(&name);
                    (name, index)
                }
            };
            let Some(index) = index else {
                decode(raw_value, value_start, Some(&name), &mut bad);
                parameters.push_with(|| {
                    unknown_parameter(&name, Span::at(offset, offset + raw_name.len()))
                });
                continue;
            };
            let name = PARAMETERS[index];
            let value = decode(raw_value, value_start, Some(&Cow::Borrowed(name)), &mut bad);
            if let Some(earlier) = &effective[index] {
                parameters.push_with(|| repeated(name, earlier.segment, segment));
            }
            // A value that decoded to itself holds no `%` (most do), so no search for one.
            let escaped = !matches!(value, Some(Cow::Borrowed(_))) && raw_value.contains('%');
            effective[index] = Some(Param {
                name,
                segment,
                raw_value,
                value_start,
                value,
                escaped,
            });
        }

        parameters.drain_into(&mut diagnostics, "unknown or repeated parameters");
        bad.drain_into(&mut diagnostics, "percent-encoding problems");

        let get = |index: usize| effective[index].as_ref();
        let value = |index: usize| get(index).and_then(|p| p.value.as_deref().map(|v| (p, v)));

        let from = value(FROM);
        let table_name = from.map(|(_, v)| v).filter(|v| !v.is_empty());
        let table = table_name.and_then(|name| self.checker.schema().table(name));
        match from {
            None if get(FROM).is_none() => diagnostics.push(
                Diagnostic::new(
                    Code::MissingParameter,
                    None,
                    "missing parameter `from`: the table to query",
                )
                .with_help("add `from=<table>`; `ahrefs-filter tables` lists the tables"),
            ),
            Some((param, "")) => diagnostics.push(empty(param)),
            _ => {}
        }
        if table_name != Some(NO_TARGET_TABLE) {
            if get(TARGET).is_none() {
                diagnostics.push(missing(
                    "target",
                    "add `target=<domain or URL>`; only `subscription_info` needs none",
                ));
            }
            if get(MODE).is_none() {
                diagnostics.push(missing(
                    "mode",
                    "add `mode=exact` (or `domain`, `subdomains`, `prefix`); only `subscription_info` needs none",
                ));
            }
        }
        if let Some((param, "")) = value(TARGET) {
            diagnostics.push(empty(param));
        }
        if let Some((param, mode)) = value(MODE) {
            one_of(param, mode, MODES, &mut diagnostics);
        }
        if let Some((param, output)) = value(OUTPUT) {
            one_of(param, output, OUTPUTS, &mut diagnostics);
        }
        if let Some((param, select)) = value(SELECT) {
            let mut problems = Capped::new();
            check_select(param, select, table, &mut problems);
            problems.drain_into(&mut diagnostics, "problems in `select`");
        }
        if let Some((param, order_by)) = value(ORDER_BY) {
            let mut problems = Capped::new();
            check_order_by(param, order_by, table, &mut problems);
            problems.drain_into(&mut diagnostics, "problems in `order_by`");
        }
        for index in [LIMIT, OFFSET] {
            if let Some((param, number)) = value(index) {
                check_count(param, number, &mut diagnostics);
            }
        }

        // Only a named table can be unknown; a missing `from` is reported above.
        if let (Some(name), None) = (table_name, table) {
            let mut unknown = self.checker.unknown_table(name);
            unknown.span = from.map(|(p, _)| p.value_span());
            unknown.label = Some("not a v2 table".into());
            diagnostics.push(unknown);
        }
        let mut filter_diagnostics = Vec::new();
        let mut filter = |clause, index| {
            let (_, text) = value(index)?;
            let out = &mut filter_diagnostics;
            self.checker
                .check_clause(table, clause, text, conditions, out)
        };
        let canonical_where = filter(Clause::Where, WHERE);
        let canonical_having = filter(Clause::Having, HAVING);
        diagnostics.retain(|d| !self.disabled.contains(&d.code));
        // Whole-request problems without a place go last.
        diagnostics.sort_by_key(|d| (d.span.is_none(), d.span));
        diagnostics.append(&mut filter_diagnostics);

        let mut take = |index: usize| effective[index].take().and_then(|p| p.value);
        UrlReport {
            url: Cow::Borrowed(input),
            table: take(FROM),
            where_filter: take(WHERE),
            having_filter: take(HAVING),
            diagnostics,
            canonical_where,
            canonical_having,
        }
    }
}

fn missing(name: &str, help: &'static str) -> Diagnostic {
    Diagnostic::new(
        Code::MissingParameter,
        None,
        format!("missing parameter `{name}`"),
    )
    .with_help(help)
}

/// The query part of `input` and its offset: what follows the first `?`, unless what
/// precedes it already looks like a query (holds `=` or `&`), in which case the whole input.
fn split_query(input: &str) -> (&str, usize) {
    let bytes = input.as_bytes();
    match memchr2_either(bytes, b'?', b'?') {
        Some(at) if memchr2_either(&bytes[..at], b'=', b'&').is_none() => {
            (&input[at + 1..], at + 1)
        }
        _ if memchr2_either(bytes, b'=', b'&').is_some() => (input, 0),
        // A bare URL without a query: no parameters.
        _ => ("", input.len()),
    }
}

/// A percent-decoding problem.
struct BadEncoding<'a> {
    /// Where, in the trimmed input.
    span: Span,
    /// The parameter whose value holds it, or `None` when it is in a parameter name.
    name: Option<Cow<'a, str>>,
    /// Not a bad escape but bytes that are not UTF-8 once decoded.
    not_utf8: bool,
}

impl From<BadEncoding<'_>> for Diagnostic {
    fn from(bad: BadEncoding<'_>) -> Diagnostic {
        bad.diagnostic()
    }
}

impl BadEncoding<'_> {
    fn diagnostic(&self) -> Diagnostic {
        let what = match &self.name {
            None => "a parameter name".to_owned(),
            Some(name) => format!("the value of `{name}`"),
        };
        let position = self.span.start;
        if self.not_utf8 {
            Diagnostic::new(
                Code::PercentEncoding,
                self.span,
                format!("{what} is not UTF-8 once percent-decoded (byte {position})"),
            )
            .with_label("not part of a UTF-8 character")
            .with_help("v2 parameters are UTF-8, percent-encoded byte by byte")
        } else {
            Diagnostic::new(
                Code::PercentEncoding,
                self.span,
                format!(
                    "invalid percent escape in {what} at byte {position}: `%` must be followed by two hex digits"
                ),
            )
            .with_label("not a `%XX` escape")
            .with_help("write a literal `%` as `%25`")
        }
    }
}

/// Appends `input` to `redacted` with each of the `tokens` spans replaced by `***`, and
/// returns the problems found in them (a bad `%` escape is reported at the stars, so the
/// value stays unseen).
fn redact(input: &str, tokens: &[Span], redacted: &mut String) -> Vec<Diagnostic> {
    let mut bad_tokens = Vec::new();
    let mut at = 0;
    for span in tokens {
        redacted.push_str(&input[at..span.start as usize]);
        let stars = Span::at(redacted.len(), redacted.len() + REDACTED.len());
        redacted.push_str(REDACTED);
        if has_bad_escape(&input[span.range()]) {
            bad_tokens.push(bad_token_escape(stars));
        }
        at = span.end as usize;
    }
    redacted.push_str(&input[at..]);
    bad_tokens
}

/// One non-empty `&`-separated part of a query, as offsets into the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: usize,
    /// Its first `=`, if it has one.
    eq: Option<usize>,
    end: usize,
    /// The v2 parameter its raw name is, if it is one: names are matched once per request.
    index: Option<usize>,
}

/// How many segments [`read_query`] keeps for [`RequestLinter::lint_redacted`]; a request
/// with more (a hostile one) is split again instead, so its memory stays bounded by its
/// size rather than growing 24 bytes for each two-byte `&x`.
const MAX_KEPT_SEGMENTS: usize = 256;

/// Sets `tokens` to the spans of every value that may be a token, sorted and disjoint:
/// values of `token` and of look-alike names ([`looks_like_token`]) in the query of `input`
/// (as [`split_query`] finds it) and, to be safe, in what follows the first `?` too (a
/// `?token=…` inside another value). Sets `segments` to the query's segments, and returns
/// false when there were too many to keep.
///
/// Redacting the tokens changes no `&` and no segment's first `=` (a token value follows a
/// `=` of its segment and holds no `&`), so the segments of the redacted request are these,
/// [`shift`]ed: the query is split once.
fn read_query(input: &str, segments: &mut Vec<Segment>, tokens: &mut Vec<Span>) -> bool {
    segments.clear();
    tokens.clear();
    let (_, start) = split_query(input);
    let mut kept = true;
    for segment in Split::new(input, start) {
        tokens.extend(token_value(input, &segment));
        if kept && segments.len() == MAX_KEPT_SEGMENTS {
            kept = false;
            segments.clear();
        }
        if kept {
            segments.push(segment);
        }
    }
    if let Some(at) = memchr2_either(input.as_bytes(), b'?', b'?') {
        if at + 1 != start {
            tokens.extend(Split::new(input, at + 1).filter_map(|s| token_value(input, &s)));
            tokens.sort_unstable_by_key(|s| (s.start, s.end));
            tokens.dedup_by(|later, earlier| {
                let overlaps = later.start < earlier.end;
                if overlaps {
                    *earlier = earlier.cover(*later);
                }
                overlaps
            });
        }
    }
    kept
}

/// The non-empty `&`-separated segments of `input[start..]`.
struct Split<'a> {
    input: &'a str,
    start: usize,
}

impl<'a> Split<'a> {
    fn new(input: &'a str, start: usize) -> Self {
        Split { input, start }
    }
}

impl Iterator for Split<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        let bytes = self.input.as_bytes();
        while self.start <= bytes.len() {
            let start = self.start;
            let end =
                memchr2_either(&bytes[start..], b'&', b'&').map_or(bytes.len(), |i| start + i);
            self.start = end + 1;
            if start < end {
                let eq = memchr2_either(&bytes[start..end], b'=', b'=').map(|i| start + i);
                return Some(Segment {
                    start,
                    eq,
                    end,
                    index: known(&self.input[start..eq.unwrap_or(end)]),
                });
            }
        }
        None
    }
}

/// The span of the value of `segment` when it may be a token.
fn token_value(input: &str, segment: &Segment) -> Option<Span> {
    let eq = segment.eq.filter(|&eq| eq + 1 < segment.end)?;
    // A v2 name needs no decoding; anything else may be an encoded `token`.
    let is_token = match segment.index {
        Some(index) => index == TOKEN,
        None => {
            let name = decode(&input[segment.start..eq], 0, None, &mut Capped::new());
            let name = name.as_deref().unwrap_or("");
            known(name) == Some(TOKEN) || looks_like_token(name)
        }
    };
    is_token.then(|| Span::at(eq + 1, segment.end))
}

/// Moves the offsets of `segments` from the request to its redacted copy, where each of
/// the sorted `tokens` became `***`.
fn shift(segments: &mut [Segment], tokens: &[Span]) {
    let (mut next, mut removed, mut added) = (0, 0, 0);
    let mut moved = |at: usize| {
        while let Some(token) = tokens.get(next).filter(|t| t.end as usize <= at) {
            removed += token.len();
            added += REDACTED.len();
            next += 1;
        }
        at + added - removed
    };
    for segment in segments {
        segment.start = moved(segment.start);
        segment.eq = segment.eq.map(&mut moved);
        segment.end = moved(segment.end);
    }
}

/// True when `raw` has a `%` not followed by two hex digits.
fn has_bad_escape(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%' && (hex(bytes.get(i + 1)).is_none() || hex(bytes.get(i + 2)).is_none())
    })
}

fn bad_token_escape(stars: Span) -> Diagnostic {
    Diagnostic::new(
        Code::PercentEncoding,
        stars,
        format!(
            "invalid percent escape in the value of `token` (shown as `***` at byte {})",
            stars.start
        ),
    )
    .with_label("holds a `%` not followed by two hex digits")
    .with_help("write a literal `%` as `%25`")
}

/// Percent-decodes `raw` (which starts at `base` in the input), `+` as a space. A `%` not
/// followed by two hex digits is kept as it is and reported; a result that is not UTF-8 is
/// reported and gives `None`. `name` is the parameter whose value `raw` is, `None` for a
/// parameter name.
fn decode<'a>(
    raw: &'a str,
    base: usize,
    name: Option<&Cow<'a, str>>,
    bad: &mut Capped<BadEncoding<'a>>,
) -> Option<Cow<'a, str>> {
    let bytes = raw.as_bytes();
    let Some(i) = memchr2_either(bytes, b'%', b'+') else {
        return Some(Cow::Borrowed(raw));
    };
    // Filters are mostly escapes (`%3E10%2C`), so this is a plain loop over the bytes,
    // taking them off the front of the rest without index checks.
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..i]);
    let mut rest = &bytes[i..];
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        out.push(match b {
            b'%' => match *tail {
                [high, low, ref after @ ..]
                    if HEX[usize::from(high)] | HEX[usize::from(low)] < 16 =>
                {
                    rest = after;
                    HEX[usize::from(high)] << 4 | HEX[usize::from(low)]
                }
                _ => {
                    // Cover the `%` and what should have been its two digits, on char
                    // boundaries.
                    let at = bytes.len() - tail.len() - 1;
                    let mut end = (at + 3).min(bytes.len());
                    while !raw.is_char_boundary(end) {
                        end -= 1;
                    }
                    bad.push_with(|| BadEncoding {
                        span: Span::at(base + at, base + end),
                        name: name.cloned(),
                        not_utf8: false,
                    });
                    b'%'
                }
            },
            b'+' => b' ',
            b => b,
        });
    }
    match String::from_utf8(out) {
        Ok(text) => Some(Cow::Owned(text)),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            bad.push(BadEncoding {
                span: Span::at(base + raw_offset(raw, at), base + raw_offset(raw, at + 1)),
                name: name.cloned(),
                not_utf8: true,
            });
            None
        }
    }
}

/// The value of each hex digit; 16 for any other byte.
const HEX: [u8; 256] = {
    let mut table = [16; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

fn hex(byte: Option<&u8>) -> Option<u8> {
    Some(HEX[usize::from(*byte?)]).filter(|&value| value < 16)
}

/// How many problems of one kind a request lists before the rest are only counted.
const MAX_LISTED: usize = 1000;

/// Problems of one kind: the first [`MAX_LISTED`] are kept and the rest only counted, so a
/// hostile request (a million `&x`, 100,000 unknown columns in `select`) costs a count, not
/// a diagnostic each.
struct Capped<T> {
    kept: Vec<T>,
    more: usize,
}

impl<T> Capped<T> {
    fn new() -> Self {
        Capped {
            kept: Vec::new(),
            more: 0,
        }
    }

    /// Keeps what `make` builds, or only counts it once the list is full (so a counted
    /// problem costs no formatting either).
    fn push_with(&mut self, make: impl FnOnce() -> T) {
        if self.kept.len() < MAX_LISTED {
            self.kept.push(make());
        } else {
            self.more += 1;
        }
    }

    fn push(&mut self, item: T) {
        self.push_with(|| item);
    }

    /// Moves the kept diagnostics into `out`, then one `truncated` warning that counts the
    /// rest, described as `what`.
    fn drain_into(self, out: &mut Vec<Diagnostic>, what: &str)
    where
        T: Into<Diagnostic>,
    {
        out.extend(self.kept.into_iter().map(Into::into));
        if self.more > 0 {
            out.push(Diagnostic::new(
                Code::Truncated,
                None,
                format!("{} more {what} are not listed", self.more),
            ));
        }
    }
}

/// The offset in `raw` of the decoded byte `decoded`.
fn raw_offset(raw: &str, decoded: usize) -> usize {
    let bytes = raw.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() && n < decoded {
        let escape =
            bytes[i] == b'%' && hex(bytes.get(i + 1)).is_some() && hex(bytes.get(i + 2)).is_some();
        i += if escape { 3 } else { 1 };
        n += 1;
    }
    i
}

fn repeated(name: &str, earlier: Span, again: Span) -> Diagnostic {
    Diagnostic::new(
        Code::RepeatedParameter,
        again,
        format!("parameter `{name}` is given more than once"),
    )
    .with_label("given again here")
    .with_related(earlier, "given before here")
    .with_help("which one the server uses is unknown; this lint checks the last; send it once")
}

fn unknown_parameter(name: &str, span: Span) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::UnknownParameter,
        span,
        format!("unknown parameter `{name}`"),
    )
    .with_label("not a v2 request parameter");
    match suggest::closest(name, PARAMETERS.iter().copied()) {
        Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
        None => diagnostic.with_help(format!("v2 parameters: {}", PARAMETERS.join(", "))),
    }
}

fn empty(param: &Param<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidParameter,
        param.segment,
        format!("parameter `{}` is empty", param.name),
    )
    .with_label("no value")
}

fn one_of(param: &Param<'_>, value: &str, allowed: &[&str], out: &mut Vec<Diagnostic>) {
    if allowed.contains(&value) {
        return;
    }
    let list = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let diagnostic = Diagnostic::new(
        Code::InvalidParameter,
        param.raw_span(0..value.len()),
        format!("`{}` must be one of {list}, not `{value}`", param.name),
    )
    .with_label(format!("not a {}", param.name));
    out.push(match suggest::closest(value, allowed.iter().copied()) {
        Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
        None => diagnostic,
    });
}

/// Splits a comma list, with each item's decoded byte range.
fn items(list: &str) -> impl Iterator<Item = (&str, std::ops::Range<usize>)> {
    let mut start = 0;
    list.split(',').map(move |item| {
        let range = start..start + item.len();
        start += item.len() + 1;
        (item, range)
    })
}

fn empty_item(param: &Param<'_>, range: std::ops::Range<usize>) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidParameter,
        param.raw_span(range),
        format!("empty item in `{}`", param.name),
    )
    .with_label("nothing between the commas")
    .with_help("items are separated by single commas, with none at either end")
}

fn unknown_column(
    param: &Param<'_>,
    name: &str,
    range: std::ops::Range<usize>,
    table: &TableDef,
) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::UnknownColumn,
        param.raw_span(range),
        format!(
            "unknown column `{name}` in `{}` of table `{}`",
            param.name, table.name
        ),
    )
    .with_label("not a column of this table");
    match suggest::closest(name, table.columns.iter().map(|c| &*c.name)) {
        Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
        None => diagnostic.with_help(format!(
            "`ahrefs-filter tables {}` lists its columns",
            table.name
        )),
    }
}

fn check_select(
    param: &Param<'_>,
    select: &str,
    table: Option<&TableDef>,
    out: &mut Capped<Diagnostic>,
) {
    if select == "*" {
        return;
    }
    for (item, range) in items(select) {
        if item.is_empty() {
            out.push(empty_item(param, range));
        } else if item == "*" {
            out.push(
                Diagnostic::new(
                    Code::InvalidParameter,
                    param.raw_span(range),
                    "`*` in `select` must stand alone",
                )
                .with_label("mixed with column names")
                .with_help("send `select=*` for every column, or list the columns"),
            );
        } else if let Some(table) = table.filter(|t| t.column(item).is_none()) {
            out.push_with(|| unknown_column(param, item, range, table));
        }
    }
}

fn check_order_by(
    param: &Param<'_>,
    order_by: &str,
    table: Option<&TableDef>,
    out: &mut Capped<Diagnostic>,
) {
    for (item, range) in items(order_by) {
        let (column, direction) = match item.split_once(':') {
            Some((column, direction)) => (column, Some(direction)),
            None => (item, None),
        };
        if column.is_empty() {
            out.push(empty_item(param, range));
            continue;
        }
        if let Some(table) = table.filter(|t| t.column(column).is_none()) {
            let range = range.start..range.start + column.len();
            out.push_with(|| unknown_column(param, column, range, table));
        }
        if let Some(direction) = direction.filter(|d| !matches!(*d, "asc" | "desc")) {
            let at = range.start + column.len() + 1;
            out.push_with(|| bad_direction(param, column, direction, at));
        }
    }
}

/// `direction` (at decoded offset `at`) is not a sort direction of `column`.
fn bad_direction(param: &Param<'_>, column: &str, direction: &str, at: usize) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::InvalidParameter,
        param.raw_span(at..at + direction.len()),
        format!("sort direction of `{column}` must be `asc` or `desc`, not `{direction}`"),
    )
    .with_label("not a direction");
    let close = match direction.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'a') => Some("asc"),
        Some(b'd') => Some("desc"),
        _ => suggest::closest(direction, ["asc", "desc"]),
    };
    match close {
        Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
        None => diagnostic.with_help("write `column:asc`, `column:desc` or `column`"),
    }
}

fn check_count(param: &Param<'_>, number: &str, out: &mut Vec<Diagnostic>) {
    let digits = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    if digits && number.parse::<u64>().is_ok() {
        return;
    }
    let message = if digits {
        format!("`{}` is too large: `{number}`", param.name)
    } else {
        format!(
            "`{}` must be a non-negative integer, not `{number}`",
            param.name
        )
    };
    out.push(
        Diagnostic::new(
            Code::InvalidParameter,
            param.raw_span(0..number.len()),
            message,
        )
        .with_label("not a row count"),
    );
}

/// The offset of the first `a` or `b` in `bytes`.
fn memchr2_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    memchr::memchr2(a, b, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_too_long_for_32_bit_spans_is_one_error_without_its_text() {
        let report = too_long(LONGEST_REQUEST + 1);
        assert_eq!(report.url, "");
        assert_eq!(report.diagnostics.len(), 1);
        let error = &report.diagnostics[0];
        assert_eq!((error.code, error.span), (Code::Syntax, None));
        assert!(error.message.contains(&(LONGEST_REQUEST + 1).to_string()));
        // A request of the limit, redacted at worst (`tokn=` and an empty value in every
        // segment, each growing by `***`), still fits 32-bit spans.
        let per_segment = "tokn=&".len();
        let redacted = LONGEST_REQUEST / per_segment * (per_segment + REDACTED.len());
        assert!(redacted + per_segment <= Span::MAX_TEXT_LEN);
    }

    #[test]
    fn find_agrees_with_a_plain_search() {
        let text = b"abc=def&ghi%20jkl+mno&&pqr=stu%zzvwx=yz";
        for start in 0..text.len() {
            for (a, b) in [(b'&', b'&'), (b'=', b'='), (b'%', b'+'), (b'#', b'#')] {
                let bytes = &text[start..];
                let expected = bytes.iter().position(|&c| c == a || c == b);
                assert_eq!(memchr2_either(bytes, a, b), expected, "{start} {a} {b}");
            }
        }
        // Bytes above 0x80 and zero bytes do not confuse the word test.
        assert_eq!(memchr2_either("ééééé%".as_bytes(), b'%', b'+'), Some(10));
        assert_eq!(memchr2_either(b"\0\0\0\0\0\0\0\0\0&", b'&', b'&'), Some(9));
    }

    #[test]
    fn raw_offsets_skip_escapes() {
        assert_eq!(raw_offset("a%3Eb", 0), 0);
        assert_eq!(raw_offset("a%3Eb", 1), 1);
        assert_eq!(raw_offset("a%3Eb", 2), 4);
        assert_eq!(raw_offset("a%3Eb", 3), 5);
        assert_eq!(raw_offset("a%zb", 2), 2);
        assert_eq!(raw_offset("ab", 10), 2);
    }

    #[test]
    fn parameter_indices_match_the_list() {
        for (i, name) in PARAMETERS.iter().enumerate() {
            assert_eq!(known(name), Some(i));
        }
        assert_eq!(known("tokens"), None);
    }

    proptest::proptest! {
        /// Redacting changes no `&` and no segment's first `=`, so the request's segments,
        /// shifted, are those of its redacted copy: the query need not be split again.
        #[test]
        fn shifted_segments_are_those_of_the_redacted_request(
            input in "(token=|tokn=|%74oken=|Token=|x=1|[a=&?%]|\\?token=s=&){0,12}"
        ) {
            let (mut segments, mut tokens) = (Vec::new(), Vec::new());
            read_query(&input, &mut segments, &mut tokens);
            let mut redacted = String::new();
            redact(&input, &tokens, &mut redacted);
            shift(&mut segments, &tokens);
            let again: Vec<Segment> = Split::new(&redacted, split_query(&redacted).1).collect();
            proptest::prop_assert_eq!(segments, again, "{} -> {}", input, redacted);
        }
    }

    #[test]
    fn query_is_found() {
        assert_eq!(split_query("https://x/?a=1"), ("a=1", 11));
        assert_eq!(split_query("?a=1"), ("a=1", 1));
        assert_eq!(split_query("a=1&b=?"), ("a=1&b=?", 0));
        assert_eq!(split_query("https://x/"), ("", 10));
    }
}
