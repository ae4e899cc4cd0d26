//! [proptest] strategies for well-typed filters, for embedders' property tests
//! (feature `proptest`).
//!
//! [`filter`] draws filters that the [`Checker`](crate::check::Checker) accepts for a given
//! table and clause: every column exists in the table and is allowed in the clause, every
//! operator and function suits the column's type (spec §2), every literal has the right
//! type, and every date is a real calendar day. The filters are also free of the
//! per-condition warnings (`:` for `=`, quoted numbers, whitespace, ordering on strings,
//! commas inside values), so they are what a careful client would send.
//!
//! Conditions are drawn independently, so the cross-condition lints (`duplicate`,
//! `redundant`, `unsatisfiable`, …) may still warn about a generated filter: `a>5,a<3` is
//! well-typed but matches nothing.
//!
//! Generated filters carry the spans of their own canonical text (`filter.to_string()`), so
//! `parse(&filter.to_string())` returns exactly the generated filter.
//!
//! ```
//! use ahrefs_filter::{check::Checker, schema::Schema, strategy, Clause};
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let schema = Schema::builtin();
//! let table = schema.table("backlinks").unwrap();
//! let filters = strategy::filter(table, Clause::Where).expect("backlinks has where columns");
//!
//! // In a test, write `proptest!(|(f in filters)| { … })`; by hand:
//! let mut runner = TestRunner::deterministic();
//! for _ in 0..20 {
//!     let filter = filters.new_tree(&mut runner).unwrap().current();
//!     let diagnostics = Checker::new(schema).check_filter(table, Clause::Where, &filter);
//!     assert!(diagnostics.iter().all(|d| !d.is_error()), "{filter}: {diagnostics:?}");
//!     assert_eq!(ahrefs_filter::parse(&filter.to_string()).unwrap(), filter);
//! }
//! ```
//!
//! [proptest]: https://docs.rs/proptest

use std::borrow::Cow;

use proptest::collection::SizeRange;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;

use crate::check::Date;
use crate::diagnostics::Clause;
use crate::schema::{ColumnDef, ColumnType, TableDef};
use crate::syntax::{
    Call, Column, CompareOp, Comparison, Condition, Filter, Function, FunctionName, Literal,
    Operator, Span, Value,
};

use crate::check::URL_OR_DOMAIN_COLUMNS;

/// Well-typed filters of one to eight conditions for `clause` of `table`.
///
/// Returns `None` when no column of `table` may appear in `clause` (no valid filter exists).
/// See the [module documentation](self) for what "well-typed" covers.
pub fn filter(table: &TableDef, clause: Clause) -> Option<BoxedStrategy<Filter<'static>>> {
    filter_sized(table, clause, 1..=8)
}

/// Well-typed filters for `clause` of `table` with a number of conditions in `size`
/// (raised to at least one: a filter is never empty).
///
/// Returns `None` when no column of `table` may appear in `clause`.
///
/// ```
/// use ahrefs_filter::{schema::Schema, strategy, Clause};
/// let table = Schema::builtin().table("backlinks_one_per_domain").unwrap();
/// let single = strategy::filter_sized(table, Clause::Having, 1..=1);
/// assert!(single.is_some());
/// ```
pub fn filter_sized(
    table: &TableDef,
    clause: Clause,
    size: impl Into<SizeRange>,
) -> Option<BoxedStrategy<Filter<'static>>> {
    let size = size.into();
    let size = SizeRange::new(size.start().max(1)..=size.end_incl().max(1));
    let conditions = condition(table, clause)?;
    Some(
        proptest::collection::vec(conditions, size)
            .prop_map(with_spans)
            .boxed(),
    )
}

/// The canonical text of well-typed filters for `clause` of `table`: what to send as the
/// `where` or `having` parameter.
///
/// Returns `None` when no column of `table` may appear in `clause`.
pub fn filter_text(table: &TableDef, clause: Clause) -> Option<BoxedStrategy<String>> {
    Some(filter(table, clause)?.prop_map(|f| f.to_string()).boxed())
}

/// One well-typed condition on a column of `table` that may appear in `clause`.
///
/// Returns `None` when there is no such column. Spans are empty; [`filter`] sets them.
pub fn condition(table: &TableDef, clause: Clause) -> Option<BoxedStrategy<Condition<'static>>> {
    let columns: Vec<BoxedStrategy<Condition<'static>>> = table
        .columns
        .iter()
        .filter(|c| c.allowed_in(clause))
        .map(condition_on)
        .collect();
    if columns.is_empty() {
        return None;
    }
    Some(Union::new(columns).boxed())
}

