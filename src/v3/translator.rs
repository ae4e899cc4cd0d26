//! The translator: checks v2 input, then builds its v3 request.

use std::borrow::Cow;

use super::emit::Emit;
use super::options::Options;
use super::pair::target;
use super::translation::Translation;
use crate::check::{Checker, Request};
use crate::diagnostics::Code;
use crate::request::{parameters, Parameter, RequestLinter, Scratch};
use crate::schema::Schema;

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
        let param = |name: &str| params.get(name);
        let value = |name: &str| param(name).as_ref().and_then(Parameter::value);
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
        out.select(param("select").as_ref());
        out.order_by(param("order_by").as_ref());
        out.filters(
            translation.v2_where.as_deref(),
            translation.v2_having.as_deref(),
        );
        out.finish(translation);
    }
}
