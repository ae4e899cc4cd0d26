//! Heap allocations made by a parse, counted by a counting global allocator
//! (`allocation-counter`, which counts per thread, so tests may run in parallel).
//!
//! A typical parse allocates once: the vector of conditions, reserved at its final size.
//! Names and strings borrow from the input; a string with escapes allocates its unescaped
//! copy.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use ahrefs_filter::check::Checker;
use ahrefs_filter::schema::Schema;

/// Allocations (a reallocation counts as one) made by parsing `text`, not counting the drop.
fn parse_allocations(text: &str) -> u64 {
    let mut parsed = None;
    let info = allocation_counter::measure(|| {
        parsed = Some(ahrefs_filter::parse(text));
    });
    assert!(parsed.is_some_and(|result| result.is_ok()), "{text:?}");
    info.count_total
}

#[test]
fn each_corpus_filter_parses_with_at_most_three_allocations() {
    let mut report = Vec::new();
    for case in corpus::CORPUS {
        let count = parse_allocations(case.filter);
        report.push(format!("{count}  {}", case.filter));
    }
    println!("{}", report.join("\n"));
    for case in corpus::CORPUS {
        let count = parse_allocations(case.filter);
        assert!(count <= 3, "{count} allocations parsing {:?}", case.filter);
    }
}

#[test]
fn a_filter_without_escapes_allocates_once() {
    for case in corpus::CORPUS
        .iter()
        .filter(|case| !case.filter.contains('\\'))
    {
        assert_eq!(parse_allocations(case.filter), 1, "{:?}", case.filter);
    }
}

#[test]
fn the_corpus_is_well_typed() {
    let checker = Checker::new(Schema::builtin());
    for case in corpus::CORPUS {
        let table = Schema::builtin().table(case.table).unwrap();
        let filter = corpus::parse(case.filter);
        let errors: Vec<_> = checker
            .check_filter(table, case.clause, &filter)
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{:?}: {errors:?}", case.filter);
    }
}

#[test]
fn the_scaling_inputs_have_their_size() {
    for (name, len) in corpus::SIZES {
        let input = corpus::scaled(len);
        assert!(input.len() <= len && input.len() + 200 > len, "{name}");
        assert!(corpus::parse(&input).conditions.len() > len / 100, "{name}");
    }
}

/// `parse_reusing` with the vector of an earlier filter of at least as many conditions
/// allocates nothing for a filter without escapes: the loop over a log of requests.
#[test]
fn a_reused_vector_makes_a_parse_allocate_nothing() {
    let mut spare = Vec::new();
    for case in corpus::CORPUS {
        spare = ahrefs_filter::parse_reusing(case.filter, spare)
            .unwrap()
            .into_spare();
    }
    for case in corpus::CORPUS
        .iter()
        .filter(|case| !case.filter.contains('\\'))
    {
        let mut filter = None;
        let taken = std::mem::take(&mut spare);
        let info = allocation_counter::measure(|| {
            filter = Some(ahrefs_filter::parse_reusing(case.filter, taken).unwrap());
        });
        assert_eq!(info.count_total, 0, "{:?}", case.filter);
        spare = filter.unwrap().into_spare();
    }
}
