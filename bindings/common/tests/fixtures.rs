//! The shared fixture cases (`bindings/fixtures/cases.json`) through the Rust API, in each
//! host's span convention.
//!
//! Every case's result, its spans reduced to byte offsets, must equal
//! `bindings/fixtures/expected.json`, which the JavaScript and Python tests compare with
//! too: so the three bindings give the same reports apart from their string indices.
//! `AHREFS_FILTER_BLESS=1 cargo test -p ahrefs-filter-bindings --test fixtures` rewrites
//! it; review the diff. Each case's hand-worked `expect` is checked as well, with spans
//! sliced in the host's own units.

#![allow(clippy::unwrap_used)] // a test: a broken fixture should stop it loudly

use std::path::PathBuf;

use ahrefs_filter_bindings as api;
use api::{Options, Style, Unit};
use serde_json::{json, Map, Value};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

fn text<'v>(case: &'v Value, key: &str) -> Option<&'v str> {
    case.get(key).and_then(Value::as_str)
}

fn options(case: &Value) -> Options {
    match case.get("options") {
        Some(value) => Options::from_json(&value.to_string()).unwrap(),
        None => Options::default(),
    }
}

fn outcome<T: serde::Serialize>(result: Result<T, api::Error>) -> Value {
    match result {
        Ok(value) => json!({ "result": value }),
        Err(error) => json!({ "error": error }),
    }
}

/// Runs one case through the API in `style`.
fn run(case: &Value, style: Style) -> Value {
    let op = text(case, "op").unwrap();
    let options = options(case);
    let (table, where_filter, having) = (
        text(case, "table").unwrap_or(""),
        text(case, "where"),
        text(case, "having"),
    );
    let filter = text(case, "filter").unwrap_or("");
    match op {
        "check" => outcome(api::check(table, where_filter, having, &options, style)),
        "fix" => outcome(api::fix(table, where_filter, having, &options)),
        "format" => outcome(api::format(filter, style)),
        "parse" => outcome(api::parse(filter, style)),
        "lintUrl" => outcome(api::lint_url(text(case, "url").unwrap(), &options, style)),
        "lintUrls" => {
            let urls: Vec<&str> = case["urls"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap())
                .collect();
            outcome(api::lint_urls(urls, &options, style))
        }
        "cost" => {
            let rows = case["rows"].as_u64().unwrap();
            outcome(api::cost(table, rows, where_filter, having, &options))
        }
        "table" => outcome(api::table(table, &options)),
        "tables" => outcome(api::tables(&options)),
        other => panic!("unknown op {other}"),
    }
}

/// `value` with every host span `{start, end, byteStart, byteEnd}` (or `byte_start`,
/// `byte_end`) reduced to its byte offsets `{start, end}`.
fn bytes_only(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let bytes = ["byteStart", "byte_start"]
                .iter()
                .zip(["byteEnd", "byte_end"])
                .find_map(|(s, e)| Some((map.get(*s)?.clone(), map.get(e)?.clone())));
            if let Some((start, end)) = bytes {
                return json!({ "start": start, "end": end });
            }
            let map: Map<String, Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), bytes_only(v)))
                .collect();
            Value::Object(map)
        }
        Value::Array(items) => Value::Array(items.iter().map(bytes_only).collect()),
        other => other.clone(),
    }
}

/// JSON equality with numbers compared as numbers (`10` and `10.0` are equal, as in
/// JavaScript and Python).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// `text` cut at host indices `start..end` counted in `unit`.
fn host_slice(text: &str, start: u64, end: u64, unit: Unit) -> String {
    let (start, end) = (start as usize, end as usize);
    match unit {
        Unit::Byte => text[start..end].to_owned(),
        Unit::CodePoint => text.chars().skip(start).take(end - start).collect(),
        Unit::Utf16 => {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(&units[start..end]).unwrap()
        }
    }
}

