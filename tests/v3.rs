//! The v2 → v3 translation (`v3-translation.md`): the worked example of `v3-reference.md`
//! §3.6 end to end, one test per mapping rule and per diagnostic code, and Pipedream's real
//! migration of three actions. Expected values are worked by hand from the reference.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::v3::{BoolLiteral, Dates, History, Options, Translation, Translator};
use ahrefs_filter::{Clause, Code, Diagnostic};

fn translator() -> Translator {
    Translator::new(Options::default())
}

fn request(url: &str) -> Translation {
    translator().translate_request(url)
}

/// A filter pair translated with `history` chosen, so that only the filters' own
/// diagnostics remain.
fn filters(table: &str, where_filter: Option<&str>, having: Option<&str>) -> Translation {
    let options = Options {
        history: Some(History::Live),
        ..Options::default()
    };
    with(options).translate_filters(table, where_filter, having)
}

fn with(options: Options) -> Translator {
    Translator::new(options)
}

/// The `where` JSON of a translation that must have succeeded.
fn json(t: &Translation) -> &str {
    assert!(!t.has_errors(), "{:#?}", t.diagnostics);
    t.where_json().expect("a where")
}

/// The one diagnostic with `code` whose message holds `needle`.
fn find<'t>(t: &'t Translation, code: Code, needle: &str) -> &'t Diagnostic {
    let found: Vec<&Diagnostic> = t
        .diagnostics
        .iter()
        .filter(|d| d.code == code && d.message.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "{code} `{needle}` in {:#?}", t.diagnostics);
    found[0]
}

fn codes(t: &Translation) -> Vec<Code> {
    t.diagnostics.iter().map(|d| d.code).collect()
}

/// The codes of the diagnostics about the filters (not the table or request).
fn filter_codes(t: &Translation) -> Vec<Code> {
    t.diagnostics
        .iter()
        .filter(|d| d.clause.is_some())
        .map(|d| d.code)
        .collect()
}

/// The text a diagnostic's span covers.
fn spanned<'t>(t: &'t Translation, d: &Diagnostic) -> &'t str {
    let (_, text) = t.source_of(d);
    &text[d.span.expect("a span").range()]
}

/// The v3 fields of `backlinks_one_per_domain`'s v2 columns, in v2 order (v3-mapping.json):
/// `prev_visited` and `original` have none.
const ONE_PER_DOMAIN_SELECT: &str = "url_from,url_to,url_rating_source,domain_rating_source,\
ahrefs_rank_target,ip_source,links_internal,links_external,page_size,encoding,languages,title,\
first_seen_link,last_visited,link_type,redirect_code,is_nofollow,alt,anchor,snippet_left,\
snippet_right,http_code,first_seen,link_group_count";

