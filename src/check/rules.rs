//! Per-condition type rules (spec §2) and the whitespace warning.
//!
//! The rules of a condition read its resolved column ([`Resolved`]) and hand the lints the
//! value the condition compares with ([`Operand`]) when they accept its literal: the one
//! place that decides what a literal means for its column.

use super::date::Date;
use super::spans::removal_at;
use super::view::{Operand, Resolved, URL_OR_DOMAIN_COLUMNS};
use crate::diagnostics::{Code, Diagnostic, Edit, Fix};
use crate::print::quote;
use crate::schema::{Clause, ColumnDef, ColumnType, Schema, TableDef};
use crate::span::{Ranged, Span};
use crate::suggest;
use crate::syntax::{Call, Comparison, Condition, Filter, FunctionName, Literal, Value};

/// Columns older v2 doc pages listed and the newest dropped (v2-evidence.md §5).
const REMOVED_COLUMNS: [&str; 2] = ["sitewide", "not_sitewide"];

/// What the rules of every condition of one filter share.
pub(crate) struct Scope<'a, 'f> {
    /// The schema, for naming the tables that have an unknown column.
    pub(crate) schema: &'a Schema,
    /// The table checked against.
    pub(crate) table: &'a TableDef,
    /// The clause the filter is.
    pub(crate) clause: Clause,
    /// The filter.
    pub(crate) filter: &'a Filter<'f>,
}

/// The `whitespace` warning of a filter, whose fix removes every run of it, if the filter
/// has whitespace outside quotes.
///
/// Whitespace is found from the spans alone: in canonical text, tokens abut (or are
/// separated by exactly one `,` or `(`), so any gap between sibling spans wider than its
/// separator is whitespace.
pub(crate) fn whitespace(filter: &Filter<'_>) -> Option<Diagnostic> {
    let mut edits = Vec::new();
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
        let separator = if i == 0 { "" } else { "," };
        gap(previous_end, condition.span().start, separator);
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
    if edits.is_empty() {
        None
    } else {
        Some(spaced(edits))
    }
}

#[cold]
#[inline(never)]
fn spaced(edits: Vec<Edit>) -> Diagnostic {
    let first = match edits.first() {
        Some(Edit::Replace { span, .. }) => Some(*span),
        _ => None,
    };
    Diagnostic::new(Code::Whitespace, first, "whitespace outside quotes")
        .with_label("whitespace here")
        .with_help("no v2 client sends whitespace and whether the server tolerates it is unknown; the canonical form drops it")
        .with_fix(Fix::safe("remove the whitespace", edits))
}

/// Every diagnostic of the condition at `index` on its own, given its resolved column
/// (`None`: the table has no such column); the value it compares with when the type rules
/// accept its literal (warnings aside).
#[inline]
pub(crate) fn condition<'c>(
    scope: &Scope<'_, '_>,
    index: usize,
    condition: &'c Condition<'_>,
    column: Option<Resolved<'_>>,
    out: &mut Vec<Diagnostic>,
) -> Option<Operand<'c>> {
    if let Condition::Comparison(c) = condition {
        colon_equality(c, out);
    }
    let Some(column) = column else {
        let name = condition.column();
        out.push(unknown_column(scope, &name.name, name.span));
        return None;
    };
    let def = column.def;
    if !column.allowed {
        out.push(clause_not_allowed(scope, index, condition, def));
    }
    if let Value::Bare(word) = &condition.literal().value {
        out.push(bare_value(def, condition.literal(), word));
        return None;
    }
    let operand = match condition {
        Condition::Comparison(c) => comparison(c, def, out),
        Condition::Call(c) => call(c, column, out),
    };
    comma_in_value(condition.literal(), out);
    operand
}

