//! Hostile inputs through the binary: exit status 1 (errors) or 2 (unusable input) with a
//! clear message, never a panic (101).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_ahrefs-filter");

fn run(args: &[&std::ffi::OsStr], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may stop reading early (e.g. at a line that is not UTF-8).
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

fn args(list: &[&str]) -> Vec<std::ffi::OsString> {
    list.iter().map(std::ffi::OsString::from).collect()
}

fn refs(list: &[std::ffi::OsString]) -> Vec<&std::ffi::OsStr> {
    list.iter().map(|a| a.as_os_str()).collect()
}

fn assert_status(output: &Output, code: i32, what: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert_eq!(output.status.code(), Some(code), "{what}: {stderr}");
}

#[cfg(unix)]
#[test]
fn invalid_utf8_in_arguments() {
    use std::os::unix::ffi::OsStringExt as _;
    let bad = std::ffi::OsString::from_vec(b"anchor=\"\xff\xfe\"".to_vec());
    for mut list in [
        args(&["check", "--table", "backlinks", "--where"]),
        args(&["fmt"]),
        args(&["parse"]),
        args(&["url"]),
    ] {
        list.push(bad.clone());
        let output = run(&refs(&list), b"");
        assert_status(&output, 2, &format!("{list:?}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("UTF-8"), "{list:?}: {stderr}");
    }
    let list = [
        std::ffi::OsString::from("check"),
        std::ffi::OsString::from("--table"),
        std::ffi::OsString::from_vec(b"back\xfflinks".to_vec()),
    ];
    assert_status(&run(&refs(&list), b""), 2, "table not UTF-8");
}

#[test]
fn invalid_utf8_on_stdin() {
    let output = run(
        &refs(&args(&["url", "-"])),
        b"from=backlinks&target=a.com&mode=domain&where=anchor=%22x%22\xff\n",
    );
    assert_status(&output, 1, "stdin not UTF-8");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("{\"line\":1,") && stdout.contains("not valid UTF-8"),
        "{stdout}"
    );

    // Percent-encoded bytes that decode to invalid UTF-8 are a lint error, not an I/O one.
    let output = run(
        &refs(&args(&["url", "-"])),
        b"from=backlinks&target=a.com&mode=domain&where=%FF%FE\n",
    );
    assert_status(&output, 1, "percent-encoded invalid UTF-8");
    assert!(String::from_utf8_lossy(&output.stdout).contains("percent-encoding"));
}

/// miette 7.6 panics on a label 65,535 or more columns into its line; the CLI shows long
/// sources through a window around the label instead.
#[test]
fn long_line_error_past_column_65535_renders() {
    let filter = "ahrefs_rank>1,".repeat(6000);
    for list in [
        args(&[
            "check",
            "--table",
            "backlinks",
            "--format",
            "human",
            "--where",
            &filter,
        ]),
        args(&["fmt", &filter]),
        args(&[
            "url",
            &format!("from=backlinks&target=a&mode=domain&where={filter}"),
        ]),
    ] {
        let output = run(&refs(&list), b"");
        assert_status(&output, 1, "84 KB filter with a trailing comma");
        let all = [output.stdout, output.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(text.contains("trailing comma"), "{text}");
        assert!(text.len() < 64 * 1024, "{} bytes of report", text.len());
    }
    // A duplicate spread over the whole line: related labels outside the window go.
    let output = run(
        &refs(&args(&[
            "check",
            "--table",
            "backlinks",
            "--where",
            &filter[..filter.len() - 1],
        ])),
        b"",
    );
    assert_status(&output, 0, "84 KB of duplicates");
}

/// Control characters (all but NUL, which no argument can hold) in an argument.
#[test]
fn control_characters_in_arguments() {
    for byte in (1u8..0x20).chain([0x7f]) {
        let c = char::from(byte);
        for filter in [
            format!("anchor=\"x\"{c}"),
            format!("anchor=\"{c}\""),
            format!("{c}"),
        ] {
            let list = args(&["check", "--table", "backlinks", "--where", &filter]);
            let output = run(&refs(&list), b"");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!stderr.contains("panicked"), "{filter:?}: {stderr}");
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "{filter:?}: {stderr}"
            );
            // Human output never passes a control character (but tab and line feed)
            // on to the terminal: it could recolour or clear the screen.
            if !matches!(c, '\t' | '\n') {
                for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
                    assert!(
                        !bytes.contains(&byte),
                        "{filter:?}: raw {byte:#04x} on {stream}"
                    );
                }
            }
        }
    }
}

/// An escape sequence in a table name, a URL's decoded `from`, or a schema path reaches
/// the human output only escaped.
#[test]
fn control_characters_in_names_and_messages() {
    let esc = "\u{1b}[2J";
    let table = format!("back{esc}links");
    let url = "from=back%1B%5B2Jlinks&target=a&mode=domain&where=ahrefs_rank%3E1";
    let schema = format!("/nonexistent/{esc}.json");
    // (arguments, whether the output quotes the name): clap's own errors drop escape
    // sequences from the values they quote.
    for (list, quoted) in [
        (
            args(&["check", "--table", &table, "--where", "ahrefs_rank>1"]),
            true,
        ),
        (args(&["url", "--format", "human", url]), true),
        (args(&["tables", "--schema", &schema]), true),
        (
            args(&[
                "check",
                "--table",
                "backlinks",
                "--where",
                "a=1",
                "--format",
                esc,
            ]),
            false,
        ),
    ] {
        let output = run(&refs(&list), b"");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{list:?}: {stderr}");
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            assert!(!bytes.contains(&0x1b), "{list:?}: raw ESC on {stream}");
        }
        let all = format!("{}{stderr}", String::from_utf8_lossy(&output.stdout));
        assert_eq!(all.contains("\\u{1b}[2J"), quoted, "{list:?}: {all}");
    }
}

/// A megabyte of commas and a 10 MB filter on stdin (too long for an argument).
#[test]
fn huge_requests_on_stdin() {
    let commas = format!(
        "from=backlinks&target=a&mode=domain&where={}\n",
        ",".repeat(1 << 20)
    );
    for format in ["human", "json"] {
        let output = run(
            &refs(&args(&["url", "--format", format, "-"])),
            commas.as_bytes(),
        );
        assert_status(&output, 1, "1 MB of commas");
        assert!(
            output.stdout.len() < 16 << 20,
            "{} bytes out",
            output.stdout.len()
        );
    }
    let big = format!(
        "from=backlinks&target=a&mode=domain&where={}anchor=%22x%22\n",
        "ahrefs_rank>1,".repeat(10 << 20 >> 4)
    );
    let output = run(&refs(&args(&["url", "-"])), big.as_bytes());
    assert_status(&output, 0, "10 MB filter");
}
