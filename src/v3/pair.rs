//! A checked v2 filter pair of a table → its v3 `where`: the conditions of `where`, then
//! those of `having`, joined by `and`.

use super::ast::Filter;
use super::options::Options;
use super::schema::{self, Endpoint, TableMap};
use super::translate::Translate;
use crate::diagnostics::{Clause, Code, Diagnostic};
use crate::span::Span;
use crate::syntax;

/// The table's mapping and endpoint, or the `v3-no-endpoint` error.
pub(super) fn target(
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
