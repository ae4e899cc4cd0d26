//! Terminal conventions: a closed pipe ends the run quietly with status 0, a usage error
//! names the subcommand's help, and every `--help` shows examples and the exit statuses.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::io::Write as _;
use std::process::Stdio;

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_status_0() {
    // 4 MB of output, far more than a pipe holds: the binary is still writing when the
    // reader goes away.
    let filter = "ahrefs_rank>1,".repeat(300_000);
    let filter = filter.trim_end_matches(',');
    let mut child = command(&["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(filter.as_bytes())
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert_eq!(stderr(&output), "");

    // And in the middle of a stream of reports.
    let lines = "from=refdomains&target=ahrefs.com&mode=domain\n".repeat(50_000);
    let mut child = command(&["url", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(lines.as_bytes());
    });
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(status(&output), 0, "{}", stderr(&output));
    assert!(!stderr(&output).contains("error"), "{}", stderr(&output));
}

#[test]
fn a_usage_error_names_the_subcommands_help() {
    let output = run(&["check", "--tabel", "backlinks"]);
    assert_eq!(status(&output), 2);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.ends_with("; see 'ahrefs-filter check --help'\n"),
        "{err}"
    );
    let output = run(&["url"]);
    assert!(stderr(&output).ends_with("; see 'ahrefs-filter url --help'\n"));
    let output = run(&["chek"]);
    assert!(stderr(&output).ends_with("; see 'ahrefs-filter --help'\n"));
}

#[test]
fn every_help_shows_examples_and_the_exit_statuses() {
    let subcommands = ["check", "fmt", "parse", "url", "cost", "tables", "rule"];
    let mut helps = vec![vec!["--help"]];
    helps.extend(subcommands.iter().map(|s| vec![*s, "--help"]));
    helps.extend(subcommands.iter().map(|s| vec!["help", *s]));
    for args in helps {
        let output = run(&args);
        assert_eq!(status(&output), 0, "{args:?}");
        let text = stdout(&output);
        assert!(text.contains("\nExamples:\n  "), "{args:?}: {text}");
        assert!(
            text.contains("Exit status: 0 no errors (warnings allowed), 1 errors found"),
            "{args:?}: {text}"
        );
        if let [name, "--help"] = args[..] {
            assert!(
                text.contains(&format!("\n  ahrefs-filter {name} "))
                    || name == "url"
                    || name == "check",
                "{text}"
            );
        }
    }
}
