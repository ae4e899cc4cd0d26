//! Whole-request lint (spec §5): a request URL or query string, checked as the v2 API
//! would read it.
//!
//! The request is the input with surrounding whitespace, a byte-order mark at its start
//! and any `#fragment` dropped; or, for a common or combined access-log line
//! (`1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /?from=… HTTP/1.1" 200 2326 "-" "UA"`),
//! the target of its quoted request line (`/?from=…`).
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
//! or like an API key's (`apikey`, `api_key`, in any case); a `token=` that follows the
//! first `?` even when the input reads as a query string whose value holds that `?`; and
//! the password of a URL's `user:password@` before the host (`user:***@`), or its whole
//! userinfo when it has no `:` (`***@`).
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
use crate::schema::Schema;
use crate::span::Span;
use crate::syntax::Condition;

mod capped;
mod input;
mod names;
mod params;
mod percent;
mod query;
mod redact;

use names::{HAVING, WHERE};
use params::Params;
use query::{split_query, Segment, Split};
use redact::{Secret, REDACTED};

/// The longest request linted, in bytes. Spans are 32-bit ([`Span::MAX_TEXT_LEN`]), and
/// redaction lengthens a request (`tokn=x&` becomes `tokn=***&`: a secret's name and value
/// are at least four bytes, so by less than 60%, and a one-byte password by two bytes),
/// hence half of that.
pub(crate) const LONGEST_REQUEST: usize = Span::MAX_TEXT_LEN / 2;

/// The report on a request longer than [`LONGEST_REQUEST`]: one error, and no text of the
/// request (it may hold a token that was not redacted).
#[cold]
fn too_long<'a>(len: usize) -> UrlReport<'a> {
    let message = format!(
        "the request is {len} bytes long; the longest this linter reads is {LONGEST_REQUEST} bytes"
    );
    failed(Diagnostic::new(Code::Syntax, None, message))
}

/// The report on a request that could not be read: `error`, and no text of it.
#[cold]
fn failed<'a>(error: Diagnostic) -> UrlReport<'a> {
    UrlReport {
        diagnostics: vec![error],
        ..UrlReport::default()
    }
}

/// What linting one request found. Non-exhaustive: fields may be added.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct UrlReport<'a> {
    /// The request as given, every secret replaced by `***`: surrounding whitespace, a
    /// byte-order mark and a `#fragment` dropped, and for an access-log line only the
    /// target of its request line (`/?from=…`). Spans of whole-request diagnostics point
    /// into this text. Empty when the request could not be read (too long, or a log line
    /// without a request line).
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

/// Buffers that [`RequestLinter::lint_in`] reuses from one request to the next. Opaque:
/// make one with [`Scratch::default`] and hand it to every call.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    /// The request with the password of its URL redacted, when it has one.
    userinfo: String,
    /// The request with its secrets redacted.
    redacted: String,
    /// Its secret values, before redaction.
    secrets: Vec<Secret>,
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
    /// string with or without its leading `?`, or anything in between; or the request
    /// line of a common or combined access-log line (`1.2.3.4 - - [10/Oct/2000:13:55:36
    /// -0700] "GET /?from=…&token=… HTTP/1.1" 200 2326`), whose target is then the
    /// request. A byte-order mark at the start and a `#fragment` are ignored.
    ///
    /// Secrets (token values, API keys, a URL's password) are replaced by `***` before
    /// anything else reads the text, so no part of the report can hold one.
    ///
    /// ```
    /// use ahrefs_filter::{request::RequestLinter, check::Checker, schema::Schema};
    ///
    /// let linter = RequestLinter::new(Checker::new(Schema::builtin()));
    /// let line = r#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /?token=s3cret&from=refdomains&target=a.com&mode=domian HTTP/1.1" 200 2326 "-" "curl/8.0""#;
    /// let report = linter.lint(line);
    /// assert_eq!(report.url, "/?token=***&from=refdomains&target=a.com&mode=domian");
    /// // Spans count in that text: `domian` is its last six bytes.
    /// let span = report.diagnostics[0].span.unwrap();
    /// assert_eq!(&report.url[span.range()], "domian");
    /// ```
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
        let input = match input::request(input) {
            Ok(request) => request,
            Err(error) => return failed(error.into()),
        };
        if input.len() > LONGEST_REQUEST {
            return too_long(input.len());
        }
        let Scratch {
            userinfo,
            redacted,
            secrets,
            segments,
            conditions,
        } = scratch;
        // The password goes first: it may hold the `&` and `=` that the query is split on.
        let input: &'a str = match redact::userinfo(input) {
            None => input,
            Some(password) => {
                userinfo.clear();
                userinfo.push_str(&input[..password.start]);
                userinfo.push_str(REDACTED);
                userinfo.push_str(&input[password.end..]);
                userinfo
            }
        };
        let kept = redact::read_query(input, segments, secrets);
        if secrets.is_empty() {
            return self.lint_redacted(input, kept.then_some(segments), conditions, Vec::new());
        }
        redacted.clear();
        let bad_secrets = redact::redact(input, secrets, redacted);
        redact::shift(segments, secrets);
        self.lint_redacted(redacted, kept.then_some(segments), conditions, bad_secrets)
    }

    /// Lints a request whose secrets are already redacted. `segments` are its query's
    /// segments (`None` when there were too many to keep), `conditions` a vector to parse
    /// the filters into, and `diagnostics` the problems found in the secrets.
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
        let mut params = Params::default();
        params.read(input, segments, &mut diagnostics);
        let (table_name, table) = params.table(self.checker.schema());
        params.check(table, &mut diagnostics);
        // Only a named table can be unknown; a missing `from` is reported by the checks.
        if let (Some(name), None) = (table_name, table) {
            let mut unknown = self.checker.unknown_table(name);
            unknown.span = params.get(names::FROM).map(|p| p.value_span());
            unknown.label = Some("not a v2 table".into());
            diagnostics.push(unknown);
        }
        let mut filter_diagnostics = Vec::new();
        let mut filter = |clause, index| {
            let (_, text) = params.value(index)?;
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

        UrlReport {
            url: Cow::Borrowed(input),
            table: params.take(names::FROM),
            where_filter: params.take(WHERE),
            having_filter: params.take(HAVING),
            diagnostics,
            canonical_where,
            canonical_having,
        }
    }
}
/// A v2 parameter of a request, as [`parameters`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parameter<'a> {
    /// The raw (percent-encoded) value.
    pub raw: &'a str,
    /// Offset of `raw` in the request.
    pub start: usize,
}

