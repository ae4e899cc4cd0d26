//! Whole translations: a v2 filter pair for a table, or a whole v2 request, to a v3
//! request (`v3-translation.md` §1, §3).

use std::borrow::Cow;

use super::ast::Filter;
use super::schema::{self, Endpoint, Status, TableMap};
use super::translate::Translate;
use super::{History, Options};
use crate::check::{Checker, Request};
use crate::diagnostics::{Clause, Code, Diagnostic};
use crate::request::{parameters, Parameter, RequestLinter, Scratch, PARAMETERS};
use crate::schema::Schema;
use crate::span::Span;
use crate::syntax;

/// Where v3 requests go: the endpoint's path follows.
pub const API_BASE: &str = "https://api.ahrefs.com/v3/";

/// A v2 request or filter pair, translated.
///
/// Diagnostics point into the v2 text: those with a [`clause`](Diagnostic::clause) into
/// that filter ([`source_of`](Translation::source_of)), the others into the (redacted) v2
/// request. When any is an error, nothing is emitted: `params`, `where_filter` and `url`
/// are empty.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Translation {
    /// The v2 table.
    pub table: Option<String>,
    /// The v3 endpoint's path, e.g. `site-explorer/all-backlinks`.
    pub endpoint: Option<&'static str>,
    /// The v3 query parameters in the order sent, each value as sent (before percent-encoding;
    /// `where` as its compact JSON text).
    pub params: Vec<(&'static str, String)>,
    /// The v3 `where`, when there is one.
    pub where_filter: Option<Filter>,
    /// The v3 request URL, every value percent-encoded. It never holds a key: v3 takes it in
    /// an `Authorization: Bearer` header.
    pub url: Option<String>,
    /// What the translation found, v2 errors included when the input had some.
    pub diagnostics: Vec<Diagnostic>,
    /// The v2 request as read, its token redacted (request translations only).
    pub request: Option<String>,
    /// The v2 `where` text.
    pub v2_where: Option<String>,
    /// The v2 `having` text.
    pub v2_having: Option<String>,
}

impl Translation {
    /// True when the translation carries no diagnostic at all: v3 means what v2 did, as far
    /// as the evidence goes.
    pub fn exact(&self) -> bool {
        self.url.is_some() && self.diagnostics.is_empty()
    }

    /// True when any diagnostic is an error (nothing was emitted).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The value of parameter `name` as sent.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `where` JSON text as sent.
    pub fn where_json(&self) -> Option<&str> {
        self.param("where")
    }

    /// The name and text a diagnostic's span points into: the v2 filter of its clause, or
    /// the v2 request.
    pub fn source_of(&self, diagnostic: &Diagnostic) -> (&'static str, &str) {
        let (name, text) = match diagnostic.clause {
            Some(Clause::Where) => ("where", &self.v2_where),
            Some(Clause::Having) => ("having", &self.v2_having),
            None => ("url", &self.request),
        };
        (name, text.as_deref().unwrap_or(""))
    }
}

/// Translates v2 requests and filter pairs with fixed [`Options`]. Build once, translate
/// many.
#[derive(Debug, Clone)]
pub struct Translator {
    linter: RequestLinter,
    options: Options,
}

