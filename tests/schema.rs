//! The built-in schema against the official pages and the reference data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::schema::{ColumnType, Schema};
use ahrefs_filter::{Clause, Code};

/// `backlinks_one_per_domain` as the official page lists it (name, type, where, having).
const BACKLINKS_ONE_PER_DOMAIN: [(&str, ColumnType, bool, bool); 26] = [
    ("url_from", ColumnType::String, true, true),
    ("url_to", ColumnType::String, true, true),
    ("ahrefs_rank", ColumnType::Int, true, true),
    ("domain_rating", ColumnType::Int, false, true),
    ("ahrefs_top", ColumnType::Int, false, true),
    ("ip_from", ColumnType::String, true, true),
    ("links_internal", ColumnType::Int, true, true),
    ("links_external", ColumnType::Int, true, true),
    ("page_size", ColumnType::Int, true, true),
    ("encoding", ColumnType::String, true, true),
    ("language", ColumnType::String, true, true),
    ("title", ColumnType::String, true, true),
    ("first_seen", ColumnType::Date, true, true),
    ("last_visited", ColumnType::Date, true, true),
    ("prev_visited", ColumnType::Date, true, true),
    ("original", ColumnType::Boolean, true, true),
    ("link_type", ColumnType::String, true, true),
    ("redirect", ColumnType::Int, true, true),
    ("nofollow", ColumnType::Boolean, true, true),
    ("alt", ColumnType::String, true, true),
    ("anchor", ColumnType::String, true, true),
    ("text_pre", ColumnType::String, true, true),
    ("text_post", ColumnType::String, true, true),
    ("http_code", ColumnType::Int, true, true),
    ("url_from_first_seen", ColumnType::Date, true, true),
    ("total_backlinks", ColumnType::Int, false, true),
];

/// A well-typed and an ill-typed condition on `column` of type `ty`.
fn conditions(column: &str, ty: ColumnType) -> (String, String) {
    match ty {
        ColumnType::Int => (format!("{column}>=1"), format!("{column}=\"abc\"")),
        ColumnType::String => (format!("{column}=\"x\""), format!("{column}=5")),
        ColumnType::Date => (
            format!("{column}>=\"2020-01-01\""),
            format!("{column}=20200101"),
        ),
        ColumnType::Boolean => (format!("{column}=true"), format!("{column}=\"x\"")),
        ColumnType::Float => unreachable!("no float column in this table"),
    }
}

#[test]
fn backlinks_one_per_domain_matches_the_official_page() {
    let schema = Schema::builtin();
    let table = schema.table("backlinks_one_per_domain").unwrap();
    let listed: Vec<&str> = table.columns.iter().map(|c| &*c.name).collect();
    let expected: Vec<&str> = BACKLINKS_ONE_PER_DOMAIN.iter().map(|c| c.0).collect();
    assert_eq!(listed, expected);

    let checker = Checker::new(schema);
    for (name, ty, in_where, in_having) in BACKLINKS_ONE_PER_DOMAIN {
        let column = table.column(name).unwrap();
        assert_eq!(column.ty, ty, "{name}");
        let (good, bad) = conditions(name, ty);
        for (clause, allowed) in [(Clause::Where, in_where), (Clause::Having, in_having)] {
            let filter = ahrefs_filter::parse(&good).unwrap();
            // Lints may warn about a sample value (e.g. `language="x"`); only errors matter here.
            let found: Vec<_> = checker
                .check_filter(table, clause, &filter)
                .into_iter()
                .filter(|d| d.is_error())
                .collect();
            if allowed {
                assert!(found.is_empty(), "{good} in {clause}: {found:?}");
            } else {
                assert_eq!(found.len(), 1, "{good} in {clause}: {found:?}");
                assert_eq!(found[0].code, Code::ClauseNotAllowed);
                assert_eq!(found[0].span.unwrap().range(), 0..name.len());
                assert!(found[0].help.as_deref().unwrap().contains("having"));
            }
            let filter = ahrefs_filter::parse(&bad).unwrap();
            let codes: Vec<Code> = checker
                .check_filter(table, clause, &filter)
                .iter()
                .map(|d| d.code)
                .collect();
            assert!(
                codes.contains(&Code::TypeMismatch),
                "{bad} in {clause}: {codes:?}"
            );
        }
    }
    assert_eq!(table.cost.request, Some(10.0));
    assert_eq!(table.cost.result, Some(2.0));
    assert_eq!(table.cost.where_, Some(5.0));
    assert_eq!(table.cost.having, Some(5.0));
}

