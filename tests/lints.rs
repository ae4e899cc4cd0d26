//! Issue 7, semantic lints: for each lint, cases that must fire and near misses that must
//! not, through the public API; then property tests of the set arithmetic against brute
//! force. Expected spans are counted by hand, expected verdicts worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ops::Range;

use ahrefs_filter::check::{Checker, Date, Request};
use ahrefs_filter::schema::{ColumnDef, ColumnType, Cost, Schema, TableDef};
use ahrefs_filter::{parse, Clause, Code, Diagnostic, Edit};
use proptest::prelude::*;

const LINTS: [Code; 6] = [
    Code::Unsatisfiable,
    Code::Redundant,
    Code::Duplicate,
    Code::ImpossibleValue,
    Code::AlwaysTrue,
    Code::FutureDate,
];

fn checker() -> Checker {
    Checker::new(Schema::builtin()).today(Date::parse("2026-11-29").unwrap())
}

/// Every diagnostic of `filter` in `clause` of `table`.
fn diagnostics(checker: &Checker, table: &str, clause: Clause, filter: &str) -> Vec<Diagnostic> {
    let table = Schema::builtin().table(table).unwrap();
    checker.check_filter(table, clause, &parse(filter).unwrap())
}

/// One case: a filter and every diagnostic it must produce (code and span), in order.
struct Case {
    table: &'static str,
    clause: Clause,
    filter: &'static str,
    expected: &'static [(Code, Range<usize>)],
}

const fn w(
    table: &'static str,
    filter: &'static str,
    expected: &'static [(Code, Range<usize>)],
) -> Case {
    Case {
        table,
        clause: Clause::Where,
        filter,
        expected,
    }
}

const fn h(
    table: &'static str,
    filter: &'static str,
    expected: &'static [(Code, Range<usize>)],
) -> Case {
    Case {
        table,
        clause: Clause::Having,
        filter,
        expected,
    }
}

fn run(cases: &[Case]) {
    let checker = checker();
    for case in cases {
        let found = diagnostics(&checker, case.table, case.clause, case.filter);
        let got: Vec<(Code, Range<usize>)> = found
            .iter()
            .map(|d| (d.code, d.span.unwrap().range()))
            .collect();
        assert_eq!(
            got, case.expected,
            "{} in {}: {found:#?}",
            case.filter, case.table
        );
        for d in &found {
            assert_eq!(d.clause, Some(case.clause));
            if LINTS.contains(&d.code) {
                assert!(!d.is_error(), "{:?} must be a warning", d.code);
                assert!(d.help.is_some(), "{:?} without help", d.code);
                assert!(!d.message.contains('\n'));
            }
        }
    }
}

/// The only diagnostic with `code` for `filter`.
fn one(table: &str, clause: Clause, filter: &str, code: Code) -> Diagnostic {
    let found: Vec<Diagnostic> = diagnostics(&checker(), table, clause, filter)
        .into_iter()
        .filter(|d| d.code == code)
        .collect();
    assert_eq!(found.len(), 1, "{filter}: {found:#?}");
    found.into_iter().next().unwrap()
}

fn related(d: &Diagnostic) -> Vec<Range<usize>> {
    d.related.iter().map(|r| r.span.range()).collect()
}

/// The filter after `--fix`.
fn fixed(table: &str, filter: &str) -> Option<String> {
    checker()
        .fix(&Request::new(table).with_where(filter))
        .where_filter
}

use Code::{AlwaysTrue, Duplicate, FutureDate, ImpossibleValue, Redundant, Unsatisfiable};

