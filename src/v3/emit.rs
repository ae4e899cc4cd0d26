//! The v3 request being built from a v2 one: parameters, `select`, `order_by`, the
//! merged `where`, and the percent-encoded URL.

use std::borrow::Cow;

use super::ast::Filter;
use super::options::{History, Options};
use super::pair::translate_pair;
use super::schema::{self, Endpoint, Status, TableMap};
use super::translation::{Translation, API_BASE};
use crate::diagnostics::{Clause, Code, Diagnostic};
use crate::request::Parameter;
use crate::span::Span;

/// A v3 request being built.
pub(super) struct Emit<'o> {
    map: &'static TableMap,
    endpoint: &'static Endpoint,
    options: &'o Options,
    pub(super) params: Vec<(&'static str, String)>,
    /// Whole-request diagnostics (clause `None`).
    request: Vec<Diagnostic>,
    /// Filter diagnostics, `where` then `having`.
    filters: Vec<Diagnostic>,
    where_filter: Option<Filter>,
    /// `select` is the table's default list, whose encoding is at hand.
    default_select: bool,
}

impl<'o> Emit<'o> {
    pub(super) fn new(
        map: &'static TableMap,
        endpoint: &'static Endpoint,
        options: &'o Options,
    ) -> Self {
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

    pub(super) fn request_warning(
        &mut self,
        code: Code,
        span: Option<Span>,
        message: impl Into<Cow<'static, str>>,
    ) {
        self.request.push(Diagnostic::new(code, span, message));
    }

    /// The table's fixed parameters and `history`, with what they assume.
    pub(super) fn table_params(&mut self, from: Option<Span>) {
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
    pub(super) fn select(&mut self, param: Option<&Parameter<'_>>) {
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
    pub(super) fn order_by(&mut self, param: Option<&Parameter<'_>>) {
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

    pub(super) fn filters(&mut self, where_text: Option<&str>, having_text: Option<&str>) {
        // Both passed the v2 checker, so both parse; should one not, its syntax errors
        // stop the translation rather than the filter going missing.
        let mut errors = Vec::new();
        let where_filter = parse(Clause::Where, where_text, &mut errors);
        let having = parse(Clause::Having, having_text, &mut errors);
        if !errors.is_empty() {
            self.filters = errors;
            return;
        }
        let (filter, diagnostics) = translate_pair(
            self.map,
            where_filter.as_ref(),
            having.as_ref(),
            self.options,
        );
        self.where_filter = filter;
        self.filters = diagnostics;
    }

    pub(super) fn finish(mut self, translation: &mut Translation) {
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

/// The filter `text` of `clause`, or its syntax errors added to `errors`.
fn parse<'t>(
    clause: Clause,
    text: Option<&'t str>,
    errors: &mut Vec<Diagnostic>,
) -> Option<crate::Filter<'t>> {
    match crate::parse(text?) {
        Ok(filter) => Some(filter),
        Err(e) => {
            errors.extend(e.diagnostics.into_iter().map(|d| d.with_clause(clause)));
            None
        }
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
