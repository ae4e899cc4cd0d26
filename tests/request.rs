//! Whole-request lint (spec §5), through the library API. Offsets are worked out by hand in
//! the comments next to them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::check::Checker;
use ahrefs_filter::request::{lint_url, RequestLinter, UrlReport};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::{Clause, Code, Severity};
use proptest::prelude::*;

fn lint(input: &str) -> UrlReport<'static> {
    lint_url(Schema::builtin(), input).into_owned()
}

fn codes(report: &UrlReport<'_>) -> Vec<Code> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

/// The text a request-level diagnostic's span covers in the redacted URL.
fn covered<'r>(report: &'r UrlReport<'_>, code: Code) -> &'r str {
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:#?}", report.diagnostics));
    assert_eq!(d.clause, None, "{d:?}");
    &report.url[d.span.expect("a span").range()]
}

const BASE: &str = "from=refdomains&target=ahrefs.com&mode=domain";

#[test]
fn a_clean_request_has_no_diagnostics() {
    let report = lint(
        "https://apiv2.ahrefs.com/?token=0123abcd&from=refdomains&target=ahrefs.com&mode=domain\
         &select=refdomain,backlinks&where=first_seen%3E%3D%222020-01-01%22\
         &having=domain_rating%3E30&order_by=domain_rating:desc,refdomain&limit=100&offset=0&output=json",
    );
    assert_eq!(report.diagnostics, []);
    assert_eq!(report.table.as_deref(), Some("refdomains"));
    assert_eq!(
        report.filter(Clause::Where),
        Some(r#"first_seen>="2020-01-01""#)
    );
    assert_eq!(report.filter(Clause::Having), Some("domain_rating>30"));
    assert_eq!(
        report.canonical_where.as_deref(),
        Some(r#"first_seen>="2020-01-01""#)
    );
    assert_eq!(report.canonical_having.as_deref(), Some("domain_rating>30"));
    assert!(!report.has_errors());
}

#[test]
fn the_query_may_come_alone_or_with_its_question_mark() {
    for input in [
        BASE.to_owned(),
        format!("?{BASE}"),
        format!("https://apiv2.ahrefs.com/?{BASE}"),
        format!("http://apiv2.ahrefs.com?{BASE}"),
        format!("  {BASE}\r\n"),
    ] {
        let report = lint(&input);
        assert_eq!(report.diagnostics, [], "{input}");
        assert_eq!(report.table.as_deref(), Some("refdomains"));
    }
}

#[test]
fn the_token_is_never_echoed() {
    let secret = "s3cr3t-T0KEN";
    let report = lint(&format!(
        "https://apiv2.ahrefs.com/?token={secret}&{BASE}&limt=5"
    ));
    assert_eq!(
        report.url,
        format!("https://apiv2.ahrefs.com/?token=***&{BASE}&limt=5")
    );
    assert!(!format!("{report:?}").contains(secret));
    // Spans after the token point at the same text in the redacted URL.
    assert_eq!(covered(&report, Code::UnknownParameter), "limt");
}

#[test]
fn look_alike_token_parameters_are_redacted_too() {
    let report = lint(&format!(
        "{BASE}&Token=aaa&access_token=bbb&tokn=ccc&token=ddd"
    ));
    assert_eq!(
        report.url,
        format!("{BASE}&Token=***&access_token=***&tokn=***&token=***")
    );
    for secret in ["aaa", "bbb", "ccc", "ddd"] {
        assert!(!format!("{report:?}").contains(secret), "{secret}");
    }
}

#[test]
fn a_token_after_a_question_mark_inside_a_value_is_redacted_too() {
    // Found by the `url` fuzz target: read as a query string, `token=…` is part of the
    // `where` value; read as a URL, it follows the `?` and is the token. Both readings are
    // redacted before anything is checked, so neither the URL, the decoded filter nor a
    // message can show it.
    let input = "from=anchors&target=ahrefs.com&mode=domain&where=.com/?token=s3cppppret&from=x";
    let report = lint(input);
    assert_eq!(
        report.url,
        "from=anchors&target=ahrefs.com&mode=domain&where=.com/?token=***&from=x"
    );
    assert_eq!(report.filter(Clause::Where), Some(".com/?token=***"));
    assert!(!format!("{report:?}").contains("s3cppppret"));

    // The same with a space before the name, in a segment that is all name and value.
    let report = lint("x=\".com(? token=s4c123def056b&mode=exact");
    assert!(
        report.url.ends_with("(? token=***&mode=exact"),
        "{}",
        report.url
    );
    assert!(!format!("{report:?}").contains("s4c123def056b"));
}

#[test]
fn a_bad_escape_in_the_token_says_where_without_saying_what() {
    // "token=" is 6 bytes: the value starts at byte 6 and shows as `***`.
    let report = lint(&format!("token=ab%zzcd&{BASE}"));
    assert_eq!(codes(&report), [Code::PercentEncoding]);
    let d = &report.diagnostics[0];
    assert_eq!(d.span.unwrap().range(), 6..9);
    assert_eq!(&report.url[6..9], "***");
    assert!(!d.message.contains("ab"), "{}", d.message);
    assert!(!d.message.contains("zz"), "{}", d.message);
}

#[test]
fn a_bad_percent_escape_is_an_error_at_its_byte_position() {
    // BASE is 15 + 1 + 17 + 1 + 11 = 45 bytes, "&where=" 7 more: the value starts at 52;
    // "ahrefs_rank" is 11 bytes, so `%3G` is bytes 63..66.
    let input = format!("{BASE}&where=ahrefs_rank%3G10");
    let report = lint(&input);
    assert_eq!(codes(&report)[0], Code::PercentEncoding);
    let d = &report.diagnostics[0];
    assert_eq!(d.span.unwrap().range(), 63..66);
    assert_eq!(&input[63..66], "%3G");
    assert!(d.message.contains("at byte 63"), "{}", d.message);
    assert_eq!(d.severity(), Severity::Error);
    // The `%` is kept as it is, so the filter is still checked.
    assert_eq!(report.filter(Clause::Where), Some("ahrefs_rank%3G10"));
}

#[test]
fn positions_after_the_token_count_in_the_redacted_url() {
    // "token=0123456789&" is 17 bytes in the input, "token=***&" 10 in the report: 7 fewer.
    let input = format!("token=0123456789&{BASE}&limit=1%");
    let report = lint(&input);
    // `1%` is also no row count.
    assert_eq!(
        codes(&report),
        [Code::InvalidParameter, Code::PercentEncoding]
    );
    let d = &report.diagnostics[1];
    // Input: 17 + 45 + "&limit=1" (8) = 70 is the `%`; redacted: 63.
    assert_eq!(&input[70..], "%");
    assert_eq!(d.span.unwrap().range(), 63..64);
    assert_eq!(&report.url[63..], "%");
    assert!(d.message.contains("at byte 63"), "{}", d.message);
}

#[test]
fn a_truncated_escape_at_a_multibyte_character_keeps_char_boundaries() {
    let report = lint("from=refdomains&mode=domain&target=%é");
    let d = &report.diagnostics[0];
    assert_eq!(d.code, Code::PercentEncoding);
    let span = d.span.unwrap();
    let range = span.range();
    assert!(report.url.is_char_boundary(range.start) && report.url.is_char_boundary(range.end));
    assert_eq!(&report.url[span.range()], "%é");
}

#[test]
fn bytes_that_are_not_utf8_once_decoded_are_an_error() {
    let report = lint(&format!("{BASE}&where=ahrefs_rank%3E%FF"));
    assert_eq!(codes(&report), [Code::PercentEncoding]);
    assert_eq!(covered(&report, Code::PercentEncoding), "%FF");
    assert_eq!(report.filter(Clause::Where), None);
}

#[test]
fn plus_is_a_space_and_escapes_decode() {
    let report =
        lint("from=anchors&target=a.com&mode=domain&where=substring(anchor%2C%22seo+tools%22)");
    assert_eq!(
        report.filter(Clause::Where),
        Some(r#"substring(anchor,"seo tools")"#)
    );
    assert_eq!(report.diagnostics, []);
}

#[test]
fn missing_parameters_are_errors() {
    let report = lint("limit=10");
    assert_eq!(
        codes(&report),
        [
            Code::MissingParameter,
            Code::MissingParameter,
            Code::MissingParameter
        ]
    );
    let messages: Vec<&str> = report.diagnostics.iter().map(|d| &*d.message).collect();
    assert!(messages[0].contains("`from`"));
    assert!(messages[1].contains("`target`"));
    assert!(messages[2].contains("`mode`"));
    assert!(report.diagnostics.iter().all(|d| d.span.is_none()));
    // An empty input is a request with nothing in it.
    assert_eq!(codes(&lint("")), codes(&report));
    assert_eq!(codes(&lint("https://apiv2.ahrefs.com/")), codes(&report));
}

#[test]
fn subscription_info_needs_no_target_or_mode() {
    assert_eq!(lint("token=x&from=subscription_info").diagnostics, []);
    // Its mode is still checked when given.
    assert_eq!(
        codes(&lint("from=subscription_info&mode=all")),
        [Code::InvalidParameter]
    );
}

#[test]
fn an_unknown_or_empty_from_is_an_error() {
    let report = lint("from=refdomain&target=a.com&mode=exact");
    assert_eq!(codes(&report), [Code::UnknownTable]);
    assert_eq!(covered(&report, Code::UnknownTable), "refdomain");
    assert_eq!(
        report.diagnostics[0].help.as_deref(),
        Some("did you mean `refdomains`?")
    );

    let report = lint("from=&target=a.com&mode=exact");
    assert_eq!(codes(&report), [Code::InvalidParameter]);
    assert_eq!(covered(&report, Code::InvalidParameter), "from=");
}

#[test]
fn mode_and_output_take_their_listed_values() {
    for mode in ["exact", "domain", "subdomains", "prefix"] {
        let report = lint(&format!(
            "from=refdomains&target=a.com&mode={mode}&output=xml"
        ));
        assert_eq!(report.diagnostics, [], "{mode}");
    }
    let report = lint("from=refdomains&target=a.com&mode=subdomain&output=csv");
    assert_eq!(
        codes(&report),
        [Code::InvalidParameter, Code::InvalidParameter]
    );
    assert_eq!(
        &report.url[report.diagnostics[0].span.unwrap().range()],
        "subdomain"
    );
    assert_eq!(
        report.diagnostics[0].help.as_deref(),
        Some("did you mean `subdomains`?")
    );
    assert_eq!(
        &report.url[report.diagnostics[1].span.unwrap().range()],
        "csv"
    );
    // Case matters: the docs list lowercase values only.
    assert_eq!(
        codes(&lint("from=refdomains&target=a.com&mode=Exact")),
        [Code::InvalidParameter]
    );
}

#[test]
fn select_is_a_star_or_columns_of_the_table() {
    assert_eq!(lint(&format!("{BASE}&select=*")).diagnostics, []);
    assert_eq!(
        lint(&format!("{BASE}&select=refdomain%2Cbacklinks")).diagnostics,
        []
    );

    let report = lint(&format!("{BASE}&select=refdomain,backlink"));
    assert_eq!(codes(&report), [Code::UnknownColumn]);
    assert_eq!(covered(&report, Code::UnknownColumn), "backlink");
    assert_eq!(
        report.diagnostics[0].help.as_deref(),
        Some("did you mean `backlinks`?")
    );

    // An encoded comma: the span covers the raw text of the bad item only.
    let report = lint(&format!("{BASE}&select=refdomain%2Cnope"));
    assert_eq!(covered(&report, Code::UnknownColumn), "nope");

    let report = lint(&format!("{BASE}&select=*,refdomain"));
    assert_eq!(codes(&report), [Code::InvalidParameter]);
    assert_eq!(covered(&report, Code::InvalidParameter), "*");

    let report = lint(&format!("{BASE}&select=refdomain,,backlinks"));
    assert_eq!(codes(&report), [Code::InvalidParameter]);

    // An unknown table has no columns to check against: only the table is reported.
    let report = lint("from=nope&target=a&mode=exact&select=whatever");
    assert_eq!(codes(&report), [Code::UnknownTable]);
}

#[test]
fn order_by_items_are_columns_with_an_optional_direction() {
    assert_eq!(
        lint(&format!(
            "{BASE}&order_by=domain_rating:desc,refdomain,backlinks:asc"
        ))
        .diagnostics,
        []
    );

    let report = lint(&format!("{BASE}&order_by=domain_rating:down"));
    assert_eq!(codes(&report), [Code::InvalidParameter]);
    assert_eq!(covered(&report, Code::InvalidParameter), "down");
    assert_eq!(
        report.diagnostics[0].help.as_deref(),
        Some("did you mean `desc`?")
    );

    let report = lint(&format!("{BASE}&order_by=dr:asc"));
    assert_eq!(codes(&report), [Code::UnknownColumn]);
    assert_eq!(covered(&report, Code::UnknownColumn), "dr");

    let report = lint(&format!("{BASE}&order_by=:asc"));
    assert_eq!(codes(&report), [Code::InvalidParameter]);
    let report = lint(&format!("{BASE}&order_by=refdomain,"));
    assert_eq!(codes(&report), [Code::InvalidParameter]);
    // Directions are lowercase, like every value the docs show.
    assert_eq!(
        codes(&lint(&format!("{BASE}&order_by=refdomain:DESC"))),
        [Code::InvalidParameter]
    );
}

#[test]
fn limit_and_offset_are_non_negative_integers() {
    for ok in ["0", "1", "1000", "5000000", "18446744073709551615"] {
        assert_eq!(
            lint(&format!("{BASE}&limit={ok}&offset={ok}")).diagnostics,
            [],
            "{ok}"
        );
    }
    for bad in ["-1", "1.5", "ten", "", "+5", "1e3", "18446744073709551616"] {
        let report = lint(&format!("{BASE}&limit={bad}"));
        assert_eq!(codes(&report), [Code::InvalidParameter], "{bad}");
        let report = lint(&format!("{BASE}&offset={bad}"));
        assert_eq!(codes(&report), [Code::InvalidParameter], "{bad}");
    }
}

#[test]
fn a_repeated_parameter_warns_and_the_last_one_is_checked() {
    let input = "from=refdomains&target=a.com&mode=exact&from=bogus";
    let report = lint(input);
    assert_eq!(
        codes(&report),
        [Code::RepeatedParameter, Code::UnknownTable]
    );
    let repeated = &report.diagnostics[0];
    assert_eq!(repeated.severity(), Severity::Warning);
    assert_eq!(&input[repeated.span.unwrap().range()], "from=bogus");
    assert_eq!(&input[repeated.related[0].span.range()], "from=refdomains");
    assert_eq!(report.table.as_deref(), Some("bogus"));
    assert!(report.has_errors());
}

#[test]
fn an_unknown_parameter_warns_with_a_suggestion() {
    let report = lint(&format!("{BASE}&limt=10&callback=x"));
    assert_eq!(
        codes(&report),
        [Code::UnknownParameter, Code::UnknownParameter]
    );
    assert_eq!(
        report.diagnostics[0].help.as_deref(),
        Some("did you mean `limit`?")
    );
    assert_eq!(report.warning_count(), 2);
    assert!(!report.has_errors());
}

#[test]
fn filters_are_checked_with_spans_into_the_decoded_text() {
    // The seed example: `domain_rating` is having-only in backlinks_one_per_domain.
    let report = lint(
        "from=backlinks_one_per_domain&target=ahrefs.com&mode=domain&where=domain_rating%3E30",
    );
    assert_eq!(codes(&report), [Code::ClauseNotAllowed]);
    let d = &report.diagnostics[0];
    assert_eq!(d.clause, Some(Clause::Where));
    assert_eq!(d.span.unwrap().range(), 0..13);
    assert_eq!(report.source_of(d), ("where", "domain_rating>30"));
    assert_eq!(report.canonical_where.as_deref(), Some("domain_rating>30"));

    // Syntax errors in `having` come through with their clause.
    let report = lint(&format!("{BASE}&having=backlinks!%3D3"));
    assert_eq!(report.diagnostics[0].code, Code::Syntax);
    assert_eq!(report.diagnostics[0].clause, Some(Clause::Having));
    assert_eq!(report.canonical_having, None);
}

#[test]
fn request_problems_come_before_filter_problems() {
    let report = lint("from=refdomains&target=a&mode=wrong&where=domain_rating>1");
    assert_eq!(
        codes(&report),
        [Code::InvalidParameter, Code::ClauseNotAllowed]
    );
    assert_eq!(report.source_of(&report.diagnostics[0]).0, "url");
}

#[test]
fn filters_without_a_from_still_get_their_syntax_checked() {
    let report = lint("target=a&mode=exact&where=a!=1");
    assert_eq!(codes(&report), [Code::MissingParameter, Code::Syntax]);
}

#[test]
fn warnings_can_be_disabled_but_errors_cannot() {
    let linter = RequestLinter::new(Checker::new(Schema::builtin()))
        .disable(Code::RepeatedParameter)
        .disable(Code::Whitespace)
        .disable(Code::MissingParameter);
    let report = linter.lint("from=refdomains&from=refdomains&where=backlinks%20>%201");
    assert_eq!(
        codes(&report),
        [Code::MissingParameter, Code::MissingParameter]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// No input panics, spans land on character boundaries of the text they point into,
    /// and the token never shows.
    #[test]
    fn any_input_is_linted_safely(
        input in r"(token=SECRET&)?([a-z_%+=&,:*\x22<>()é0-9 ]|%[0-9A-Fa-fz]{0,2}|from=|where=|having=|select=|order_by=|limit=){0,24}(&token=SECRET)?"
    ) {
        let report = lint(&input);
        if input.contains("token=SECRET") {
            prop_assert!(!report.url.contains("SECRET"));
        }
        for d in &report.diagnostics {
            let (_, text) = report.source_of(d);
            if let Some(span) = d.span {
                let range = span.range();
                prop_assert!(range.start <= range.end && range.end <= text.len(), "{d:?} in {text:?}");
                prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            }
            for related in &d.related {
                prop_assert!(related.span.range().end <= text.len());
            }
        }
    }
}