#[test]
fn worked_example_of_the_reference_end_to_end() {
    let t = request(
        "from=backlinks_one_per_domain&target=ahrefs.com&mode=domain&limit=100\
         &where=ahrefs_rank>10,substring(url_from,\"blog\"),nofollow=false,first_seen>=\"2024-01-01\"\
         &having=domain_rating>=30&order_by=ahrefs_rank:desc",
    );
    assert_eq!(t.endpoint, Some("site-explorer/all-backlinks"));
    let where_json = concat!(
        r#"{"and":["#,
        r#"{"field":"url_rating_source","is":["gt",10]},"#,
        r#"{"field":"url_from","is":["substring","blog"]},"#,
        r#"{"field":"is_nofollow","is":["eq",false]},"#,
        r#"{"field":"first_seen_link","is":["gte","2024-01-01"]},"#,
        r#"{"field":"domain_rating_source","is":["gte",30]}"#,
        "]}"
    );
    assert_eq!(json(&t), where_json);
    let names: Vec<&str> = t.params.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "target",
            "mode",
            "limit",
            "aggregation",
            "history",
            "select",
            "order_by",
            "where"
        ]
    );
    assert_eq!(t.param("target"), Some("ahrefs.com"));
    assert_eq!(t.param("mode"), Some("domain"));
    assert_eq!(t.param("limit"), Some("100"));
    assert_eq!(t.param("aggregation"), Some("1_per_domain"));
    assert_eq!(t.param("history"), Some("live"));
    assert_eq!(t.param("order_by"), Some("url_rating_source:desc"));
    // §3.6 abbreviates `select`; the contract (§3) sends every field the v2 columns map to.
    assert_eq!(t.param("select"), Some(ONE_PER_DOMAIN_SELECT));
    let url = t.url.as_deref().unwrap();
    assert!(url.starts_with(
        "https://api.ahrefs.com/v3/site-explorer/all-backlinks?target=ahrefs.com&mode=domain\
         &limit=100&aggregation=1_per_domain&history=live&select=url_from%2Curl_to%2C"
    ));
    assert!(url.ends_with(
        "&order_by=url_rating_source%3Adesc&where=%7B%22and%22%3A%5B%7B%22field%22%3A%22url_rating_source%22%2C%22is%22%3A%5B%22gt%22%2C10%5D%7D%2C%7B%22field%22%3A%22url_from%22%2C%22is%22%3A%5B%22substring%22%2C%22blog%22%5D%7D%2C%7B%22field%22%3A%22is_nofollow%22%2C%22is%22%3A%5B%22eq%22%2Cfalse%5D%7D%2C%7B%22field%22%3A%22first_seen_link%22%2C%22is%22%3A%5B%22gte%22%2C%222024-01-01%22%5D%7D%2C%7B%22field%22%3A%22domain_rating_source%22%2C%22is%22%3A%5B%22gte%22%2C30%5D%7D%5D%7D"
    ));

    // The five diagnostics §3.6 attaches, each pointing at its v2 text.
    let merged = find(&t, Code::V3Inexact, "`having` merged into `where`");
    assert_eq!(merged.clause, Some(Clause::Having));
    assert_eq!(spanned(&t, merged), "domain_rating>=30");
    let representative = find(
        &t,
        Code::V3Inexact,
        "which link v3's `aggregation=1_per_domain` keeps",
    );
    assert_eq!(spanned(&t, representative), "backlinks_one_per_domain");
    let history = find(&t, Code::V3Assumed, "`history=live` chosen");
    assert!(history.help.as_deref().unwrap().contains("--history"));
    let substring = find(&t, Code::V3Assumed, "`substring` kept case-sensitive");
    assert_eq!(spanned(&t, substring), "substring(url_from,\"blog\")");
    let boolean = find(
        &t,
        Code::V3Assumed,
        "booleans are sent as JSON `true`/`false`",
    );
    assert_eq!(spanned(&t, boolean), "nofollow=false");
    assert!(boolean
        .help
        .as_deref()
        .unwrap()
        .contains("--bool-literal 01"));
    // And the renames whose meaning shifts, the date, and what `*` loses.
    let rank: Vec<&Diagnostic> = t
        .diagnostics
        .iter()
        .filter(|d| {
            d.clause.is_some()
                && d.message
                    .contains("`ahrefs_rank` became `url_rating_source`")
        })
        .collect();
    assert_eq!(rank.len(), 1);
    assert_eq!(spanned(&t, rank[0]), "ahrefs_rank>10");
    let order = find(
        &t,
        Code::V3Inexact,
        "`order_by` `ahrefs_rank` became `url_rating_source`",
    );
    assert_eq!(spanned(&t, order), "ahrefs_rank:desc");
    find(&t, Code::V3Inexact, "`nofollow` became `is_nofollow`");
    find(&t, Code::V3Inexact, "`first_seen` became `first_seen_link`");
    find(
        &t,
        Code::V3Inexact,
        "`domain_rating` became `domain_rating_source`",
    );
    let date = find(&t, Code::V3Assumed, "v2 compared whole days");
    assert_eq!(spanned(&t, date), "first_seen>=\"2024-01-01\"");
    find(&t, Code::V3Inexact, "`prev_visited`, `original`");
    assert_eq!(t.diagnostics.len(), 12, "{:#?}", t.diagnostics);
    assert!(!t.exact());
}

// ---- request parameters -------------------------------------------------------------