/// An unquoted word compared with a column of a known type: the parser's `unquoted-string`
/// error said only that strings are quoted; here the column's type decides the help and the
/// fix, so that applying it leaves no error (quoting `abc` for an int column would only
/// trade one error for another).
#[cold]
fn bare_value(def: &ColumnDef, literal: &Literal<'_>, word: &str) -> Diagnostic {
    let span = literal.span;
    let unquoted = || {
        Diagnostic::new(
            Code::UnquotedString,
            span,
            format!("unquoted value `{word}`"),
        )
        .with_label("strings must be quoted")
    };
    let mismatch = |takes: &str| {
        Diagnostic::new(
            Code::TypeMismatch,
            span,
            format!(
                "`{}` is {} {} column but `{word}` is an unquoted word",
                def.name,
                article(def.ty.as_str()),
                def.ty
            ),
        )
        .with_label(format!("expected {takes}"))
    };
    match def.ty {
        ColumnType::String => {
            let quoted = quote(word);
            unquoted()
                .with_help(format!("write it as a string: `{quoted}`"))
                .with_fix(Fix::replace("quote the value", span, quoted))
        }
        ColumnType::Date => match Date::parse(word).or_else(|| normalized_date(word)) {
            Some(date) => {
                let quoted = format!("\"{date}\"");
                unquoted()
                    .with_help(format!("dates are quoted strings: `{quoted}`"))
                    .with_fix(Fix::replace("quote the date", span, quoted))
            }
            None => mismatch("a date string")
                .with_help("dates are quoted strings `\"YYYY-MM-DD\"`, e.g. `\"2020-01-31\"`"),
        },
        ColumnType::Boolean
            if word.eq_ignore_ascii_case("true") || word.eq_ignore_ascii_case("false") =>
        {
            let lower = word.to_ascii_lowercase();
            Diagnostic::new(
                Code::UnquotedString,
                span,
                format!("`{word}` is not a boolean: booleans are lowercase"),
            )
            .with_label("not `true` or `false`")
            .with_help(format!("write `{lower}`"))
            .with_fix(Fix::replace(format!("write `{lower}`"), span, lower))
        }
        ColumnType::Boolean => {
            mismatch("`true` or `false`").with_help("boolean values are bare `true` / `false`")
        }
        ColumnType::Int | ColumnType::Float => {
            mismatch("an integer").with_help("int columns compare with bare integers, e.g. `10`")
        }
    }
}

