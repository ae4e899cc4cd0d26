//! The `ahrefs-filter` binary (spec §6): every subcommand, every exit status, the JSON
//! shapes field by field, token redaction, bad UTF-8 and a 10,000-line stdin batch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::process::Output;

use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// A one-line message on stderr, starting with `error:`.
fn assert_one_line_error(output: &Output) {
    let err = stderr(output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error:"), "{err}");
}

// ---------------------------------------------------------------- check

#[test]
fn readme_first_command_names_the_column_says_having_and_underlines_it() {
    let output = run(&[
        "check",
        "--table",
        "backlinks_one_per_domain",
        "--where",
        "domain_rating>30",
    ]);
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    assert!(out.contains("domain_rating"), "{out}");
    assert!(out.contains("allowed only in `having`"), "{out}");
    // The source line, then the underline under its 13 bytes.
    assert!(out.contains("1 │ domain_rating>30"), "{out}");
    assert!(out.contains("──────┬──────"), "{out}");
    // Piped: no colour codes.
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(
        out.contains("backlinks_one_per_domain: 1 error, 0 warnings"),
        "{out}"
    );
}

#[test]
fn check_exits_0_when_clean_and_when_only_warnings() {
    let output = run(&[
        "check",
        "--table",
        "refdomains",
        "--where",
        "refdomain=\"ahrefs.com\"",
        "--having",
        "domain_rating>30",
    ]);
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("refdomains: 0 errors, 0 warnings"));

    let output = run(&[
        "check",
        "--table",
        "refdomains_new_lost",
        "--where",
        "type:\"lost\"",
    ]);
    assert_eq!(status(&output), 0);
    let out = stdout(&output);
    assert!(out.contains("colon-equality"), "{out}");
    assert!(out.contains("canonical where: type=\"lost\""), "{out}");
}

#[test]
fn check_json_is_the_spec_shape_field_by_field() {
    let output = run(&[
        "check",
        "--table",
        "backlinks_one_per_domain",
        "--where",
        "domain_rating>30",
        "--format",
        "json",
    ]);
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 1, "one object per request, one line");
    let report = json(&out);
    assert_eq!(keys(&report), ["canonical", "diagnostics", "table"]);
    assert_eq!(report["table"], "backlinks_one_per_domain");
    assert_eq!(keys(&report["canonical"]), ["having", "where"]);
    assert_eq!(report["canonical"]["where"], "domain_rating>30");
    assert_eq!(report["canonical"]["having"], Value::Null);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!(
        keys(d),
        ["clause", "code", "fix", "help", "message", "severity", "span"]
    );
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "clause-not-allowed");
    assert_eq!(d["clause"], "where");
    assert_eq!(d["span"]["start"], 0);
    assert_eq!(d["span"]["end"], 13);
    assert_eq!(keys(&d["span"]), ["end", "start"]);
    assert!(d["message"].as_str().unwrap().contains("domain_rating"));
    assert_eq!(d["help"], "move `domain_rating>30` to `having`");
    // The fix deletes the condition from `where` (bytes 0..16, all of it) and appends it
    // to `having`, which the request does not send yet.
    let fix = &d["fix"];
    assert_eq!(keys(fix), ["applicability", "edits", "title"]);
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(
        fix["edits"],
        json(
            r#"[{"clause":"where","span":{"start":0,"end":16},"text":""},
                {"clause":"having","span":null,"text":"domain_rating>30","append":true}]"#
        )
    );
}

#[test]
fn check_json_nulls_span_clause_and_help_when_absent() {
    let output = run(&["check", "--table", "nope", "--format", "json"]);
    assert_eq!(status(&output), 1);
    let report = json(&stdout(&output));
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "unknown-table");
    assert_eq!(d["clause"], Value::Null);
    assert_eq!(d["span"], Value::Null);
    assert_eq!(report["canonical"]["where"], Value::Null);

    // A warning has severity "warning" and spans into its clause.
    let output = run(&[
        "check",
        "--table",
        "refdomains",
        "--having",
        "backlinks>\"10\"",
        "--format",
        "json",
    ]);
    assert_eq!(status(&output), 0);
    let report = json(&stdout(&output));
    let d = &report["diagnostics"][0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["code"], "quoted-number");
    assert_eq!(d["clause"], "having");
    assert_eq!(report["canonical"]["having"], "backlinks>\"10\"");
}