#[test]
fn each_table_goes_to_its_endpoint_with_its_fixed_parameters() {
    let cases = [
        (
            "backlinks_one_per_domain",
            "site-explorer/all-backlinks",
            Some("1_per_domain"),
            true,
        ),
        (
            "backlinks",
            "site-explorer/all-backlinks",
            Some("all"),
            true,
        ),
        ("refdomains", "site-explorer/refdomains", None, true),
        ("anchors", "site-explorer/anchors", None, true),
        (
            "broken_backlinks",
            "site-explorer/broken-backlinks",
            Some("all"),
            false,
        ),
    ];
    for (table, endpoint, aggregation, history) in cases {
        let t = request(&format!("from={table}&target=a.com&mode=domain"));
        assert!(!t.has_errors(), "{table}: {:#?}", t.diagnostics);
        assert_eq!(t.endpoint, Some(endpoint), "{table}");
        assert_eq!(t.param("aggregation"), aggregation, "{table}");
        assert_eq!(t.param("history").is_some(), history, "{table}");
    }
    // The inferred endpoints say so.
    let t = request("from=backlinks&target=a.com&mode=domain");
    let d = find(
        &t,
        Code::V3Assumed,
        "`backlinks` became `site-explorer/all-backlinks` with `aggregation=all`",
    );
    assert!(d.message.contains("similar_links"));
}

#[test]
fn history_is_explicit_and_an_option() {
    let t = request("from=refdomains&target=a.com&mode=domain");
    assert_eq!(t.param("history"), Some("live"));
    find(&t, Code::V3Assumed, "`history=live` chosen");
    for (history, sent) in [
        (History::Live, "live"),
        (History::AllTime, "all_time"),
        (
            History::parse("since:2024-01-31").unwrap(),
            "since:2024-01-31",
        ),
    ] {
        let options = Options {
            history: Some(history),
            ..Options::default()
        };
        let t = with(options).translate_request("from=refdomains&target=a.com&mode=domain");
        assert_eq!(t.param("history"), Some(sent));
        assert!(t.diagnostics.iter().all(|d| !d.message.contains("history")));
    }
    let options = Options {
        history: Some(History::parse("since:2024-01-31").unwrap()),
        ..Options::default()
    };
    let t = with(options).translate_request("from=anchors&target=a.com&mode=domain&select=anchor");
    assert!(t
        .url
        .as_deref()
        .unwrap()
        .contains("&history=since%3A2024-01-31&"));
}

#[test]
fn select_star_or_absent_is_the_explicit_list_of_mapped_fields() {
    for select in ["", "&select=*"] {
        let t = request(&format!(
            "from=backlinks_one_per_domain&target=a.com&mode=domain{select}"
        ));
        assert_eq!(t.param("select"), Some(ONE_PER_DOMAIN_SELECT));
        find(
            &t,
            Code::V3Inexact,
            "also returned `prev_visited`, `original`",
        );
    }
    // `backlinks` has no `total_backlinks`, so no `link_group_count`.
    let t = request("from=backlinks&target=a.com&mode=domain");
    let expected = ONE_PER_DOMAIN_SELECT
        .strip_suffix(",link_group_count")
        .unwrap();
    assert_eq!(t.param("select"), Some(expected));
    let t = request("from=refdomains&target=a.com&mode=domain");
    assert_eq!(
        t.param("select"),
        Some("ip_source,domain,links_to_target,first_seen,domain_rating")
    );
    find(&t, Code::V3Inexact, "`url`, `refpages`, `last_visited`");
}

#[test]
fn listed_select_columns_are_renamed_and_unmapped_ones_dropped_with_an_error() {
    let t = request(
        "from=refdomains&target=a.com&mode=domain&select=refdomain,backlinks,domain_rating",
    );
    assert!(!t.has_errors());
    assert_eq!(
        t.param("select"),
        Some("domain,links_to_target,domain_rating")
    );
    let t = request("from=refdomains&target=a.com&mode=domain&select=refdomain,refpages");
    let d = find(&t, Code::V3NoField, "`select` column `refpages` dropped");
    assert_eq!(spanned(&t, d), "refpages");
    assert!(
        t.url.is_none() && t.params.is_empty(),
        "an error emits nothing"
    );
    // Spans point into the raw request even past percent escapes.
    let t = request("from=anchors&target=a.com&mode=domain&select=anchor%2Clast_visited");
    let d = find(&t, Code::V3NoField, "`last_visited` dropped");
    assert_eq!(spanned(&t, d), "last_visited");
}