#[cold]
fn unknown_column(scope: &Scope<'_, '_>, name: &str, span: Span) -> Diagnostic {
    let (schema, table) = (scope.schema, scope.table);
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
    scope: &Scope<'_, '_>,
    index: usize,
    condition: &Condition<'_>,
    def: &ColumnDef,
) -> Diagnostic {
    let (table, clause) = (scope.table, scope.clause);
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
    // The table's own page uses the column here anyway: a warning that names both facts,
    // and a move that is only offered (what the server did with it is what the page shows).
    let fix = Fix::safe(
        format!("move `{text}` to `{other}`"),
        vec![
            Edit::Replace {
                span: removal_at(scope.filter, index),
                text: "".into(),
            },
            Edit::AppendCondition {
                clause: other,
                condition: text.clone(),
            },
        ],
    );
    match &def.used_in_docs {
        Some(used) if used.clause == clause => {
            let mut diagnostic = diagnostic.as_warning();
            diagnostic.message = format!(
                "column `{}` is listed for `{other}` only in table `{}`, but its doc page uses it in `{clause}`",
                def.name, table.name
            )
            .into();
            diagnostic
                .with_label(format!("listed for `{other}` only"))
                .with_help(format!(
                    "the docs disagree: {}; move `{text}` to `{other}` to follow the column table",
                    used.evidence
                ))
                .with_fix(fix.unsafe_())
        }
        _ => diagnostic
            .with_label(format!("allowed only in `{other}`"))
            .with_help(format!("move `{text}` to `{other}`"))
            .with_fix(fix),
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
        .with_help("the documented operator is `=`; `:` appears in one official example and real clients sent it (a 2015 Ruby client, a PHP SEO panel), but no doc defines it")
        .with_fix(Fix::replace("replace `:` with `=`", c.operator.span, "="))
}

#[inline]
fn comparison<'c>(
    c: &'c Comparison<'_>,
    def: &ColumnDef,
    out: &mut Vec<Diagnostic>,
) -> Option<Operand<'c>> {
    let op = c.operator.kind;
    match def.ty {
        ColumnType::Int => number_value(def, &c.value, out).map(Operand::Int),
        // Compared like ints, but not handed to the lints: their integer arithmetic
        // (`x>1,x<2` is empty) does not hold for floats. No filterable float column exists.
        ColumnType::Float => number_value(def, &c.value, out).and(None),
        ColumnType::Date => date_value(def, &c.value, out).map(Operand::Date),
        ColumnType::String => {
            if op.is_ordering() {
                out.push(string_ordering(c, def));
            }
            string_value(def, &c.value, out).map(Operand::Str)
        }
        ColumnType::Boolean => {
            let ordering = op.is_ordering();
            if ordering {
                out.push(boolean_ordering(c, def));
            }
            boolean_value(def, &c.value, out)
                .filter(|_| !ordering)
                .map(Operand::Bool)
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

#[inline]
fn call<'c>(
    c: &'c Call<'_>,
    column: Resolved<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Operand<'c>> {
    let def = column.def;
    if def.ty != ColumnType::String {
        out.push(function_on_non_string(c, def));
        return None;
    }
    let applies = c.function.name != FunctionName::Subdomain || column.holds_hosts();
    if !applies {
        out.push(subdomain_on_other(c, def));
    }
    string_value(def, &c.argument, out)
        .filter(|_| applies)
        .map(Operand::Str)
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
            "`{}` is {} {} column but `{}` is {} {}",
            def.name,
            article(def.ty.as_str()),
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

/// The integer of a number column's literal: bare, or quoted (a warning).
fn number_value(def: &ColumnDef, literal: &Literal<'_>, out: &mut Vec<Diagnostic>) -> Option<i64> {
    match &literal.value {
        Value::Integer(n) => Some(*n),
        Value::String(s) => {
            let n = quoted_integer(s);
            out.push(string_for_number(def, literal, n));
            n
        }
        Value::Boolean(b) => {
            out.push(boolean_for_number(def, literal, *b));
            None
        }
        // An unquoted word is the parser's error; the tolerant parse keeps it for the checker.
        Value::Bare(_) => None,
    }
}

#[cold]
fn string_for_number(def: &ColumnDef, literal: &Literal<'_>, quoted: Option<i64>) -> Diagnostic {
    match quoted {
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

/// The date of a date column's literal.
fn date_value(def: &ColumnDef, literal: &Literal<'_>, out: &mut Vec<Diagnostic>) -> Option<Date> {
    let date = match &literal.value {
        Value::String(s) => Date::parse(s),
        Value::Integer(_) | Value::Boolean(_) | Value::Bare(_) => None,
    };
    if date.is_none() {
        out.push(not_a_date(def, literal));
    }
    date
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

/// The string of a string column's literal.
fn string_value<'c>(
    def: &ColumnDef,
    literal: &'c Literal<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<&'c str> {
    match &literal.value {
        Value::String(s) => Some(s),
        Value::Integer(_) | Value::Boolean(_) | Value::Bare(_) => {
            out.push(not_a_string(def, literal));
            None
        }
    }
}

#[cold]
fn not_a_string(def: &ColumnDef, literal: &Literal<'_>) -> Diagnostic {
    let quoted = quote(&literal.to_string());
    type_mismatch(def, literal, "a string")
        .with_help(format!("string values are double-quoted: `{quoted}`"))
        .with_fix(Fix::replace("quote the value", literal.span, quoted))
}

/// The boolean of a boolean column's literal.
fn boolean_value(
    def: &ColumnDef,
    literal: &Literal<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<bool> {
    match literal.value {
        Value::Boolean(b) => Some(b),
        Value::String(_) | Value::Integer(_) | Value::Bare(_) => {
            out.push(not_a_boolean(def, literal));
            None
        }
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
        if s.contains(',') {
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

    /// The warning fires exactly when there is whitespace outside quotes, and its fix
    /// leaves the canonical text.
    #[test]
    fn whitespace_is_found_from_the_gaps_between_tokens() {
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
            let found = whitespace(&filter);
            assert_eq!(found.is_some(), spaced, "{text:?}");
            if let Some(fix) = found.and_then(|d| d.fix) {
                let mut edits: Vec<(Span, &str)> = fix
                    .edits
                    .iter()
                    .filter_map(|e| match e {
                        Edit::Replace { span, text } => Some((*span, &**text)),
                        Edit::AppendCondition { .. } => None,
                    })
                    .collect();
                edits.sort_by_key(|e| e.0);
                let (mut fixed, mut at) = (String::new(), 0);
                for (span, keep) in edits {
                    fixed.push_str(&text[at..span.start as usize]);
                    fixed.push_str(keep);
                    at = span.end as usize;
                }
                fixed.push_str(&text[at..]);
                // The canonical form writes `:` as `=`; nothing else differs.
                assert_eq!(fixed.replace(':', "="), filter.canonical(), "{text:?}");
            }
        }
    }

    #[test]
    fn quoted_integers() {
        assert_eq!(quoted_integer("10"), Some(10));
        assert_eq!(quoted_integer("-3"), Some(-3));
        assert_eq!(quoted_integer("+3"), None);
        assert_eq!(quoted_integer("1e3"), None);
        assert_eq!(quoted_integer(""), None);
        assert_eq!(quoted_integer("-"), None);
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
