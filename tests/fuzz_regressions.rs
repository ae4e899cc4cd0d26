//! Inputs the fuzz targets found, and their seed corpora, replayed through the very
//! properties the targets assert (`fuzz/src/properties.rs`, included below), so that
//! `cargo test` catches a regression without nightly or cargo-fuzz.
//!
//! To add a crash: copy the artifact's bytes (`fuzz/artifacts/<target>/crash-…`) into the
//! table of its target below with a line saying what it broke.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../fuzz/src/properties.rs"]
#[allow(dead_code)]
mod properties;

use std::path::Path;

/// Every file of `fuzz/seeds/<target>`.
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    files
}

/// Every crash input and seed of `target` through its property, rendering every report (as
/// the `render` target does) on top of what the target itself asserts.
fn replay(target: &str, inputs: &[&[u8]], property: fn(&[u8], &mut properties::Render)) {
    for input in inputs {
        property(input, &mut properties::Render::default());
    }
    for (name, bytes) in seeds(target) {
        eprintln!("{name}");
        property(&bytes, &mut properties::Render::default());
    }
}

/// Crash inputs of the `parse` target.
const PARSE: &[&[u8]] = &[
    // A NUL after a column: the error message quotes the NUL, and miette 7.6's JSON handler
    // wrote it raw, producing invalid JSON (miette's bug; the crate's JSON is serde's, which
    // escapes it; the target no longer requires miette's JSON to be valid).
    b"fc\0",
    // Invalid UTF-8 is skipped, valid UTF-8 around it is not.
    b"\xff\xfe",
    b"a=\"\xc3\xa9\"",
];

/// Crash inputs of the `check` target (`where` 0xFF `having`).
const CHECK: &[&[u8]] = &[
    // `ty=====…=pe="lost"`: the fix for `==` replaced two `=` with one, leaving `==` again,
    // so eight rounds of fixes left a fixable error. The parser now reports (and fixes) a run
    // of `=` as one misspelling.
    b"ty==========================================================pe=\"lost\"",
    // A separator after the last condition (`&`, `;`, `AND`, `OR` with only whitespace
    // after it) was reported twice: as itself and as a "trailing comma" at the separator's
    // first byte, whose fix removed that one byte (a tab, or the `O` of `OR`), so each round
    // of fixes removed one byte of whitespace and a long run outlasted the rounds. A trailing
    // separator is now one diagnostic whose fix removes it with its whitespace.
    b"a=1a=T\t\t\t\t\t\t\t&\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t \xff\x07AND\xd7b=2",
    b"refdonspanlow>t\t\t\t\0\0\0\t\t\t\t\t\t\t&nspanlow>t\t\t\t\t\t\t\t\t\t&",
    b"aa=4=11oAAAAAAAAAAAAAAAAAAAAAAAAAAAAv2a=b=\trefdomain\t\t\t\t\t\t\t\t\t\t\t\t\t&",
    // Conditions joined by `or`, each with mistakes that a fix reveals one at a time: recovery
    // skipped to the next comma (there was none), so each round of fixes reached one more
    // condition and eight rounds fell short. Recovery now resumes at a separator written
    // otherwise (`;`, `&`, ` AND `, ` OR `) too, so every condition is fixed in the same rounds.
    b"a= b2==a=*\nor b2===+5==1* or b3===+5==1 or b2==a=*\nor b2===+5==1 or b2===+5",
    b"domain_rating>30\xffahrefs_rank>1",
    b"anchor=seo\xff",
];

/// Crash inputs of the `url` target.
const URL: &[&[u8]] = &[
    // ` token=…` after a `?` that follows a `=`: the whole input is the query and the
    // token is part of another parameter's value, so it is (rightly) not redacted; the
    // property's own reading of the query was wrong and now follows spec §5.
    b"h\r\re0domai0ttrs://apiv2.ahrefs\"2023/01/05==\".com(? token=s4c123def056bemoo&cm=domian&where=domain_rating%4E30&limit=10",
    b"token=abc123def456&from=backlinks",
];

/// The `ty=====…` crash, spelled out: one diagnostic for the whole run of `=`, whose fix
/// leaves a valid filter.
#[test]
fn a_run_of_equals_signs_is_one_misspelling() {
    let errors = ahrefs_filter::parse("type=====\"lost\"")
        .unwrap_err()
        .diagnostics;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "`=====` is not a v2 operator");
    assert_eq!(errors[0].span.map(|s| s.range()), Some(4..9));
    let checker = ahrefs_filter::check::Checker::new(ahrefs_filter::schema::Schema::builtin());
    let request = ahrefs_filter::check::Request::new("backlinks").with_where("type=====\"lost\"");
    let fixed = checker.fix(&request);
    assert_eq!(fixed.where_filter.as_deref(), Some("type=\"lost\""));
}

#[test]
fn parse_regressions_and_seeds() {
    replay("parse", PARSE, properties::parse_bytes);
}

#[test]
fn check_regressions_and_seeds() {
    replay("check", CHECK, properties::check_bytes);
}

#[test]
fn url_regressions_and_seeds() {
    replay("url", URL, properties::url_bytes);
}