impl Translator {
    /// A translator checking v2 input against the built-in v2 schema.
    pub fn new(options: Options) -> Translator {
        Translator {
            linter: RequestLinter::new(Checker::new(Schema::builtin())),
            options,
        }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Translates the filters `where_filter` and `having` of v2 `table`: the endpoint, its
    /// fixed parameters, `history` and `where` (no `target`, `select`, …: a filter pair is
    /// not a whole request).
    ///
    /// ```
    /// use ahrefs_filter::v3::{Options, Translator, History};
    /// let options = Options { history: Some(History::Live), ..Options::default() };
    /// let t = Translator::new(options).translate_filters("anchors", Some("refpages>5"), None);
    /// assert_eq!(t.url.as_deref(), Some(
    ///     "https://api.ahrefs.com/v3/site-explorer/anchors?history=live&where=%7B%22field%22%3A%22refpages%22%2C%22is%22%3A%5B%22gt%22%2C5%5D%7D"
    /// ));
    /// assert!(t.exact());
    /// ```
    pub fn translate_filters(
        &self,
        table: &str,
        where_filter: Option<&str>,
        having: Option<&str>,
    ) -> Translation {
        let mut translation = Translation {
            table: Some(table.to_owned()),
            v2_where: where_filter.map(str::to_owned),
            v2_having: having.map(str::to_owned),
            ..Translation::default()
        };
        let request = Request {
            table,
            where_filter,
            having_filter: having,
        };
        let report = self.linter.checker().check(&request);
        if report.has_errors() {
            translation.diagnostics = report.diagnostics;
            return translation;
        }
        let Some((map, endpoint)) = target(table, None, &mut translation.diagnostics) else {
            return translation;
        };
        let mut out = Emit::new(map, endpoint, &self.options);
        out.table_params(None);
        out.filters(where_filter, having);
        out.finish(&mut translation);
        translation
    }

    /// Translates a whole v2 request (a URL or query string, as
    /// [`RequestLinter::lint`] reads it).
    pub fn translate_request(&self, input: &str) -> Translation {
        self.translate_request_in(input, &mut Scratch::default())
    }

    /// [`translate_request`](Self::translate_request) with the v2 lint's buffers kept in
    /// `scratch` from one request to the next, as a stream of requests wants.
    ///
    /// ```
    /// use ahrefs_filter::{request::Scratch, v3::{Options, Translator}};
    /// let translator = Translator::new(Options::default());
    /// let mut scratch = Scratch::default();
    /// for url in ["from=anchors&target=a.com&mode=domain", "from=pages&target=a.com&mode=domain"] {
    ///     assert_eq!(translator.translate_request_in(url, &mut scratch), translator.translate_request(url));
    /// }
    /// ```
    pub fn translate_request_in(&self, input: &str, scratch: &mut Scratch) -> Translation {
        let report = self.linter.lint_in(input, scratch);
        let has_errors = report.has_errors();
        let mut translation = Translation {
            table: report.table.map(Cow::into_owned),
            request: Some(report.url.into_owned()),
            v2_where: report.where_filter.map(Cow::into_owned),
            v2_having: report.having_filter.map(Cow::into_owned),
            ..Translation::default()
        };
        if has_errors {
            translation.diagnostics = report.diagnostics;
            return translation;
        }
        let request = translation.request.take().unwrap_or_default();
        self.request(&request, &mut translation);
        translation.request = Some(request);
        translation
    }

    fn request(&self, request: &str, translation: &mut Translation) {
        let params = parameters(request);
        let param = |name: &str| {
            PARAMETERS
                .iter()
                .position(|p| *p == name)
                .and_then(|i| params[i].as_ref())
        };
        let value = |name: &str| param(name).and_then(Parameter::value);
        let table = translation.table.clone().unwrap_or_default();
        let from = param("from").map(|p| p.span(0..table.len()));
        let Some((map, endpoint)) = target(&table, from, &mut translation.diagnostics) else {
            return;
        };
        let mut out = Emit::new(map, endpoint, &self.options);
        for name in ["target", "mode", "limit"] {
            if let Some(v) = value(name) {
                out.params.push((name, v.into_owned()));
            }
        }
        if let Some(offset) = param("offset") {
            let v = offset.value().unwrap_or_default();
            let span = offset.span(0..v.len());
            out.params.push(("offset", v.into_owned()));
            out.request_warning(
                Code::V3Assumed,
                Some(span),
                "`offset` copied as it is: it is absent from the newest v3 SDK's requests, so \
                 whether v3 still reads it is unknown",
            );
        }
        if let Some(output) = param("output") {
            let v = output.value().unwrap_or_default();
            if v != "json" {
                out.params.push(("output", v.to_string()));
                out.request_warning(
                    Code::V3Assumed,
                    Some(output.span(0..v.len())),
                    format!("`output={v}` copied as it is: v3's formats other than JSON are only partly documented"),
                );
            }
        }
        out.table_params(from);
        out.select(param("select"));
        out.order_by(param("order_by"));
        out.filters(
            translation.v2_where.as_deref(),
            translation.v2_having.as_deref(),
        );
        out.finish(translation);
    }
}

/// The table's mapping and endpoint, or the `v3-no-endpoint` error.
fn target(
    table: &str,
    span: Option<Span>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'static TableMap, &'static Endpoint)> {
    let map = schema::table(table);
    match map.and_then(|m| Some((m, m.endpoint()?))) {
        Some(found) => Some(found),
        None => {
            let mut error = Diagnostic::new(
                Code::V3NoEndpoint,
                span,
                format!("v2 table `{table}` has no known v3 endpoint"),
            );
            if let Some(note) = map.map(|m| m.note).filter(|n| !n.is_empty()) {
                error = error.with_help(note);
            }
            diagnostics.push(error);
            None
        }
    }
}

/// Translates the v2 filter pair `where_filter`, `having` (both passed the v2 checker) of
/// the table `map`: the v3 `where` (`None` when both are absent) and every diagnostic, or
/// the errors alone.
///
/// ```
/// use ahrefs_filter::{parse, v3};
/// let map = v3::table("backlinks").unwrap();
/// let filter = parse(r#"subdomain(url_from,"Blog.Example.com")"#).unwrap();
/// let (out, diagnostics) = v3::translate_pair(map, Some(&filter), None, &v3::Options::default());
/// assert_eq!(out.unwrap().to_string(), r#"{"or":[{"field":"name_source","is":["eq","blog.example.com"]},{"field":"name_source","is":["suffix",".blog.example.com"]}]}"#);
/// assert_eq!(diagnostics[0].code, ahrefs_filter::Code::V3Inexact);
/// ```
pub fn translate_pair(
    map: &'static TableMap,
    where_filter: Option<&syntax::Filter<'_>>,
    having: Option<&syntax::Filter<'_>>,
    options: &Options,
) -> (Option<Filter>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(endpoint) = map.endpoint() else {
        target(map.table, None, &mut diagnostics);
        return (None, diagnostics);
    };
    let mut translate = Translate::new(map, endpoint, options);
    let count =
        where_filter.map_or(0, |f| f.conditions.len()) + having.map_or(0, |f| f.conditions.len());
    let mut conditions = Vec::with_capacity(count + 2);
    let mut ok = true;
    if let Some(filter) = where_filter {
        ok &= translate.filter(Clause::Where, filter, &mut conditions);
    }
    if let Some(filter) = having {
        if where_filter.is_some() || map.param("aggregation") == Some("1_per_domain") {
            translate.diagnostics.push(
                Diagnostic::new(
                    Code::V3Inexact,
                    filter.span,
                    "`having` merged into `where`: v2 filtered the grouped rows with it, and \
                     whether v3 applies `where` before or after grouping is unknown",
                )
                .with_clause(Clause::Having),
            );
        }
        ok &= translate.filter(Clause::Having, filter, &mut conditions);
    }
    let mut diagnostics = translate.diagnostics;
    if !ok {
        diagnostics.retain(Diagnostic::is_error);
        return (None, diagnostics);
    }
    let filter = (!conditions.is_empty()).then(|| Filter::and(conditions));
    if let Some(filter) = &filter {
        debug_assert!(
            super::verify(filter, endpoint).is_empty(),
            "the translation of `{}` does not fit {}: {filter}",
            map.table,
            endpoint.path
        );
    }
    (filter, diagnostics)
}

/// A v3 request being built.
struct Emit<'o> {
    map: &'static TableMap,
    endpoint: &'static Endpoint,
    options: &'o Options,
    params: Vec<(&'static str, String)>,
    /// Whole-request diagnostics (clause `None`).
    request: Vec<Diagnostic>,
    /// Filter diagnostics, `where` then `having`.
    filters: Vec<Diagnostic>,
    where_filter: Option<Filter>,
    /// `select` is the table's default list, whose encoding is at hand.
    default_select: bool,
}

impl<'o> Emit<'o> {
    fn new(map: &'static TableMap, endpoint: &'static Endpoint, options: &'o Options) -> Self {
        Emit {
            map,
            endpoint,
            options,
            params: Vec::with_capacity(12),
            request: Vec::with_capacity(8),
            filters: Vec::new(),
            where_filter: None,
            default_select: false,
        }
    }

