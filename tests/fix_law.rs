//! The fix law (issue 15), as a property over generated requests: applying every safe fix
//! never adds an error to a filter that parses, and fixing the result again changes nothing.
//! What is left after fixing is what `Checker::check` reports for the fixed request.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::{parse, Checker, Request, Schema};
use proptest::prelude::*;

/// One condition, well-formed or with the mistakes the fixes are for: bare words, quoted
/// numbers, `:`, wrong clauses, whitespace, bad dates, misspelled functions and operators.
fn condition() -> impl Strategy<Value = String> {
    let column = prop::sample::select(vec![
        "ahrefs_rank",
        "domain_rating",
        "anchor",
        "nofollow",
        "first_seen",
        "url_from",
        "link_type",
        "total_backlinks",
        "xyz",
    ]);
    let op = prop::sample::select(vec![
        "=", "<>", "<", ">", "<=", ">=", ":", "!=", "==", " = ",
    ]);
    let value = prop::sample::select(vec![
        "10",
        "\"10\"",
        "\"abc\"",
        "abc",
        "True",
        "true",
        "\"2020-01-01\"",
        "\"2020/01/01\"",
        "-0",
        "007",
        "1000",
        "\"href\"",
        "\"HREF\"",
        "2020-01-01",
        "'x'",
    ]);
    let comparison = (column.clone(), op, value).prop_map(|(c, o, v)| format!("{c}{o}{v}"));
    let function = prop::sample::select(vec!["substring", "word", "subdomain", "substrng"]);
    let argument = prop::sample::select(vec!["\"seo\"", "seo", "10"]);
    let call = (function, column, argument).prop_map(|(f, c, a)| format!("{f}({c},{a})"));
    prop_oneof![3 => comparison, 1 => call]
}

fn filter() -> impl Strategy<Value = String> {
    let separator = prop::sample::select(vec![",", ", ", " ,"]);
    prop::collection::vec((condition(), separator), 1..5).prop_map(|parts| {
        let mut text = String::new();
        for (i, (condition, separator)) in parts.iter().enumerate() {
            if i > 0 {
                text.push_str(separator);
            }
            text.push_str(condition);
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn fixing_adds_no_error_and_fixing_again_changes_nothing(
        where_filter in filter(),
        having in proptest::option::of(filter()),
    ) {
        let checker = Checker::new(Schema::builtin());
        let table = "backlinks_one_per_domain";
        let mut request = Request::new(table).with_where(&where_filter);
        if let Some(having) = &having {
            request = request.with_having(having);
        }
        let before = checker.check(&request);
        let fixed = checker.fix(&request);
        let after = Request {
            table,
            where_filter: fixed.where_filter.as_deref(),
            having_filter: fixed.having_filter.as_deref(),
        };
        let report = checker.check(&after);
        // What `fix` says is left is what checking the fixed request finds.
        prop_assert_eq!(&fixed.left, &report.diagnostics);
        let parses = parse(&where_filter).is_ok() && having.as_deref().map_or(true, |h| parse(h).is_ok());
        if parses {
            prop_assert!(
                report.error_count() <= before.error_count(),
                "{} errors before, {} after fixing {:?} into {:?}: {:#?}",
                before.error_count(), report.error_count(), request, after, report.diagnostics
            );
        }
        // No safe fix is left to apply.
        let safe: Vec<_> = report.diagnostics.iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.is_safe())).collect();
        prop_assert!(safe.is_empty(), "safe fixes left after fixing {:?}: {:#?}", request, safe);
        // Fixing again changes nothing.
        let again = checker.fix(&after);
        prop_assert_eq!(again.applied, 0);
        prop_assert_eq!(again.where_filter, fixed.where_filter);
        prop_assert_eq!(again.having_filter, fixed.having_filter);
    }
}
