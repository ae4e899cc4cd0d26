//! ahrefs-filter's parser side by side with `sqlparser` (`Parser::parse_expr` on the
//! equivalent SQL boolean expression) and `aip-160` (`parse_filter` on the equivalent
//! AIP-160 filter), over the corpus and over one three-condition filter.
//!
//! Each input is its own parser's spelling of the same conditions, so the figure to compare
//! is the time per pass (throughput is reported in filters per second).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

/// The whole input is one SQL expression: `parse_expr` alone accepts a prefix.
fn sql_parse(sql: &str) -> sqlparser::ast::Expr {
    let mut parser = Parser::new(&GenericDialect {}).try_with_sql(sql).unwrap();
    let expr = parser.parse_expr().unwrap();
    assert_eq!(parser.peek_token_ref().token, Token::EOF, "{sql}");
    expr
}

fn aip_parse(filter: &str) -> aip_160::Filter {
    aip_160::parse_filter(filter).unwrap()
}

fn bench_inputs(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    ours: &[&str],
    sql: &[String],
    aip: &[String],
) {
    group.throughput(Throughput::Elements(ours.len() as u64));
    group.bench_function("ahrefs_filter", |b| {
        b.iter(|| {
            for text in ours {
                black_box(ahrefs_filter::parse(black_box(text)).unwrap());
            }
        });
    });
    group.bench_function("sqlparser", |b| {
        b.iter(|| {
            for text in sql {
                black_box(sql_parse(black_box(text)));
            }
        });
    });
    group.bench_function("aip_160", |b| {
        b.iter(|| {
            for text in aip {
                black_box(aip_parse(black_box(text)));
            }
        });
    });
}

fn compare(c: &mut Criterion) {
    let ours: Vec<&str> = corpus::CORPUS.iter().map(|case| case.filter).collect();
    let filters: Vec<_> = ours.iter().map(|text| corpus::parse(text)).collect();
    let sql: Vec<String> = filters.iter().map(corpus::to_sql).collect();
    let aip: Vec<String> = filters.iter().map(corpus::to_aip).collect();
    // Every equivalent parses whole, with as many conditions.
    for ((filter, sql), aip) in filters.iter().zip(&sql).zip(&aip) {
        sql_parse(sql);
        let Some(aip_160::Expression::And(children)) = aip_parse(aip).expression else {
            assert_eq!(filter.conditions.len(), 1, "{aip}");
            continue;
        };
        assert_eq!(children.len(), filter.conditions.len(), "{aip}");
    }

    let mut group = c.benchmark_group("compare_corpus");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    bench_inputs(&mut group, &ours, &sql, &aip);
    group.finish();

    let three = corpus::parse(corpus::THREE_CONDITIONS);
    let mut group = c.benchmark_group("compare_three_conditions");
    group.measurement_time(Duration::from_secs(2));
    group.warm_up_time(Duration::from_secs(1));
    bench_inputs(
        &mut group,
        &[corpus::THREE_CONDITIONS],
        &[corpus::to_sql(&three)],
        &[corpus::to_aip(&three)],
    );
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
