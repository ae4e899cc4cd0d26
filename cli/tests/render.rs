//! Human reports of `check`, snapshotted through the binary so the wording and the drawing
//! are reviewed, not guessed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

/// What `check` prints for the request (no colour, UTF-8, width 100).
fn render(table: &str, where_filter: Option<&str>, having_filter: Option<&str>) -> String {
    let mut args = vec!["check", "--table", table];
    if let Some(filter) = where_filter {
        args.extend(["--where", filter]);
    }
    if let Some(filter) = having_filter {
        args.extend(["--having", filter]);
    }
    stdout(&run(&args))
}

macro_rules! snapshot {
    ($name:ident, $table:expr, $where:expr, $having:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(render($table, $where, $having));
        }
    };
}

snapshot!(
    having_only_column_in_where,
    "backlinks_one_per_domain",
    Some("domain_rating>30"),
    None
);
snapshot!(
    three_errors_in_one_filter,
    "backlinks_one_per_domain",
    Some("domain_rating>1,anchor=5,bogus=1"),
    None
);
snapshot!(
    not_equal_written_c_style,
    "backlinks",
    Some("nofollow!=true"),
    None
);
snapshot!(
    single_quotes_and_bare_word,
    "anchors",
    Some("anchor='seo',refdomain=example.com"),
    None
);
snapshot!(
    misspelled_function,
    "backlinks",
    Some("substrng(anchor,\"seo\")"),
    None
);
snapshot!(
    unterminated_string,
    "backlinks",
    Some("anchor=\"seo,ahrefs_rank>1"),
    None
);
snapshot!(
    impossible_date,
    "refdomains_new_lost",
    Some("date=\"2023-02-30\",type=\"lost\""),
    None
);
snapshot!(
    quoted_number_and_colon,
    "refdomains_new_lost_counters",
    Some("type:\"lost\""),
    Some("new>\"10\"")
);
snapshot!(
    unknown_column_in_another_table,
    "refdomains",
    Some("anchor=\"seo\""),
    None
);
snapshot!(
    function_on_an_int_column,
    "backlinks",
    Some("substring(ahrefs_rank,\"1\")"),
    None
);
snapshot!(
    whitespace_and_string_ordering,
    "pages_extended",
    Some(" title > \"m\" , http_code = 200 "),
    None
);
snapshot!(
    integer_overflow_and_fraction,
    "backlinks",
    Some("ahrefs_rank>99999999999999999999,page_size<1.5"),
    None
);
snapshot!(unknown_table, "backlink", Some("ahrefs_rank>1"), None);
snapshot!(table_without_filters, "metrics", Some("backlinks>10"), None);