impl<'a> Parameter<'a> {
    /// The decoded value (`+` a space); `None` when it is not UTF-8 once decoded.
    pub fn value(&self) -> Option<Cow<'a, str>> {
        percent::decode(self.raw, self.start, None, &mut capped::Capped::new())
    }

    /// The span in the request of decoded bytes `range` of the value.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        let start = percent::raw_offset(self.raw, range.start);
        let end = percent::raw_offset(self.raw, range.end);
        Span::at(self.start + start, self.start + end)
    }
}

/// The v2 parameters of a request, as the linter reads them: the last occurrence of each.
#[derive(Debug, Clone, Default)]
pub struct Parameters<'a> {
    found: [Option<Parameter<'a>>; names::PARAMETERS.len()],
}

impl<'a> Parameters<'a> {
    /// The v2 parameter `name` (`from`, `select`, …), when the request has it.
    pub fn get(&self, name: &str) -> Option<Parameter<'a>> {
        names::known(name).and_then(|i| self.found[i])
    }
}

/// The v2 parameters of `request`, a request as [`UrlReport::url`] holds it (the linter
/// found no error in it, e.g.). Values are decoded only when asked for.
///
/// ```
/// use ahrefs_filter::request::parameters;
/// let params = parameters("?from=refdomains&select=domain_rating%2Crefdomain");
/// let select = params.get("select").unwrap();
/// assert_eq!(select.value().as_deref(), Some("domain_rating,refdomain"));
/// assert_eq!(select.span(14..23).range(), (40..49));
/// assert!(params.get("where").is_none());
/// ```
pub fn parameters(request: &str) -> Parameters<'_> {
    let input = request.trim();
    let mut found: Parameters<'_> = Parameters::default();
    for segment in Split::new(input, split_query(input).1) {
        let (raw_name, raw, start) = match segment.eq {
            Some(eq) => (
                &input[segment.start..eq],
                &input[eq + 1..segment.end],
                eq + 1,
            ),
            None => (&input[segment.start..segment.end], "", segment.end),
        };
        let index = segment.index.or_else(|| {
            percent::decode(raw_name, 0, None, &mut capped::Capped::new())
                .and_then(|n| names::known(&n))
        });
        if let Some(index) = index {
            found.found[index] = Some(Parameter { raw, start });
        }
    }
    found
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
        // A request of the limit, redacted at worst (`tokn=` and a one-byte value in every
        // segment, each growing by two bytes, and a one-byte password growing by two),
        // still fits 32-bit spans.
        let per_segment = "tokn=x&".len();
        let redacted = LONGEST_REQUEST / per_segment * (per_segment + REDACTED.len() - 1);
        assert!(redacted + per_segment + REDACTED.len() <= Span::MAX_TEXT_LEN);
    }

    #[test]
    fn a_password_is_redacted_before_the_query_is_split() {
        // The password holds `&` and `=`: read first, they would make parameters.
        let linter = RequestLinter::new(Checker::new(Schema::builtin()));
        let mut scratch = Scratch::default();
        let report = linter.lint_in(
            "https://me:a&from=x@apiv2.ahrefs.com/?from=refdomains&target=a.com&mode=exact",
            &mut scratch,
        );
        assert_eq!(
            report.url,
            "https://me:***@apiv2.ahrefs.com/?from=refdomains&target=a.com&mode=exact"
        );
        assert_eq!(report.diagnostics, []);
        assert_eq!(report.table.as_deref(), Some("refdomains"));
    }
}