#[test]
fn check_fix_prints_the_fixed_request_too() {
    let args = [
        "check",
        "--table",
        "backlinks_one_per_domain",
        "--where",
        "domain_rating>30,anchor=seo",
        "--fix",
    ];
    let output = run(&args);
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    // The bare word stops type checking until it is quoted; the fixes go on from there.
    assert!(out.contains("unquoted-string"), "{out}");
    assert!(out.contains("fixed (2 fixes applied):"), "{out}");
    assert!(out.contains("  where:  anchor=\"seo\""), "{out}");
    assert!(out.contains("  having: domain_rating>30"), "{out}");

    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let report = json(&stdout(&run(&json_args)));
    assert_eq!(
        keys(&report),
        ["canonical", "diagnostics", "fixed", "table"]
    );
    assert_eq!(report["fixed"]["where"], "anchor=\"seo\"");
    assert_eq!(report["fixed"]["having"], "domain_rating>30");
    assert_eq!(report["fixed"]["applied"], 2);
}

#[test]
fn no_lint_turns_warnings_off_and_refuses_errors_and_unknown_codes() {
    let args = [
        "check",
        "--table",
        "refdomains",
        "--where",
        " refdomain = \"a\"",
    ];
    assert!(stdout(&run(&args)).contains("whitespace"));
    let mut quiet = args.to_vec();
    quiet.extend(["--no-lint", "whitespace"]);
    let output = run(&quiet);
    assert_eq!(status(&output), 0);
    assert!(stdout(&output).contains("0 errors, 0 warnings"));

    for code in ["unknown-column", "no-such-code"] {
        let mut bad = args.to_vec();
        bad.extend(["--no-lint", code]);
        let output = run(&bad);
        assert_eq!(status(&output), 2);
        assert_one_line_error(&output);
        assert!(stderr(&output).contains(code));
    }
}

#[test]
fn check_reads_a_user_schema_merged_over_the_builtin_one() {
    let dir = std::env::temp_dir().join(format!("ahrefs-filter-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("schema.json");
    std::fs::write(
        &path,
        r#"{"tables": {"mine": {"columns": {
            "score": {"type": "int", "where": true, "having": false}
        }}}}"#,
    )
    .unwrap();
    let schema = path.to_str().unwrap();
    let output = run(&[
        "check", "--schema", schema, "--table", "mine", "--where", "score>1",
    ]);
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    // The built-in tables are still there.
    let output = run(&[
        "check",
        "--schema",
        schema,
        "--table",
        "refdomains",
        "--where",
        "backlinks>1",
    ]);
    assert_eq!(status(&output), 0);

    std::fs::write(&path, "{not json").unwrap();
    let output = run(&["check", "--schema", schema, "--table", "mine"]);
    assert_eq!(status(&output), 2);
    assert_one_line_error(&output);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_schema_file_is_a_one_line_error_and_exit_2() {
    let output = run(&[
        "check",
        "--schema",
        "/nonexistent/schema.json",
        "--table",
        "refdomains",
    ]);
    assert_eq!(status(&output), 2);
    assert_one_line_error(&output);
    assert!(stderr(&output).contains("/nonexistent/schema.json"));
    assert!(output.stdout.is_empty());
}

// ---------------------------------------------------------------- fmt, parse

#[test]
fn fmt_prints_the_canonical_form() {
    let output = run(&[
        "fmt",
        "ahrefs_rank > 007 , type:\"lost\",substring(anchor,\"it\\'s\")",
    ]);
    assert_eq!(status(&output), 0);
    assert_eq!(
        stdout(&output),
        "ahrefs_rank>7,type=\"lost\",substring(anchor,\"it's\")\n"
    );
}

#[test]
fn fmt_and_parse_exit_1_with_diagnostics_on_stderr() {
    for subcommand in ["fmt", "parse"] {
        let output = run(&[subcommand, "a!=1,b='x'"]);
        assert_eq!(status(&output), 1, "{subcommand}");
        assert!(output.stdout.is_empty());
        let err = stderr(&output);
        assert!(err.contains("`!=` is not a v2 operator"), "{err}");
        assert!(
            err.contains("use double quotes") || err.contains('\''),
            "{err}"
        );
    }
}

