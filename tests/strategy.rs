//! The exported proptest strategies (feature `proptest`): every generated filter passes the
//! checker with no error and none of the per-condition warnings, for every built-in table and
//! clause, and its spans are those of its own canonical text.
#![cfg(feature = "proptest")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::check::Checker;
use ahrefs_filter::schema::{ColumnType, Schema};
use ahrefs_filter::{parse, strategy, Clause, Code, Condition, Diagnostic, Value};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRunner};

/// Warnings a single well-typed, carefully written condition never gets.
const PER_CONDITION_WARNINGS: [Code; 5] = [
    Code::ColonEquality,
    Code::QuotedNumber,
    Code::Whitespace,
    Code::StringOrdering,
    Code::CommaInValue,
];

fn unexpected(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.is_error() || PER_CONDITION_WARNINGS.contains(&d.code))
        .collect()
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn every_generated_filter_passes_the_checker() {
    let schema = Schema::builtin();
    let checker = Checker::new(schema);
    let mut pairs = 0;
    for table in schema.tables() {
        for clause in [Clause::Where, Clause::Having] {
            let Some(filters) = strategy::filter(table, clause) else {
                assert!(
                    !table.accepts(clause),
                    "no strategy for {} {clause}",
                    table.name
                );
                continue;
            };
            pairs += 1;
            runner(48)
                .run(&filters, |filter| {
                    let diagnostics = checker.check_filter(table, clause, &filter);
                    let bad = unexpected(&diagnostics);
                    assert!(
                        bad.is_empty(),
                        "{} {clause} `{filter}`: {bad:#?}",
                        table.name
                    );
                    // The spans are those of the canonical text: parsing it gives the filter back.
                    let text = filter.to_string();
                    assert_eq!(parse(&text).unwrap(), filter, "{text}");
                    Ok(())
                })
                .unwrap();
        }
    }
    assert!(pairs >= 25, "only {pairs} table/clause pairs have columns");
}

#[test]
fn generated_text_passes_the_whole_request_check() {
    let schema = Schema::builtin();
    let checker = Checker::new(schema);
    let table = schema.table("backlinks_one_per_domain").unwrap();
    let wheres = strategy::filter_text(table, Clause::Where).unwrap();
    let havings = strategy::filter_text(table, Clause::Having).unwrap();
    runner(64)
        .run(&(wheres, havings), |(w, h)| {
            let request = ahrefs_filter::check::Request::new(&table.name)
                .with_where(&w)
                .with_having(&h);
            let report = checker.check(&request);
            let bad = unexpected(&report.diagnostics);
            assert!(bad.is_empty(), "where {w} having {h}: {bad:#?}");
            assert_eq!(report.canonical_where.as_deref(), Some(&*w));
            assert_eq!(report.canonical_having.as_deref(), Some(&*h));
            // Fixing (a cross-condition lint may offer to drop a redundant condition) keeps
            // the request free of errors.
            let fixed = checker.fix(&request);
            let after = ahrefs_filter::check::Request {
                table: &table.name,
                where_filter: fixed.where_filter.as_deref(),
                having_filter: fixed.having_filter.as_deref(),
            };
            let again = checker.check(&after);
            assert!(
                !again.has_errors(),
                "where {w} having {h}: {fixed:?}: {again:#?}"
            );
            Ok(())
        })
        .unwrap();
}

/// Every filterable column of every table, on its own: each column type, operator and
/// function path of the strategy is exercised, not only the common ones.
#[test]
fn every_filterable_column_yields_valid_conditions() {
    let schema = Schema::builtin();
    let checker = Checker::new(schema);
    let mut runner = TestRunner::deterministic();
    let mut columns = 0;
    for table in schema.tables() {
        for column in table.columns.iter() {
            let Some(clause) = [Clause::Where, Clause::Having]
                .into_iter()
                .find(|c| column.allowed_in(*c))
            else {
                continue;
            };
            columns += 1;
            let conditions = strategy::condition_on(column);
            for _ in 0..8 {
                let condition = conditions.new_tree(&mut runner).unwrap().current();
                let text = condition.to_string();
                let filter = parse(&text).unwrap();
                let diagnostics = checker.check_filter(table, clause, &filter);
                let bad = unexpected(&diagnostics);
                assert!(bad.is_empty(), "{} {clause} `{text}`: {bad:#?}", table.name);
            }
        }
    }
    assert!(columns > 100, "only {columns} filterable columns");
}

#[test]
fn values_have_the_column_type() {
    let schema = Schema::builtin();
    let mut runner = TestRunner::deterministic();
    let table = schema.table("backlinks").unwrap();
    for column in table.columns.iter() {
        let values = strategy::value_for(column);
        for _ in 0..16 {
            let value = values.new_tree(&mut runner).unwrap().current();
            let ok = match (column.ty, &value) {
                (ColumnType::Int | ColumnType::Float, Value::Integer(_)) => true,
                (ColumnType::Date, Value::String(s)) => {
                    ahrefs_filter::check::Date::parse(s).is_some()
                }
                (ColumnType::String, Value::String(s)) => !s.contains(','),
                (ColumnType::Boolean, Value::Boolean(_)) => true,
                _ => false,
            };
            assert!(ok, "{}: {value:?}", column.name);
        }
    }
}

#[test]
fn sizes_are_respected_and_never_empty() {
    let table = Schema::builtin().table("backlinks").unwrap();
    let mut runner = TestRunner::deterministic();
    let exact = strategy::filter_sized(table, Clause::Where, 3..=3).unwrap();
    let empty = strategy::filter_sized(table, Clause::Where, 0..=0).unwrap();
    for _ in 0..16 {
        assert_eq!(
            exact
                .new_tree(&mut runner)
                .unwrap()
                .current()
                .conditions
                .len(),
            3
        );
        assert_eq!(
            empty
                .new_tree(&mut runner)
                .unwrap()
                .current()
                .conditions
                .len(),
            1
        );
    }
}

#[test]
fn functions_are_generated_on_string_columns() {
    let table = Schema::builtin().table("backlinks").unwrap();
    let url_to = table.column("url_to").unwrap();
    let conditions = strategy::condition_on(url_to);
    let mut runner = TestRunner::deterministic();
    let mut calls = std::collections::BTreeSet::new();
    for _ in 0..400 {
        if let Condition::Call(c) = conditions.new_tree(&mut runner).unwrap().current() {
            calls.insert(c.function.name);
        }
    }
    assert_eq!(calls.len(), 3, "{calls:?}");
}

/// A table whose columns are allowed in neither clause has no valid filter.
#[test]
fn no_strategy_without_columns() {
    let mut table = Schema::builtin().table("backlinks").unwrap().clone();
    table.columns = table
        .columns
        .iter()
        .cloned()
        .map(|mut c| {
            c.in_having = false;
            c
        })
        .collect::<Vec<_>>()
        .into();
    assert!(strategy::filter(&table, Clause::Having).is_none());
    assert!(strategy::filter(&table, Clause::Where).is_some());
}