    fn request_warning(
        &mut self,
        code: Code,
        span: Option<Span>,
        message: impl Into<Cow<'static, str>>,
    ) {
        self.request.push(Diagnostic::new(code, span, message));
    }

    /// The table's fixed parameters and `history`, with what they assume.
    fn table_params(&mut self, from: Option<Span>) {
        let map = self.map;
        for (name, value) in map.params {
            self.params.push((name, (*value).to_owned()));
        }
        if map.param("aggregation") == Some("1_per_domain") {
            self.request_warning(
                Code::V3Inexact,
                from,
                "v2 kept the link with the highest `ahrefs_rank` (URL Rating) of each domain; \
                 which link v3's `aggregation=1_per_domain` keeps is unknown",
            );
        }
        if !map.inference.is_empty() {
            self.request_warning(Code::V3Assumed, from, map.inference);
        }
        if self.endpoint.history {
            let history = self.options.history.unwrap_or_default();
            let sent = match history {
                History::Live => "live".to_owned(),
                History::AllTime => "all_time".to_owned(),
                History::Since(_) => history.to_string(),
            };
            self.params.push(("history", sent));
            if self.options.history.is_none() {
                self.request.push(
                    Diagnostic::new(
                        Code::V3Assumed,
                        None,
                        "`history=live` chosen: v2's tables held live links, and v3's default \
                         `all_time` adds lost ones",
                    )
                    .with_help(
                        "`--history all_time` or `--history since:YYYY-MM-DD` changes it; \
                         `--history live` keeps it and says so",
                    ),
                );
            }
        }
    }

