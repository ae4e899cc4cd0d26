//! Human rendering of diagnostics, snapshotted so the wording is reviewed, not guessed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::Clause;
use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource, Report};

/// Every diagnostic of the request, rendered as the CLI's `--format human` does (no colour).
fn render(table: &str, where_filter: Option<&str>, having_filter: Option<&str>) -> String {
    let request = Request {
        table,
        where_filter,
        having_filter,
    };
    let report = Checker::new(Schema::builtin()).check(&request);
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut out = String::new();
    for diagnostic in report.diagnostics {
        let source = match diagnostic.clause {
            Some(Clause::Where) => where_filter,
            Some(Clause::Having) => having_filter,
            None => None,
        };
        let name = diagnostic.clause.map_or("request", |c| c.as_str());
        let report = Report::new(diagnostic)
            .with_source_code(NamedSource::new(name, source.unwrap_or("").to_owned()));
        handler.render_report(&mut out, report.as_ref()).unwrap();
        out.push('\n');
    }
    out
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