#[test]
fn parse_prints_the_ast_as_json() {
    let output = run(&["parse", "ahrefs_rank>10,word(title,\"the\")"]);
    assert_eq!(status(&output), 0);
    let ast = json(&stdout(&output));
    let conditions = ast["conditions"].as_array().unwrap();
    assert_eq!(conditions.len(), 2);
    assert_eq!(conditions[0]["column"]["name"], "ahrefs_rank");
    assert_eq!(conditions[0]["span"]["start"], 0);
    assert_eq!(conditions[0]["span"]["end"], 14);
}

// ---------------------------------------------------------------- url

const CLEAN: &str = "https://apiv2.ahrefs.com/?token=SECRET123&from=refdomains&target=ahrefs.com\
                     &mode=domain&having=domain_rating%3E30&limit=10";
const BROKEN: &str = "https://apiv2.ahrefs.com/?token=SECRET123&from=backlinks_one_per_domain\
                      &target=ahrefs.com&mode=domian&where=domain_rating%3E30&limit=1%zz";

#[test]
fn url_human_underlines_request_and_filter_problems() {
    // Wide enough to show the whole URL.
    let output = command(&["url", BROKEN])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    assert!(out.contains("did you mean `domain`?"), "{out}");
    assert!(out.contains("percent-encoding"), "{out}");
    assert!(out.contains("allowed only in `having`"), "{out}");
    assert!(out.contains("token=***"), "{out}");
    assert!(!out.contains("SECRET123") && !stderr(&output).contains("SECRET123"));

    let output = run(&["url", CLEAN]);
    assert_eq!(status(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("refdomains: 0 errors, 0 warnings"));
}

#[test]
fn url_json_has_the_check_fields_plus_url_and_decoded() {
    let output = run(&["url", "--format", "json", BROKEN]);
    assert_eq!(status(&output), 1);
    let out = stdout(&output);
    assert!(!out.contains("SECRET123"));
    let report = json(&out);
    assert_eq!(
        keys(&report),
        ["canonical", "decoded", "diagnostics", "table", "url"]
    );
    let url = report["url"].as_str().unwrap();
    assert_eq!(url, BROKEN.replace("SECRET123", "***"));
    assert_eq!(report["table"], "backlinks_one_per_domain");
    assert_eq!(report["decoded"]["where"], "domain_rating>30");
    assert_eq!(report["decoded"]["having"], Value::Null);
    assert_eq!(report["canonical"]["where"], "domain_rating>30");
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "invalid-parameter",
            "invalid-parameter",
            "percent-encoding",
            "clause-not-allowed"
        ]
    );
    for d in report["diagnostics"].as_array().unwrap() {
        assert_eq!(
            keys(d),
            ["clause", "code", "fix", "help", "message", "severity", "span"]
        );
        let (start, end) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        // Request spans index the redacted URL; filter spans the decoded filter.
        let text = match d["clause"].as_str() {
            None => url,
            Some(clause) => report["decoded"][clause].as_str().unwrap(),
        };
        let covered = &text[start..end];
        match d["code"].as_str().unwrap() {
            "percent-encoding" => assert_eq!(covered, "%zz"),
            "clause-not-allowed" => assert_eq!(covered, "domain_rating"),
            _ => assert!(covered == "domian" || covered == "1%zz", "{covered}"),
        }
    }
}

#[test]
fn url_stdin_streams_ten_thousand_requests() {
    let mut input = String::new();
    for i in 0..10_000 {
        let line = match i % 4 {
            0 => format!("{CLEAN}&offset={i}"),
            1 => BROKEN.to_owned(),
            2 => format!("from=refdomains&target=t{i}.com&mode=exact&limt=5"),
            _ => format!("?token=SECRET123&from=anchors&target=a.com&mode=prefix&where=substring(anchor%2C%22{i}%22)"),
        };
        input.push_str(&line);
        input.push('\n');
    }
    let output = run_with_stdin(&["url", "-"], input.as_bytes());
    assert_eq!(status(&output), 1, "2,500 requests have errors");
    let out = stdout(&output);
    assert!(!out.contains("SECRET123"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 10_000);
    for (i, line) in lines.iter().enumerate() {
        let report = json(line);
        assert_eq!(report["line"], i + 1);
        assert_eq!(
            keys(&report),
            [
                "canonical",
                "decoded",
                "diagnostics",
                "line",
                "table",
                "url"
            ]
        );
        let errors = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count();
        assert_eq!(errors > 0, i % 4 == 1, "line {}: {line}", i + 1);
    }
    assert_eq!(
        stderr(&output),
        "10000 requests, 2500 with errors, 2500 with warnings\n"
    );
}

#[test]
fn url_stdin_skips_blank_lines_and_numbers_the_others() {
    let input = format!("\n{CLEAN}\n\n   \r\n{CLEAN}\r\n");
    let output = run_with_stdin(&["url", "-"], input.as_bytes());
    assert_eq!(status(&output), 0);
    let lines: Vec<Value> = stdout(&output).lines().map(json).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[1]["line"], 5);
    assert_eq!(
        stderr(&output),
        "2 requests, 0 with errors, 0 with warnings\n"
    );
}