    /// `select`: `*` or absent becomes the list of fields the table's columns map to; a
    /// listed column is renamed, or dropped with an error.
    fn select(&mut self, param: Option<&Parameter<'_>>) {
        let (map, endpoint) = (self.map, self.endpoint);
        let selectable = |field: &str| endpoint.selects(field);
        let requires_met =
            |c: &schema::ColumnMap| c.requires.iter().all(|(n, v)| map.param(n) == Some(v));
        let mut fields: Vec<&'static str> = Vec::new();
        let list = param.and_then(Parameter::value).filter(|v| *v != "*");
        match (param, list.as_deref()) {
            (Some(param), Some(list)) => {
                let mut start = 0;
                for item in list.split(',') {
                    let span = param.span(start..start + item.len());
                    start += item.len() + 1;
                    let column = map.column(item);
                    match column.and_then(|c| c.field) {
                        Some(field) if selectable(field) && column.is_some_and(requires_met) => {
                            if !fields.contains(&field) {
                                fields.push(field);
                            }
                        }
                        found => {
                            let why = match found {
                                Some(field) => format!("v3 `{field}` is not a select column here"),
                                None => "it has no v3 field".to_owned(),
                            };
                            let mut error = Diagnostic::new(
                                Code::V3NoField,
                                span,
                                format!("`select` column `{item}` dropped: {why}"),
                            );
                            if let Some(note) = column.map(|c| c.note).filter(|n| !n.is_empty()) {
                                error = error.with_help(note);
                            }
                            self.request.push(error);
                        }
                    }
                }
            }
            _ => {
                if !map.select_lost.is_empty() {
                    let span = param.map(|p| p.span(0..1));
                    self.request_warning(Code::V3Inexact, span, map.select_lost);
                }
                self.params.push(("select", map.default_select.to_owned()));
                self.default_select = true;
                return;
            }
        }
        self.params.push(("select", fields.join(",")));
    }

