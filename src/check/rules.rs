//! Per-condition type rules (spec §2) and the whitespace warning.

use super::index::TableIndex;
use super::Date;
use crate::diagnostics::{Clause, Code, Diagnostic, Edit, Fix};
use crate::print::quote;
use crate::schema::{ColumnDef, ColumnType, Schema, TableDef};
use crate::suggest;
use crate::syntax::{
    Call, Comparison, Condition, Filter, FunctionName, Literal, Ranged, Span, Value,
};

/// String columns holding URLs or domains: the only ones `subdomain` applies to.
pub(crate) const URL_OR_DOMAIN_COLUMNS: [&str; 8] = [
    "url",
    "url_from",
    "url_to",
    "redirect_url",
    "canonical_url",
    "refdomain",
    "domain_from",
    "domain_to",
];

/// Columns older v2 doc pages listed and the newest dropped (v2-evidence.md §5).
const REMOVED_COLUMNS: [&str; 2] = ["sitewide", "not_sitewide"];

/// The `whitespace` warning of a filter, whose fix removes every run of it, if the filter
/// has whitespace.
///
/// Whitespace is found from the spans alone: in canonical text, tokens abut (or are
/// separated by exactly one `,` or `(`), so any wider gap between sibling spans is
/// whitespace. The checker tests each gap as it goes ([`spaced`]) and calls this only when
/// one is wider than its separator.
#[cold]
#[inline(never)]
pub(crate) fn whitespace(filter: &Filter<'_>) -> Option<Diagnostic> {
    // At most four gaps a condition and one at the end: one allocation, no growth.
    let mut edits = Vec::with_capacity(4 * filter.conditions.len() + 1);
    let mut gap = |from: u32, to: u32, keep: &'static str| {
        if to > from + keep.len() as u32 {
            edits.push(Edit::Replace {
                span: Span::new(from, to),
                text: keep.into(),
            });
        }
    };
    let mut previous_end = filter.span.start;
    for (i, condition) in filter.conditions.iter().enumerate() {
        gap(
            previous_end,
            condition.span().start,
            if i == 0 { "" } else { "," },
        );
        match condition {
            Condition::Comparison(c) => {
                gap(c.column.span.end, c.operator.span.start, "");
                gap(c.operator.span.end, c.value.span.start, "");
            }
            Condition::Call(c) => {
                gap(c.function.span.end, c.column.span.start, "(");
                gap(c.column.span.end, c.argument.span.start, ",");
                gap(c.argument.span.end, c.span.end, ")");
            }
        }
        previous_end = condition.span().end;
    }
    gap(previous_end, filter.span.end, "");
    let Some(Edit::Replace { span, .. }) = edits.first() else {
        return None;
    };
    let first = *span;
    Some(
        Diagnostic::new(Code::Whitespace, first, "whitespace outside quotes")
            .with_label("whitespace here")
            .with_help("no v2 client sends whitespace and whether the server tolerates it is unknown; the canonical form drops it")
            .with_fix(Fix::safe("remove the whitespace", edits)),
    )
}

/// True when whitespace widens the gap before `condition` (from `end`, the end of the
/// previous condition or the start of the filter, which holds `separator` bytes: a `,` or
/// nothing) or a gap inside it beyond its separator: exactly the gaps [`whitespace`] reports.
#[inline(always)]
pub(crate) fn spaced(condition: &Condition<'_>, end: u32, separator: u32) -> bool {
    let span = condition.span();
    let inside = match condition {
        Condition::Comparison(c) => {
            (c.operator.span.start > c.column.span.end) | (c.value.span.start > c.operator.span.end)
        }
        Condition::Call(c) => {
            (c.column.span.start > c.function.span.end.wrapping_add(1))
                | (c.argument.span.start > c.column.span.end.wrapping_add(1))
                | (span.end > c.argument.span.end.wrapping_add(1))
        }
    };
    inside | (span.start > end.wrapping_add(separator))
}

