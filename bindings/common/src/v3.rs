//! `v3` and `v3_url`: a v2 filter pair or whole request translated to the Ahrefs API v3, in
//! the shape `ahrefs-filter v3 --format json` prints (`v3-translation.md` §5):
//! `{"table","endpoint","params","where","url","exact","diagnostics"}`, each diagnostic's
//! spans in the host's indices into the v2 text it points into (its clause's filter, or the
//! redacted request).

use std::cell::RefCell;

use ahrefs_filter::v3::{
    self as lib, BoolLiteral, Dates, Filter, History, Translation, Translator,
};
use serde::Serializer;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::index::Style;
use crate::report::{diagnostic, DiagnosticOut};

/// The translation's choices, as the CLI's `v3` flags take them; each absent one takes the
/// default and the translation reports it as a `v3-assumed` warning.
///
/// From JSON, the keys are `history`, `boolLiteral` (or `bool_literal`) and `dates`; each
/// may be absent or `null`, and any other key is an error.
///
/// ```
/// use ahrefs_filter_bindings::V3Options;
/// let options = V3Options::from_json(r#"{"history": "all_time", "boolLiteral": "01"}"#)?;
/// assert_eq!(options.history.as_deref(), Some("all_time"));
/// assert_eq!(options.bool_literal.as_deref(), Some("01"));
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct V3Options {
    /// `history` to send: `live`, `all_time` or `since:YYYY-MM-DD` (`--history`).
    #[serde(default)]
    pub history: Option<String>,
    /// Booleans as `true` (JSON `true`/`false`) or `01` (`1`/`0`) (`--bool-literal`).
    #[serde(default, alias = "boolLiteral")]
    pub bool_literal: Option<String>,
    /// Date conditions as whole-day ranges (`day`) or as written (`raw`) (`--dates`).
    #[serde(default)]
    pub dates: Option<String>,
}

impl V3Options {
    /// Options read from a JSON object (see [`V3Options`] for its keys); an empty text or
    /// `null` is the defaults.
    pub fn from_json(text: &str) -> Result<V3Options, Error> {
        if text.trim().is_empty() {
            return Ok(V3Options::default());
        }
        let options: Option<V3Options> = serde_json::from_str(text)
            .map_err(|e| Error::options(format!("invalid v3 options: {e}")))?;
        Ok(options.unwrap_or_default())
    }

    /// The library's options, each value checked as the CLI checks its flag.
    fn resolve(&self) -> Result<lib::Options, Error> {
        fn read<T>(
            value: Option<&String>,
            parse: fn(&str) -> Option<T>,
            name: &str,
            allowed: &str,
        ) -> Result<Option<T>, Error> {
            value
                .map(|text| {
                    parse(text).ok_or_else(|| {
                        Error::options(format!("`{name}` must be {allowed}, not `{text}`"))
                    })
                })
                .transpose()
        }
        Ok(lib::Options {
            history: read(
                self.history.as_ref(),
                History::parse,
                "history",
                "live, all_time or since:YYYY-MM-DD (a real day)",
            )?,
            bool_literal: read(
                self.bool_literal.as_ref(),
                BoolLiteral::parse,
                "boolLiteral",
                "true or 01",
            )?,
            dates: read(self.dates.as_ref(), Dates::parse, "dates", "day or raw")?,
        })
    }
}

/// A translation in the CLI's JSON shape, its spans in the host's indices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct V3Out {
    /// The v2 table.
    pub table: Option<String>,
    /// The v3 endpoint's path, e.g. `site-explorer/refdomains`.
    pub endpoint: Option<&'static str>,
    /// The v3 query parameters in the order sent, each value as sent (`where` as its JSON
    /// text); serialized as one object.
    #[serde(serialize_with = "as_object")]
    pub params: Vec<(&'static str, String)>,
    /// The v3 `where` as a JSON value.
    #[serde(rename = "where")]
    pub where_filter: Option<Filter>,
    /// The v3 request URL (it never holds a key).
    pub url: Option<String>,
    /// True when the translation carries no diagnostic at all.
    pub exact: bool,
    /// What the translation found, v2 errors included.
    pub diagnostics: Vec<DiagnosticOut>,
}