    /// `order_by`: columns renamed, directions kept.
    fn order_by(&mut self, param: Option<&Parameter<'_>>) {
        let Some(param) = param else { return };
        let Some(list) = param.value() else {
            return;
        };
        let mut items = Vec::new();
        let mut start = 0;
        for item in list.split(',') {
            let span = param.span(start..start + item.len());
            start += item.len() + 1;
            let (column, direction) = match item.split_once(':') {
                Some((c, d)) => (c, Some(d)),
                None => (item, None),
            };
            let mapped = self.map.column(column);
            let Some(field) = mapped.and_then(|c| c.field) else {
                let mut error = Diagnostic::new(
                    Code::V3NoField,
                    span,
                    format!("`order_by` column `{column}` has no v3 field"),
                );
                if let Some(note) = mapped.map(|c| c.note).filter(|n| !n.is_empty()) {
                    error = error.with_help(note);
                }
                self.request.push(error);
                continue;
            };
            if self.endpoint.not_in_order_by.contains(&field) || !self.endpoint.selects(field) {
                self.request.push(Diagnostic::new(
                    Code::V3Untranslatable,
                    span,
                    format!(
                        "`{column}` became `{field}`, which `{}` cannot order by",
                        self.endpoint.path
                    ),
                ));
                continue;
            }
            if let Some(c) = mapped.filter(|c| c.status == Status::Inferred) {
                self.request_warning(Code::V3Inexact, Some(span), c.order_by_renamed);
            }
            items.push(match direction {
                Some(d) => format!("{field}:{d}"),
                None => field.to_owned(),
            });
        }
        self.params.push(("order_by", items.join(",")));
    }

    fn filters(&mut self, where_text: Option<&str>, having_text: Option<&str>) {
        // Both passed the v2 checker, so both parse.
        let where_filter = where_text.and_then(|t| crate::parse(t).ok());
        let having = having_text.and_then(|t| crate::parse(t).ok());
        let (filter, diagnostics) = translate_pair(
            self.map,
            where_filter.as_ref(),
            having.as_ref(),
            self.options,
        );
        self.where_filter = filter;
        self.filters = diagnostics;
    }