/// Every well-typed condition on `column`, whatever clause it is allowed in: comparisons with
/// the operators its type takes, and for string columns `substring`, `word` and (on URL and
/// domain columns) `subdomain`. Spans are empty.
pub fn condition_on(column: &ColumnDef) -> BoxedStrategy<Condition<'static>> {
    let name = column.name.clone().into_owned();
    let operators: Vec<CompareOp> = match column.ty {
        ColumnType::Int | ColumnType::Float | ColumnType::Date => CompareOp::ALL.to_vec(),
        ColumnType::String | ColumnType::Boolean => vec![CompareOp::Eq, CompareOp::Ne],
    };
    let comparison = {
        let name = name.clone();
        (select(operators), value_for(column))
            .prop_map(move |(kind, value)| {
                Condition::Comparison(Comparison {
                    column: unspanned_column(&name),
                    operator: Operator {
                        kind,
                        colon_alias: false,
                        span: Span::default(),
                    },
                    value: unspanned(value),
                    span: Span::default(),
                })
            })
            .boxed()
    };
    if column.ty != ColumnType::String {
        return comparison;
    }
    let mut functions = vec![FunctionName::Substring, FunctionName::Word];
    if URL_OR_DOMAIN_COLUMNS.contains(&&*column.name) {
        functions.push(FunctionName::Subdomain);
    }
    let call = (select(functions), string_value(), domain())
        .prop_map(move |(function, text, domain)| {
            let argument = if function == FunctionName::Subdomain {
                domain
            } else {
                text
            };
            Condition::Call(Call {
                function: Function {
                    name: function,
                    span: Span::default(),
                },
                column: unspanned_column(&name),
                argument: unspanned(Value::String(Cow::Owned(argument))),
                span: Span::default(),
            })
        })
        .boxed();
    prop_oneof![2 => comparison, 1 => call].boxed()
}

/// Values of the right type for comparisons on `column`: integers for int (and float)
/// columns, real `YYYY-MM-DD` dates for date columns, comma-free strings for string columns,
/// `true` / `false` for boolean columns.
pub fn value_for(column: &ColumnDef) -> BoxedStrategy<Value<'static>> {
    match column.ty {
        ColumnType::Int | ColumnType::Float => prop_oneof![
            4 => (0i64..=1000).prop_map(Value::Integer),
            1 => any::<i64>().prop_map(Value::Integer),
        ]
        .boxed(),
        ColumnType::Date => date()
            .prop_map(|d| Value::String(Cow::Owned(d.to_string())))
            .boxed(),
        ColumnType::String => {
            let domain_like = URL_OR_DOMAIN_COLUMNS.contains(&&*column.name);
            let string = if domain_like {
                prop_oneof![domain(), string_value()].boxed()
            } else {
                string_value().boxed()
            };
            string.prop_map(|s| Value::String(Cow::Owned(s))).boxed()
        }
        ColumnType::Boolean => any::<bool>().prop_map(Value::Boolean).boxed(),
    }
}

/// Real calendar dates, mostly in 2000–2030, sometimes anywhere in years 0000–9999.
pub fn date() -> impl Strategy<Value = Date> {
    let year = prop_oneof![4 => 2000u16..=2030, 1 => 0u16..=9999];
    (year, 1u8..=12, 1u8..=31).prop_filter_map("no such day", |(year, month, day)| {
        Date::from_ymd(year, month, day)
    })
}

/// String values without `,` (which warns, spec §2): mostly plain words, sometimes any
/// characters at all, quotes, backslashes, NUL and non-ASCII included.
fn string_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9 ._/-]{0,16}",
        1 => "[^,]{0,12}",
    ]
}

/// Domain names such as `blog.example.com`, for `subdomain`.
fn domain() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,10}(\\.[a-z0-9]{1,10}){0,2}\\.[a-z]{2,6}"
}

fn unspanned_column(name: &str) -> Column<'static> {
    Column {
        name: Cow::Owned(name.to_owned()),
        span: Span::default(),
    }
}

fn unspanned(value: Value<'static>) -> Literal<'static> {
    Literal {
        value,
        span: Span::default(),
    }
}

/// The filter of `conditions` with the spans of its canonical text.
fn with_spans(conditions: Vec<Condition<'static>>) -> Filter<'static> {
    let mut at = 0;
    let mut token = |len: usize| {
        let span = Span::at(at, at + len);
        at += len;
        span
    };
    let mut spanned = Vec::with_capacity(conditions.len());
    for (i, condition) in conditions.into_iter().enumerate() {
        if i > 0 {
            token(1); // ,
        }
        spanned.push(match condition {
            Condition::Comparison(mut c) => {
                c.column.span = token(c.column.name.len());
                c.operator.span = token(c.operator.kind.as_str().len());
                c.value.span = token(c.value.to_string().len());
                c.span = c.column.span.cover(c.value.span);
                Condition::Comparison(c)
            }
            Condition::Call(mut c) => {
                c.function.span = token(c.function.name.as_str().len());
                token(1); // (
                c.column.span = token(c.column.name.len());
                token(1); // ,
                c.argument.span = token(c.argument.to_string().len());
                let close = token(1); // )
                c.span = c.function.span.cover(close);
                Condition::Call(c)
            }
        });
    }
    Filter {
        conditions: spanned,
        span: Span::at(0, at),
    }
}
