//! Spec §2, one test per diagnostic code: code, severity, span and help, through the
//! public API. Expected spans are counted by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::{Clause, Code, Diagnostic, Edit, Severity};

fn check(table: &str, clause: Clause, filter: &str) -> Vec<Diagnostic> {
    let request = match clause {
        Clause::Where => Request::new(table).with_where(filter),
        Clause::Having => Request::new(table).with_having(filter),
    };
    Checker::new(Schema::builtin()).check(&request).diagnostics
}

/// The only diagnostic of `filter`, which must have `code`, `severity`, the span `range`
/// and a help containing `help`.
fn only(
    table: &str,
    clause: Clause,
    filter: &str,
    code: Code,
    severity: Severity,
    range: std::ops::Range<usize>,
    help: &str,
) -> Diagnostic {
    let found = check(table, clause, filter);
    assert_eq!(found.len(), 1, "{filter}: {found:#?}");
    let d = found.into_iter().next().unwrap();
    assert_eq!(d.code, code, "{filter}");
    assert_eq!(d.severity(), severity, "{filter}");
    assert_eq!(d.span.map(|s| s.range()), Some(range), "{filter}");
    assert_eq!(d.clause, Some(clause), "{filter}");
    let text = d.help.clone().unwrap_or_default();
    assert!(
        text.contains(help),
        "{filter}: help {text:?} lacks {help:?}"
    );
    d
}

#[test]
fn unknown_table() {
    let found = check("backlink", Clause::Where, "ahrefs_rank>1");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, Code::UnknownTable);
    assert_eq!(found[0].severity(), Severity::Error);
    assert_eq!(found[0].span, None);
    assert_eq!(found[0].help.as_deref(), Some("did you mean `backlinks`?"));
}

#[test]
fn unknown_column() {
    let d = only(
        "backlinks",
        Clause::Where,
        "ahrefs_rnk>1",
        Code::UnknownColumn,
        Severity::Error,
        0..10,
        "did you mean `ahrefs_rank`?",
    );
    assert!(d.message.contains("ahrefs_rnk") && d.message.contains("backlinks"));
    // A column the newest docs dropped says so.
    only(
        "backlinks",
        Clause::Where,
        "sitewide=true",
        Code::UnknownColumn,
        Severity::Error,
        0..8,
        "older v2 docs listed `sitewide`",
    );
    // A column of other tables names them.
    only(
        "refdomains",
        Clause::Where,
        "anchor=\"x\"",
        Code::UnknownColumn,
        Severity::Error,
        0..6,
        "`anchor` is a column of tables `anchors`, `anchors_refdomains`",
    );
}

#[test]
fn clause_not_allowed_moves_the_condition() {
    let d = only(
        "backlinks_one_per_domain",
        Clause::Where,
        "domain_rating>30",
        Code::ClauseNotAllowed,
        Severity::Error,
        0..13,
        "move `domain_rating>30` to `having`",
    );
    assert_eq!(d.label.as_deref(), Some("allowed only in `having`"));
    let fix = d.fix.unwrap();
    assert_eq!(
        fix.edits,
        [
            Edit::Replace {
                span: (0..16).into(),
                text: "".into()
            },
            Edit::AppendCondition {
                clause: Clause::Having,
                condition: "domain_rating>30".to_owned()
            },
        ]
    );
    // And back: a where-only column in having.
    only(
        "refdomains",
        Clause::Having,
        "substring(url,\"blog\")",
        Code::ClauseNotAllowed,
        Severity::Error,
        10..13,
        "to `where`",
    );
}

#[test]
fn operator_not_allowed() {
    only(
        "backlinks",
        Clause::Where,
        "substring(ahrefs_rank,\"1\")",
        Code::OperatorNotAllowed,
        Severity::Error,
        0..9,
        "string columns",
    );
    only(
        "backlinks",
        Clause::Where,
        "nofollow>true",
        Code::OperatorNotAllowed,
        Severity::Error,
        8..9,
        "`=` and `<>`",
    );
    only(
        "backlinks",
        Clause::Where,
        "subdomain(anchor,\"x\")",
        Code::OperatorNotAllowed,
        Severity::Error,
        0..9,
        "`substring` or `word`",
    );
    only(
        "backlinks",
        Clause::Where,
        "word(first_seen,\"2020\")",
        Code::OperatorNotAllowed,
        Severity::Error,
        0..4,
        "string columns",
    );
}