/// Every diagnostic for one condition on its own; the position of its column in the table
/// and the column, if the table has it.
#[inline(always)]
pub(crate) fn condition<'t>(
    schema: &Schema,
    (table, index): (&'t TableDef, &TableIndex),
    clause: Clause,
    filter: &Filter<'_>,
    condition: &Condition<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<(usize, &'t ColumnDef)> {
    if let Condition::Comparison(c) = condition {
        colon_equality(c, out);
    }
    let column = condition.column();
    let found = index
        .position(table, &column.name)
        .and_then(|position| Some((position, table.columns.get(position)?)));
    let Some((position, def)) = found else {
        out.push(unknown_column(schema, table, &column.name, column.span));
        return None;
    };
    if !def.allowed_in(clause) {
        out.push(clause_not_allowed(table, clause, filter, condition, def));
    }
    match condition {
        Condition::Comparison(c) => comparison(c, def, out),
        Condition::Call(c) => call(c, def, out),
    }
    comma_in_value(condition.literal(), out);
    Some((position, def))
}

#[cold]
fn unknown_column(schema: &Schema, table: &TableDef, name: &str, span: Span) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        Code::UnknownColumn,
        span,
        format!("unknown column `{name}` in table `{}`", table.name),
    )
    .with_label("not a column of this table");
    let mut help = Vec::new();
    if let Some(close) = suggest::closest(name, table.columns.iter().map(|c| &*c.name)) {
        help.push(format!("did you mean `{close}`?"));
    }
    if REMOVED_COLUMNS.contains(&name) {
        help.push(format!(
            "older v2 docs listed `{name}`; the newest docs dropped it"
        ));
    }
    let elsewhere: Vec<&str> = schema.tables_with_column(name).map(|t| &*t.name).collect();
    match elsewhere.as_slice() {
        [] => {}
        [one] => help.push(format!("`{name}` is a column of table `{one}`")),
        many => help.push(format!(
            "`{name}` is a column of tables {}",
            backticked(many)
        )),
    }
    if help.is_empty() {
        help.push(format!(
            "`ahrefs-filter tables {}` lists its columns",
            table.name
        ));
    }
    diagnostic = diagnostic.with_help(help.join("; "));
    diagnostic
}

fn backticked(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cold]
fn clause_not_allowed(
    table: &TableDef,
    clause: Clause,
    filter: &Filter<'_>,
    condition: &Condition<'_>,
    def: &ColumnDef,
) -> Diagnostic {
    let column = condition.column();
    let diagnostic = Diagnostic::new(
        Code::ClauseNotAllowed,
        column.span,
        format!(
            "column `{}` cannot be used in `{clause}` of table `{}`",
            def.name, table.name
        ),
    );
    let other = clause.other();
    if !def.allowed_in(other) {
        return diagnostic
            .with_label("not filterable in this table")
            .with_help(format!(
                "`{}` can be used in neither `where` nor `having` of `{}`",
                def.name, table.name
            ));
    }
    let text = condition.to_string();
    diagnostic
        .with_label(format!("allowed only in `{other}`"))
        .with_help(format!("move `{text}` to `{other}`"))
        .with_fix(Fix::safe(
            format!("move `{text}` to `{other}`"),
            vec![
                Edit::Replace {
                    span: removal_span(filter, condition.span()),
                    text: "".into(),
                },
                Edit::AppendCondition {
                    clause: other,
                    condition: text,
                },
            ],
        ))
}

/// The text to delete to remove the condition at `span`: the condition and the comma on one
/// side of it (the whole filter if it is the only condition).
pub(crate) fn removal_span(filter: &Filter<'_>, span: Span) -> Span {
    let spans: Vec<Span> = filter.conditions.iter().map(Ranged::span).collect();
    let Some(i) = spans.iter().position(|s| *s == span) else {
        return span;
    };
    match (i.checked_sub(1).map(|p| spans[p]), spans.get(i + 1)) {
        (_, Some(next)) if i == 0 => Span::new(filter.span.start, next.start),
        (_, Some(next)) => Span::new(span.start, next.start),
        (Some(previous), None) => Span::new(previous.end, filter.span.end),
        (None, None) => filter.span,
    }
}

// The rules below test inline and build their diagnostics in `#[cold]` functions: the
// tests run for every condition, the diagnostics for few, and keeping them out of line
// keeps the per-condition path short.

fn colon_equality(c: &Comparison<'_>, out: &mut Vec<Diagnostic>) {
    if c.operator.colon_alias {
        out.push(colon_used(c));
    }
}

