//! Per-condition type rules (spec §2) and the whitespace warning.
//!
//! The rules of a condition read its resolved column ([`Resolved`]) and hand the lints the
//! value the condition compares with ([`Operand`]) when they accept its literal: the one
//! place that decides what a literal means for its column.

use super::literals::{
    bare_value, boolean_value, comma_in_value, date_value, number_value, string_value,
};
use super::spans::removal_at;
use super::view::{Operand, Resolved, URL_OR_DOMAIN_COLUMNS};
use crate::diagnostics::{Code, Diagnostic, Edit, Fix};
use crate::schema::{Clause, ColumnDef, ColumnType, Schema, TableDef};
use crate::span::{Ranged, Span};
use crate::suggest;
use crate::syntax::{Call, Comparison, Condition, Filter, FunctionName, Value};

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
    fn operators_are_ordered_or_not() {
        assert!(CompareOp::Lt.is_ordering());
        assert!(!CompareOp::Ne.is_ordering());
    }
}
