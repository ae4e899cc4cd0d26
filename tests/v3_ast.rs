//! The v3 filter tree: its compact printer writes the grammar of `v3-reference.md` §1.2
//! exactly as serde does, real v3 `where` strings (from the reference) read into it and print
//! back unchanged, and `verify` finds what does not fit an endpoint.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::v3::{
    self, BinaryOp, Condition, ConditionTree, Expr, Filter, ListCondition, NullaryOp, Test, Value,
};

/// `where` strings seen in use (v3-reference.md §1.2–1.5), compact.
const SEEN: &[&str] = &[
    r#"{"not":{"field":"root_name_source","is":["isubstring","fortraders"]}}"#,
    r#"{"field":"last_seen","is":"is_null"}"#,
    r#"{"field":"serp_features","list_is":{"any":["eq","question"]}}"#,
    r#"{"and":[{"field":"domain_rating_source","is":["gte",19.5]},{"field":"is_dofollow","is":["eq",1]}]}"#,
    r#"{"or":[{"field":"url","is":["gt","https://a.com/b"]},{"field":"title","is":"empty"}]}"#,
    r#"{"field":"tags","list_is":{"all":{"and":[["prefix","Ahrefs"],{"not":["suffix","seo"]}]}}}"#,
];

#[test]
fn real_where_strings_read_and_print_back_unchanged() {
    for text in SEEN {
        let filter: Filter = serde_json::from_str(text).unwrap();
        assert_eq!(filter.to_string(), *text);
        assert_eq!(serde_json::to_string(&filter).unwrap(), *text);
    }
}

#[test]
fn the_tree_of_a_list_condition() {
    let filter: Filter = serde_json::from_str(SEEN[5]).unwrap();
    let expected = Filter::Expr(Expr {
        field: "tags".into(),
        test: Test::ListIs(ListCondition::All(ConditionTree::And(vec![
            ConditionTree::Leaf(Condition::binary(BinaryOp::Prefix, "Ahrefs")),
            ConditionTree::Not(Box::new(ConditionTree::Leaf(Condition::binary(
                BinaryOp::Suffix,
                "seo",
            )))),
        ]))),
    });
    assert_eq!(filter, expected);
}