#[test]
fn type_mismatch() {
    let d = only(
        "backlinks",
        Clause::Where,
        "anchor=5",
        Code::TypeMismatch,
        Severity::Error,
        7..8,
        "`\"5\"`",
    );
    assert_eq!(
        d.message,
        "`anchor` is a string column but `5` is an integer"
    );
    only(
        "backlinks",
        Clause::Where,
        "ahrefs_rank=\"abc\"",
        Code::TypeMismatch,
        Severity::Error,
        12..17,
        "bare integers",
    );
    only(
        "backlinks",
        Clause::Where,
        "nofollow=\"true\"",
        Code::TypeMismatch,
        Severity::Error,
        9..15,
        "`true`",
    );
    only(
        "backlinks",
        Clause::Where,
        "first_seen=2020",
        Code::TypeMismatch,
        Severity::Error,
        11..15,
        "YYYY-MM-DD",
    );
    only(
        "backlinks",
        Clause::Where,
        "substring(anchor,5)",
        Code::TypeMismatch,
        Severity::Error,
        17..18,
        "double-quoted",
    );
}

#[test]
fn invalid_date() {
    only(
        "backlinks",
        Clause::Where,
        "first_seen>\"2023-02-30\"",
        Code::InvalidDate,
        Severity::Error,
        11..23,
        "does not exist",
    );
    let d = only(
        "backlinks",
        Clause::Where,
        "first_seen>\"2023/01/01\"",
        Code::InvalidDate,
        Severity::Error,
        11..23,
        "`\"2023-01-01\"`",
    );
    assert_eq!(
        d.fix.unwrap().edits,
        [Edit::Replace {
            span: (11..23).into(),
            text: "\"2023-01-01\"".into()
        }]
    );
    only(
        "backlinks",
        Clause::Where,
        "first_seen>\"yesterday\"",
        Code::InvalidDate,
        Severity::Error,
        11..22,
        "YYYY-MM-DD",
    );
}

#[test]
fn colon_equality() {
    let d = only(
        "refdomains_new_lost_counters",
        Clause::Where,
        "type:\"lost\"",
        Code::ColonEquality,
        Severity::Warning,
        4..5,
        "`=`",
    );
    assert_eq!(
        d.fix.unwrap().edits,
        [Edit::Replace {
            span: (4..5).into(),
            text: "=".into()
        }]
    );
}

#[test]
fn quoted_number() {
    let d = only(
        "backlinks",
        Clause::Where,
        "links_external>\"10\"",
        Code::QuotedNumber,
        Severity::Warning,
        15..19,
        "`10`",
    );
    assert_eq!(
        d.fix.unwrap().edits,
        [Edit::Replace {
            span: (15..19).into(),
            text: "10".into()
        }]
    );
}

#[test]
fn whitespace() {
    let d = only(
        "backlinks",
        Clause::Where,
        " ahrefs_rank > 1 , substring( anchor ,\"x\" ) ",
        Code::Whitespace,
        Severity::Warning,
        0..1,
        "canonical form",
    );
    let spans: Vec<_> = d
        .fix
        .unwrap()
        .edits
        .iter()
        .map(|e| match e {
            Edit::Replace { span, text } => (span.range(), text.to_string()),
            other => panic!("whitespace fixes stay in their clause: {other:?}"),
        })
        .collect();
    // " ahrefs_rank > 1 , substring( anchor ,"x" ) " (44 bytes): `ahrefs_rank` 1..12, `>` 13,
    // `1` 15, `,` 17, `substring` 19..28, `(` 28, `anchor` 30..36, `,` 37, `"x"` 38..41, `)` 42
    assert_eq!(
        spans,
        [
            (0..1, String::new()),
            (12..13, String::new()),
            (14..15, String::new()),
            (16..19, ",".to_owned()),
            (28..30, "(".to_owned()),
            (36..38, ",".to_owned()),
            (41..43, ")".to_owned()),
            (43..44, String::new()),
        ]
    );
}

