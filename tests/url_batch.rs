//! The batch path of the request lint: `RequestLinter::lint_in` with one `Scratch` reused
//! over many requests gives the reports `lint` gives, and the filters of a request are
//! checked and printed exactly as `Checker::check` does (the request lint does that work
//! itself, to reuse its buffers).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::request::{RequestLinter, Scratch};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::{Code, Diagnostic};

/// Percent-encodes every byte but ASCII letters, digits and `_-.`, as clients do.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"_-.".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Filters that parse, that do not, that print differently from how they are written, and
/// that break type rules, for any table.
const ODD_FILTERS: &[&str] = &[
    "",
    " ",
    "a!=1,b='x',c=1",
    "domain_rating>30",
    r#"type:"lost""#,
    "anchor=seo",
    r#"ahrefs_rank > 007 , type:"lost""#,
    r#"anchor="a\"b\\c",anchor="nul\0""#,
    r#"substring(anchor,"a,b")"#,
    "((",
    r#"anchor="unterminated"#,
    "backlinks>\"10\"",
    "first_seen>=\"2020-02-30\"",
    "ahrefs_rank>1,ahrefs_rank<1",
    "ahrefs_rank>99999999999999999999999",
    ",",
    "é=1",
];

fn tables() -> Vec<&'static str> {
    let mut tables: Vec<&str> = corpus::CORPUS.iter().map(|c| c.table).collect();
    tables.extend([
        "backlinks_one_per_domain",
        "backlink",
        "",
        "subscription_info",
    ]);
    tables.sort_unstable();
    tables.dedup();
    tables
}

fn filter_diagnostics(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics.iter().filter(|d| d.clause.is_some()).collect()
}

#[test]
fn filters_are_checked_and_printed_as_checker_check_does() {
    let schema = Schema::builtin();
    let checker = Checker::new(schema);
    let linter = RequestLinter::new(Checker::new(schema));
    let mut scratch = Scratch::default();
    let filters: Vec<&str> = corpus::CORPUS
        .iter()
        .map(|c| c.filter)
        .chain(ODD_FILTERS.iter().copied())
        .collect();
    let mut linted = 0;
    for table in tables() {
        for (i, &where_filter) in filters.iter().enumerate() {
            // Each filter once alone in `where`, once in `having`, and once with the next
            // one in `having`, so diagnostics of both clauses come in order.
            let next = filters[(i + 1) % filters.len()];
            for (where_filter, having_filter) in [
                (Some(where_filter), None),
                (None, Some(where_filter)),
                (Some(where_filter), Some(next)),
            ] {
                let mut url = format!(
                    "https://apiv2.ahrefs.com/?token=abc&from={table}&target=a.com&mode=domain"
                );
                if let Some(text) = where_filter {
                    url.push_str(&format!("&where={}", encode(text)));
                }
                if let Some(text) = having_filter {
                    url.push_str(&format!("&having={}", encode(text)));
                }
                let report = linter.lint_in(&url, &mut scratch);
                assert_eq!(report, linter.lint(&url), "{url}");

                let mut request = Request::new(table);
                request.where_filter = where_filter;
                request.having_filter = having_filter;
                let checked = checker.check(&request);
                assert_eq!(
                    filter_diagnostics(&report.diagnostics),
                    filter_diagnostics(&checked.diagnostics),
                    "{url}"
                );
                assert_eq!(report.canonical_where, checked.canonical_where, "{url}");
                assert_eq!(report.canonical_having, checked.canonical_having, "{url}");
                let unknown = |diagnostics: &[Diagnostic]| {
                    diagnostics
                        .iter()
                        .filter(|d| d.code == Code::UnknownTable)
                        .map(|d| (d.message.to_string(), d.help.clone()))
                        .collect::<Vec<_>>()
                };
                if !table.is_empty() {
                    assert_eq!(
                        unknown(&report.diagnostics),
                        unknown(&checked.diagnostics),
                        "{url}"
                    );
                }
                linted += 1;
            }
        }
    }
    assert!(linted > 2000, "{linted}");
}

#[test]
fn one_scratch_serves_requests_of_every_shape() {
    let linter = RequestLinter::new(Checker::new(Schema::builtin()));
    let many = format!(
        "from=backlinks&target=a&mode=domain&where=ahrefs_rank%3E1{}&token=zzz",
        "&x".repeat(300)
    );
    let inputs = [
        "https://apiv2.ahrefs.com/?token=s3cret&from=backlinks&target=a.com&mode=domain&where=ahrefs_rank%3E10",
        "from=refdomains&target=ahrefs.com&mode=domain",
        "",
        "   ",
        many.as_str(),
        "?token=a&token=b&from=pages&where=url%3D%22x%22&where=url%3D%22y%22",
        "a=x?token=s3cret&from=backlinks",
        "x&a?token=s3cret=more&from=backlinks",
        "?tok%65n=s3cret&from=backlinks&target=a&mode=exact",
        "?token=%zz&from=backlinks&where=%FF%FE",
        "?Token=s3cret&access_token=s3cret&tokn=s3cret&from=anchors&having=refdomains%3E1",
        "from=backlinks&target=a&mode=domain&where=anchor%3D%22x%22&having=ahrefs_rank%3E1",
        "https://apiv2.ahrefs.com/?token=0123456789abcdef0123456789abcdef&from=nosuch&target=a&mode=domain&where=x%3D1",
    ];
    let mut scratch = Scratch::default();
    // Twice over, so every shape also follows every other.
    for input in inputs.iter().chain(inputs.iter()) {
        let report = linter.lint_in(input, &mut scratch);
        assert_eq!(report, linter.lint(input), "{input}");
        assert!(!report.url.contains("s3cret"), "{}", report.url);
    }
}