#[test]
fn every_operator_prints_its_name() {
    let names: Vec<&str> = BinaryOp::ALL.iter().map(|op| op.as_str()).collect();
    assert_eq!(
        names,
        [
            "eq",
            "neq",
            "gt",
            "gte",
            "lt",
            "lte",
            "substring",
            "isubstring",
            "phrase_match",
            "iphrase_match",
            "prefix",
            "suffix",
            "regex"
        ]
    );
    for op in BinaryOp::ALL {
        let filter = Filter::is("f", Condition::binary(op, 1));
        let text = format!(r#"{{"field":"f","is":["{}",1]}}"#, op.as_str());
        assert_eq!(filter.to_string(), text);
        assert_eq!(serde_json::from_str::<Filter>(&text).unwrap(), filter);
    }
    for (op, name) in [(NullaryOp::Empty, "empty"), (NullaryOp::IsNull, "is_null")] {
        let filter = Filter::is("f", Condition::Nullary(op));
        assert_eq!(
            filter.to_string(),
            format!(r#"{{"field":"f","is":"{name}"}}"#)
        );
    }
}

#[test]
fn strings_are_escaped_as_json() {
    let s = "quote \" backslash \\ newline \n tab \t bell \u{7} del \u{7f} é ☃";
    let filter = Filter::is(
        "anchor",
        Condition::binary(BinaryOp::Eq, Value::from(s.to_owned())),
    );
    let text = filter.to_string();
    assert_eq!(
        text,
        "{\"field\":\"anchor\",\"is\":[\"eq\",\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 del \u{7f} é ☃\"]}"
    );
    assert_eq!(text, serde_json::to_string(&filter).unwrap());
}

#[test]
fn numbers_and_booleans() {
    let values = [
        (Value::Integer(-42), "-42"),
        (Value::Integer(i64::MAX), "9223372036854775807"),
        (Value::Float(19.5), "19.5"),
        (Value::Float(3.0), "3.0"),
        (Value::Bool(true), "true"),
        (Value::Bool(false), "false"),
    ];
    for (value, json) in values {
        let filter = Filter::is("f", Condition::Binary(BinaryOp::Eq, value));
        let text = format!(r#"{{"field":"f","is":["eq",{json}]}}"#);
        assert_eq!(filter.to_string(), text);
        assert_eq!(serde_json::to_string(&filter).unwrap(), text);
    }
}

#[test]
fn a_single_condition_is_bare_and_several_are_joined_by_and() {
    let one = Filter::is("f", Condition::IS_NULL);
    assert_eq!(Filter::and(vec![one.clone()]), one);
    assert_eq!(
        Filter::and(vec![one.clone(), one]).to_string(),
        r#"{"and":[{"field":"f","is":"is_null"},{"field":"f","is":"is_null"}]}"#
    );
}

#[test]
fn verify_finds_what_does_not_fit() {
    let endpoint = v3::endpoint("site-explorer/all-backlinks").unwrap();
    let problems = |text: &str| -> Vec<String> {
        let filter: Filter = serde_json::from_str(text).unwrap();
        v3::verify(&filter, endpoint)
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    let fits = [
        r#"{"field":"url_rating_source","is":["gte",19.5]}"#,
        r#"{"field":"is_dofollow","is":["eq",1]}"#,
        r#"{"field":"is_dofollow","is":["eq",true]}"#,
        r#"{"field":"link_type","is":["eq","text"]}"#,
        r#"{"field":"first_seen_link","is":["lt","2024-02-01"]}"#,
        r#"{"field":"first_seen_link","is":["gte","2025-01-01T00:00:00Z"]}"#,
        r#"{"field":"languages","list_is":{"any":["eq","en"]}}"#,
        r#"{"field":"alt","is":"is_null"}"#,
        r#"{"field":"anchor","is":"empty"}"#,
        r#"{"field":"anchor","is":["regex","^seo"]}"#,
    ];
    for text in fits {
        assert_eq!(problems(text), Vec::<String>::new(), "{text}");
    }
    let cases = [
        (r#"{"field":"ahrefs_rank","is":["gt",1]}"#, "`ahrefs_rank`: not a `where` field of site-explorer/all-backlinks"),
        (r#"{"field":"anchor","is":["gt","m"]}"#, "`anchor`: `gt` does not apply to a string value"),
        (r#"{"field":"anchor","is":["eq",1]}"#, "`anchor`: `eq` with a value that is not a string"),
        (r#"{"field":"link_type","is":["eq","href"]}"#, "`link_type`: `eq` with a value that is not a string of redirect, frame, text, form, canonical, alternate, rss, image"),
        (r#"{"field":"link_type","is":["substring","ref"]}"#, "`link_type`: `substring` does not apply to a string value"),
        (r#"{"field":"url_from","is":"is_null"}"#, "`url_from`: `is_null` on a field that is not nullable"),
        (r#"{"field":"languages","is":["eq","en"]}"#, "`languages`: an array field takes `list_is`, not `is`"),
        (r#"{"field":"anchor","list_is":{"any":["eq","x"]}}"#, "`anchor`: a string field takes `is`, not `list_is`"),
        (r#"{"field":"is_nofollow","is":["eq",2]}"#, "`is_nofollow`: `eq` with a value that is not a boolean"),
        (r#"{"field":"first_seen_link","is":["lt","yesterday"]}"#, "`first_seen_link`: `lt` with a value that is not a datetime"),
        (r#"{"and":[]}"#, "`and`/`or` over an empty list"),
    ];
    for (text, problem) in cases {
        assert_eq!(problems(text), [problem], "{text}");
    }
}

#[test]
fn the_pretty_form_reads_back_as_the_same_filter() {
    for text in SEEN {
        let filter: Filter = serde_json::from_str(text).unwrap();
        let pretty = filter.to_pretty_string();
        assert_eq!(
            serde_json::from_str::<Filter>(&pretty).unwrap(),
            filter,
            "{pretty}"
        );
    }
    let nested: Filter = serde_json::from_str(
        r#"{"and":[{"or":[{"field":"a","is":"empty"},{"field":"b","is":"empty"}]},{"field":"c","is":"empty"}]}"#,
    )
    .unwrap();
    assert_eq!(
        nested.to_pretty_string(),
        "{\"and\":[\n  {\"or\":[\n    {\"field\":\"a\",\"is\":\"empty\"},\n    {\"field\":\"b\",\"is\":\"empty\"}\n  ]},\n  {\"field\":\"c\",\"is\":\"empty\"}\n]}"
    );
}