#[cold]
fn colon_used(c: &Comparison<'_>) -> Diagnostic {
    Diagnostic::new(Code::ColonEquality, c.operator.span, "`:` used for `=`")
        .with_label("written `:`")
        .with_help("the documented operator is `=`; `:` appears once in the official docs and in no client")
        .with_fix(Fix::replace("replace `:` with `=`", c.operator.span, "="))
}

#[inline(always)]
fn comparison(c: &Comparison<'_>, def: &ColumnDef, out: &mut Vec<Diagnostic>) {
    let op = c.operator.kind;
    match def.ty {
        ColumnType::Int | ColumnType::Float => number_value(def, &c.value, out),
        ColumnType::Date => date_value(def, &c.value, out),
        ColumnType::String => {
            if op.is_ordering() {
                out.push(string_ordering(c, def));
            }
            string_value(def, &c.value, out);
        }
        ColumnType::Boolean => {
            if op.is_ordering() {
                out.push(boolean_ordering(c, def));
            }
            boolean_value(def, &c.value, out);
        }
    }
}

#[cold]
fn string_ordering(c: &Comparison<'_>, def: &ColumnDef) -> Diagnostic {
    let op = c.operator.kind;
    Diagnostic::new(
        Code::StringOrdering,
        c.operator.span,
        format!("ordering comparison `{op}` on string column `{}`", def.name),
    )
    .with_label("ordering on a string")
    .with_help(
        "v2 documents only `=` and `<>` for strings; how the server orders strings is unknown",
    )
}

#[cold]
fn boolean_ordering(c: &Comparison<'_>, def: &ColumnDef) -> Diagnostic {
    let op = c.operator.kind;
    Diagnostic::new(
        Code::OperatorNotAllowed,
        c.operator.span,
        format!(
            "operator `{op}` does not apply to boolean column `{}`",
            def.name
        ),
    )
    .with_label("not for booleans")
    .with_help("boolean columns take `=` and `<>`")
}

#[inline(always)]
fn call(c: &Call<'_>, def: &ColumnDef, out: &mut Vec<Diagnostic>) {
    if def.ty != ColumnType::String {
        out.push(function_on_non_string(c, def));
        return;
    }
    if c.function.name == FunctionName::Subdomain && !URL_OR_DOMAIN_COLUMNS.contains(&&*def.name) {
        out.push(subdomain_on_other(c, def));
    }
    string_value(def, &c.argument, out);
}

#[cold]
fn function_on_non_string(c: &Call<'_>, def: &ColumnDef) -> Diagnostic {
    let function = c.function.name;
    Diagnostic::new(
        Code::OperatorNotAllowed,
        c.function.span,
        format!(
            "`{function}` does not apply to {} column `{}`",
            def.ty, def.name
        ),
    )
    .with_label(format!("not for {} columns", def.ty))
    .with_help(format!(
        "`{function}` tests string columns; compare {} columns with `=` `<>` `<` `<=` `>` `>=`",
        def.ty
    ))
}

#[cold]
fn subdomain_on_other(c: &Call<'_>, def: &ColumnDef) -> Diagnostic {
    Diagnostic::new(
        Code::OperatorNotAllowed,
        c.function.span,
        format!(
            "`subdomain` does not apply to `{}`, which holds no URL or domain",
            def.name
        ),
    )
    .with_label("not a URL or domain column")
    .with_help(format!(
        "`subdomain` applies to {}; use `substring` or `word` here",
        backticked(&URL_OR_DOMAIN_COLUMNS)
    ))
}

#[cold]
fn type_mismatch(def: &ColumnDef, literal: &Literal<'_>, expected: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        literal.span,
        format!(
            "`{}` is a {} column but `{}` is {} {}",
            def.name,
            def.ty,
            literal,
            article(literal.value.kind_name()),
            literal.value.kind_name()
        ),
    )
    .with_label(format!("expected {expected}"))
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn number_value(def: &ColumnDef, literal: &Literal<'_>, out: &mut Vec<Diagnostic>) {
    match &literal.value {
        // An unquoted word is the parser's error; the tolerant parse keeps it for the checker.
        Value::Integer(_) | Value::Bare(_) => {}
        Value::String(s) => out.push(string_for_number(def, literal, s)),
        Value::Boolean(b) => out.push(boolean_for_number(def, literal, *b)),
    }
}

