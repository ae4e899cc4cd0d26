//! A filter argument of `-` is read from stdin: `fmt -`, `parse -`, `check --where -`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

#[test]
fn fmt_and_parse_read_the_filter_from_stdin_without_its_line_ending() {
    let output = run_with_stdin(&["fmt", "-"], b"ahrefs_rank > 007 , type:\"lost\"\n");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "ahrefs_rank>7,type=\"lost\"\n");

    let output = run_with_stdin(&["parse", "-"], b"gov=true\r\n");
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    let ast: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    // The span ends at byte 8: the CR LF is not part of the filter.
    assert_eq!(ast["span"]["end"], 8);
}

#[test]
fn check_reads_one_clause_from_stdin() {
    let output = run_with_stdin(
        &[
            "check",
            "--table",
            "backlinks_one_per_domain",
            "--having",
            "domain_rating>30",
            "--where",
            "-",
            "--format",
            "json",
        ],
        b"anchor=\"seo\"\n",
    );
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["canonical"]["where"], "anchor=\"seo\"");
    assert_eq!(report["canonical"]["having"], "domain_rating>30");
}

#[test]
fn a_filter_longer_than_any_command_line_goes_through_stdin() {
    // 4 MB: more than Linux takes in one argument (128 KiB) or in all of them (2 MB).
    let filter = format!("{}anchor=\"x\"", "ahrefs_rank>1,".repeat(300_000));
    let output = run_with_stdin(&["fmt", "-"], filter.as_bytes());
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output).len(), filter.len() + 1);
}

#[test]
fn two_filters_from_stdin_or_bad_utf8_are_usage_errors() {
    let output = run_with_stdin(
        &[
            "check",
            "--table",
            "backlinks",
            "--where",
            "-",
            "--having",
            "-",
        ],
        b"x=1",
    );
    assert_eq!(status(&output), 2);
    assert!(stderr(&output).starts_with("error: only one filter can be read from stdin"));

    let output = run_with_stdin(&["fmt", "-"], b"anchor=\"\xff\"");
    assert_eq!(status(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: the filter on stdin is not valid UTF-8 (at byte 8)\n"
    );
}
