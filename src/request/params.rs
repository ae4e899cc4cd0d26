//! The parameters of one request, read from its segments, and the checks of each: `from`,
//! `target`, `mode`, `select`, `order_by`, `limit`, `offset` and `output` (spec §5). The
//! filters (`where`, `having`) go through the checker.

use std::borrow::Cow;
use std::ops::Range;

use super::capped::Capped;
use super::names::{
    known, FROM, LIMIT, MODE, OFFSET, ORDER_BY, OUTPUT, PARAMETERS, SELECT, TARGET,
};
use super::percent::{decode, raw_offset};
use super::query::Segment;
use crate::diagnostics::{Code, Diagnostic};
use crate::schema::{Schema, TableDef};
use crate::span::Span;
use crate::suggest;

/// The values `mode` takes.
pub(crate) const MODES: &[&str] = &["exact", "domain", "subdomains", "prefix"];

/// The values `output` takes.
pub(crate) const OUTPUTS: &[&str] = &["json", "xml", "php"];

/// The only table that needs no `target` and `mode`.
const NO_TARGET_TABLE: &str = "subscription_info";

/// The last occurrence of a v2 parameter in the query.
pub(super) struct Param<'a> {
    /// Its name (an entry of `PARAMETERS`).
    name: &'static str,
    /// Offsets of the whole `name=value` segment in the request.
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
    /// The span of the raw value in the request.
    pub(super) fn value_span(&self) -> Span {
        Span::at(self.value_start, self.value_start + self.raw_value.len())
    }

    /// The span in the request of decoded bytes `range` of the value.
    fn raw_span(&self, range: Range<usize>) -> Span {
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

/// The v2 parameters of a request: the last occurrence of each.
#[derive(Default)]
pub(super) struct Params<'a> {
    effective: [Option<Param<'a>>; PARAMETERS.len()],
}

impl<'a> Params<'a> {
    /// Reads the parameters out of the `segments` of `input` (a redacted request) into
    /// these (which are empty), decoding names and values. Unknown and repeated
    /// parameters, then percent-encoding problems, go to `out`.
    ///
    /// They are read in place rather than returned: the parameters are some 900 bytes,
    /// which a return would copy for every request.
    pub(super) fn read(
        &mut self,
        input: &'a str,
        segments: impl Iterator<Item = Segment>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut bad = Capped::new();
        let mut parameters = Capped::new();
        let effective = &mut self.effective;
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
        parameters.drain_into(out, "unknown or repeated parameters");
        bad.drain_into(out, "percent-encoding problems");
    }

    /// The parameter at `index` of `PARAMETERS`, if the request gives it.
    pub(super) fn get(&self, index: usize) -> Option<&Param<'a>> {
        self.effective[index].as_ref()
    }

    /// The parameter at `index` and its decoded value, if it is given as UTF-8.
    pub(super) fn value(&self, index: usize) -> Option<(&Param<'a>, &str)> {
        self.get(index)
            .and_then(|p| p.value.as_deref().map(|v| (p, v)))
    }

    /// The decoded value of the parameter at `index`, taken out.
    pub(super) fn take(&mut self, index: usize) -> Option<Cow<'a, str>> {
        self.effective[index].take().and_then(|p| p.value)
    }

    /// The table `from` names: its name (`None` when `from` is missing, empty or not
    /// UTF-8) and its definition in `schema`, if it has one.
    pub(super) fn table<'s>(&self, schema: &'s Schema) -> (Option<&str>, Option<&'s TableDef>) {
        let name = self.value(FROM).map(|(_, v)| v).filter(|v| !v.is_empty());
        (name, name.and_then(|name| schema.table(name)))
    }

    /// Checks every parameter but the filters against `table` (the one `from` names, when
    /// the schema has it), in URL order of what each reports, into `out`. Whether an
    /// unknown table is reported is the caller's (its message comes from the checker).
    pub(super) fn check(&self, table: Option<&TableDef>, out: &mut Vec<Diagnostic>) {
        let from = self.value(FROM);
        match from {
            None if self.get(FROM).is_none() => out.push(
                Diagnostic::new(
                    Code::MissingParameter,
                    None,
                    "missing parameter `from`: the table to query",
                )
                .with_help("add `from=<table>`; `ahrefs-filter tables` lists the tables"),
            ),
            Some((param, "")) => out.push(empty(param)),
            _ => {}
        }
        if from.map(|(_, name)| name) != Some(NO_TARGET_TABLE) {
            if self.get(TARGET).is_none() {
                out.push(missing(
                    "target",
                    "add `target=<domain or URL>`; only `subscription_info` needs none",
                ));
            }
            if self.get(MODE).is_none() {
                out.push(missing(
                    "mode",
                    "add `mode=exact` (or `domain`, `subdomains`, `prefix`); only `subscription_info` needs none",
                ));
            }
        }
        if let Some((param, "")) = self.value(TARGET) {
            out.push(empty(param));
        }
        if let Some((param, mode)) = self.value(MODE) {
            one_of(param, mode, MODES, out);
        }
        if let Some((param, output)) = self.value(OUTPUT) {
            one_of(param, output, OUTPUTS, out);
        }
        if let Some((param, select)) = self.value(SELECT) {
            let mut problems = Capped::new();
            check_select(param, select, table, &mut problems);
            problems.drain_into(out, "problems in `select`");
        }
        if let Some((param, order_by)) = self.value(ORDER_BY) {
            let mut problems = Capped::new();
            check_order_by(param, order_by, table, &mut problems);
            problems.drain_into(out, "problems in `order_by`");
        }
        for index in [LIMIT, OFFSET] {
            if let Some((param, number)) = self.value(index) {
                check_count(param, number, out);
            }
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
    .with_label(format!("unknown {}", param.name));
    out.push(match suggest::closest(value, allowed.iter().copied()) {
        Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
        None => diagnostic,
    });
}

/// Splits a comma list, with each item's decoded byte range.
fn items(list: &str) -> impl Iterator<Item = (&str, Range<usize>)> {
    let mut start = 0;
    list.split(',').map(move |item| {
        let range = start..start + item.len();
        start += item.len() + 1;
        (item, range)
    })
}

fn empty_item(param: &Param<'_>, range: Range<usize>) -> Diagnostic {
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
    range: Range<usize>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::query::Split;

    /// The checks of `query` (a query string, nothing redacted) against the built-in
    /// schema: each diagnostic's code, message and the text its span covers.
    fn checked(query: &str) -> Vec<(Code, String, Option<&str>)> {
        let mut out = Vec::new();
        let mut params = Params::default();
        params.read(query, Split::new(query, 0), &mut out);
        let (_, table) = params.table(Schema::builtin());
        params.check(table, &mut out);
        out.into_iter()
            .map(|d| {
                let covered = d.span.map(|span| &query[span.range()]);
                (d.code, d.message.to_string(), covered)
            })
            .collect()
    }

    const BASE: &str = "from=refdomains&target=a.com&mode=exact";

    #[test]
    fn a_full_request_passes() {
        let query = format!(
            "{BASE}&select=refdomain,backlinks&order_by=backlinks:desc&limit=10&offset=0&output=php"
        );
        assert_eq!(checked(&query), []);
    }

    #[test]
    fn values_outside_their_lists_are_reported_at_the_value() {
        let found = checked("from=refdomains&target=a.com&mode=Exact&output=csv");
        assert_eq!(
            found,
            [
                (
                    Code::InvalidParameter,
                    "`mode` must be one of `exact`, `domain`, `subdomains`, `prefix`, not `Exact`"
                        .to_owned(),
                    Some("Exact")
                ),
                (
                    Code::InvalidParameter,
                    "`output` must be one of `json`, `xml`, `php`, not `csv`".to_owned(),
                    Some("csv")
                ),
            ]
        );
    }

    #[test]
    fn an_item_of_an_encoded_list_is_reported_at_its_raw_bytes() {
        // `%2C` is a comma: the second item, `nope`, is raw bytes after it.
        let query = format!("{BASE}&select=refdomain%2Cnope");
        let found = checked(&query);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Code::UnknownColumn);
        assert_eq!(found[0].2, Some("nope"));
        let query = format!("{BASE}&order_by=backlinks%3Aup");
        let found = checked(&query);
        assert_eq!(found[0].2, Some("up"));
        assert_eq!(
            found[0].1,
            "sort direction of `backlinks` must be `asc` or `desc`, not `up`"
        );
    }

    #[test]
    fn row_counts_are_u64() {
        let query = format!("{BASE}&limit=18446744073709551616&offset=-1");
        let found = checked(&query);
        let messages: Vec<&str> = found.iter().map(|f| &*f.1).collect();
        assert_eq!(
            messages,
            [
                "`limit` is too large: `18446744073709551616`",
                "`offset` must be a non-negative integer, not `-1`"
            ]
        );
    }

    #[test]
    fn only_subscription_info_goes_without_target_and_mode() {
        assert_eq!(checked("from=subscription_info"), []);
        let codes: Vec<Code> = checked("from=pages").iter().map(|f| f.0).collect();
        assert_eq!(codes, [Code::MissingParameter, Code::MissingParameter]);
    }

    #[test]
    fn the_last_of_a_repeated_parameter_is_the_one_checked() {
        let found = checked("mode=bad&from=pages&target=a&mode=exact");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Code::RepeatedParameter);
        assert_eq!(found[0].2, Some("mode=exact"));
    }
}
