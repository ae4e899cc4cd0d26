//! v2 → v3 translation of whole requests (`Translator::translate_request`): each iteration
//! translates every request of a corpus built from the bench corpus (`benches/corpus`),
//! each filter percent-encoded in a typical v2 request with a token, target, mode, limit
//! and output; throughput is in requests. Target: ≥ 200,000 requests/s on one core.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use ahrefs_filter::check::Checker;
use ahrefs_filter::request::{RequestLinter, Scratch};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::v3::{self, Options, Translator};
use ahrefs_filter::Clause;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use corpus::CORPUS;

/// Extra parameters, cycled over the requests: what v2 callers sent besides the filter.
const EXTRAS: [&str; 4] = [
    "",
    "&order_by=ahrefs_rank:desc",
    "&select=url_from,url_to,anchor,ahrefs_rank",
    "&offset=100",
];

fn requests(mapped_only: bool) -> Vec<String> {
    CORPUS
        .iter()
        .filter(|case| {
            !mapped_only || v3::table(case.table).is_some_and(|t| t.endpoint().is_some())
        })
        .enumerate()
        .map(|(i, case)| {
            let param = match case.clause {
                Clause::Where => "where",
                Clause::Having => "having",
            };
            let filter = utf8_percent_encode(case.filter, NON_ALPHANUMERIC);
            // `select` and `order_by` columns only suit the backlink tables.
            let extra = if case.table.starts_with("backlinks") {
                EXTRAS[i % 4]
            } else {
                ""
            };
            format!(
                "https://apiv2.ahrefs.com/?token=0123456789abcdef&from={}&target=ahrefs.com\
                 &mode=domain&limit=100&{param}={filter}&output=json{extra}",
                case.table
            )
        })
        .collect()
}

fn translate(c: &mut Criterion) {
    let translator = Translator::new(Options::default());
    let mut group = c.benchmark_group("v3");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    for (name, mapped_only) in [("mapped_requests", true), ("corpus_requests", false)] {
        let requests = requests(mapped_only);
        let translated = requests
            .iter()
            .filter(|r| translator.translate_request(r).url.is_some())
            .count();
        assert!(translated >= 5, "{name}: only {translated} translated");
        group.throughput(Throughput::Elements(requests.len() as u64));
        // The v2 lint every translation starts with, for comparison.
        let linter = RequestLinter::new(Checker::new(Schema::builtin()));
        let mut lint_scratch = Scratch::default();
        group.bench_function(format!("{name}/lint_only"), |b| {
            b.iter(|| {
                for request in &requests {
                    black_box(linter.lint_in(black_box(request), &mut lint_scratch));
                }
            });
        });
        // As `ahrefs-filter v3 -` runs: the lint's buffers kept from one request to the next.
        let mut scratch = Scratch::default();
        group.bench_function(name, |b| {
            b.iter(|| {
                for request in &requests {
                    black_box(translator.translate_request_in(black_box(request), &mut scratch));
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, translate);
criterion_main!(benches);
