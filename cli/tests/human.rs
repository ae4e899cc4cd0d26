//! Human output through the binary: every report is headed by its severity and code,
//! drawn in ASCII where the terminal cannot show box drawing, with positions counted in
//! characters over the whole filter and a bounded window of the source.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

const README_FIRST: [&str; 5] = [
    "check",
    "--table",
    "backlinks_one_per_domain",
    "--where",
    "domain_rating>30",
];

/// The character position of `pattern` in `line`.
fn at(line: &str, pattern: &str) -> usize {
    line[..line.find(pattern).unwrap()].chars().count()
}

/// The character position where the underline in `line` starts.
fn underline_at(line: &str) -> usize {
    line.chars().position(|c| c == '─' || c == '┬').unwrap()
}

#[test]
fn a_report_starts_with_its_severity_and_code() {
    let output = run(&README_FIRST);
    assert_eq!(status(&output), 1);
    assert_eq!(
        stdout(&output),
        "\
error[clause-not-allowed]: column `domain_rating` cannot be used in `where` of table `backlinks_one_per_domain`
  ╭─[where:1:1]
1 │ domain_rating>30
  · ──────┬──────
  ·       ╰── allowed only in `having`
  ╰────
  help: move `domain_rating>30` to `having`

backlinks_one_per_domain: 1 error, 0 warnings
canonical where: domain_rating>30
"
    );
    // A warning is headed `warning[…]`, so `grep error` finds only errors.
    let output = run(&[
        "check",
        "--table",
        "refdomains",
        "--having",
        "backlinks>\"10\"",
    ]);
    assert_eq!(status(&output), 0);
    assert!(
        stdout(&output).starts_with("warning[quoted-number]: "),
        "{}",
        stdout(&output)
    );
}

#[test]
fn plain_ascii_when_the_locale_is_not_utf8_or_the_terminal_is_dumb() {
    let ascii = "\
error[clause-not-allowed]: column `domain_rating` cannot be used in `where` of table `backlinks_one_per_domain`
  ,-[where:1:1]
1 | domain_rating>30
  : ^^^^^^^^^^^^^
  :       `-- allowed only in `having`
  `----
  help: move `domain_rating>30` to `having`

";
    let cases: [&[(&str, &str)]; 4] = [
        &[("LANG", "C")],
        &[("LANG", "en_US.ISO-8859-1")],
        // LC_ALL overrides LANG, as in setlocale.
        &[("LANG", "en_US.UTF-8"), ("LC_ALL", "POSIX")],
        &[("TERM", "dumb")],
    ];
    for env in cases {
        let mut command = command(&README_FIRST);
        command.envs(env.iter().copied());
        let output = command.output().unwrap();
        let text = stdout(&output);
        assert!(text.starts_with(ascii), "{env:?}:\n{text}");
        assert!(text.is_ascii(), "{env:?}:\n{text}");
    }
    // A UTF-8 locale given only by LC_CTYPE draws boxes.
    let mut command = command(&README_FIRST);
    command.env_remove("LANG").env("LC_CTYPE", "de_DE.utf8");
    assert!(stdout(&command.output().unwrap()).contains("╭─[where:1:1]"));
}

#[test]
fn columns_count_characters_not_bytes() {
    // `anchor="éé",` is 12 characters (14 bytes), `nofollow` 8 more: `!=` is character
    // 21 of the line (byte 23).
    let output = run(&[
        "check",
        "--table",
        "backlinks",
        "--where",
        "anchor=\"éé\",nofollow!=true",
    ]);
    let text = stdout(&output);
    assert!(text.contains("─[where:1:21]\n"), "{text}");
    // The underline is under `!=`: as many characters in as `!=` is in the source line.
    let lines: Vec<&str> = text.lines().collect();
    let source = lines.iter().find(|l| l.contains("nofollow!=true")).unwrap();
    let under = lines.iter().find(|l| l.contains('┬')).unwrap();
    assert_eq!(underline_at(under), at(source, "!="), "{text}");
}

#[test]
fn a_long_filter_shows_the_real_column_and_a_window_of_its_line() {
    // 851 conditions of 14 bytes, then `nofollow!=true`: `!=` starts at byte (and
    // character) 851 × 14 + 8 = 11,922, column 11,923, past the old 8 KiB window.
    let filter = format!("{}nofollow!=true", "ahrefs_rank>1,".repeat(851));
    let output = run(&["check", "--table", "backlinks", "--where", &filter]);
    assert_eq!(status(&output), 1);
    let text = stdout(&output);
    assert!(text.contains("─[where:1:11923]\n"), "{text}");
    // The conditions before it are checked too (851 times the same: a duplicate warning).
    let report = text
        .split("\n\n")
        .find(|r| r.starts_with("error[syntax]"))
        .unwrap();
    // The line is shown through a window that fits the width, with `…` where it is cut.
    for line in report.lines() {
        assert!(line.chars().count() <= 100, "{line:?}");
    }
    let source = report
        .lines()
        .find(|l| l.contains("nofollow!=true"))
        .unwrap();
    assert!(source.starts_with("1 │ …"), "{source:?}");
    let under = report.lines().find(|l| l.contains('┬')).unwrap();
    assert_eq!(underline_at(under), at(source, "!="), "{report}");
}

#[test]
fn many_problems_print_a_bounded_report_and_check_caps_them() {
    // 6,000 quoted numbers on a 100 KB line: 6,000 warnings, of which 1,000 are listed,
    // each with a window of its line, then one `truncated` warning.
    let filter = "ahrefs_rank=\"1\",".repeat(6000);
    let filter = filter.trim_end_matches(',');
    let output = run(&[
        "check",
        "--table",
        "backlinks",
        "--no-lint",
        "duplicate",
        "--where",
        filter,
    ]);
    assert_eq!(status(&output), 0);
    let text = stdout(&output);
    assert_eq!(text.matches("warning[quoted-number]").count(), 1000);
    assert!(
        text.contains("warning[truncated]: 5000 more diagnostics are not listed\n"),
        "{}",
        &text[text.len().saturating_sub(2000)..]
    );
    assert!(text.contains("backlinks: 0 errors, 6000 warnings\n"));
    assert!(text.len() < 1000 * 600, "{} bytes", text.len());

    let output = run(&[
        "check",
        "--table",
        "backlinks",
        "--no-lint",
        "duplicate",
        "--format",
        "json",
        "--where",
        filter,
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1001);
    assert_eq!(diagnostics[1000]["code"], "truncated");
}
