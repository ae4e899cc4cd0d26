//! Runs one stage over the benchmark corpus many times, for instruction counts:
//!
//! ```sh
//! cargo build --release --example corpus_loop
//! valgrind --tool=callgrind target/release/examples/corpus_loop check 2000
//! ```
//!
//! Stages: `parse`, `check` (pre-parsed filters), `parse_check`, `parse_check_reusing`
//! (into the previous filter's vector), `print`
//! (`Filter::canonical`), `display` (`to_string`), and `none` (setup only, to subtract).
//! `parse_10mb` and `parse_reusing_10mb` parse the 10 MB scaling filter instead, for the
//! page faults of a fresh AST each time (`/usr/bin/time -v` reports them).
//! Callgrind's total minus the `none` run's, divided by the passes, is the cost of one pass
//! over the 30 corpus filters; unlike wall time it does not drift with the machine. It
//! also prints the wall time per pass.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Instant;

use ahrefs_filter::check::Checker;
use ahrefs_filter::schema::Schema;

fn main() {
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap_or_else(|| "parse".to_owned());
    let passes: usize = args.next().map_or(100_000, |n| n.parse().expect("passes"));
    let checker = Checker::new(Schema::builtin());
    let cases: Vec<_> = corpus::CORPUS
        .iter()
        .map(|c| {
            (
                c.filter,
                Schema::builtin().table(c.table).unwrap(),
                c.clause,
            )
        })
        .collect();
    let parsed: Vec<_> = corpus::CORPUS
        .iter()
        .map(|c| corpus::parse(c.filter))
        .collect();
    let large = if stage.ends_with("_10mb") {
        corpus::scaled(corpus::SIZES[2].1)
    } else {
        String::new()
    };
    let mut spare = Vec::new();
    let started = Instant::now();
    for _ in 0..passes {
        match stage.as_str() {
            "parse" => {
                for (text, _, _) in &cases {
                    black_box(ahrefs_filter::parse(black_box(text)).unwrap());
                }
            }
            "check" => {
                for ((_, table, clause), filter) in cases.iter().zip(&parsed) {
                    black_box(checker.check_filter(table, *clause, black_box(filter)));
                }
            }
            "parse_check" => {
                for (text, table, clause) in &cases {
                    let filter = ahrefs_filter::parse(black_box(text)).unwrap();
                    black_box(checker.check_filter(table, *clause, &filter));
                }
            }
            "parse_check_reusing" => {
                for (text, table, clause) in &cases {
                    let taken = std::mem::take(&mut spare);
                    let filter = ahrefs_filter::parse_reusing(black_box(text), taken).unwrap();
                    black_box(checker.check_filter(table, *clause, &filter));
                    spare = filter.into_spare();
                }
            }
            "print" => {
                for filter in &parsed {
                    black_box(black_box(filter).canonical());
                }
            }
            "display" => {
                for filter in &parsed {
                    black_box(black_box(filter).to_string());
                }
            }
            "parse_10mb" => {
                black_box(ahrefs_filter::parse(black_box(&large)).unwrap());
            }
            "parse_reusing_10mb" => {
                let taken = std::mem::take(&mut spare);
                let filter = ahrefs_filter::parse_reusing(black_box(&large), taken).unwrap();
                spare = black_box(filter).into_spare();
            }
            "none" => {}
            other => panic!("unknown stage {other:?}"),
        }
    }
    let per_pass = started.elapsed().as_secs_f64() * 1e6 / passes.max(1) as f64;
    eprintln!("{stage}: {per_pass:.3} µs per pass");
}
