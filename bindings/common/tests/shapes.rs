//! The reports are the CLI's JSON (spec §6, `src/json.rs`) with host spans: the seed example
//! as `check --format json` prints it, its spans here in JavaScript's convention.

use ahrefs_filter_bindings::{check, json, Options, Style};

#[test]
fn the_seed_example_is_the_clis_json_with_host_spans() {
    let report = check(
        "backlinks_one_per_domain",
        Some("domain_rating>30"),
        None,
        &Options::default(),
        Style::JS,
    )
    .unwrap();
    let span = r#"{"start":0,"end":13,"byteStart":0,"byteEnd":13}"#;
    let whole = r#"{"start":0,"end":16,"byteStart":0,"byteEnd":16}"#;
    let expected = [
        r#"{"table":"backlinks_one_per_domain","diagnostics":[{"severity":"error","#,
        r#""code":"clause-not-allowed","message":"column `domain_rating` cannot be used "#,
        r#"in `where` of table `backlinks_one_per_domain`","clause":"where","#,
        &format!(r#""span":{span},"help":"move `domain_rating>30` to `having`","#),
        r#""fix":{"title":"move `domain_rating>30` to `having`","applicability":"safe","#,
        &format!(r#""edits":[{{"clause":"where","span":{whole},"text":""}},"#),
        r#"{"clause":"having","span":null,"text":"domain_rating>30","append":true}]}}],"#,
        r#""canonical":{"where":"domain_rating>30","having":null}}"#,
    ]
    .concat();
    assert_eq!(json(&report), expected);
}

/// `value` with every host span reduced to the library's `{"start","end"}` byte offsets.
fn bytes_only(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) if map.contains_key("byteStart") => {
            serde_json::json!({ "start": map["byteStart"], "end": map["byteEnd"] })
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), bytes_only(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(bytes_only).collect()),
        other => other.clone(),
    }
}

/// Every `check` and `lintUrl` fixture gives the library's own JSON (`src/json.rs`, what the
/// CLI prints) once its spans are reduced to bytes: the bindings add host indices, nothing
/// else.
#[test]
fn reports_equal_the_librarys_json_apart_from_host_indices() {
    use ahrefs_filter::{Checker, Request, RequestLinter, Schema};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/cases.json");
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let linter = RequestLinter::new(Checker::new(Schema::builtin()));
    let mut compared = 0;
    for case in cases["cases"].as_array().unwrap() {
        if case.get("options").is_some() {
            continue;
        }
        let text = |key: &str| case.get(key).and_then(serde_json::Value::as_str);
        let (ours, library) = match text("op").unwrap() {
            "check" => {
                let (table, w, h) = (text("table").unwrap(), text("where"), text("having"));
                let ours = check(table, w, h, &Options::default(), Style::JS).unwrap();
                let request = Request {
                    table,
                    where_filter: w,
                    having_filter: h,
                };
                let library = linter.checker().check(&request);
                (json(&ours), serde_json::to_string(&library).unwrap())
            }
            "lintUrl" => {
                let url = text("url").unwrap();
                let ours =
                    ahrefs_filter_bindings::lint_url(url, &Options::default(), Style::JS).unwrap();
                (
                    json(&ours),
                    serde_json::to_string(&linter.lint(url)).unwrap(),
                )
            }
            _ => continue,
        };
        let ours: serde_json::Value = serde_json::from_str(&ours).unwrap();
        let library: serde_json::Value = serde_json::from_str(&library).unwrap();
        assert_eq!(bytes_only(&ours), library, "{}", case["name"]);
        compared += 1;
    }
    assert!(compared >= 10, "only {compared} cases compared");
}