/// The text each diagnostic of a report points into.
fn source<'v>(case: &'v Value, report: &'v Value, diagnostic: &Value) -> &'v str {
    let clause = diagnostic["clause"].as_str();
    if let Some(url) = report.get("url").and_then(Value::as_str) {
        return match clause {
            Some(clause) => report["decoded"][clause].as_str().unwrap_or(""),
            None => url,
        };
    }
    match clause {
        Some(clause) => text(case, clause).unwrap_or(""),
        None => text(case, "filter").unwrap_or(""),
    }
}

/// Checks the hand-worked `expect` of one report (or error) in `unit`.
fn expect(name: &str, case: &Value, expect: &Value, report: &Value, unit: Unit) {
    let diagnostics = report["diagnostics"].as_array();
    if let Some(codes) = expect.get("codes") {
        let got: Vec<&Value> = diagnostics.unwrap().iter().map(|d| &d["code"]).collect();
        let want: Vec<&Value> = codes.as_array().unwrap().iter().collect();
        assert_eq!(got, want, "{name}: codes");
    }
    if let Some(slices) = expect.get("slices") {
        let got: Vec<Value> = diagnostics
            .unwrap()
            .iter()
            .map(|d| match d["span"].as_object() {
                Some(span) => {
                    let (start, end) = (span["start"].as_u64(), span["end"].as_u64());
                    let text = source(case, report, d);
                    Value::from(host_slice(text, start.unwrap(), end.unwrap(), unit))
                }
                None => Value::Null,
            })
            .collect();
        assert_eq!(&Value::from(got), slices, "{name}: slices in {unit:?}");
    }
    for key in ["canonical", "url", "total"] {
        if let Some(want) = expect.get(key) {
            assert!(same(&report[key], want), "{name}: {key}: {}", report[key]);
        }
    }
}

#[test]
fn every_case_gives_the_expected_report_in_every_convention() {
    let dir = fixtures();
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cases.json")).unwrap()).unwrap();
    let mut results = Map::new();
    for case in cases["cases"].as_array().unwrap() {
        let name = text(case, "name").unwrap();
        let reduced = run(case, Style::C);
        let reduced = bytes_only(&reduced);
        for style in [Style::C, Style::JS, Style::PYTHON] {
            let got = run(case, style);
            assert_eq!(bytes_only(&got), reduced, "{name}: {style:?}");
            let want = case.get("expect").cloned().unwrap_or_default();
            match (&got.get("result"), &got.get("error")) {
                (Some(result), None) => {
                    assert!(want.get("error").is_none(), "{name}: expected an error");
                    if let Some(value) = want.get("value") {
                        assert!(same(result, value), "{name}: {result}");
                    }
                    if let Some(batch) = want.get("batch") {
                        for (i, (report, want)) in result
                            .as_array()
                            .unwrap()
                            .iter()
                            .zip(batch.as_array().unwrap())
                            .enumerate()
                        {
                            expect(&format!("{name} [{i}]"), case, want, report, style.unit);
                        }
                    } else {
                        expect(name, case, &want, result, style.unit);
                    }
                }
                (None, Some(error)) => {
                    assert_eq!(
                        want.get("error"),
                        Some(&error["kind"]),
                        "{name}: unexpected error {error}"
                    );
                    expect(name, case, &want, error, style.unit);
                }
                _ => unreachable!(),
            }
        }
        assert!(
            results.insert(name.to_owned(), reduced).is_none(),
            "{name}: two cases have this name"
        );
    }
    let results = Value::Object(results);
    let path = dir.join("expected.json");
    let blessing = std::env::var_os("AHREFS_FILTER_BLESS").is_some();
    if blessing || !path.exists() {
        let mut text = serde_json::to_string_pretty(&results).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
    }
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for (name, want) in expected.as_object().unwrap() {
        assert!(
            same(&results[name], want),
            "{name}: the report differs from expected.json:\n{}",
            results[name]
        );
    }
    assert_eq!(
        expected.as_object().unwrap().len(),
        results.as_object().unwrap().len(),
        "expected.json has other cases than cases.json"
    );
}
