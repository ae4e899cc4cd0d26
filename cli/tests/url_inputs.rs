//! `url` reads requests from arguments, files (several at once) and stdin (`-`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use serde_json::Value;

const CLEAN: &str = "from=refdomains&target=ahrefs.com&mode=domain";
const BAD_MODE: &str = "from=refdomains&target=ahrefs.com&mode=domian";

/// A file under the target directory, unique to the test.
fn file(name: &str, content: &[u8]) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("url_inputs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_owned()
}

fn objects(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn files_arguments_and_stdin_in_one_run() {
    let a = file("a.txt", format!("{CLEAN}\n\n{BAD_MODE}\n").as_bytes());
    let b = file("b.txt", format!("{BAD_MODE}\r\n").as_bytes());
    let output = run_with_stdin(
        &["url", &a, CLEAN, "-", &b],
        format!("{CLEAN}\n").as_bytes(),
    );
    assert_eq!(status(&output), 1, "{}", stderr(&output));
    let objects = objects(&stdout(&output));
    let place = |o: &Value| (o["file"].clone(), o["line"].clone());
    let places: Vec<(Value, Value)> = objects.iter().map(place).collect();
    assert_eq!(
        places,
        [
            (Value::from(a.as_str()), Value::from(1)),
            // Line 2 is blank: skipped, but counted.
            (Value::from(a.as_str()), Value::from(3)),
            // A request argument has neither.
            (Value::Null, Value::Null),
            // Stdin has a line and no file.
            (Value::Null, Value::from(1)),
            (Value::from(b.as_str()), Value::from(1)),
        ]
    );
    assert_eq!(objects[1]["diagnostics"][0]["code"], "invalid-parameter");
    assert_eq!(
        objects[4]["url"], BAD_MODE,
        "the CR is not part of the request"
    );
    assert_eq!(
        stderr(&output),
        "5 requests, 2 with errors, 0 with warnings\n"
    );
}

#[test]
fn human_reports_of_a_file_name_the_file_and_line() {
    let path = file("human.txt", format!("{CLEAN}\n{BAD_MODE}\n").as_bytes());
    let output = run(&["url", "--format", "human", &path]);
    assert_eq!(status(&output), 1);
    let text = stdout(&output);
    assert!(
        text.starts_with(&format!("{path}:1: refdomains: 0 errors, 0 warnings\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{path}:2: error[invalid-parameter]: `mode` must be one of"
        )),
        "{text}"
    );
}

#[test]
fn a_line_that_is_not_utf8_is_that_lines_error_and_the_file_goes_on() {
    let mut content = format!("{CLEAN}\n").into_bytes();
    content.extend_from_slice(b"from=refdomains&target=\xe9t\xe9\n");
    content.extend_from_slice(format!("{CLEAN}\n").as_bytes());
    let path = file("latin1.txt", &content);
    let output = run(&["url", &path]);
    assert_eq!(status(&output), 1);
    let objects = objects(&stdout(&output));
    assert_eq!(objects.len(), 3);
    assert_eq!(
        objects[1]["diagnostics"][0]["message"],
        "the line is not valid UTF-8 (at byte 23), so it is not linted"
    );
    assert_eq!(objects[2]["line"], 3);
    assert_eq!(
        stderr(&output),
        "3 requests, 1 with errors, 0 with warnings\n"
    );
}

#[test]
fn access_log_lines_are_read_for_their_request() {
    let log = concat!(
        r#"1.2.3.4 - - [10/Oct/2025:13:55:36 -0700] "GET /?token=s3cret&from=refdomains&target=ahrefs.com&mode=domian HTTP/1.1" 200 2326"#,
        "\n",
        r#"5.6.7.8 - - [10/Oct/2025:13:55:37 -0700] "GET /?from=refdomains&target=ahrefs.com&mode=domain HTTP/1.1" 200 12 "-" "curl/8.0""#,
        "\n",
    );
    let path = file("access.log", log.as_bytes());
    let output = run(&["url", &path]);
    let objects = objects(&stdout(&output));
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["diagnostics"][0]["code"], "invalid-parameter");
    assert_eq!(objects[1]["diagnostics"], Value::Array(vec![]));
    assert!(!stdout(&output).contains("s3cret"));
    assert_eq!(status(&output), 1);
}