#[test]
fn unsatisfiable_fires() {
    run(&[
        w(
            "backlinks",
            "ahrefs_rank>50,ahrefs_rank<10",
            &[(Unsatisfiable, 15..29)],
        ),
        w(
            "backlinks",
            "ahrefs_rank>10,ahrefs_rank<11",
            &[(Unsatisfiable, 15..29)],
        ),
        w(
            "backlinks",
            "ahrefs_rank=5,ahrefs_rank<>5",
            &[(Unsatisfiable, 14..28)],
        ),
        w(
            "backlinks",
            "nofollow=true,nofollow=false",
            &[(Unsatisfiable, 14..28)],
        ),
        w(
            "backlinks",
            "nofollow<>true,nofollow<>false",
            &[(Unsatisfiable, 15..30)],
        ),
        w(
            "backlinks",
            r#"link_type="href",link_type="rss""#,
            &[(Unsatisfiable, 17..32)],
        ),
        w(
            "backlinks_new_lost",
            r#"type="lost",type<>"lost""#,
            &[(Unsatisfiable, 12..24)],
        ),
        // Dates whose ranges cross, and a range with no whole day inside.
        w(
            "backlinks",
            r#"first_seen>"2020-06-01",first_seen<"2020-01-01""#,
            &[(Unsatisfiable, 24..47)],
        ),
        w(
            "backlinks",
            r#"first_seen>"2020-01-01",first_seen<"2020-01-02""#,
            &[(Unsatisfiable, 24..47)],
        ),
        // Two points removed from a two-point range.
        w(
            "backlinks",
            "ahrefs_rank>=1,ahrefs_rank<=2,ahrefs_rank<>1,ahrefs_rank<>2",
            &[(Unsatisfiable, 45..59)],
        ),
        // Another column in between; a quoted number counts as the number.
        w(
            "backlinks",
            "ahrefs_rank>50,nofollow=true,ahrefs_rank<10",
            &[(Unsatisfiable, 29..43)],
        ),
        w(
            "backlinks",
            r#"ahrefs_rank>"50",ahrefs_rank<10"#,
            &[(Code::QuotedNumber, 12..16), (Unsatisfiable, 17..31)],
        ),
        // Reported once per column, and no redundancy on a column that is already empty.
        w(
            "backlinks",
            "ahrefs_rank>50,ahrefs_rank>60,ahrefs_rank<10,ahrefs_rank<5",
            &[(Unsatisfiable, 30..44)],
        ),
        h(
            "backlinks_one_per_domain",
            "domain_rating>=60,domain_rating<=40",
            &[(Unsatisfiable, 18..35)],
        ),
    ]);
}