#[cold]
fn string_for_number(def: &ColumnDef, literal: &Literal<'_>, s: &str) -> Diagnostic {
    match quoted_integer(s) {
        Some(n) => Diagnostic::new(
            Code::QuotedNumber,
            literal.span,
            format!("quoted number `{literal}` on int column `{}`", def.name),
        )
        .with_label("a string holding a number")
        .with_help(format!(
            "write the number bare: `{n}`; whether the server converts `{literal}` is unknown"
        ))
        .with_fix(Fix::replace(
            "unquote the number",
            literal.span,
            n.to_string(),
        )),
        None => type_mismatch(def, literal, "an integer")
            .with_help("int columns compare with bare integers, e.g. `10`"),
    }
}

#[cold]
fn boolean_for_number(def: &ColumnDef, literal: &Literal<'_>, b: bool) -> Diagnostic {
    type_mismatch(def, literal, "an integer").with_help(format!(
        "int columns compare with bare integers; did you mean `{}`?",
        u8::from(b)
    ))
}

/// The integer a quoted string spells in v2 integer syntax, if it does.
fn quoted_integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn date_value(def: &ColumnDef, literal: &Literal<'_>, out: &mut Vec<Diagnostic>) {
    if !matches!(&literal.value, Value::String(s) if Date::parse(s).is_some()) {
        out.push(not_a_date(def, literal));
    }
}

#[cold]
fn not_a_date(def: &ColumnDef, literal: &Literal<'_>) -> Diagnostic {
    match &literal.value {
        Value::String(s) => {
            let diagnostic = Diagnostic::new(
                Code::InvalidDate,
                literal.span,
                format!(
                    "`{literal}` is not a real date for date column `{}`",
                    def.name
                ),
            )
            .with_label("expected \"YYYY-MM-DD\"");
            match normalized_date(s) {
                Some(date) => diagnostic
                    .with_help(format!("write the date as `\"{date}\"`"))
                    .with_fix(Fix::replace(
                        "write the date as YYYY-MM-DD",
                        literal.span,
                        format!("\"{date}\""),
                    )),
                None if looks_like_date(s) => {
                    diagnostic.with_help("that day does not exist in the calendar")
                }
                None => diagnostic
                    .with_help("dates are written `\"YYYY-MM-DD\"`, e.g. `\"2020-01-31\"`"),
            }
        }
        Value::Integer(_) | Value::Boolean(_) | Value::Bare(_) => {
            type_mismatch(def, literal, "a date string")
                .with_help("dates are quoted strings `\"YYYY-MM-DD\"`, e.g. `\"2020-01-31\"`")
        }
    }
}

fn looks_like_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// A real date written with `/` or `.` separators, or with a time part, as `YYYY-MM-DD`.
fn normalized_date(s: &str) -> Option<Date> {
    let day = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
        return None;
    }
    Date::parse(&day.replace(['/', '.'], "-"))
}

fn string_value(def: &ColumnDef, literal: &Literal<'_>, out: &mut Vec<Diagnostic>) {
    if !matches!(literal.value, Value::String(_)) {
        out.push(not_a_string(def, literal));
    }
}

#[cold]
fn not_a_string(def: &ColumnDef, literal: &Literal<'_>) -> Diagnostic {
    let quoted = quote(&literal.to_string());
    type_mismatch(def, literal, "a string")
        .with_help(format!("string values are double-quoted: `{quoted}`"))
        .with_fix(Fix::replace("quote the value", literal.span, quoted))
}

fn boolean_value(def: &ColumnDef, literal: &Literal<'_>, out: &mut Vec<Diagnostic>) {
    if !matches!(literal.value, Value::Boolean(_)) {
        out.push(not_a_boolean(def, literal));
    }
}