#[test]
fn url_stdin_with_bad_utf8_reports_that_line_and_goes_on() {
    let mut input = format!("{CLEAN}\n").into_bytes();
    input.extend_from_slice(b"from=\xff\xfe&token=SECRET123\n");
    input.extend_from_slice(format!("{CLEAN}\n").as_bytes());
    let output = run_with_stdin(&["url", "-"], &input);
    assert_eq!(status(&output), 1, "an error was found");
    let out = stdout(&output);
    let lines: Vec<Value> = out.lines().map(json).collect();
    assert_eq!(lines.len(), 3, "nothing after the bad line is lost");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["diagnostics"][0]["code"], "syntax");
    assert_eq!(
        lines[1]["diagnostics"][0]["message"],
        "the line is not valid UTF-8 (at byte 5), so it is not linted"
    );
    // None of the line is shown: it may hold a token that cannot be found to redact.
    assert_eq!(lines[1]["url"], "");
    assert!(!out.contains("SECRET123"));
    assert_eq!(lines[2]["line"], 3);
    assert_eq!(
        stderr(&output),
        "3 requests, 1 with errors, 0 with warnings\n"
    );
}

#[test]
fn url_stdin_human_format_is_available() {
    let output = run_with_stdin(
        &["url", "-", "--format", "human"],
        format!("{BROKEN}\n").as_bytes(),
    );
    assert_eq!(status(&output), 1);
    assert!(stdout(&output).starts_with("line 1: "));
    assert!(stdout(&output).contains("allowed only in `having`"));
}

// ---------------------------------------------------------------- cost, tables

#[test]
fn cost_adds_request_results_and_filters() {
    let output = run(&[
        "cost",
        "--table",
        "backlinks_one_per_domain",
        "--where",
        "ahrefs_rank>1",
        "--having",
        "domain_rating>30",
        "--rows",
        "100",
    ]);
    assert_eq!(status(&output), 0);
    assert_eq!(
        stdout(&output),
        "backlinks_one_per_domain: 10 (request) + 2 × 100 (results) + 5 (where) + 5 (having) = 220 rows\n"
    );

    let output = run(&[
        "cost",
        "--table",
        "backlinks",
        "--rows",
        "1001",
        "--format",
        "json",
    ]);
    let cost = json(&stdout(&output));
    assert_eq!(cost["table"], "backlinks");
    assert_eq!(cost["rows"], 1001);
    assert_eq!(cost["results"], 200.2);
    assert_eq!(cost["where"], 0.0);
    assert_eq!(cost["where_sent"], false);
    assert_eq!(cost["total"], 201.2);
}

#[test]
fn cost_says_unknown_never_zero() {
    let output = run(&["cost", "--table", "pages", "--rows", "10"]);
    assert_eq!(status(&output), 0);
    assert!(stdout(&output).contains("= unknown"), "{}", stdout(&output));
    let output = run(&[
        "cost", "--table", "pages", "--rows", "10", "--format", "json",
    ]);
    let cost = json(&stdout(&output));
    assert_eq!(cost["total"], Value::Null);
    assert_eq!(cost["request"], Value::Null);
}

#[test]
fn cost_of_an_unknown_table_exits_1_and_without_rows_exits_2() {
    let output = run(&["cost", "--table", "backlink", "--rows", "1"]);
    assert_eq!(status(&output), 1);
    assert!(stdout(&output).contains("did you mean `backlinks`?"));
    let output = run(&["cost", "--table", "backlinks"]);
    assert_eq!(status(&output), 2);
    assert_one_line_error(&output);
    let output = run(&["cost", "--table", "backlinks", "--rows", "-5"]);
    assert_eq!(status(&output), 2);
}

