//! The built-in v2 schema (`OUT_DIR/schema.rs`) from `data/v2-schema.json`.

use std::fmt::Write as _;
use std::{fs, path::Path};

use serde_json::{Map, Value};

const SOURCE: &str = "data/v2-schema.json";

pub fn generate(out_dir: &Path) {
    println!("cargo:rerun-if-changed={SOURCE}");
    let text = fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("reading {SOURCE}: {e}"));
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {SOURCE}: {e}"));
    let tables = object(&json, "tables");
    let mut out = String::from("pub(super) static TABLES: &[TableDef] = &[\n");
    for (name, table) in tables {
        write_table(&mut out, name, table);
    }
    out.push_str("];\n");
    let dest = out_dir.join("schema.rs");
    fs::write(&dest, out).unwrap_or_else(|e| panic!("writing {}: {e}", dest.display()));
}

fn object<'v>(value: &'v Value, key: &str) -> &'v Map<String, Value> {
    value
        .get(key)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{SOURCE}: `{key}` must be an object"))
}

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn cow(s: &str) -> String {
    format!("Cow::Borrowed({s:?})")
}

fn cost(value: &Value, key: &str) -> String {
    match value.get("cost").and_then(|c| c.get(key)) {
        None | Some(Value::Null) => "None".to_owned(),
        Some(n) => {
            let n = n
                .as_f64()
                .unwrap_or_else(|| panic!("{SOURCE}: cost.{key} must be a number or null"));
            format!("Some({n:?})")
        }
    }
}

fn write_table(out: &mut String, name: &str, table: &Value) {
    let notes: Vec<String> = table
        .get("notes")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(cow).collect())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "    TableDef {{ name: {}, description: {}, response_key: {}, \
         cost: Cost {{ request: {}, result: {}, where_: {}, having: {} }}, \
         source: {}, source_quality: {}, notes: Cow::Borrowed(&[{}]), columns: Cow::Borrowed(&[",
        cow(name),
        cow(text(table, "description")),
        table
            .get("response_key")
            .and_then(Value::as_str)
            .map_or_else(|| "None".to_owned(), |k| format!("Some({})", cow(k))),
        cost(table, "request"),
        cost(table, "result"),
        cost(table, "where"),
        cost(table, "having"),
        cow(text(table, "source")),
        cow(text(table, "source_quality")),
        notes.join(", "),
    );
    for (column, def) in object(table, "columns") {
        let ty = match text(def, "type") {
            "int" => "Int",
            "string" => "String",
            "date" => "Date",
            "boolean" | "bool" => "Boolean",
            "float" => "Float",
            other => panic!("{SOURCE}: {name}.{column}: unknown type `{other}`"),
        };
        let flag = |key: &str| {
            def.get(key)
                .and_then(Value::as_bool)
                .unwrap_or_else(|| panic!("{SOURCE}: {name}.{column}.{key} must be a boolean"))
        };
        let note = def
            .get("note")
            .and_then(Value::as_str)
            .map_or_else(|| "None".to_owned(), |n| format!("Some({})", cow(n)));
        let used_in_docs = def.get("used_in_docs").map_or_else(
            || "None".to_owned(),
            |u| {
                let clause = match text(u, "clause") {
                    "where" => "Where",
                    "having" => "Having",
                    other => panic!("{SOURCE}: {name}.{column}.used_in_docs.clause: `{other}`"),
                };
                format!(
                    "Some(DocumentedUse {{ clause: Clause::{clause}, evidence: {} }})",
                    cow(text(u, "evidence"))
                )
            },
        );
        let domain = def.get("domain").map_or_else(
            || "None".to_owned(),
            |d| format!("Some({})", domain(&format!("{name}.{column}"), ty, d)),
        );
        let _ = writeln!(
            out,
            "        ColumnDef {{ name: {}, ty: ColumnType::{ty}, in_where: {}, in_having: {}, \
             description: {}, provenance: {}, note: {note}, domain: {domain}, \
             used_in_docs: {used_in_docs} }},",
            cow(column),
            flag("where"),
            flag("having"),
            cow(text(def, "description")),
            cow(text(def, "provenance")),
        );
    }
    out.push_str("    ]) },\n");
}

/// A column's `domain` object as a `Domain` expression. The data must already be in the
/// form the library keeps (`Values`' invariants): the build refuses anything else, so the
/// file stays the one place the values are written.
fn domain(at: &str, ty: &str, domain: &Value) -> String {
    let words = |key: &str| {
        domain
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{SOURCE}: {at}.domain.{key} must be a string"))
    };
    let values = match (ty, domain.get("ints"), domain.get("strings")) {
        ("Int", Some(ints), None) => {
            let ranges: Vec<(i64, i64)> = ints
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| match r.as_array().map(|r| r.as_slice()) {
                    Some([lo, hi]) => (lo.as_i64(), hi.as_i64()),
                    _ => (None, None),
                })
                .map(|r| match r {
                    (Some(lo), Some(hi)) if lo <= hi => (lo, hi),
                    _ => panic!("{SOURCE}: {at}.domain.ints must be [lowest, highest] pairs"),
                })
                .collect();
            assert!(
                !ranges.is_empty() && ranges.windows(2).all(|w| w[0].1 < w[1].0),
                "{SOURCE}: {at}.domain.ints must be sorted, disjoint and not empty"
            );
            let ranges: Vec<String> = ranges.iter().map(|r| format!("{r:?}")).collect();
            format!("Values::Ints(Cow::Borrowed(&[{}]))", ranges.join(", "))
        }
        ("String", None, Some(strings)) => {
            let strings: Vec<&str> = strings
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    s.as_str()
                        .unwrap_or_else(|| panic!("{SOURCE}: {at}.domain.strings must be strings"))
                })
                .collect();
            assert!(
                !strings.is_empty() && strings.windows(2).all(|w| w[0] < w[1]),
                "{SOURCE}: {at}.domain.strings must be sorted, each once, and not empty"
            );
            let strings: Vec<String> = strings.into_iter().map(cow).collect();
            format!("Values::Strings(Cow::Borrowed(&[{}]))", strings.join(", "))
        }
        _ => panic!(
            "{SOURCE}: {at}.domain needs `ints` on an int column or `strings` on a string column"
        ),
    };
    let note = domain
        .get("note")
        .and_then(Value::as_str)
        .map_or_else(|| "None".to_owned(), |n| format!("Some({})", cow(n)));
    format!(
        "Domain {{ values: {values}, described: {}, what: {}, source: {}, note: {note} }}",
        cow(words("described")),
        cow(words("what")),
        cow(words("source")),
    )
}
