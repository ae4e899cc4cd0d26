//! The checker checks what parsed (issue 14): a syntax error in one condition no longer
//! switches off the checks of the others, and the fix of a bare word follows the column's
//! type (issue 15). Spans and expected values are worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::{Checker, Code, Request, Schema};

fn report(table: &str, where_filter: &str) -> Vec<(Code, (u32, u32))> {
    let checker = Checker::new(Schema::builtin());
    let report = checker.check(&Request::new(table).with_where(where_filter));
    report
        .diagnostics
        .iter()
        .map(|d| {
            let span = d.span.unwrap();
            (d.code, (span.start, span.end))
        })
        .collect()
}

fn fixed(table: &str, where_filter: &str) -> (Option<String>, Option<String>) {
    let fixed = Checker::new(Schema::builtin()).fix(&Request::new(table).with_where(where_filter));
    (fixed.where_filter, fixed.having_filter)
}

#[test]
fn the_conditions_around_a_syntax_error_are_checked() {
    // `ahref_rank` 0..10, `abc` 11..14, `!=` 23..25, `xyz` 30..33.
    assert_eq!(
        report("backlinks", "ahref_rank=abc,nofollow!=true,xyz>1"),
        [
            (Code::UnknownColumn, (0, 10)),
            (Code::UnquotedString, (11, 14)),
            (Code::Syntax, (23, 25)),
            (Code::UnknownColumn, (30, 33)),
        ]
    );
}

#[test]
fn a_bare_word_is_judged_by_the_column_type() {
    let checker = Checker::new(Schema::builtin());
    let one = |text: &str| {
        let report = checker.check(&Request::new("backlinks").with_where(text));
        assert_eq!(
            report.diagnostics.len(),
            1,
            "{text}: {:?}",
            report.diagnostics
        );
        report.diagnostics[0].clone()
    };
    let d = one("nofollow=True");
    assert_eq!(d.code, Code::UnquotedString);
    assert_eq!(
        fixed("backlinks", "nofollow=True").0.as_deref(),
        Some("nofollow=true")
    );
    let d = one("nofollow=yes");
    assert_eq!(d.code, Code::TypeMismatch);
    assert!(d.fix.is_none());
    let d = one("ahrefs_rank=abc");
    assert_eq!(d.code, Code::TypeMismatch);
    assert_eq!(
        d.message,
        "`ahrefs_rank` is an int column but `abc` is an unquoted word"
    );
    assert!(d.fix.is_none());
    assert_eq!(one("anchor=seo").code, Code::UnquotedString);
    assert_eq!(
        fixed("backlinks", "anchor=seo").0.as_deref(),
        Some("anchor=\"seo\"")
    );
    assert_eq!(
        fixed("backlinks", "first_seen=2020-01-01").0.as_deref(),
        Some("first_seen=\"2020-01-01\"")
    );
}

#[test]
fn no_fix_deletes_text_that_did_not_parse() {
    let checker = Checker::new(Schema::builtin());
    let request =
        Request::new("backlinks_one_per_domain").with_where("ahrefs_rank!=1,domain_rating>30");
    let report = checker.check(&request);
    let moved = report
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ClauseNotAllowed)
        .expect("domain_rating is checked although `!=` does not parse");
    // Removing `domain_rating>30` with the comma before it is fine, but here the only
    // parsed neighbour is past the broken text: the move waits for the syntax fix.
    assert!(
        moved.fix.is_none() || {
            let fixed = checker.fix(&request);
            fixed.where_filter.as_deref() == Some("ahrefs_rank<>1")
        }
    );
    // The fixes, pass by pass: `!=` first, then the move.
    assert_eq!(
        fixed(
            "backlinks_one_per_domain",
            "ahrefs_rank!=1,domain_rating>30"
        ),
        (
            Some("ahrefs_rank<>1".into()),
            Some("domain_rating>30".into())
        )
    );
    // No whitespace is reported where broken text stands between two conditions.
    let codes: Vec<Code> = report_codes("backlinks", "ahrefs_rank>1,b!=2,nofollow=true");
    assert!(!codes.contains(&Code::Whitespace), "{codes:?}");
}

fn report_codes(table: &str, text: &str) -> Vec<Code> {
    report(table, text)
        .into_iter()
        .map(|(code, _)| code)
        .collect()
}