#[test]
fn tables_lists_every_table_with_its_prices() {
    let output = run(&["tables"]);
    assert_eq!(status(&output), 0);
    let out = stdout(&output);
    // Header, 25 tables, footer.
    assert_eq!(out.lines().count(), 27, "{out}");
    let row: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("backlinks_one_per_domain "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(row, ["backlinks_one_per_domain", "26", "10", "2", "5", "5"]);
    let pages: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("pages "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(pages, ["pages", "12", "?", "?", "?", "?"]);

    let all = json(&stdout(&run(&["tables", "--format", "json"])));
    assert_eq!(all["tables"].as_object().unwrap().len(), 25);
}

#[test]
fn tables_t_lists_columns_with_type_and_clause_flags() {
    let output = run(&["tables", "backlinks_one_per_domain"]);
    assert_eq!(status(&output), 0);
    let out = stdout(&output);
    let dr: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("domain_rating "))
        .unwrap()
        .split_whitespace()
        .take(4)
        .collect();
    assert_eq!(dr, ["domain_rating", "int", "-", "yes"]);
    let one = json(&stdout(&run(&[
        "tables",
        "backlinks_one_per_domain",
        "--format",
        "json",
    ])));
    let columns = one["tables"]["backlinks_one_per_domain"]["columns"]
        .as_object()
        .unwrap();
    assert_eq!(columns.len(), 26);

    let output = run(&["tables", "backlinks_one_per_domian"]);
    assert_eq!(status(&output), 1);
    assert!(stdout(&output).contains("did you mean `backlinks_one_per_domain`?"));
}

// ---------------------------------------------------------------- usage errors

#[test]
fn an_unknown_subcommand_is_a_one_line_error_and_exit_2() {
    let output = run(&["chek"]);
    assert_eq!(status(&output), 2);
    assert_one_line_error(&output);
    assert!(stderr(&output).contains("'chek'"));
    assert!(stderr(&output).contains("'check'"), "the tip survives");
}

#[test]
fn a_missing_argument_is_a_one_line_error_and_exit_2() {
    let output = run(&["check"]);
    assert_eq!(status(&output), 2);
    assert_one_line_error(&output);
    assert!(stderr(&output).contains("--table"));
}

#[test]
fn help_exits_0_and_no_subcommand_exits_2() {
    let output = run(&["--help"]);
    assert_eq!(status(&output), 0);
    for subcommand in ["check", "fmt", "parse", "url", "cost", "tables"] {
        assert!(stdout(&output).contains(subcommand), "{subcommand}");
    }
    assert_eq!(status(&run(&[])), 2);
    assert_eq!(status(&run(&["--version"])), 0);
}

#[cfg(unix)]
#[test]
fn invalid_utf8_in_an_argument_is_a_one_line_error_and_exit_2() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    for args in [&["fmt"][..], &["check", "--table"], &["url"]] {
        let output = std::process::Command::new(BIN)
            .args(args)
            .arg(OsStr::from_bytes(b"a\xffb"))
            .output()
            .unwrap();
        assert_eq!(status(&output), 2, "{args:?}");
        assert_one_line_error(&output);
        assert!(stderr(&output).contains("UTF-8"), "{}", stderr(&output));
    }
}

// ---------------------------------------------------------------- README

/// Splits a shell command line written with single quotes only, as the README's are.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_word = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                in_word = true;
            }
            ' ' if !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                }
                in_word = false;
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// Every `$ ahrefs-filter …` in the README's tour prints what the README shows, and the
/// output after the first command is that command's.
#[test]
fn readme_outputs_are_real() {
    let readme = include_str!("../../README.md");
    let blocks: Vec<&str> = readme
        .split("```text\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let first = run(&[
        "check",
        "--table",
        "backlinks_one_per_domain",
        "--where",
        "domain_rating>30",
    ]);
    assert_eq!(blocks[0], stdout(&first));

    let mut checked = 0;
    for block in blocks {
        let mut lines = block.lines().peekable();
        while let Some(line) = lines.next() {
            let Some(command) = line.strip_prefix("$ ahrefs-filter ") else {
                continue;
            };
            let mut expected = String::new();
            while let Some(next) = lines.next_if(|l| !l.starts_with("$ ")) {
                expected.push_str(next);
                expected.push('\n');
            }
            if command.contains(" < ") {
                continue; // needs a file of URLs
            }
            let words = shell_words(command);
            let args: Vec<&str> = words.iter().map(String::as_str).collect();
            assert_eq!(stdout(&run(&args)), expected, "$ ahrefs-filter {command}");
            checked += 1;
        }
    }
    assert!(checked >= 9, "only {checked} commands found");
}