#[test]
fn order_by_columns_are_renamed_and_directions_kept() {
    let t =
        request("from=anchors&target=a.com&mode=domain&select=anchor&order_by=refpages:asc,anchor");
    assert_eq!(t.param("order_by"), Some("refpages:asc,anchor"));
    let t = request("from=refdomains&target=a.com&mode=domain&order_by=backlinks:desc,first_seen");
    assert_eq!(t.param("order_by"), Some("links_to_target:desc,first_seen"));
    find(
        &t,
        Code::V3Inexact,
        "`order_by` `backlinks` became `links_to_target`",
    );
    // `link_group_count` cannot be ordered by (DOC).
    let t = request(
        "from=backlinks_one_per_domain&target=a.com&mode=domain&order_by=total_backlinks:desc",
    );
    let d = find(&t, Code::V3Untranslatable, "`link_group_count`");
    assert_eq!(spanned(&t, d), "total_backlinks:desc");
    let t = request("from=backlinks&target=a.com&mode=domain&order_by=prev_visited");
    find(&t, Code::V3NoField, "`order_by` column `prev_visited`");
}

#[test]
fn target_mode_limit_are_copied_offset_warned_output_json_dropped() {
    let t = request("from=anchors&target=ahrefs.com/blog&mode=prefix&limit=5&offset=10&output=json&select=anchor");
    let names: Vec<&str> = t.params.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["target", "mode", "limit", "offset", "history", "select"]
    );
    assert_eq!(t.param("target"), Some("ahrefs.com/blog"));
    assert!(t
        .url
        .as_deref()
        .unwrap()
        .contains("?target=ahrefs.com%2Fblog&mode=prefix&limit=5&offset=10&"));
    let d = find(&t, Code::V3Assumed, "`offset` copied");
    assert_eq!(spanned(&t, d), "10");
    let t = request("from=anchors&target=a.com&mode=domain&output=xml&select=anchor");
    assert_eq!(t.param("output"), Some("xml"));
    find(&t, Code::V3Assumed, "`output=xml` copied");
}

#[test]
fn the_token_never_appears() {
    let t = request("https://apiv2.ahrefs.com/?token=s3cret&from=anchors&target=a.com&mode=domain");
    assert!(!t.url.as_deref().unwrap().contains("s3cret"));
    assert!(!t.url.as_deref().unwrap().contains("token"));
    assert!(!t.request.as_deref().unwrap().contains("s3cret"));
    assert!(t
        .params
        .iter()
        .all(|(n, v)| *n != "token" && !v.contains("s3cret")));
}

// ---- filters ----------------------------------------------------------------------