#[test]
fn unsatisfiable_points_at_every_condition_involved() {
    let d = one(
        "backlinks",
        Clause::Where,
        "ahrefs_rank>50,ahrefs_rank<10",
        Unsatisfiable,
    );
    assert_eq!(related(&d), vec![0..14]);
    assert_eq!(
        d.message,
        "no value of `ahrefs_rank` satisfies both `ahrefs_rank>50` and `ahrefs_rank<10`"
    );
    assert!(d.fix.is_none());

    // Either earlier lower bound contradicts `<10` alone: the first is named.
    let d = one(
        "backlinks",
        Clause::Where,
        "ahrefs_rank>50,ahrefs_rank>60,ahrefs_rank<10",
        Unsatisfiable,
    );
    assert_eq!(related(&d), vec![0..14]);

    let d = one(
        "backlinks",
        Clause::Where,
        "ahrefs_rank>=1,ahrefs_rank<=2,ahrefs_rank<>1,ahrefs_rank<>2",
        Unsatisfiable,
    );
    assert_eq!(related(&d), vec![0..14, 15..29, 30..44]);
    assert!(d.message.ends_with("together"), "{}", d.message);

    let d = one(
        "backlinks",
        Clause::Where,
        r#"link_type="href",link_type="rss""#,
        Unsatisfiable,
    );
    assert_eq!(related(&d), vec![0..16]);
    assert!(
        d.message.contains(r#"`link_type="href"`"#) && d.message.contains(r#"`link_type="rss"`"#)
    );
    assert!(d.help.as_deref().unwrap().contains("one request per value"));
}

#[test]
fn unsatisfiable_near_misses() {
    run(&[
        // One value left: 10, or 11.
        w("backlinks", "ahrefs_rank>=10,ahrefs_rank<=10", &[]),
        w("backlinks", "ahrefs_rank>10,ahrefs_rank<12", &[]),
        // 3 is left.
        w(
            "backlinks",
            "ahrefs_rank>=1,ahrefs_rank<=3,ahrefs_rank<>1,ahrefs_rank<>2",
            &[],
        ),
        w(
            "backlinks",
            r#"first_seen>="2020-01-01",first_seen<="2020-01-01""#,
            &[],
        ),
        w(
            "backlinks",
            r#"first_seen>"2020-01-01",first_seen<"2020-01-03""#,
            &[],
        ),
        w("backlinks", "nofollow=true,original=false", &[]),
        w("backlinks", r#"url_from="a",url_to="b""#, &[]),
        // Functions and string ordering are not reasoned about as sets.
        w("backlinks", r#"substring(anchor,"a"),anchor="b""#, &[]),
        // Conditions the type rules reject take no part.
        w(
            "backlinks",
            "foo>5,foo<3",
            &[(Code::UnknownColumn, 0..3), (Code::UnknownColumn, 6..9)],
        ),
        w(
            "backlinks",
            r#"ahrefs_rank="abc",ahrefs_rank<10"#,
            &[(Code::TypeMismatch, 12..17)],
        ),
        w(
            "backlinks",
            "domain_rating>50,domain_rating<10",
            &[
                (Code::ClauseNotAllowed, 0..13),
                (Code::ClauseNotAllowed, 17..30),
            ],
        ),
    ]);
}

#[test]
fn redundant_fires() {
    run(&[
        w(
            "backlinks",
            "ahrefs_rank>10,ahrefs_rank>5",
            &[(Redundant, 15..28)],
        ),
        // The implied condition may come first.
        w(
            "backlinks",
            "ahrefs_rank>5,ahrefs_rank>10",
            &[(Redundant, 0..13)],
        ),
        // Of two equivalent conditions, the later is reported.
        w(
            "backlinks",
            "ahrefs_rank>10,ahrefs_rank>=11",
            &[(Redundant, 15..30)],
        ),
        w(
            "backlinks",
            "ahrefs_rank>10,ahrefs_rank>=10",
            &[(Redundant, 15..30)],
        ),
        w(
            "backlinks",
            "ahrefs_rank=5,ahrefs_rank>=5",
            &[(Redundant, 14..28)],
        ),
        w(
            "backlinks",
            "ahrefs_rank>=1,ahrefs_rank<=3,ahrefs_rank<>5",
            &[(Redundant, 30..44)],
        ),
        w(
            "backlinks",
            "ahrefs_rank>=1,ahrefs_rank<=2,ahrefs_rank<>1,ahrefs_rank=2",
            &[(Redundant, 45..58)],
        ),
        w(
            "backlinks",
            r#"first_seen>"2020-01-01",first_seen>="2019-01-01""#,
            &[(Redundant, 24..48)],
        ),
        w(
            "backlinks_new_lost",
            r#"type="lost",type<>"new""#,
            &[(Redundant, 12..23)],
        ),
        w(
            "backlinks",
            r#"link_type="href",link_type<>"rss""#,
            &[(Redundant, 17..33)],
        ),
        w(
            "backlinks",
            "nofollow<>true,nofollow=false",
            &[(Redundant, 15..29)],
        ),
        h(
            "anchors",
            "backlinks>100,backlinks>=50",
            &[(Redundant, 14..27)],
        ),
    ]);
}

#[test]
fn redundant_names_what_implies_it_and_drops_it() {
    let d = one(
        "backlinks",
        Clause::Where,
        "ahrefs_rank>10,ahrefs_rank>5",
        Redundant,
    );
    assert_eq!(related(&d), vec![0..14]);
    assert_eq!(
        d.message,
        "`ahrefs_rank>5` adds nothing: `ahrefs_rank>10` already implies it"
    );
    let fix = d.fix.unwrap();
    assert_eq!(
        fix.edits,
        vec![Edit::Replace {
            span: (14..28).into(),
            text: "".into()
        }]
    );
    // `<>5` follows from `<=3` alone.
    let d = one(
        "backlinks",
        Clause::Where,
        "ahrefs_rank>=1,ahrefs_rank<=3,ahrefs_rank<>5",
        Redundant,
    );
    assert_eq!(related(&d), vec![15..29]);
    // `=2` follows only from all three others together.
    let d = one(
        "backlinks",
        Clause::Where,
        "ahrefs_rank>=1,ahrefs_rank<=2,ahrefs_rank<>1,ahrefs_rank=2",
        Redundant,
    );
    assert_eq!(related(&d), vec![0..14, 15..29, 30..44]);
    assert!(d.message.contains("already imply it"), "{}", d.message);

    assert_eq!(
        fixed("backlinks", "ahrefs_rank>10,ahrefs_rank>5").as_deref(),
        Some("ahrefs_rank>10")
    );
    assert_eq!(
        fixed("backlinks", "ahrefs_rank>5,ahrefs_rank>10").as_deref(),
        Some("ahrefs_rank>10")
    );
    assert_eq!(
        fixed("backlinks", "ahrefs_rank>=1,ahrefs_rank<=3,ahrefs_rank<>5").as_deref(),
        Some("ahrefs_rank>=1,ahrefs_rank<=3")
    );
}

#[test]
fn redundant_near_misses() {
    run(&[
        w("backlinks", "ahrefs_rank>10,ahrefs_rank<20", &[]),
        w("backlinks", "ahrefs_rank>10,ahrefs_rank<>11", &[]),
        w("backlinks", r#"link_type<>"href",link_type<>"rss""#, &[]),
        // Always true, and said so once, not also as redundant.
        w(
            "backlinks",
            "ahrefs_rank>=0,ahrefs_rank>5",
            &[(AlwaysTrue, 0..14)],
        ),
        // The same condition twice is a duplicate, not a redundancy.
        w(
            "backlinks",
            "ahrefs_rank>10,ahrefs_rank>10",
            &[(Duplicate, 15..29)],
        ),
    ]);
}

#[test]
fn duplicate_fires() {
    run(&[
        w(
            "backlinks",
            "ahrefs_rank>10,ahrefs_rank>10",
            &[(Duplicate, 15..29)],
        ),
        // One diagnostic for a condition and all its repeats.
        w(
            "backlinks",
            "ahrefs_rank>10,ahrefs_rank>10,ahrefs_rank>10",
            &[(Duplicate, 15..29)],
        ),
        // A repeat gets only `duplicate`; the first occurrence gets the other lints.
        w(
            "backlinks",
            "ahrefs_rank>=0,ahrefs_rank>=0",
            &[(AlwaysTrue, 0..14), (Duplicate, 15..29)],
        ),
        w(
            "refdomains_new_lost",
            r#"type:"lost",type="lost""#,
            &[(Code::ColonEquality, 4..5), (Duplicate, 12..23)],
        ),
        w(
            "backlinks",
            r#"substring(anchor,"seo"),substring(anchor,"seo")"#,
            &[(Duplicate, 24..47)],
        ),
        w(
            "anchors",
            r#"backlinks>"10",backlinks>10"#,
            &[(Code::QuotedNumber, 10..14), (Duplicate, 15..27)],
        ),
        w(
            "backlinks",
            "nofollow=true, nofollow=true",
            &[(Code::Whitespace, 13..15), (Duplicate, 15..28)],
        ),
    ]);
}

#[test]
fn duplicate_points_at_the_first_and_drops_the_repeat() {
    let d = one(
        "backlinks",
        Clause::Where,
        "ahrefs_rank>10,ahrefs_rank>10",
        Duplicate,
    );
    assert_eq!(related(&d), vec![0..14]);
    assert_eq!(d.message, "`ahrefs_rank>10` appears twice");
    let d = one(
        "anchors",
        Clause::Where,
        r#"backlinks>"10",backlinks>10"#,
        Duplicate,
    );
    assert_eq!(d.message, r#"`backlinks>10` repeats `backlinks>"10"`"#);
    let d = one(
        "backlinks",
        Clause::Where,
        "ahrefs_rank>10,ahrefs_rank>10,ahrefs_rank>10",
        Duplicate,
    );
    assert_eq!(related(&d), vec![0..14, 30..44]);
    assert_eq!(d.message, "`ahrefs_rank>10` appears 3 times");
    // One fix drops both repeats.
    let edits: Vec<Range<usize>> = d
        .fix
        .unwrap()
        .edits
        .iter()
        .map(|e| match e {
            Edit::Replace { span, .. } => span.range(),
            other => panic!("a drop fix only replaces: {other:?}"),
        })
        .collect();
    assert_eq!(edits, vec![14..44]);
    assert_eq!(
        fixed(
            "backlinks",
            "ahrefs_rank>10,ahrefs_rank>10,nofollow=true,ahrefs_rank>10"
        )
        .as_deref(),
        Some("ahrefs_rank>10,nofollow=true")
    );
    assert_eq!(fixed("backlinks", "ahrefs_rank>=0,ahrefs_rank>=0"), None);
}

#[test]
fn duplicate_near_misses() {
    run(&[
        w(
            "backlinks",
            r#"substring(anchor,"seo"),word(anchor,"seo")"#,
            &[],
        ),
        w(
            "backlinks",
            r#"substring(anchor,"seo"),substring(title,"seo")"#,
            &[],
        ),
        w(
            "backlinks",
            r#"substring(anchor,"seo"),substring(anchor,"SEO")"#,
            &[],
        ),
        w("backlinks", r#"url_from="a",url_to="a""#, &[]),
    ]);
}

#[test]
fn impossible_value_fires() {
    run(&[
        h(
            "backlinks_one_per_domain",
            "domain_rating>100",
            &[(ImpossibleValue, 14..17)],
        ),
        w("backlinks", "http_code=700", &[(ImpossibleValue, 10..13)]),
        w("backlinks", "http_code=50", &[(ImpossibleValue, 10..12)]),
        w(
            "backlinks",
            r#"link_type="foo""#,
            &[(ImpossibleValue, 10..15)],
        ),
        w(
            "backlinks",
            r#"language="english""#,
            &[(ImpossibleValue, 9..18)],
        ),
        w("backlinks", r#"language="EN""#, &[(ImpossibleValue, 9..13)]),
        w("backlinks", "redirect=200", &[(ImpossibleValue, 9..12)]),
        w("backlinks", "page_size<0", &[(ImpossibleValue, 10..11)]),
        w("pages", "size<=-1", &[(ImpossibleValue, 6..8)]),
        w(
            "backlinks",
            "ahrefs_rank>9223372036854775807",
            &[(ImpossibleValue, 12..31)],
        ),
        w(
            "backlinks_new_lost",
            r#"origin="new""#,
            &[(ImpossibleValue, 7..12)],
        ),
        w(
            "refdomains_new_lost",
            r#"type="gained""#,
            &[(ImpossibleValue, 5..13)],
        ),
        h("backlinks", "ahrefs_top<0", &[(ImpossibleValue, 11..12)]),
        // Domains belong to a table and a column: `redirect` is a count here.
        h(
            "linked_domains_by_type",
            "redirect<0",
            &[(ImpossibleValue, 9..10)],
        ),
        // Each possible alone, impossible together: no documented value in between.
        w(
            "backlinks",
            "redirect>0,redirect<300",
            &[(ImpossibleValue, 11..23)],
        ),
        w(
            "backlinks",
            "http_code>0,http_code<100",
            &[(ImpossibleValue, 12..25)],
        ),
    ]);
}

#[test]
fn impossible_value_says_why_and_respells() {
    let d = one("backlinks", Clause::Where, "http_code=700", ImpossibleValue);
    assert_eq!(
        d.message,
        "`http_code=700` matches no row: `http_code` is always 0 or an HTTP status code from 100 to 599"
    );
    assert!(d.help.as_deref().unwrap().contains("RFC 9110"));
    assert!(d.fix.is_none());

    let d = one(
        "backlinks",
        Clause::Where,
        r#"language="english""#,
        ImpossibleValue,
    );
    assert!(d.message.contains("ISO 639-1"), "{}", d.message);
    assert!(d.fix.is_none());

    let d = one(
        "backlinks",
        Clause::Where,
        r#"language="EN""#,
        ImpossibleValue,
    );
    assert!(d
        .help
        .as_deref()
        .unwrap()
        .starts_with(r#"did you mean "en"?"#));
    assert_eq!(
        fixed("backlinks", r#"language="EN""#).as_deref(),
        Some(r#"language="en""#)
    );

    let d = one(
        "backlinks",
        Clause::Where,
        "redirect>0,redirect<300",
        ImpossibleValue,
    );
    assert_eq!(related(&d), vec![0..10]);
    assert!(d.message.contains("0 or a 3XX code"), "{}", d.message);
}

#[test]
fn impossible_value_near_misses() {
    run(&[
        h("backlinks_one_per_domain", "domain_rating=100", &[]),
        h("backlinks_one_per_domain", "domain_rating>99", &[]),
        w("backlinks", "http_code=0", &[]),
        w("backlinks", "http_code=100", &[]),
        w("backlinks", "http_code=599", &[]),
        w("backlinks", "redirect=0", &[]),
        w("backlinks", "redirect=301", &[]),
        w("backlinks", "redirect>0,redirect<=300", &[]),
        w("backlinks", "page_size=0", &[]),
        w("backlinks", r#"language="en""#, &[]),
        w("backlinks", r#"language="""#, &[]),
        w("backlinks", r#"link_type="rss""#, &[]),
        w("backlinks_new_lost", r#"origin="recrawl""#, &[]),
        w("refdomains_new_lost", r#"type="new""#, &[]),
        // No documented closed set of values.
        w("backlinks", r#"encoding="whatever""#, &[]),
        w("broken_backlinks", r#"error="timeout""#, &[]),
        // A count in linked_domains_by_type, a boolean in refdomains_by_type.
        h("linked_domains_by_type", "redirect=200", &[]),
        w("refdomains_by_type", "redirect=true", &[]),
    ]);
}

#[test]
fn always_true_fires() {
    run(&[
        w("backlinks", "ahrefs_rank>=0", &[(AlwaysTrue, 0..14)]),
        w("backlinks", "ahrefs_rank<>101", &[(AlwaysTrue, 0..16)]),
        w("backlinks", "page_size>-1", &[(AlwaysTrue, 0..12)]),
        h(
            "backlinks_one_per_domain",
            "domain_rating<=100",
            &[(AlwaysTrue, 0..18)],
        ),
        w("backlinks", r#"link_type<>"foo""#, &[(AlwaysTrue, 0..16)]),
        w("backlinks", "http_code<>700", &[(AlwaysTrue, 0..14)]),
        w("backlinks", "redirect<400", &[(AlwaysTrue, 0..12)]),
        w("backlinks", r#"language<>"EN""#, &[(AlwaysTrue, 0..14)]),
        w(
            "backlinks",
            "ahrefs_rank>=0,nofollow=true",
            &[(AlwaysTrue, 0..14)],
        ),
    ]);
}

#[test]
fn always_true_is_dropped_by_its_fix() {
    let d = one("backlinks", Clause::Where, "ahrefs_rank>=0", AlwaysTrue);
    assert_eq!(
        d.message,
        "`ahrefs_rank>=0` holds for every row: `ahrefs_rank` is always between 0 and 100"
    );
    assert_eq!(fixed("backlinks", "ahrefs_rank>=0"), None);
    assert_eq!(
        fixed("backlinks", "ahrefs_rank>=0,nofollow=true").as_deref(),
        Some("nofollow=true")
    );
    // A value in the wrong case is respelled, not dropped.
    assert_eq!(
        fixed("backlinks", r#"language<>"EN""#).as_deref(),
        Some(r#"language<>"en""#)
    );
}

#[test]
fn always_true_near_misses() {
    run(&[
        w("backlinks", "ahrefs_rank>=1", &[]),
        w("backlinks", "ahrefs_rank>0", &[]),
        w("backlinks", "page_size>=1", &[]),
        h("backlinks_one_per_domain", "domain_rating<100", &[]),
        w("backlinks", r#"link_type<>"href""#, &[]),
        w("backlinks", r#"language<>"""#, &[]),
        w("backlinks", "redirect<399", &[]),
        w("backlinks", "http_code<>0", &[]),
    ]);
}

#[test]
fn future_date_fires() {
    // Today is 2026-11-29.
    run(&[
        w(
            "backlinks",
            r#"first_seen>"2030-01-01""#,
            &[(FutureDate, 11..23)],
        ),
        w(
            "backlinks",
            r#"first_seen="2026-11-30""#,
            &[(FutureDate, 11..23)],
        ),
        w(
            "backlinks",
            r#"first_seen>"2026-11-29""#,
            &[(FutureDate, 11..23)],
        ),
        w(
            "backlinks",
            r#"first_seen>="2026-11-30""#,
            &[(FutureDate, 12..24)],
        ),
        w(
            "backlinks_new_lost",
            r#"date="2027-01-01""#,
            &[(FutureDate, 5..17)],
        ),
    ]);
    let d = one(
        "backlinks",
        Clause::Where,
        r#"first_seen>"2030-01-01""#,
        FutureDate,
    );
    assert_eq!(
        d.message,
        r#"`first_seen>"2030-01-01"` matches no row: it asks for `first_seen` dates after today, 2026-11-29"#
    );
}

#[test]
fn future_date_near_misses() {
    run(&[
        w("backlinks", r#"first_seen>="2026-11-29""#, &[]),
        w("backlinks", r#"first_seen="2026-11-29""#, &[]),
        w("backlinks", r#"first_seen>"2026-11-28""#, &[]),
        // Upper bounds in the future are how ranges are written.
        w("backlinks", r#"first_seen<"2030-01-01""#, &[]),
        w("backlinks", r#"first_seen<>"2030-01-01""#, &[]),
    ]);
    // Without today, no notion of the future.
    let plain = Checker::new(Schema::builtin());
    assert!(diagnostics(
        &plain,
        "backlinks",
        Clause::Where,
        r#"first_seen>"2030-01-01""#
    )
    .is_empty());
}

#[test]
fn reported_by_default_and_silenced_one_by_one() {
    let report = Checker::new(Schema::builtin()).check(
        &Request::new("backlinks").with_where("ahrefs_rank>50,ahrefs_rank<10,http_code=700"),
    );
    let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Unsatisfiable, ImpossibleValue]);
    assert!(!report.has_errors());

    let report = Checker::new(Schema::builtin())
        .disable(Unsatisfiable)
        .check(
            &Request::new("backlinks").with_where("ahrefs_rank>50,ahrefs_rank<10,http_code=700"),
        );
    let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![ImpossibleValue]);
}

/// A user table with one int column `x` and no documented domain.
fn user_table() -> TableDef {
    TableDef {
        name: "t".into(),
        description: "".into(),
        response_key: None,
        cost: Cost::default(),
        columns: vec![ColumnDef {
            name: "x".into(),
            ty: ColumnType::Int,
            in_where: true,
            in_having: true,
            description: "".into(),
            provenance: "".into(),
            note: None,
            domain: None,
            used_in_docs: None,
        }]
        .into(),
        source: "".into(),
        source_quality: "".into(),
        notes: Vec::new().into(),
    }
}

#[test]
fn bounds_at_the_ends_of_the_integer_range() {
    let table = user_table();
    let checker = Checker::new(Schema::builtin());
    let check = |text: &str| checker.check_filter(&table, Clause::Where, &parse(text).unwrap());
    // Every i64 satisfies the first condition: redundant, with nothing implying it.
    let found = check("x>=-9223372036854775808,x>5");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, Redundant);
    assert_eq!(found[0].span.unwrap().range(), 0..23);
    assert!(found[0].related.is_empty());
    assert_eq!(
        found[0].message,
        "`x>=-9223372036854775808` adds nothing: every value satisfies it"
    );
    // No i64 satisfies the second: unsatisfiable on its own.
    let found = check("x>5,x>9223372036854775807");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, Unsatisfiable);
    assert_eq!(found[0].span.unwrap().range(), 4..25);
    assert!(found[0].related.is_empty());
    assert_eq!(
        found[0].message,
        "no value of `x` satisfies `x>9223372036854775807`"
    );
    // Without a documented domain, no value is impossible.
    assert!(check("x<-5").is_empty());
}

#[test]
fn large_filters_stay_near_linear() {
    // 20 000 copies of one condition: one duplicate, naming the first and the 19 998 others.
    let filter = vec!["ahrefs_rank>10"; 20_000].join(",");
    let found = diagnostics(&checker(), "backlinks", Clause::Where, &filter);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, Duplicate);
    assert_eq!(found[0].span.unwrap().range(), 15..29);
    assert_eq!(found[0].related.len(), 19_999);
    assert_eq!(found[0].related[0].span.range(), 0..14);
    assert_eq!(
        fixed("backlinks", &filter).as_deref(),
        Some("ahrefs_rank>10")
    );
    // 10 000 distinct points removed from 1..=10000, then the bounds: empty at the last bound,
    // which the bound before it and every hole are needed to empty.
    let mut conditions: Vec<String> = (1..=10_000).map(|i| format!("page_size<>{i}")).collect();
    conditions.extend(["page_size>=1".to_owned(), "page_size<=10000".to_owned()]);
    let filter = conditions.join(",");
    let found = diagnostics(&checker(), "backlinks", Clause::Where, &filter);
    let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Unsatisfiable]);
    assert_eq!(found[0].related.len(), 10_001);
}

// --- Properties -------------------------------------------------------------------------

const OPS: [&str; 6] = ["=", "<>", "<", "<=", ">", ">="];

fn holds(op: &str, x: i64, v: i64) -> bool {
    match op {
        "=" => x == v,
        "<>" => x != v,
        "<" => x < v,
        "<=" => x <= v,
        ">" => x > v,
        _ => x >= v,
    }
}

fn text(conditions: &[(usize, i64)]) -> String {
    conditions
        .iter()
        .map(|&(op, v)| format!("ahrefs_rank{}{v}", OPS[op]))
        .collect::<Vec<_>>()
        .join(",")
}

/// Every value that could tell two conjunctions of these conditions apart: outside
/// `min-1..=max+1` every condition is constant.
fn window(conditions: &[(usize, i64)]) -> Range<i64> {
    let min = conditions.iter().map(|c| c.1).min().unwrap_or(0);
    let max = conditions.iter().map(|c| c.1).max().unwrap_or(0);
    (min - 1)..(max + 2)
}

fn satisfied(conditions: &[(usize, i64)], x: i64) -> bool {
    conditions.iter().all(|&(op, v)| holds(OPS[op], x, v))
}

/// Index of the condition a span points at.
fn index_of(filter: &str, start: u32) -> usize {
    filter[..start as usize].matches(',').count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The `unsatisfiable` verdict agrees with brute force; the conditions it points at are
    /// unsatisfiable on their own, and the one it flags is the first that empties the set.
    #[test]
    fn unsatisfiable_agrees_with_brute_force(
        conditions in proptest::collection::vec((0..6usize, -3..110i64), 1..7)
    ) {
        let filter = text(&conditions);
        let found = diagnostics(&Checker::new(Schema::builtin()), "backlinks", Clause::Where, &filter);
        let unsat: Vec<&Diagnostic> = found.iter().filter(|d| d.code == Unsatisfiable).collect();
        let empty = !window(&conditions).any(|x| satisfied(&conditions, x));
        prop_assert_eq!(unsat.len(), usize::from(empty), "{}", filter);
        if let Some(d) = unsat.first() {
            let last = index_of(&filter, d.span.unwrap().start);
            let mut involved: Vec<(usize, i64)> = d
                .related
                .iter()
                .map(|r| conditions[index_of(&filter, r.span.start)])
                .collect();
            involved.push(conditions[last]);
            prop_assert!(!window(&involved).any(|x| satisfied(&involved, x)), "{}", filter);
            let before = &conditions[..last];
            prop_assert!(window(before).any(|x| satisfied(before, x)), "{}", filter);
        }
    }

    /// Dropping every condition flagged `redundant` or `duplicate` leaves an equivalent
    /// filter, and each redundant condition follows from the conditions it points at.
    #[test]
    fn dropping_redundant_conditions_keeps_the_meaning(
        conditions in proptest::collection::vec((0..6usize, 1..13i64), 1..7)
    ) {
        let filter = text(&conditions);
        let found = diagnostics(&Checker::new(Schema::builtin()), "backlinks", Clause::Where, &filter);
        // Values 1..=12 are inside the domain 0..=100 and never make a condition always
        // true or impossible on its own.
        prop_assert!(found.iter().all(|d| d.code != AlwaysTrue && d.code != Code::ImpossibleValue));
        if found.iter().any(|d| d.code == Unsatisfiable) {
            return Ok(());
        }
        // Each redundant condition, and every repeat of a duplicate (its primary span and the
        // related spans after the first occurrence).
        let dropped: Vec<usize> = found
            .iter()
            .flat_map(|d| {
                let repeats: Vec<u32> = match d.code {
                    Redundant => vec![d.span.unwrap().start],
                    Duplicate => std::iter::once(d.span.unwrap().start)
                        .chain(d.related.iter().skip(1).map(|r| r.span.start))
                        .collect(),
                    _ => vec![],
                };
                repeats.into_iter().map(|start| index_of(&filter, start))
            })
            .collect();
        let kept: Vec<(usize, i64)> = conditions
            .iter()
            .enumerate()
            .filter(|(i, _)| !dropped.contains(i))
            .map(|(_, c)| *c)
            .collect();
        prop_assert!(!kept.is_empty());
        for x in window(&conditions) {
            prop_assert_eq!(satisfied(&conditions, x), satisfied(&kept, x), "{} at {}", filter, x);
        }
        for d in found.iter().filter(|d| d.code == Redundant) {
            let implied = conditions[index_of(&filter, d.span.unwrap().start)];
            let premises: Vec<(usize, i64)> = d
                .related
                .iter()
                .map(|r| conditions[index_of(&filter, r.span.start)])
                .collect();
            prop_assert!(!premises.is_empty());
            for x in window(&conditions) {
                prop_assert!(!satisfied(&premises, x) || satisfied(&[implied], x), "{} at {}", filter, x);
            }
        }
    }

    /// Any mix of conditions on any columns of a table, with extreme values: no panic, and
    /// every lint span and related span lies inside the filter.
    #[test]
    fn lints_never_panic(
        conditions in proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "ahrefs_rank", "http_code", "redirect", "link_type", "language",
                    "first_seen", "nofollow", "anchor", "page_size",
                ]),
                0..6usize,
                prop_oneof![
                    any::<i64>().prop_map(|v| v.to_string()),
                    (-2..3i64).prop_map(|v| v.to_string()),
                    Just("9223372036854775807".to_owned()),
                    Just("-9223372036854775808".to_owned()),
                    Just("true".to_owned()),
                    Just(r#""href""#.to_owned()),
                    Just(r#""EN""#.to_owned()),
                    Just(r#""2030-01-01""#.to_owned()),
                    Just(r#""1970-01-01""#.to_owned()),
                    Just(r#""0000-01-01""#.to_owned()),
                    Just(r#""9999-12-31""#.to_owned()),
                    Just(r#""-5""#.to_owned()),
                ],
            ),
            1..10,
        )
    ) {
        let filter = conditions
            .iter()
            .map(|(c, op, v)| format!("{c}{}{v}", OPS[*op]))
            .collect::<Vec<_>>()
            .join(",");
        for clause in [Clause::Where, Clause::Having] {
            for d in diagnostics(&checker(), "backlinks", clause, &filter) {
                let spans = d.span.into_iter().chain(d.related.iter().map(|r| r.span));
                for span in spans {
                    prop_assert!(span.range().end <= filter.len() && span.start <= span.end);
                }
            }
        }
    }
}