    fn finish(mut self, translation: &mut Translation) {
        translation.endpoint = Some(self.endpoint.path);
        self.request.sort_by_key(|d| (d.span.is_none(), d.span));
        translation.diagnostics.append(&mut self.request);
        translation.diagnostics.append(&mut self.filters);
        if translation.has_errors() {
            // Nothing is emitted, so the warnings about what would have been are moot.
            translation.diagnostics.retain(Diagnostic::is_error);
            return;
        }
        if let Some(filter) = &self.where_filter {
            let mut json = String::with_capacity(256);
            filter.write_compact(&mut json);
            self.params.push(("where", json));
        }
        let length: usize = self
            .params
            .iter()
            .map(|(n, v)| n.len() + 2 + 3 * v.len())
            .sum();
        let mut url = Vec::with_capacity(API_BASE.len() + self.endpoint.path.len() + length);
        url.extend_from_slice(API_BASE.as_bytes());
        url.extend_from_slice(self.endpoint.path.as_bytes());
        for (i, (name, value)) in self.params.iter().enumerate() {
            url.push(if i == 0 { b'?' } else { b'&' });
            url.extend_from_slice(name.as_bytes());
            url.push(b'=');
            if *name == "select" && self.default_select {
                url.extend_from_slice(self.map.default_select_encoded.as_bytes());
            } else {
                percent_encode(&mut url, value);
            }
        }
        translation.params = self.params;
        translation.where_filter = self.where_filter;
        // Percent-encoding leaves only ASCII.
        translation.url = String::from_utf8(url).ok();
    }
}

/// Appends `value` with every byte but RFC 3986's unreserved ones (`A-Z a-z 0-9 - . _ ~`)
/// as `%XX`.
fn percent_encode(out: &mut Vec<u8>, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    const CHUNK: usize = 64;
    // Encoded a chunk at a time into a buffer that holds its worst case, then copied
    // whole: no capacity check per byte.
    let mut buffer = [0u8; 3 * CHUNK];
    for chunk in value.as_bytes().chunks(CHUNK) {
        let mut n = 0;
        for &byte in chunk {
            if UNRESERVED[usize::from(byte)] {
                buffer[n] = byte;
                n += 1;
            } else {
                buffer[n] = b'%';
                buffer[n + 1] = HEX[usize::from(byte >> 4)];
                buffer[n + 2] = HEX[usize::from(byte & 0xf)];
                n += 3;
            }
        }
        out.extend_from_slice(&buffer[..n]);
    }
}

/// Whether each byte is unreserved.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_selects_are_encoded_as_any_value_is() {
        for map in schema::TABLES {
            let mut encoded = Vec::new();
            percent_encode(&mut encoded, map.default_select);
            assert_eq!(
                map.default_select_encoded.as_bytes(),
                encoded,
                "{}",
                map.table
            );
        }
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved_bytes() {
        let mut out = Vec::new();
        percent_encode(&mut out, "aZ09-._~ ,:/%\"é");
        assert_eq!(out, b"aZ09-._~%20%2C%3A%2F%25%22%C3%A9");
        // Longer than one chunk.
        let long = ",".repeat(200);
        let mut out = Vec::new();
        percent_encode(&mut out, &long);
        assert_eq!(out, "%2C".repeat(200).as_bytes());
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The `--format json` shape of a translation.

    use serde::ser::{SerializeMap, SerializeSeq, Serializer};
    use serde::Serialize;

    use super::Translation;
    use crate::diagnostics::Diagnostic;

    struct Params<'a>(&'a [(&'static str, String)]);

    impl Serialize for Params<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(self.0.len()))?;
            for (name, value) in self.0 {
                map.serialize_entry(name, value)?;
            }
            map.end()
        }
    }

    /// A diagnostic as the other JSON outputs write it.
    struct Shape<'a>(&'a Diagnostic);

    impl Serialize for Shape<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let d = self.0;
            let mut map = s.serialize_map(Some(7))?;
            map.serialize_entry("severity", d.severity().as_str())?;
            map.serialize_entry("code", d.code.as_str())?;
            map.serialize_entry("message", &d.message)?;
            map.serialize_entry("clause", &d.clause.map(|c| c.as_str()))?;
            map.serialize_entry("span", &d.span)?;
            map.serialize_entry("help", &d.help)?;
            map.serialize_entry("fix", &d.fix)?;
            map.end()
        }
    }

    struct Diagnostics<'a>(&'a [Diagnostic]);

    impl Serialize for Diagnostics<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.0.len()))?;
            for d in self.0 {
                seq.serialize_element(&Shape(d))?;
            }
            seq.end()
        }
    }

    /// `{"table","endpoint","params","where","url","exact","diagnostics"}`.
    impl Serialize for Translation {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(7))?;
            map.serialize_entry("table", &self.table)?;
            map.serialize_entry("endpoint", &self.endpoint)?;
            map.serialize_entry("params", &Params(&self.params))?;
            map.serialize_entry("where", &self.where_filter)?;
            map.serialize_entry("url", &self.url)?;
            map.serialize_entry("exact", &self.exact())?;
            map.serialize_entry("diagnostics", &Diagnostics(&self.diagnostics))?;
            map.end()
        }
    }
}
