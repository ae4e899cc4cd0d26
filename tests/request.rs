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

/// Asserts that `secret` shows nowhere in `report`: not in its URL, its decoded texts, a
/// message, label, help or related note.
fn assert_hidden(report: &UrlReport<'_>, secret: &str) {
    let all = format!("{report:?}");
    assert!(!all.contains(secret), "{secret} in {all}");
}

#[test]
fn a_byte_order_mark_at_the_start_is_ignored() {
    let report = lint(&format!("\u{feff}{BASE}"));
    assert_eq!(report.diagnostics, []);
    assert_eq!(report.url, BASE);
    assert_eq!(report.table.as_deref(), Some("refdomains"));
    // Spans count from the first byte after the mark: `limt` follows BASE (45 bytes) and `&`.
    let report = lint(&format!("\u{feff}https://apiv2.ahrefs.com/?{BASE}&limt=1"));
    let d = &report.diagnostics[0];
    assert_eq!(d.code, Code::UnknownParameter);
    // "https://apiv2.ahrefs.com/?" is 26 bytes: `limt` is at 26 + 45 + 1 = 72.
    assert_eq!(d.span.unwrap().range(), 72..76);
}

#[test]
fn a_fragment_is_ignored() {
    let report = lint(&format!("https://apiv2.ahrefs.com/?{BASE}#results"));
    // Read as part of the query, `mode` would be `domain#results`.
    assert_eq!(report.diagnostics, []);
    assert_eq!(report.url, format!("https://apiv2.ahrefs.com/?{BASE}"));
    // What follows `#` is never read, so nothing in it can show.
    let report = lint(&format!(
        "?{BASE}&having=domain_rating%3E1#&token=s3cr3t&having=x"
    ));
    assert_eq!(report.diagnostics, []);
    assert_eq!(report.filter(Clause::Having), Some("domain_rating>1"));
    assert_hidden(&report, "s3cr3t");
    // An encoded `#` is part of its value.
    let report = lint("from=anchors&target=a.com&mode=exact&where=anchor%3D%22c%23%22");
    assert_eq!(report.filter(Clause::Where), Some(r#"anchor="c#""#));
}

#[test]
fn the_request_of_an_access_log_line_is_linted() {
    let linter = RequestLinter::new(Checker::new(Schema::builtin()));
    let combined = r#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /?token=s3cr3t&from=refdomains&target=ahrefs.com&mode=domian HTTP/1.1" 200 2326 "https://example.com/?apikey=r3f3rr3r" "Mozilla/5.0 (X11; Linux)""#;
    let report = linter.lint(combined);
    assert_eq!(
        report.url,
        "/?token=***&from=refdomains&target=ahrefs.com&mode=domian"
    );
    assert_eq!(codes(&report), [Code::InvalidParameter]);
    // "/?" 2 + "token=***&" 10 + "from=refdomains&" 16 + "target=ahrefs.com&" 18
    // + "mode=" 5 = 51: `domian` is bytes 51..57 of the request.
    assert_eq!(report.diagnostics[0].span.unwrap().range(), 51..57);
    assert_eq!(covered(&report, Code::InvalidParameter), "domian");
    assert_hidden(&report, "s3cr3t");
    assert_hidden(&report, "r3f3rr3r");
    assert_hidden(&report, "Mozilla");

    // A common log line, a filter, and the target in absolute form with a password.
    let common = r#"10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET https://me:pa55@apiv2.ahrefs.com/?from=backlinks&target=a.com&mode=exact&where=ahrefs_rank%3E10 HTTP/1.0" 200 2326"#;
    let report = linter.lint(common);
    assert_eq!(report.diagnostics, []);
    assert_eq!(
        report.url,
        "https://me:***@apiv2.ahrefs.com/?from=backlinks&target=a.com&mode=exact&where=ahrefs_rank%3E10"
    );
    assert_eq!(report.canonical_where.as_deref(), Some("ahrefs_rank>10"));
    assert_hidden(&report, "pa55");
}

#[test]
fn a_log_line_without_a_request_line_is_one_error() {
    let line = r#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "-" 400 0 "-" "-""#;
    let report = lint(line);
    assert_eq!(codes(&report), [Code::Syntax]);
    assert_eq!(report.diagnostics[0].span, None);
    assert_eq!(report.url, "");
    assert!(report.has_errors());
}

#[test]
fn api_keys_are_redacted_in_any_case() {
    let report = lint(&format!(
        "{BASE}&apikey=k3y-0ne&API_KEY=k3y-tw0&ApiKey=k3y-thr33&api_key=k3y-f0ur"
    ));
    assert_eq!(
        report.url,
        format!("{BASE}&apikey=***&API_KEY=***&ApiKey=***&api_key=***")
    );
    for secret in ["k3y-0ne", "k3y-tw0", "k3y-thr33", "k3y-f0ur", "k3y"] {
        assert_hidden(&report, secret);
    }
    // They are still no v2 parameters; their names show, their values do not.
    assert_eq!(codes(&report), [Code::UnknownParameter; 4]);
    assert_eq!(covered(&report, Code::UnknownParameter), "apikey");
}

#[test]
fn a_bad_escape_in_an_api_key_says_where_without_saying_what() {
    // "apikey=" is 7 bytes: the value shows as `***` at 7..10.
    let report = lint(&format!("apikey=s3%zzcr3t&{BASE}"));
    let bad: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::PercentEncoding)
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].span.unwrap().range(), 7..10);
    assert_eq!(&report.url[7..10], "***");
    assert_eq!(
        bad[0].message,
        "invalid percent escape in the value of `apikey` (shown as `***` at byte 7)"
    );
    assert_hidden(&report, "s3");
    assert_hidden(&report, "cr3t");
}