#[test]
fn where_and_having_merge_in_source_order_with_a_warning() {
    let t = filters("refdomains", Some("backlinks>5"), Some("domain_rating>=30"));
    assert_eq!(
        json(&t),
        r#"{"and":[{"field":"links_to_target","is":["gt",5]},{"field":"domain_rating","is":["gte",30]}]}"#
    );
    let d = find(&t, Code::V3Inexact, "`having` merged into `where`");
    assert_eq!(spanned(&t, d), "domain_rating>=30");
    // `having` alone on a table that is not one-per-domain: nothing to merge with.
    let t = filters("refdomains", None, Some("domain_rating>=30"));
    assert_eq!(json(&t), r#"{"field":"domain_rating","is":["gte",30]}"#);
    assert!(t.diagnostics.iter().all(|d| !d.message.contains("merged")));
    // … but with backlinks_one_per_domain it was applied after the grouping.
    let t = filters("backlinks_one_per_domain", None, Some("total_backlinks>2"));
    assert_eq!(json(&t), r#"{"field":"link_group_count","is":["gt",2]}"#);
    find(&t, Code::V3Inexact, "`having` merged into `where`");
}

#[test]
fn link_type_href_becomes_text() {
    let t = filters("backlinks", Some(r#"link_type="href""#), None);
    assert_eq!(json(&t), r#"{"field":"link_type","is":["eq","text"]}"#);
    let d = find(&t, Code::V3Inexact, "\"href\" became \"text\"");
    assert_eq!(spanned(&t, d), r#"link_type="href""#);
    // The other values are the same strings, and plain.
    let t = filters("backlinks", Some(r#"link_type<>"redirect""#), None);
    assert_eq!(json(&t), r#"{"field":"link_type","is":["neq","redirect"]}"#);
}

#[test]
fn redirect_zero_is_null() {
    let cases = [
        ("redirect=0", r#"{"field":"redirect_code","is":"is_null"}"#),
        (
            "redirect>0",
            r#"{"not":{"field":"redirect_code","is":"is_null"}}"#,
        ),
        (
            "redirect<>0",
            r#"{"not":{"field":"redirect_code","is":"is_null"}}"#,
        ),
        (
            "redirect=301",
            r#"{"field":"redirect_code","is":["eq",301]}"#,
        ),
        (
            "redirect>=301",
            r#"{"field":"redirect_code","is":["gte",301]}"#,
        ),
        // v2's 0 (not a redirect) is below 302 and not 301: those rows are null in v3.
        (
            "redirect<302",
            r#"{"or":[{"field":"redirect_code","is":["lt",302]},{"field":"redirect_code","is":"is_null"}]}"#,
        ),
        (
            "redirect<>301",
            r#"{"or":[{"field":"redirect_code","is":["neq",301]},{"field":"redirect_code","is":"is_null"}]}"#,
        ),
    ];
    for (v2, v3) in cases {
        let t = filters("backlinks", Some(v2), None);
        assert_eq!(json(&t), v3, "{v2}");
        find(&t, Code::V3Inexact, "0 became `is_null`");
        assert_eq!(filter_codes(&t), [Code::V3Inexact], "{v2}");
    }
}

#[test]
fn language_is_tested_in_the_languages_list() {
    let t = filters("backlinks", Some(r#"language="en""#), None);
    assert_eq!(
        json(&t),
        r#"{"field":"languages","list_is":{"any":["eq","en"]}}"#
    );
    find(
        &t,
        Code::V3Inexact,
        "`language` (one value) became `languages` (a list)",
    );
    let t = filters("backlinks", Some(r#"language<>"en""#), None);
    assert_eq!(
        json(&t),
        r#"{"not":{"field":"languages","list_is":{"any":["eq","en"]}}}"#
    );
}

#[test]
fn alt_empty_is_null_or_empty() {
    let t = filters("backlinks", Some(r#"alt="""#), None);
    assert_eq!(
        json(&t),
        r#"{"or":[{"field":"alt","is":"is_null"},{"field":"alt","is":["eq",""]}]}"#
    );
    find(&t, Code::V3Inexact, "v2 wrote \"\" for no `alt` text");
    let t = filters("backlinks", Some(r#"alt<>"""#), None);
    assert_eq!(
        json(&t),
        r#"{"and":[{"not":{"field":"alt","is":"is_null"}},{"field":"alt","is":["neq",""]}]}"#
    );
    // A non-empty alt is a plain condition (status S).
    let t = filters("backlinks", Some(r#"alt="logo""#), None);
    assert_eq!(json(&t), r#"{"field":"alt","is":["eq","logo"]}"#);
    assert!(filter_codes(&t).is_empty());
}

#[test]
fn neq_on_a_nullable_field_also_matches_null() {
    let t = filters("backlinks", Some(r#"ip_from<>"1.2.3.4""#), None);
    assert_eq!(
        json(&t),
        r#"{"or":[{"field":"ip_source","is":["neq","1.2.3.4"]},{"field":"ip_source","is":"is_null"}]}"#
    );
    find(&t, Code::V3Inexact, "can be null");
}

#[test]
fn subdomain_becomes_a_lowercased_host_test() {
    let t = filters(
        "backlinks",
        Some(r#"subdomain(url_to,"Blog.Ahrefs.COM")"#),
        None,
    );
    assert_eq!(
        json(&t),
        r#"{"or":[{"field":"name_target","is":["eq","blog.ahrefs.com"]},{"field":"name_target","is":["suffix",".blog.ahrefs.com"]}]}"#
    );
    let d = find(&t, Code::V3Inexact, "v3 has no `subdomain`");
    assert_eq!(spanned(&t, d), r#"subdomain(url_to,"Blog.Ahrefs.COM")"#);
}

#[test]
fn word_becomes_phrase_match() {
    let t = filters("backlinks", Some(r#"word(anchor,"seo")"#), None);
    assert_eq!(
        json(&t),
        r#"{"field":"anchor","is":["phrase_match","seo"]}"#
    );
    find(&t, Code::V3Inexact, "`word` became `phrase_match`");
}

#[test]
fn dates_become_half_open_day_ranges() {
    let f = |op: &str, v3: &str| (format!("last_visited{op}\"2024-02-28\""), v3.to_owned());
    let lt = |d: &str| format!(r#"{{"field":"last_visited","is":["lt","{d}"]}}"#);
    let gte = |d: &str| format!(r#"{{"field":"last_visited","is":["gte","{d}"]}}"#);
    // 2024 is a leap year: the day after 2024-02-28 is 2024-02-29.
    let cases = [
        f(
            "=",
            &format!(r#"{{"and":[{},{}]}}"#, gte("2024-02-28"), lt("2024-02-29")),
        ),
        f(
            "<>",
            &format!(r#"{{"or":[{},{}]}}"#, lt("2024-02-28"), gte("2024-02-29")),
        ),
        f("<=", &lt("2024-02-29")),
        f(">", &gte("2024-02-29")),
        f("<", &lt("2024-02-28")),
        f(">=", &gte("2024-02-28")),
    ];
    for (v2, v3) in cases {
        let t = filters("backlinks", Some(&v2), None);
        assert_eq!(json(&t), v3, "{v2}");
        let d = find(&t, Code::V3Assumed, "v2 compared whole days");
        assert!(d.help.as_deref().unwrap().contains("--dates raw"));
    }
    let t = filters("anchors", Some(r#"first_seen<="2023-12-31""#), None);
    assert_eq!(
        json(&t),
        r#"{"field":"first_seen","is":["lt","2024-01-01"]}"#
    );
    // An explicit choice is not an assumption.
    let day = with(Options {
        dates: Some(Dates::Day),
        history: Some(History::Live),
        ..Options::default()
    });
    assert!(day
        .translate_filters("anchors", Some(r#"first_seen<"2024-01-01""#), None)
        .exact());
    // `raw` copies the comparison, and says when that loses the rest of the day.
    let raw = with(Options {
        dates: Some(Dates::Raw),
        history: Some(History::Live),
        ..Options::default()
    });
    let t = raw.translate_filters("anchors", Some(r#"first_seen<="2024-01-31""#), None);
    assert_eq!(
        json(&t),
        r#"{"field":"first_seen","is":["lte","2024-01-31"]}"#
    );
    find(&t, Code::V3Inexact, "the day's first instant only");
    let t = raw.translate_filters("anchors", Some(r#"first_seen>="2024-01-31""#), None);
    assert!(t.diagnostics.is_empty());
}

#[test]
fn date_conditions_inside_an_and_are_spliced_into_it() {
    let t = filters(
        "anchors",
        Some(r#"first_seen="2024-01-31",refpages>1"#),
        None,
    );
    assert_eq!(
        json(&t),
        r#"{"and":[{"field":"first_seen","is":["gte","2024-01-31"]},{"field":"first_seen","is":["lt","2024-02-01"]},{"field":"refpages","is":["gt",1]}]}"#
    );
}

#[test]
fn booleans_are_true_false_or_one_zero() {
    let t = filters("backlinks", Some("nofollow=true,nofollow<>false"), None);
    assert_eq!(
        json(&t),
        r#"{"and":[{"field":"is_nofollow","is":["eq",true]},{"field":"is_nofollow","is":["neq",false]}]}"#
    );
    // Reported once per translation.
    assert_eq!(
        filter_codes(&t)
            .iter()
            .filter(|c| **c == Code::V3Assumed)
            .count(),
        1
    );
    let ones = with(Options {
        bool_literal: Some(BoolLiteral::OneZero),
        history: Some(History::Live),
        ..Options::default()
    });
    let t = ones.translate_filters("backlinks", Some("nofollow=true,nofollow<>false"), None);
    assert_eq!(
        json(&t),
        r#"{"and":[{"field":"is_nofollow","is":["eq",1]},{"field":"is_nofollow","is":["neq",0]}]}"#
    );
    assert_eq!(
        filter_codes(&t),
        [Code::V3Inexact, Code::V3Inexact],
        "only `nofollow`'s meaning"
    );
}

#[test]
fn strings_are_unescaped_from_v2_and_escaped_as_json() {
    let t = filters(
        "anchors",
        Some(r#"anchor="say \"hi\" \\ now",anchor<>"naïve\'s""#),
        None,
    );
    assert_eq!(
        json(&t),
        r#"{"and":[{"field":"anchor","is":["eq","say \"hi\" \\ now"]},{"field":"anchor","is":["neq","naïve's"]}]}"#
    );
    assert!(t.diagnostics.is_empty());
    let url = t.url.as_deref().unwrap();
    assert!(url.contains("%5C%22hi%5C%22") && url.contains("na%C3%AFve"));
}

#[test]
fn quoted_numbers_are_sent_as_numbers() {
    let t = filters("anchors", Some(r#"refpages>"10""#), None);
    assert_eq!(json(&t), r#"{"field":"refpages","is":["gt",10]}"#);
}

#[test]
fn plain_strong_renames_are_exact() {
    let options = Options {
        history: Some(History::Live),
        ..Options::default()
    };
    let t = with(options).translate_request(
        "from=anchors&target=a.com&mode=domain&select=anchor,refpages&where=refpages>5,anchor=%22seo%22",
    );
    assert!(t.exact(), "{:#?}", t.diagnostics);
    assert_eq!(
        t.url.as_deref(),
        Some("https://api.ahrefs.com/v3/site-explorer/anchors?target=a.com&mode=domain&history=live&select=anchor%2Crefpages&where=%7B%22and%22%3A%5B%7B%22field%22%3A%22refpages%22%2C%22is%22%3A%5B%22gt%22%2C5%5D%7D%2C%7B%22field%22%3A%22anchor%22%2C%22is%22%3A%5B%22eq%22%2C%22seo%22%5D%7D%5D%7D")
    );
}

// ---- one test per diagnostic code -----------------------------------------------------

#[test]
fn v3_no_endpoint() {
    let t = request("from=pages_info&target=a.com&mode=exact");
    assert_eq!(codes(&t), [Code::V3NoEndpoint]);
    assert_eq!(spanned(&t, &t.diagnostics[0]), "pages_info");
    assert!(t.url.is_none() && t.endpoint.is_none());
    let t = filters("domain_rating", None, None);
    assert_eq!(codes(&t), [Code::V3NoEndpoint]);
    assert!(t.diagnostics[0]
        .help
        .as_deref()
        .unwrap()
        .contains("not mapped"));
}

#[test]
fn v3_no_field() {
    let t = filters(
        "backlinks",
        Some(r#"anchor="a",prev_visited>"2024-01-01""#),
        None,
    );
    assert_eq!(codes(&t), [Code::V3NoField]);
    let d = &t.diagnostics[0];
    assert_eq!(
        (d.clause, spanned(&t, d)),
        (Some(Clause::Where), r#"prev_visited>"2024-01-01""#)
    );
    assert!(d
        .help
        .as_deref()
        .unwrap()
        .contains("second most recent visit"));
    assert!(t.where_filter.is_none() && t.url.is_none());
}

#[test]
fn v3_untranslatable() {
    for (table, v2, what) in [
        (
            "refdomains",
            r#"subdomain(refdomain,"a.com")"#,
            "only `url_from` and `url_to`",
        ),
        ("anchors", r#"anchor>"m""#, "orders a string field"),
        (
            "backlinks",
            r#"substring(link_type,"ref")"#,
            "no text operators on `link_type`",
        ),
    ] {
        let t = filters(table, Some(v2), None);
        assert_eq!(
            codes(&t),
            [Code::V3Untranslatable],
            "{v2}: {:#?}",
            t.diagnostics
        );
        assert!(
            t.diagnostics[0].message.contains(what),
            "{v2}: {}",
            t.diagnostics[0].message
        );
        assert_eq!(spanned(&t, &t.diagnostics[0]), v2);
    }
}

#[test]
fn v3_inexact_and_v3_assumed_are_warnings_with_a_translation() {
    let t = filters(
        "backlinks",
        Some(r#"text_pre="see",substring(anchor,"x")"#),
        None,
    );
    assert_eq!(filter_codes(&t), [Code::V3Inexact, Code::V3Assumed]);
    assert!(t.diagnostics.iter().all(|d| !d.is_error()));
    assert_eq!(
        json(&t),
        r#"{"and":[{"field":"snippet_left","is":["eq","see"]},{"field":"anchor","is":["substring","x"]}]}"#
    );
}

#[test]
fn v2_errors_are_returned_and_nothing_is_translated() {
    let t = filters("backlinks_one_per_domain", Some("domain_rating>30"), None);
    assert_eq!(codes(&t), [Code::ClauseNotAllowed]);
    assert!(t.endpoint.is_none() && t.url.is_none());
    let t = request("from=backlinks&target=a.com&mode=domian");
    assert_eq!(codes(&t), [Code::InvalidParameter]);
    assert!(t.url.is_none());
}

// ---- Pipedream's migration (PipedreamHQ/pipedream PR #19063) ---------------------------

/// Its v2 actions sent `token`, `from`, `target`, `mode`, `limit`, `order_by` and
/// `output=json`; the v3 ones send `target`, `select`, `mode`, `limit` (and `aggregation`
/// for one per domain) to the endpoint, with no `order_by` and no `history`.
fn pipedream_v2(from: &str, order_by: &str) -> Translation {
    request(&format!(
        "https://apiv2.ahrefs.com/?token=oauth-abc&from={from}&target=ahrefs.com&mode=domain\
         &limit=50&order_by={order_by}&output=json"
    ))
}

#[test]
fn pipedream_backlinks_one_per_domain() {
    let t = pipedream_v2("backlinks_one_per_domain", "ahrefs_rank:desc");
    // Same endpoint and aggregation as Pipedream chose…
    assert_eq!(t.endpoint, Some("site-explorer/all-backlinks"));
    assert_eq!(t.param("aggregation"), Some("1_per_domain"));
    // …but the tool keeps the v2 order, which Pipedream dropped, renamed to UR…
    assert_eq!(t.param("order_by"), Some("url_rating_source:desc"));
    find(
        &t,
        Code::V3Inexact,
        "`order_by` `ahrefs_rank` became `url_rating_source`",
    );
    // …and sends `history=live`, where Pipedream's default `all_time` adds lost links.
    assert_eq!(t.param("history"), Some("live"));
    find(
        &t,
        Code::V3Assumed,
        "v3's default `all_time` adds lost ones",
    );
    // The representative link is what neither can promise.
    find(
        &t,
        Code::V3Inexact,
        "which link v3's `aggregation=1_per_domain` keeps",
    );
    assert_eq!(t.param("output"), None);
    assert!(!t.url.as_deref().unwrap().contains("oauth-abc"));
}

#[test]
fn pipedream_backlinks() {
    let t = pipedream_v2("backlinks", "ahrefs_rank:desc");
    // Pipedream left v3's default `similar_links`, which groups duplicates; v2 returned
    // every link, so the tool sends `aggregation=all` and says why.
    assert_eq!(t.param("aggregation"), Some("all"));
    find(&t, Code::V3Assumed, "with `aggregation=all`, an inference");
    assert_eq!(t.param("order_by"), Some("url_rating_source:desc"));
    assert_eq!(t.param("history"), Some("live"));
}

#[test]
fn pipedream_refdomains() {
    let t = pipedream_v2("refdomains", "domain_rating:desc");
    assert_eq!(t.endpoint, Some("site-explorer/refdomains"));
    assert_eq!(t.param("aggregation"), None);
    // `domain_rating` is the same field (status S): the order Pipedream dropped is kept as is.
    assert_eq!(t.param("order_by"), Some("domain_rating:desc"));
    assert!(t
        .diagnostics
        .iter()
        .all(|d| !d.message.contains("order_by")));
    assert_eq!(t.param("history"), Some("live"));
    assert_eq!(
        codes(&t),
        [Code::V3Assumed, Code::V3Inexact],
        "history, and what `*` loses: {:#?}",
        t.diagnostics
    );
}

// ---- output shape -------------------------------------------------------------------

#[test]
fn json_shape() {
    let t = translator().translate_filters("anchors", Some("refpages>5"), None);
    let text = serde_json::to_string(&t).unwrap();
    let head = concat!(
        r#"{"table":"anchors","endpoint":"site-explorer/anchors","#,
        r#""params":{"history":"live","where":"{\"field\":\"refpages\",\"is\":[\"gt\",5]}"},"#,
        r#""where":{"field":"refpages","is":["gt",5]},"#,
        r#""url":"https://api.ahrefs.com/v3/site-explorer/anchors?history=live&where="#,
    );
    assert!(text.starts_with(head), "{text}");
    assert!(
        text.contains(r#","exact":false,"diagnostics":[{"severity":"warning","code":"v3-assumed","message":"`history=live` chosen"#),
        "{text}"
    );
    assert!(text.ends_with(r#","clause":null,"span":null,"help":"`--history all_time` or `--history since:YYYY-MM-DD` changes it; `--history live` keeps it and says so","fix":null}]}"#), "{text}");
    let t = filters("anchors", Some("refpages>"), None);
    let value = serde_json::to_value(&t).unwrap();
    assert_eq!(value["where"], serde_json::Value::Null);
    assert_eq!(value["url"], serde_json::Value::Null);
    assert_eq!(value["params"], serde_json::json!({}));
    assert_eq!(value["diagnostics"][0]["code"], "syntax");
}