#[test]
fn string_ordering() {
    only(
        "backlinks",
        Clause::Where,
        "title>\"a\"",
        Code::StringOrdering,
        Severity::Warning,
        5..6,
        "`=` and `<>`",
    );
}

#[test]
fn comma_in_value() {
    only(
        "backlinks",
        Clause::Where,
        "substring(title,\"a,b\")",
        Code::CommaInValue,
        Severity::Warning,
        16..21,
        "split",
    );
}

#[test]
fn three_errors_and_the_fix_that_moves_domain_rating() {
    let request =
        Request::new("backlinks_one_per_domain").with_where("domain_rating>1,anchor=5,bogus=1");
    let checker = Checker::new(Schema::builtin());
    let report = checker.check(&request);
    let found: Vec<(Code, std::ops::Range<usize>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.span.unwrap().range()))
        .collect();
    assert_eq!(
        found,
        [
            (Code::ClauseNotAllowed, 0..13),
            (Code::TypeMismatch, 23..24),
            (Code::UnknownColumn, 25..30)
        ]
    );
    assert_eq!(report.error_count(), 3);

    let fixed = checker.fix(&request);
    assert_eq!(fixed.having_filter.as_deref(), Some("domain_rating>1"));
    assert_eq!(fixed.where_filter.as_deref(), Some("anchor=\"5\",bogus=1"));
    assert_eq!(fixed.applied, 2);
}

#[test]
fn fixes_reach_a_clean_canonical_request() {
    let checker = Checker::new(Schema::builtin());
    let request = Request::new("backlinks_one_per_domain")
        .with_where(" domain_rating > \"30\" , anchor = seo , nofollow=\"false\", first_seen>\"2020/01/02\"")
        .with_having("total_backlinks>1");
    let fixed = checker.fix(&request);
    assert_eq!(
        fixed.where_filter.as_deref(),
        Some("anchor=\"seo\",nofollow=false,first_seen>\"2020-01-02\"")
    );
    assert_eq!(
        fixed.having_filter.as_deref(),
        Some("total_backlinks>1,domain_rating>30")
    );
    let again = checker.check(&Request {
        table: "backlinks_one_per_domain",
        where_filter: fixed.where_filter.as_deref(),
        having_filter: fixed.having_filter.as_deref(),
    });
    assert!(again.diagnostics.is_empty(), "{:#?}", again.diagnostics);
}

#[test]
fn syntax_errors_carry_their_clause_and_block_the_canonical_form() {
    let report = Checker::new(Schema::builtin()).check(
        &Request::new("anchors")
            .with_where("anchor=\"x\"")
            .with_having("refdomains!=1"),
    );
    assert_eq!(report.canonical_where.as_deref(), Some("anchor=\"x\""));
    assert_eq!(report.canonical_having, None);
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].clause, Some(Clause::Having));
    assert_eq!(report.diagnostics[0].span.unwrap().range(), 10..12);
}

#[test]
fn warnings_can_be_disabled_errors_cannot() {
    let checker = Checker::new(Schema::builtin())
        .disable(Code::Whitespace)
        .disable(Code::UnknownColumn);
    let report = checker.check(&Request::new("backlinks").with_where(" bogus = 1"));
    let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::UnknownColumn]);
}

#[path = "../benches/corpus/mod.rs"]
#[allow(clippy::all, missing_docs)]
mod corpus;

/// Checking a filter that has nothing to report allocates nothing (with no more conditions
/// on allowed columns than the checker keeps inline), and most of the corpus is such.
#[test]
fn a_valid_filter_is_checked_without_allocating() {
    let checker = Checker::new(Schema::builtin());
    let mut clean = 0;
    for case in corpus::CORPUS {
        let table = Schema::builtin().table(case.table).unwrap();
        let filter = corpus::parse(case.filter);
        if !checker.check_filter(table, case.clause, &filter).is_empty() {
            continue;
        }
        clean += 1;
        let info = allocation_counter::measure(|| {
            std::hint::black_box(checker.check_filter(table, case.clause, &filter));
        });
        assert_eq!(info.count_total, 0, "{:?}", case.filter);
    }
    assert!(clean * 3 > corpus::CORPUS.len() * 2, "{clean}");
}