#[test]
fn the_password_or_the_whole_userinfo_is_redacted() {
    let report = lint(&format!(
        "https://me:pa55w0rd@apiv2.ahrefs.com/?{BASE}&limt=1"
    ));
    assert_eq!(
        report.url,
        format!("https://me:***@apiv2.ahrefs.com/?{BASE}&limt=1")
    );
    assert_hidden(&report, "pa55w0rd");
    // Spans count in the redacted text: "https://me:***@apiv2.ahrefs.com/?" is 33 bytes,
    // then BASE (45) and `&`.
    let d = &report.diagnostics[0];
    assert_eq!(d.span.unwrap().range(), 79..83);
    assert_eq!(covered(&report, Code::UnknownParameter), "limt");

    // Without a `:`, the user name may be the token: all of it goes.
    let report = lint(&format!("https://0123abcdef@apiv2.ahrefs.com/?{BASE}"));
    assert_eq!(report.url, format!("https://***@apiv2.ahrefs.com/?{BASE}"));
    assert_hidden(&report, "0123abcdef");
    assert_eq!(report.diagnostics, []);

    // A password with `@`, `&` and `=` is hidden whole, and so is a token beside it.
    let report = lint(&format!(
        "http://me:p@ss&mode=x@apiv2.ahrefs.com/?{BASE}&token=t0k3n"
    ));
    assert_eq!(
        report.url,
        format!("http://me:***@apiv2.ahrefs.com/?{BASE}&token=***")
    );
    assert_eq!(report.diagnostics, []);
    assert_hidden(&report, "p@ss");
    assert_hidden(&report, "t0k3n");

    // An unencoded `/` in the password does not make it show.
    let report = lint(&format!("https://me:pa/55@apiv2.ahrefs.com/?{BASE}"));
    assert_eq!(
        report.url,
        format!("https://me:***@apiv2.ahrefs.com/?{BASE}")
    );
    assert_hidden(&report, "pa/55");

    // An `@` in a parameter is no userinfo.
    let report = lint(&format!(
        "https://apiv2.ahrefs.com/?{BASE}&where=anchor%3D%22a%40b%22"
    ));
    assert_eq!(report.filter(Clause::Where), Some(r#"anchor="a@b""#));
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

/// A secret in one of the forms the linter hides, in one of the shapes it reads.
fn hidden_request() -> impl Strategy<Value = String> {
    let secret_form = prop_oneof![
        Just("token=SECRET&{q}".to_owned()),
        Just("{q}&tokn=SECRET".to_owned()),
        Just("{q}&ApiKey=SECRET".to_owned()),
        Just("{q}&api_KEY=SEC%zzRET".to_owned()),
    ];
    let url = prop_oneof![
        Just("{s}".to_owned()),
        Just("?{s}".to_owned()),
        Just("https://apiv2.ahrefs.com/?{s}".to_owned()),
        Just("https://me:SECRET@apiv2.ahrefs.com/?{s}".to_owned()),
        Just("https://SECRET@apiv2.ahrefs.com/?{s}".to_owned()),
    ];
    let shape = prop_oneof![
        Just("{u}".to_owned()),
        Just("\u{feff}{u}".to_owned()),
        Just("{u}#SECRET".to_owned()),
        Just(r#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET {u} HTTP/1.1" 200 2326 "{u}" "SECRET""#.to_owned()),
        Just(r#"h - u [d] "POST {u}" 200 -"#.to_owned()),
    ];
    let query = r"([a-z_=&%]|from=|where=|select=|&){0,12}";
    (secret_form, url, shape, query).prop_map(|(secret, url, shape, query)| {
        let secret = secret.replace("{q}", &query);
        let url = url.replace("{s}", &secret);
        shape.replace("{u}", &url)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whatever the form of the secret and the shape of the request around it, no part of
    /// the report shows it.
    #[test]
    fn no_secret_shows_in_any_form(input in hidden_request()) {
        let report = lint(&input);
        let all = format!("{report:?}");
        prop_assert!(!all.contains("SECRET"), "{} -> {}", input, all);
        prop_assert!(!all.contains("SEC%zz"), "{} -> {}", input, all);
    }
}
