//! `ahrefs-filter v3` through the binary: the human output (snapshots), the JSON shape,
//! streaming with `-`, the options and the exit statuses (`v3-translation.md` §5).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

/// The worked example of `v3-reference.md` §3.6.
const WORKED: &str = "from=backlinks_one_per_domain&target=ahrefs.com&mode=domain&limit=100\
&where=ahrefs_rank>10,substring(url_from,\"blog\"),nofollow=false,first_seen>=\"2024-01-01\"\
&having=domain_rating>=30&order_by=ahrefs_rank:desc";

#[test]
fn human_output_of_the_worked_example() {
    let output = run(&["v3", WORKED]);
    assert_eq!(status(&output), 0, "warnings only");
    let text = stdout(&output);
    assert!(text.starts_with(
        "GET https://api.ahrefs.com/v3/site-explorer/all-backlinks?target=ahrefs.com&mode=domain&limit=100&aggregation=1_per_domain&history=live&select="
    ));
    assert!(text.contains("\nAuthorization: Bearer <v3 API key>\n"));
    insta::assert_snapshot!(text);
}

#[test]
fn human_output_of_an_exact_filter_pair() {
    let output = run(&[
        "v3",
        "--table",
        "anchors",
        "--where",
        "refpages>5",
        "--history",
        "live",
    ]);
    assert_eq!(status(&output), 0);
    let text = stdout(&output);
    assert!(
        text.ends_with("anchors -> site-explorer/anchors: exact; 0 errors, 0 warnings\n"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn human_output_of_an_untranslatable_filter() {
    let output = run(&[
        "v3",
        "--table",
        "backlinks",
        "--where",
        "prev_visited>\"2024-01-01\"",
    ]);
    assert_eq!(status(&output), 1);
    let text = stdout(&output);
    assert!(text.starts_with("not translated\n"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn v2_errors_are_reported_and_nothing_translated() {
    let output = run(&["v3", "from=backlinks&target=a.com&mode=domian"]);
    assert_eq!(status(&output), 1);
    let text = stdout(&output);
    assert!(text.contains("error[invalid-parameter]"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn json_is_one_object_in_the_contract_shape() {
    let output = run(&[
        "v3",
        "--table",
        "anchors",
        "--where",
        "refpages>5",
        "--format",
        "json",
    ]);
    assert_eq!(status(&output), 0);
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with(concat!(
        r#"{"table":"anchors","endpoint":"site-explorer/anchors","#,
        r#""params":{"history":"live","where":"{\"field\":\"refpages\",\"is\":[\"gt\",5]}"},"#,
        r#""where":{"field":"refpages","is":["gt",5]},"url":"https://api.ahrefs.com/v3/site-explorer/anchors?history=live&where="#
    )), "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["exact"], false);
    assert_eq!(value["diagnostics"][0]["code"], "v3-assumed");
}

#[test]
fn stdin_streams_one_line_per_request_with_its_line_number() {
    let input = "from=anchors&target=a.com&mode=domain&select=anchor\n\n\
                 https://apiv2.ahrefs.com/?token=s3cret&from=pages_info&target=a.com&mode=exact\n";
    let output = run_with_stdin(&["v3", "-"], input.as_bytes());
    assert_eq!(status(&output), 1, "the second has no v3 endpoint");
    let text = stdout(&output);
    assert!(!text.contains("s3cret"));
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["endpoint"], "site-explorer/anchors");
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["url"], serde_json::Value::Null);
    assert_eq!(lines[1]["diagnostics"][0]["code"], "v3-no-endpoint");
    assert!(text.lines().all(|l| l.starts_with("{\"line\":")));
    assert!(stderr(&output).contains("2 requests, 1 not translated"));
}

#[test]
fn options_change_the_choices_and_are_not_reported() {
    let output = run(&[
        "v3",
        "--table",
        "backlinks",
        "--where",
        "nofollow=false,first_seen<=\"2024-01-31\"",
        "--bool-literal",
        "01",
        "--dates",
        "raw",
        "--history",
        "since:2024-01-01",
        "--format",
        "json",
    ]);
    assert_eq!(status(&output), 0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["params"]["history"], "since:2024-01-01");
    assert_eq!(
        value["params"]["where"],
        r#"{"and":[{"field":"is_nofollow","is":["eq",0]},{"field":"first_seen_link","is":["lte","2024-01-31"]}]}"#
    );
    let codes: Vec<&str> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        codes
            .iter()
            .all(|m| !m.contains("history=") && !m.contains("booleans are sent")),
        "{codes:?}"
    );
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        ["v3", "--table", "anchors", "--history", "yesterday"],
        ["v3", "--table", "anchors", "--bool-literal", "yes"],
        ["v3", "--table", "anchors", "--dates", "hours"],
    ] {
        let output = run(&args);
        assert_eq!(status(&output), 2, "{args:?}");
    }
    assert_eq!(status(&run(&["v3"])), 2);
}
