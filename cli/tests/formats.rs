//! `--format concise`, `github` and `sarif`: one line, one workflow command or one SARIF
//! result per diagnostic, placed by file, line and column (characters, from 1).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use serde_json::Value;

/// Line 2 has a bad `mode` at character 40 and a `where` whose `domain_rating` (a
/// having-only column) starts at character 53 of the line.
const LINES: &str = "from=refdomains&target=ahrefs.com&mode=domain\n\
                     from=refdomains&target=ahrefs.com&mode=domian&where=domain_rating%3E30\n";

/// The requests in a file of the test's own (tests run in parallel).
fn requests_file(test: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("formats");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{test}.txt"));
    std::fs::write(&path, LINES).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn concise_is_file_line_column_severity_code_message() {
    let path = requests_file("concise");
    let output = run(&["url", "--format", "concise", &path]);
    assert_eq!(status(&output), 1);
    assert_eq!(
        stdout(&output),
        format!(
            "{path}:2:40: error[invalid-parameter] `mode` must be one of `exact`, `domain`, `subdomains`, `prefix`, not `domian`\n\
             {path}:2:53: error[clause-not-allowed] column `domain_rating` cannot be used in `where` of table `refdomains`\n"
        )
    );
    // `check` names the clause, and counts in it: `anchor="éé",ahrefs_rank` is 23 characters.
    let output = run(&[
        "check",
        "--table",
        "backlinks",
        "--where",
        "anchor=\"éé\",ahrefs_rank > 1",
        "--format",
        "concise",
    ]);
    assert_eq!(status(&output), 0);
    assert_eq!(
        stdout(&output),
        "where:1:24: warning[whitespace] whitespace outside quotes\n"
    );
}

#[test]
fn github_prints_workflow_commands_with_file_line_and_columns() {
    let path = requests_file("github");
    let output = run(&["url", "--format", "github", &path]);
    assert_eq!(status(&output), 1);
    assert_eq!(
        stdout(&output),
        format!(
            "::error file={path},line=2,col=40,endColumn=46,title=ahrefs-filter invalid-parameter::\
             `mode` must be one of `exact`, `domain`, `subdomains`, `prefix`, not `domian`%0Ahelp: did you mean `domain`?\n\
             ::error file={path},line=2,col=53,endColumn=66,title=ahrefs-filter clause-not-allowed::\
             column `domain_rating` cannot be used in `where` of table `refdomains`%0Ahelp: move `domain_rating>30` to `having`\n"
        )
    );
}

#[test]
fn sarif_is_one_document_with_a_rule_per_code_and_located_results() {
    let path = requests_file("sarif");
    let output = run(&["url", "--format", "sarif", &path]);
    assert_eq!(status(&output), 1);
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "one document");
    let sarif: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "ahrefs-filter");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in [
        "syntax",
        "clause-not-allowed",
        "unsatisfiable",
        "truncated",
        "v3-assumed",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    for rule in rules {
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty(), "{rule}");
        assert!(!rule["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .is_empty());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let first = &results[0];
    assert_eq!(first["ruleId"], "invalid-parameter");
    assert_eq!(first["level"], "error");
    let index = first["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "invalid-parameter");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], path.as_str());
    assert_eq!(location["region"]["startLine"], 2);
    assert_eq!(location["region"]["startColumn"], 40);
    assert_eq!(location["region"]["endColumn"], 46);
    assert!(first["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with("`mode` must be one of"));
    assert_eq!(results[1]["ruleId"], "clause-not-allowed");
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["region"]["startColumn"],
        53
    );
}
