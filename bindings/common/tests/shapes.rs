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
