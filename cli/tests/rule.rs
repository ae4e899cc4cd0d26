//! `ahrefs-filter rule [CODE]` explains every code, and the README lists every one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use ahrefs_filter::Code;

#[test]
fn every_code_is_explained_with_an_example_and_a_fix() {
    for code in Code::ALL {
        let output = run(&["rule", code.as_str()]);
        assert_eq!(status(&output), 0, "{code}");
        let text = stdout(&output);
        assert!(
            text.starts_with(&format!("{code} ({})\n\n", code.severity().as_str())),
            "{text}"
        );
        assert!(text.contains("\nExample:\n  ahrefs-filter "), "{text}");
        assert!(text.contains("\nFix: "), "{text}");
    }
    let output = run(&["rule", "clause-not-allowed"]);
    assert!(stdout(&output).contains(
        "  ahrefs-filter check --table backlinks_one_per_domain --where 'domain_rating>30'\n"
    ));
}

#[test]
fn the_list_has_every_code_and_the_readme_has_the_list() {
    let output = run(&["rule"]);
    assert_eq!(status(&output), 0);
    let text = stdout(&output);
    let readme = include_str!("../../README.md");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), Code::ALL.len() + 1);
    for (line, code) in lines.iter().zip(Code::ALL) {
        let mut words = line.split_whitespace();
        assert_eq!(words.next(), Some(code.as_str()));
        let severity = words.next().unwrap();
        assert_eq!(severity, code.severity().as_str());
        let meaning = line[line.find(severity).unwrap() + severity.len()..].trim();
        let row = format!("| `{code}` | {severity} | {meaning} |\n");
        assert!(readme.contains(&row), "README lacks {row}");
    }
}

#[test]
fn a_misspelt_code_gets_a_did_you_mean() {
    let output = run(&["rule", "clause-not-alowed"]);
    assert_eq!(status(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: unknown code `clause-not-alowed`; did you mean `clause-not-allowed`?\n"
    );
}
