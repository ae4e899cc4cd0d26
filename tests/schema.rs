//! The built-in schema against the official pages and the reference data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::schema::{ColumnType, Schema, Values};
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

/// `text` without its columns' `domain` and `used_in_docs` objects (each a block of lines
/// from `"domain": {` to the `},` at its indentation).
fn without_domains(text: &str) -> String {
    let mut kept = Vec::new();
    let mut closing: Option<String> = None;
    for line in text.split_inclusive('\n') {
        match &closing {
            Some(end) => {
                if line.trim_end() == end {
                    closing = None;
                }
            }
            None if matches!(line.trim(), "\"domain\": {" | "\"used_in_docs\": {") => {
                let indent = &line[..line.len() - line.trim_start().len()];
                closing = Some(format!("{indent}}},"));
            }
            None => kept.push(line),
        }
    }
    kept.concat()
}

#[test]
fn the_built_in_schema_is_the_reference_data() {
    let data = include_str!("../data/v2-schema.json");
    // When the shared reference is beside the repository (as in CI), the copy must match it
    // byte for byte but for the columns' `domain` objects, which only the copy has.
    if let Ok(reference) = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/v2-schema.json"
    )) {
        assert_eq!(
            reference,
            without_domains(data),
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
            let domain = &def["domain"];
            match &c.domain {
                None => assert!(domain.is_null(), "{name}.{column}"),
                Some(d) => {
                    assert_eq!(d.described, domain["described"].as_str().unwrap());
                    assert_eq!(d.source, domain["source"].as_str().unwrap());
                    let values = match &d.values {
                        Values::Ints(ranges) => {
                            let ranges: Vec<[i64; 2]> =
                                ranges.iter().map(|&(a, b)| [a, b]).collect();
                            serde_json::json!({ "ints": ranges })
                        }
                        Values::Strings(strings) => serde_json::json!({ "strings": strings }),
                    };
                    let key = if domain["ints"].is_null() {
                        "strings"
                    } else {
                        "ints"
                    };
                    assert_eq!(values[key], domain[key], "{name}.{column}");
                }
            }
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

#[test]
fn without_domains_drops_exactly_the_domain_blocks() {
    let text = "{\n  \"a\": {\n    \"type\": \"int\",\n    \"domain\": {\n      \"ints\": [[0, 1]],\n      \"x\": {\n      },\n      \"y\": 1\n    },\n    \"b\": 2\n  }\n}";
    assert_eq!(
        without_domains(text),
        "{\n  \"a\": {\n    \"type\": \"int\",\n    \"b\": 2\n  }\n}"
    );
}

/// The documented domains, as the old docs give them (v2-evidence, the column pages).
#[test]
fn a_domain_belongs_to_a_table_and_a_column() {
    let schema = Schema::builtin();
    let values = |table: &str, column: &str| {
        let column = schema.table(table)?.column(column)?;
        column.domain.as_ref().map(|d| d.values.clone())
    };
    assert_eq!(
        values("backlinks", "redirect"),
        Some(Values::Ints(vec![(0, 0), (300, 399)].into()))
    );
    assert_eq!(
        values("linked_domains_by_type", "redirect"),
        Some(Values::Ints(vec![(0, i64::MAX)].into()))
    );
    assert_eq!(values("refdomains_by_type", "redirect"), None);
    assert_eq!(values("backlinks", "encoding"), None);
    assert_eq!(
        values("backlinks_new_lost", "origin"),
        Some(Values::strings(["fresh", "drop", "recrawl"]))
    );
    // 184 ISO 639-1 codes, 6 withdrawn ones, and the empty string.
    let Some(Values::Strings(languages)) = values("backlinks", "language") else {
        panic!("no language domain");
    };
    assert_eq!(languages.len(), 191);
    for code in ["en", "de", "zh", "iw", ""] {
        assert!(languages.iter().any(|l| l == code), "{code}");
    }
}

#[test]
fn every_filterable_int_column_has_a_domain_of_its_type() {
    for table in Schema::builtin().tables() {
        for column in table.columns.iter() {
            let filterable = column.in_where || column.in_having;
            let at = format!("{}.{}", table.name, column.name);
            match &column.domain {
                None => assert!(!filterable || column.ty != ColumnType::Int, "{at} has none"),
                Some(domain) => {
                    assert!(filterable, "{at}");
                    assert!(!domain.source.is_empty() && !domain.what.is_empty(), "{at}");
                    let ty = match domain.values {
                        Values::Ints(_) => ColumnType::Int,
                        Values::Strings(_) => ColumnType::String,
                    };
                    assert_eq!(column.ty, ty, "{at}");
                }
            }
        }
    }
}

/// A `--schema` file can give a column a domain, and the lints compare with it.
#[test]
fn a_user_schema_gives_domains_to_its_columns() {
    let mine = Schema::from_json(
        r#"{"tables": {"shop": {"columns": {
            "stars": {"type": "int", "where": true, "having": true, "domain": {
                "ints": [[1, 5]], "described": "between 1 and 5",
                "what": "a star rating", "source": "the shop's docs"}},
            "state": {"type": "string", "where": true, "having": true, "domain": {
                "strings": ["open", "closed"], "described": "\"open\" or \"closed\"",
                "what": "whether the shop is open", "source": "the shop's docs"}}
        }}}}"#,
    )
    .unwrap();
    assert_eq!(Schema::from_json(&mine.to_json()).unwrap(), mine);
    let checker = Checker::new(&Schema::builtin().merged_with(&mine));
    let report =
        checker.check(&Request::new("shop").with_where(r#"stars>5,state<>"gone",state="OPEN""#));
    let found: Vec<(Code, std::ops::Range<usize>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.span.unwrap().range()))
        .collect();
    assert_eq!(
        found,
        [
            (Code::ImpossibleValue, 6..7),
            (Code::AlwaysTrue, 8..21),
            (Code::ImpossibleValue, 28..34),
        ]
    );
    assert_eq!(
        report.diagnostics[0].message,
        "`stars>5` matches no row: `stars` is always between 1 and 5"
    );
    assert_eq!(
        report.diagnostics[0].help.as_deref(),
        Some("`stars` is a star rating (the shop's docs); change the value or drop the condition")
    );
    // The wrongly cased value gets the documented spelling.
    let fixed = checker.fix(&Request::new("shop").with_where(r#"state="OPEN""#));
    assert_eq!(fixed.where_filter.as_deref(), Some(r#"state="open""#));
}

#[test]
fn a_domain_must_fit_its_column() {
    let column = |ty: &str, domain: &str| {
        Schema::from_json(&format!(
            r#"{{"tables": {{"t": {{"columns": {{"c": {{"type": "{ty}", "where": true, "having": true,
                "domain": {{{domain}, "described": "d", "what": "w", "source": "s"}}}}}}}}}}}}"#
        ))
        .map_err(|e| e.to_string())
    };
    assert!(column("int", r#""ints": [[0, 10], [20, 30]]"#).is_ok());
    assert!(column("string", r#""strings": ["a"]"#).is_ok());
    for (ty, domain, error) in [
        (
            "int",
            r#""strings": ["a"]"#,
            "the domain of an int column is `ints`",
        ),
        (
            "string",
            r#""ints": [[0, 1]]"#,
            "the domain of a string column is `strings`",
        ),
        ("date", r#""ints": [[0, 1]]"#, "a date column has no domain"),
        ("int", r#""ints": [[5, 1]]"#, "lowest <= highest"),
        (
            "int",
            r#""ints": [[0, 1]], "strings": ["a"]"#,
            "the domain of an int column is `ints`",
        ),
    ] {
        let found = column(ty, domain).unwrap_err();
        assert!(
            found.contains(error) && found.contains("`t.c`"),
            "{ty} {domain}: {found}"
        );
    }
    let missing = Schema::from_json(
        r#"{"tables": {"t": {"columns": {"c": {"type": "int", "where": true, "having": true,
            "domain": {"ints": [[0, 1]], "described": "d"}}}}}}"#,
    );
    assert!(missing
        .unwrap_err()
        .to_string()
        .contains("missing field `what`"));
}
