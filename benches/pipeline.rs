//! Parse, check, print and the whole pipeline over the corpus (`benches/corpus`).
//!
//! Each iteration handles every corpus filter once; throughput is the corpus's bytes (the
//! canonical output's bytes for `print`).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::schema::{Schema, TableDef};
use ahrefs_filter::{Clause, Filter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use corpus::{Case, CORPUS};

fn table(case: &Case) -> &'static TableDef {
    Schema::builtin()
        .table(case.table)
        .unwrap_or_else(|| panic!("no table {}", case.table))
}

fn pipeline(c: &mut Criterion) {
    let checker = Checker::new(Schema::builtin());
    let cases: Vec<(&str, &TableDef, Clause)> = CORPUS
        .iter()
        .map(|case| (case.filter, table(case), case.clause))
        .collect();
    let parsed: Vec<Filter<'_>> = CORPUS
        .iter()
        .map(|case| corpus::parse(case.filter))
        .collect();
    // The corpus is well-typed: checking it finds no error.
    for ((text, table, clause), filter) in cases.iter().zip(&parsed) {
        let errors: Vec<_> = checker
            .check_filter(table, *clause, filter)
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{text:?}: {errors:?}");
    }
    let input_bytes = corpus::corpus_bytes() as u64;
    let output_bytes: u64 = parsed.iter().map(|f| f.to_string().len() as u64).sum();

    let mut group = c.benchmark_group("corpus");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Bytes(input_bytes));

    group.bench_function("parse", |b| {
        b.iter(|| {
            for (text, _, _) in &cases {
                black_box(ahrefs_filter::parse(black_box(text)).unwrap());
            }
        });
    });

    group.bench_function("check", |b| {
        b.iter(|| {
            for ((_, table, clause), filter) in cases.iter().zip(&parsed) {
                black_box(checker.check_filter(table, *clause, black_box(filter)));
            }
        });
    });

    group.bench_function("parse_check", |b| {
        b.iter(|| {
            for (text, table, clause) in &cases {
                let filter = ahrefs_filter::parse(black_box(text)).unwrap();
                black_box(checker.check_filter(table, *clause, &filter));
            }
        });
    });

    // The same through the loop API: each parse builds its AST in the previous one's vector.
    group.bench_function("parse_check_reusing", |b| {
        let mut spare = Vec::new();
        b.iter(|| {
            for (text, table, clause) in &cases {
                let taken = std::mem::take(&mut spare);
                let filter = ahrefs_filter::parse_reusing(black_box(text), taken).unwrap();
                black_box(checker.check_filter(table, *clause, &filter));
                spare = filter.into_spare();
            }
        });
    });

    group.bench_function("parse_check_print", |b| {
        b.iter(|| {
            for (text, table, clause) in &cases {
                let filter = ahrefs_filter::parse(black_box(text)).unwrap();
                black_box(checker.check_filter(table, *clause, &filter));
                black_box(filter.canonical());
            }
        });
    });

    // `Checker::check` on a request: table lookup, parse, check and canonical form.
    group.bench_function("request", |b| {
        let requests: Vec<Request<'_>> = CORPUS
            .iter()
            .map(|case| match case.clause {
                Clause::Where => Request::new(case.table).with_where(case.filter),
                Clause::Having => Request::new(case.table).with_having(case.filter),
            })
            .collect();
        b.iter(|| {
            for request in &requests {
                black_box(checker.check(black_box(request)));
            }
        });
    });

    group.throughput(Throughput::Bytes(output_bytes));
    group.bench_function("print", |b| {
        b.iter(|| {
            for filter in &parsed {
                black_box(black_box(filter).canonical());
            }
        });
    });
    // The same text through `Display` and the formatter, as `to_string()` gives it.
    group.bench_function("print_display", |b| {
        b.iter(|| {
            for filter in &parsed {
                black_box(black_box(filter).to_string());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