/// The parameters as one object, in the order sent.
fn as_object<S: Serializer>(params: &[(&'static str, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(params.iter().map(|(name, value)| (name, value)))
}

fn out(translation: Translation, style: Style) -> V3Out {
    let exact = translation.exact();
    let diagnostics = translation
        .diagnostics
        .iter()
        .map(|d| diagnostic(d.clone(), translation.source_of(d).1, style))
        .collect();
    V3Out {
        table: translation.table,
        endpoint: translation.endpoint,
        params: translation.params,
        where_filter: translation.where_filter,
        url: translation.url,
        exact,
        diagnostics,
    }
}

thread_local! {
    /// The translator of the last options used: it holds a checker of the built-in schema.
    static TRANSLATOR: RefCell<Option<Translator>> = const { RefCell::new(None) };
}

fn with_translator<R>(options: &V3Options, f: impl FnOnce(&Translator) -> R) -> Result<R, Error> {
    let options = options.resolve()?;
    TRANSLATOR.with(|cell| {
        let translator = match cell.borrow_mut().take() {
            Some(cached) if *cached.options() == options => cached,
            _ => Translator::new(options),
        };
        let result = f(&translator);
        *cell.borrow_mut() = Some(translator);
        Ok(result)
    })
}

/// Translates the filters of v2 `table` to v3 (`ahrefs-filter v3 --table T --where W
/// --having H --format json`). v2 errors are diagnostics of the result, not an error; only
/// bad [`V3Options`] are.
///
/// ```
/// use ahrefs_filter_bindings::{json, v3, Style, V3Options};
/// let options = V3Options { history: Some("live".into()), ..V3Options::default() };
/// let t = v3("anchors", Some("refpages>5"), None, &options, Style::JS)?;
/// assert_eq!(t.endpoint, Some("site-explorer/anchors"));
/// assert!(t.exact);
/// assert!(json(&t).contains(r#""where":{"field":"refpages","is":["gt",5]}"#));
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn v3(
    table: &str,
    where_filter: Option<&str>,
    having: Option<&str>,
    options: &V3Options,
    style: Style,
) -> Result<V3Out, Error> {
    with_translator(options, |t| {
        out(t.translate_filters(table, where_filter, having), style)
    })
}

/// Translates a whole v2 request (a URL or query string) to v3 (`ahrefs-filter v3 URL
/// --format json`); request-level spans index the request with its token redacted.
///
/// ```
/// use ahrefs_filter_bindings::{v3_url, Style, V3Options};
/// let t = v3_url("?token=s3cret&from=refdomains&target=ahrefs.com&mode=domain",
///     &V3Options::default(), Style::JS)?;
/// assert_eq!(t.endpoint, Some("site-explorer/refdomains"));
/// assert!(!t.url.unwrap().contains("s3cret"));
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
pub fn v3_url(url: &str, options: &V3Options, style: Style) -> Result<V3Out, Error> {
    with_translator(options, |t| out(t.translate_request(url), style))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn a_filter_pair_in_the_clis_shape() {
        // v3-translation.md §2, §5: `domain_rating>=30` becomes one `where` condition, sent
        // as compact JSON, percent-encoded in the URL; `history` chosen explicitly.
        let live = V3Options {
            history: Some("live".into()),
            ..V3Options::default()
        };
        let t = v3(
            "refdomains",
            None,
            Some("domain_rating>=30"),
            &live,
            Style::JS,
        )
        .unwrap();
        assert_eq!(
            json(&t),
            concat!(
                r#"{"table":"refdomains","endpoint":"site-explorer/refdomains","#,
                r#""params":{"history":"live","where":"{\"field\":\"domain_rating\",\"is\":[\"gte\",30]}"},"#,
                r#""where":{"field":"domain_rating","is":["gte",30]},"#,
                r#""url":"https://api.ahrefs.com/v3/site-explorer/refdomains?history=live&where="#,
                r#"%7B%22field%22%3A%22domain_rating%22%2C%22is%22%3A%5B%22gte%22%2C30%5D%7D","#,
                r#""exact":true,"diagnostics":[]}"#
            )
        );
        // With a `where` beside it, `having` merged into `where` is inexact (§4), its span
        // the whole `having` filter.
        let t = v3(
            "refdomains",
            Some("refdomain=\"a.com\""),
            Some("domain_rating>=30"),
            &live,
            Style::JS,
        )
        .unwrap();
        assert!(!t.exact);
        let merged = t.diagnostics.last().unwrap();
        assert_eq!(merged.code.as_str(), "v3-inexact");
        assert_eq!(merged.clause, Some(ahrefs_filter::Clause::Having));
        assert_eq!(merged.span.map(|s| (s.start, s.end)), Some((0, 17)));
    }

    #[test]
    fn spans_are_host_indices_into_their_filter() {
        // `anchor="é😀",` is 13 UTF-16 units (16 bytes): `nope` is 13..17, bytes 16..20.
        let where_filter = r#"anchor="é😀",nope=1"#;
        let t = v3(
            "anchors",
            Some(where_filter),
            None,
            &V3Options::default(),
            Style::JS,
        )
        .unwrap();
        assert_eq!(t.url, None);
        let d = &t.diagnostics[0];
        assert_eq!(d.code.as_str(), "unknown-column");
        let span = d.span.unwrap();
        assert_eq!((span.start, span.end), (13, 17));
        assert_eq!((span.byte_start, span.byte_end), (16, 20));
    }

    #[test]
    fn options_are_checked_as_the_cli_checks_its_flags() {
        let bad = V3Options {
            history: Some("since:2023-02-29".into()),
            ..V3Options::default()
        };
        let e = v3_url("from=anchors", &bad, Style::JS).unwrap_err();
        assert_eq!(
            e.message,
            "`history` must be live, all_time or since:YYYY-MM-DD (a real day), not `since:2023-02-29`"
        );
        assert!(V3Options::from_json(r#"{"mode": "exact"}"#).is_err());
        // Given explicitly, a choice is not reported as assumed.
        let chosen = V3Options {
            history: Some("all_time".into()),
            ..V3Options::default()
        };
        let t = v3_url(
            "from=anchors&target=a.com&mode=domain&select=anchor,refpages",
            &chosen,
            Style::JS,
        )
        .unwrap();
        assert_eq!(t.params[2], ("history", "all_time".to_owned()));
        assert!(t.exact, "{:?}", t.diagnostics);
        let request = "from=anchors&target=a.com&mode=domain&select=anchor,refpages";
        let t = v3_url(request, &V3Options::default(), Style::JS).unwrap();
        assert_eq!(t.params[2], ("history", "live".to_owned()));
        assert_eq!(t.diagnostics[0].code.as_str(), "v3-assumed");
    }
}
