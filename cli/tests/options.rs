//! `--color`, the width, `--quiet`, `--deny-warnings`, `--no-lint` lists and `--today`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

const WHERE_BAD: [&str; 5] = [
    "check",
    "--table",
    "backlinks_one_per_domain",
    "--where",
    "domain_rating>30",
];

#[test]
fn color_follows_the_option_then_no_color_and_force_color() {
    let has_escape = |output: &std::process::Output| output.stdout.contains(&0x1b);
    // Piped: `auto` is plain.
    assert!(!has_escape(&run(&WHERE_BAD)));
    let mut args = WHERE_BAD.to_vec();
    args.extend(["--color", "always"]);
    let output = run(&args);
    assert!(has_escape(&output));
    assert!(stdout(&output).starts_with("\x1b[1;31merror[clause-not-allowed]\x1b[0m: "));
    assert!(has_escape(
        &command(&WHERE_BAD)
            .env("FORCE_COLOR", "1")
            .output()
            .unwrap()
    ));
    // NO_COLOR wins over FORCE_COLOR; `never` over both.
    let both = command(&WHERE_BAD)
        .env("FORCE_COLOR", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!has_escape(&both));
    let mut args = WHERE_BAD.to_vec();
    args.extend(["--color", "never"]);
    assert!(!has_escape(
        &command(&args).env("FORCE_COLOR", "1").output().unwrap()
    ));
}

#[test]
fn the_width_bounds_the_source_lines() {
    let filter = format!("{}nofollow!=true", "ahrefs_rank>1,".repeat(20));
    let output = command(&["check", "--table", "backlinks", "--where", &filter])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    let text = stdout(&output);
    // Every drawn line (not the message heading a report, nor its help), labels included.
    let drawn = text
        .lines()
        .filter(|l| l.starts_with(' ') || l.starts_with("1 "))
        .filter(|l| !l.starts_with("  help"));
    for line in drawn {
        assert!(line.chars().count() <= 60, "{line:?}\n{text}");
    }
    assert!(text.contains("nofollow!=true"), "{text}");
}

#[test]
fn quiet_prints_only_requests_with_problems() {
    let input = "from=refdomains&target=ahrefs.com&mode=domain\n\
                 from=refdomains&target=ahrefs.com&mode=domian\n\
                 from=refdomains&target=ahrefs.com&mode=exact\n";
    let output = run_with_stdin(
        &["url", "--quiet", "--format", "human", "-"],
        input.as_bytes(),
    );
    assert_eq!(status(&output), 1);
    let text = stdout(&output);
    assert!(
        text.starts_with("line 2: error[invalid-parameter]: "),
        "{text}"
    );
    assert!(
        !text.contains("line 1") && !text.contains("line 3"),
        "{text}"
    );
    assert_eq!(stderr(&output), "", "no summary");

    let output = run(&[
        "check",
        "--table",
        "backlinks",
        "--where",
        "ahrefs_rank>1",
        "--quiet",
    ]);
    assert_eq!((status(&output), stdout(&output)), (0, String::new()));
}

#[test]
fn deny_warnings_makes_warnings_fail_the_run() {
    let args = [
        "check",
        "--table",
        "backlinks",
        "--where",
        "ahrefs_rank > 1",
    ];
    assert_eq!(status(&run(&args)), 0);
    let mut denied = args.to_vec();
    denied.push("--deny-warnings");
    assert_eq!(status(&run(&denied)), 1);
    let output = run_with_stdin(
        &["url", "--deny-warnings", "-"],
        b"from=backlinks&target=a.com&mode=exact&where=ahrefs_rank%20>1\n",
    );
    assert_eq!(status(&output), 1);
}

#[test]
fn no_lint_takes_comma_lists_and_all_and_suggests_codes() {
    let filter = "ahrefs_rank = \"1\"";
    let codes = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--table",
            "backlinks",
            "--format",
            "json",
            "--where",
            filter,
        ];
        args.extend(extra);
        let report: serde_json::Value = serde_json::from_str(&stdout(&run(&args))).unwrap();
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    // One warning for all the whitespace of a filter, one for the quoted number.
    assert_eq!(codes(&[]), ["whitespace", "quoted-number"]);
    assert_eq!(codes(&["--no-lint", "whitespace"]), ["quoted-number"]);
    assert!(codes(&["--no-lint", "whitespace,quoted-number"]).is_empty());
    assert!(codes(&["--no-lint", "all"]).is_empty());

    let output = run(&["check", "--table", "backlinks", "--no-lint", "whitespce"]);
    assert_eq!(status(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains("unknown code `whitespce`; did you mean `whitespace`? warnings are: "),
        "{err}"
    );
    let output = run(&["check", "--table", "backlinks", "--no-lint", "syntax"]);
    assert_eq!(status(&output), 2);
    assert!(stderr(&output).contains("`syntax` is an error; only warnings can be turned off"));
}

#[test]
fn today_fixes_the_date_future_date_compares_with() {
    let check = |today: &str| {
        run(&[
            "check",
            "--table",
            "backlinks",
            "--where",
            "first_seen>\"2025-06-01\"",
            "--today",
            today,
            "--format",
            "concise",
        ])
    };
    assert!(stdout(&check("2025-01-01")).contains("warning[future-date]"));
    assert_eq!(stdout(&check("2025-12-31")), "");
    let output = check("2025-13-01");
    assert_eq!(status(&output), 2);
    assert!(stderr(&output).contains("`2025-13-01` is not a date written YYYY-MM-DD"));
}
