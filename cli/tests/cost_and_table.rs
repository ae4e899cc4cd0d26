//! The smaller `cost` and `check --table` defects of issue 15.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

#[test]
fn an_empty_filter_is_not_priced_as_sent() {
    let output = run(&[
        "cost",
        "--table",
        "backlinks",
        "--where",
        "",
        "--rows",
        "10",
    ]);
    assert_eq!(status(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: `--where` is empty, which is not a valid filter; leave it out to price a request without one\n"
    );
}

#[test]
fn a_filter_on_a_table_that_takes_none_is_an_error() {
    // `tables` shows `metrics` with n/a for both filters.
    let output = run(&[
        "cost", "--table", "metrics", "--having", "x>1", "--rows", "10",
    ]);
    assert_eq!(status(&output), 1);
    assert_eq!(
        stdout(&output),
        "error[clause-not-allowed]: table `metrics` takes no `having` filter; `ahrefs-filter tables` shows which tables take one\n"
    );
}

#[test]
fn a_u64_row_count_gets_an_exact_total() {
    // backlinks: 1 per request + 0.2 per row; 0.2 × (2^64 - 1) = 3,689,348,814,741,910,323.
    let output = run(&[
        "cost",
        "--table",
        "backlinks",
        "--rows",
        "18446744073709551615",
    ]);
    assert_eq!(status(&output), 0);
    assert_eq!(
        stdout(&output),
        "backlinks: 1 (request) + 0.2 × 18446744073709551615 (results) = 3689348814741910324 rows\n"
    );
    let output = run(&[
        "cost",
        "--table",
        "backlinks",
        "--rows",
        "18446744073709551615",
        "--format",
        "json",
    ]);
    let text = stdout(&output);
    // As integers, not floats rounded to 17 digits.
    assert!(text.contains(r#""results":3689348814741910323,"#), "{text}");
    assert!(text.contains(r#""total":3689348814741910324}"#), "{text}");
    // 0.2 × 1001 + 1, without float noise.
    let output = run(&[
        "cost",
        "--table",
        "backlinks",
        "--rows",
        "1001",
        "--format",
        "json",
    ]);
    assert!(stdout(&output).contains(r#""results":200.2,"#));
    assert!(stdout(&output).contains(r#""total":201.2}"#));
}

#[test]
fn negative_rows_get_a_clear_message() {
    let output = run(&["cost", "--table", "backlinks", "--rows", "-5"]);
    assert_eq!(status(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("`-5`: the row count cannot be negative"),
        "{err}"
    );
}

#[test]
fn check_without_a_filter_says_only_the_table_was_checked() {
    let output = run(&["check", "--table", "backlinks"]);
    assert_eq!(status(&output), 0);
    assert_eq!(
        stdout(&output),
        "backlinks: 0 errors, 0 warnings\n\
         no filter given, so only the table was checked; give --where or --having\n"
    );
}

#[test]
fn an_empty_table_name_is_an_unknown_table_error_that_shows_it() {
    let output = run(&["check", "--table", "", "--where", "ahrefs_rank>1"]);
    assert_eq!(status(&output), 1);
    let text = stdout(&output);
    assert!(
        text.starts_with("error[unknown-table]: unknown table: the table name is empty\n"),
        "{text}"
    );
    assert!(
        text.contains("\n(empty table name): 1 error, 0 warnings\n"),
        "{text}"
    );
}