#[test]
fn the_built_in_schema_is_the_reference_data() {
    let data = include_str!("../data/v2-schema.json");
    // When the shared reference is beside the repository (as in CI), the copy must match it.
    if let Ok(reference) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/v2-schema.json"
    )) {
        assert_eq!(
            reference, data,
            "data/v2-schema.json differs from shared/reference/v2-schema.json"
        );
    }
    let loaded = Schema::from_json(data).unwrap();
    assert_eq!(&loaded, Schema::builtin());
    assert_eq!(Schema::builtin().tables().len(), 25);

    let json: serde_json::Value = serde_json::from_str(data).unwrap();
    let tables = json["tables"].as_object().unwrap();
    for (name, table) in tables {
        let built_in = Schema::builtin().table(name).unwrap();
        let columns = table["columns"].as_object().unwrap();
        assert_eq!(built_in.columns.len(), columns.len(), "{name}");
        for (column, def) in columns {
            let c = built_in.column(column).unwrap();
            assert_eq!(
                c.ty.as_str(),
                def["type"].as_str().unwrap(),
                "{name}.{column}"
            );
            assert_eq!(
                c.in_where,
                def["where"].as_bool().unwrap(),
                "{name}.{column}"
            );
            assert_eq!(
                c.in_having,
                def["having"].as_bool().unwrap(),
                "{name}.{column}"
            );
        }
        for (key, value) in [
            ("request", built_in.cost.request),
            ("result", built_in.cost.result),
            ("where", built_in.cost.where_),
            ("having", built_in.cost.having),
        ] {
            assert_eq!(table["cost"][key].as_f64(), value, "{name}.cost.{key}");
        }
    }
}

#[test]
fn a_user_schema_round_trips_and_merges() {
    let mine = Schema::from_json(
        r#"{"tables": {"mine": {"cost": {"request": 1, "result": null}, "columns": {
            "score": {"type": "int", "where": true, "having": false},
            "flag": {"type": "bool", "where": false, "having": true}
        }}}}"#,
    )
    .unwrap();
    let table = mine.table("mine").unwrap();
    assert_eq!(
        table.columns.iter().map(|c| &*c.name).collect::<Vec<_>>(),
        ["score", "flag"]
    );
    assert_eq!(table.column("flag").unwrap().ty, ColumnType::Boolean);
    assert_eq!(table.cost.request, Some(1.0));
    assert_eq!(table.cost.result, None);
    assert_eq!(Schema::from_json(&mine.to_json()).unwrap(), mine);

    let merged = Schema::builtin().merged_with(&mine);
    assert_eq!(merged.tables().len(), 26);
    let report = Checker::new(&merged).check(&Request::new("mine").with_where("score>1,flag=true"));
    let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::ClauseNotAllowed]);

    assert!(Schema::from_json(r#"{"tables": {"t": {"columns": {"a": {"type": "decimal", "where": true, "having": true}}}}}"#).is_err());
    assert!(Schema::from_json(r#"{"tables": {"t": {"columns": {"a": {"type": "int", "where": true, "having": true}, "a": {"type": "int", "where": true, "having": true}}}}}"#).is_err());
}

#[test]
fn tables_without_filterable_columns_refuse_filters() {
    let checker = Checker::new(Schema::builtin());
    for (table, filter, clause) in [
        ("metrics", "backlinks>1", Clause::Where),
        ("subscription_info", "rows_left>1", Clause::Having),
        ("linked_domains", "links>1", Clause::Where),
    ] {
        let t = Schema::builtin().table(table).unwrap();
        assert!(!t.accepts(clause), "{table}");
        let found = checker.check_filter(t, clause, &ahrefs_filter::parse(filter).unwrap());
        assert_eq!(
            found.iter().map(|d| d.code).collect::<Vec<_>>(),
            [Code::ClauseNotAllowed],
            "{table}"
        );
    }
}