#[cold]
fn not_a_boolean(def: &ColumnDef, literal: &Literal<'_>) -> Diagnostic {
    let intended = match &literal.value {
        Value::Boolean(_) => None,
        Value::String(s) if matches!(&**s, "true" | "false") => Some(&**s == "true"),
        Value::Integer(0) => Some(false),
        Value::Integer(1) => Some(true),
        _ => None,
    };
    let diagnostic = type_mismatch(def, literal, "`true` or `false`");
    match intended {
        Some(b) => diagnostic
            .with_help(format!("boolean values are bare `true` / `false`: `{b}`"))
            .with_fix(Fix::replace(
                format!("write `{b}`"),
                literal.span,
                b.to_string(),
            )),
        None => diagnostic.with_help("boolean values are bare `true` / `false`"),
    }
}

fn comma_in_value(literal: &Literal<'_>, out: &mut Vec<Diagnostic>) {
    if let Value::String(s) = &literal.value {
        if memchr::memchr(b',', s.as_bytes()).is_some() {
            out.push(comma_inside(literal));
        }
    }
}

#[cold]
fn comma_inside(literal: &Literal<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::CommaInValue,
        literal.span,
        "`,` inside a quoted value",
    )
    .with_label("contains a comma")
    .with_help(
        "no v2 client escapes commas in values; the server may split the filter at this comma",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;
    use crate::syntax::CompareOp;

    fn removal(text: &str, index: usize) -> String {
        let filter = parse(text).unwrap();
        let span = removal_span(&filter, filter.conditions[index].span());
        format!(
            "{}{}",
            &text[..span.start as usize],
            &text[span.end as usize..]
        )
    }

    /// The gap test of `whitespace` agrees with it and with looking for whitespace outside
    /// quotes.
    #[test]
    fn gaps_are_wider_than_their_separators_exactly_with_whitespace() {
        for text in [
            "a=1",
            "a=1,b=\"x y\"",
            r#"substring(anchor,"a, b"),c<>-5"#,
            r#"word(title," ( , ) "),x:true"#,
            " a=1",
            "a =1",
            "a= 1",
            "a=1 ",
            "a=1 ,b=2",
            "a=1, b=2",
            r#"substring (a,"x")"#,
            r#"substring( a,"x")"#,
            r#"substring(a ,"x")"#,
            r#"substring(a, "x")"#,
            r#"substring(a,"x" )"#,
            "a=1,\tb=2",
        ] {
            let filter = parse(text).unwrap();
            let mut outside_quotes = text.split('"').step_by(2);
            let spaced = outside_quotes.any(|part| part.contains([' ', '\t']));
            let (mut gaps, mut end) = (false, filter.span.start);
            for (i, condition) in filter.conditions.iter().enumerate() {
                gaps |= super::spaced(condition, end, u32::from(i > 0));
                end = condition.span().end;
            }
            gaps |= filter.span.end > end;
            assert_eq!(gaps, spaced, "{text:?}");
            assert_eq!(whitespace(&filter).is_some(), spaced, "{text:?}");
        }
    }

    #[test]
    fn removing_a_condition_takes_one_comma() {
        assert_eq!(removal("a=1,b=2,c=3", 0), "b=2,c=3");
        assert_eq!(removal("a=1,b=2,c=3", 1), "a=1,c=3");
        assert_eq!(removal("a=1,b=2,c=3", 2), "a=1,b=2");
        assert_eq!(removal(" a=1 ", 0), "");
        assert_eq!(removal("a=1 , b=2", 1), "a=1");
    }

    #[test]
    fn quoted_integers() {
        assert_eq!(quoted_integer("10"), Some(10));
        assert_eq!(quoted_integer("-3"), Some(-3));
        assert_eq!(quoted_integer("+3"), None);
        assert_eq!(quoted_integer("1e3"), None);
        assert_eq!(quoted_integer(""), None);
        assert_eq!(quoted_integer("99999999999999999999"), None);
    }

    #[test]
    fn date_normalisation() {
        assert_eq!(
            normalized_date("2023/01/05").map(|d| d.to_string()),
            Some("2023-01-05".into())
        );
        assert_eq!(
            normalized_date("2023-01-05T10:00:00").map(|d| d.to_string()),
            Some("2023-01-05".into())
        );
        assert_eq!(normalized_date("2023-02-30"), None);
        assert!(looks_like_date("2023-02-30"));
    }

    #[test]
    fn operators_are_ordered_or_not() {
        assert!(CompareOp::Lt.is_ordering());
        assert!(!CompareOp::Ne.is_ordering());
    }
}
