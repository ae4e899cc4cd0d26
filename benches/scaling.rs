//! Parse and parse+check on one `backlinks` `where` filter of 1 KB, 100 KB and 10 MB:
//! the per-byte cost should not grow with the input. `parse_reusing` parses into the
//! vector of the previous iteration, as a loop over many filters does: it separates the
//! parser's own cost from the system's cost of handing out fresh pages for each new AST
//! (46 MB at 10 MB of input). `ast_write` measures that cost alone: it fills a vector with
//! as many nodes as the 10 MB filter has, copies of a real `Condition` (96 bytes) or of a
//! 48-byte stand-in, freshly allocated or reused, and parses nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use ahrefs_filter::check::Checker;
use ahrefs_filter::schema::Schema;
use ahrefs_filter::Clause;
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};

fn scaling(c: &mut Criterion) {
    let checker = Checker::new(Schema::builtin());
    let backlinks = Schema::builtin().table("backlinks").unwrap();
    let inputs: Vec<(&str, String)> = corpus::SIZES
        .iter()
        .map(|&(name, len)| (name, corpus::scaled(len)))
        .collect();

    let mut group = c.benchmark_group("scaling");
    group.warm_up_time(Duration::from_secs(1));
    for (name, input) in &inputs {
        let large = input.len() > 1 << 20;
        group.sample_size(if large { 10 } else { 50 });
        group.measurement_time(Duration::from_secs(if large { 4 } else { 2 }));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", name), input, |b, input| {
            b.iter(|| black_box(ahrefs_filter::parse(black_box(input)).unwrap()));
        });
        group.bench_with_input(
            BenchmarkId::new("parse_reusing", name),
            input,
            |b, input| {
                let mut spare = Vec::new();
                b.iter(|| {
                    let taken = std::mem::take(&mut spare);
                    let filter = ahrefs_filter::parse_reusing(black_box(input), taken).unwrap();
                    spare = black_box(filter).into_spare();
                });
            },
        );
        group.bench_with_input(BenchmarkId::new("parse_check", name), input, |b, input| {
            b.iter(|| {
                let filter = ahrefs_filter::parse(black_box(input)).unwrap();
                black_box(checker.check_filter(backlinks, Clause::Where, &filter))
            });
        });
    }
    group.finish();
}

/// A node half the size of `Condition`: what an AST holding only spans and scalars (its text
/// read from the input) would write per condition.
#[derive(Clone, Copy)]
#[allow(dead_code)] // only its size matters
struct HalfNode([u64; 6]);

/// Pushes one node at a time, so a fresh vector grows by doubling, as the parser's does.
fn fill<T: Clone>(into: &mut Vec<T>, node: &T, count: usize) {
    for _ in 0..count {
        into.push(black_box(node.clone()));
    }
}

/// Fills a fresh vector, then a reused one, with `count` copies of `node`.
fn write_both_ways<T: Clone>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    node: &T,
    count: usize,
) {
    group.bench_function(format!("{name}/fresh"), |b| {
        b.iter(|| {
            let mut nodes = Vec::with_capacity(8);
            fill(&mut nodes, node, count);
            nodes
        });
    });
    group.bench_function(format!("{name}/reused"), |b| {
        let mut nodes = Vec::new();
        b.iter(|| {
            nodes.clear();
            fill(&mut nodes, node, count);
        });
    });
}

fn ast_write(c: &mut Criterion) {
    let input = corpus::scaled(10 << 20);
    let filter = ahrefs_filter::parse(&input).unwrap();
    let count = filter.conditions.len();
    let condition = filter.conditions[0].clone();

    let mut group = c.benchmark_group("ast_write");
    group.warm_up_time(Duration::from_secs(1));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    group.throughput(Throughput::Bytes(input.len() as u64));
    let size = std::mem::size_of_val(&condition);
    write_both_ways(&mut group, &format!("condition_{size}B"), &condition, count);
    write_both_ways(&mut group, "half_48B", &HalfNode([0; 6]), count);
    group.finish();
}

criterion_group!(benches, scaling, ast_write);
criterion_main!(benches);
