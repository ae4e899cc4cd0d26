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
        let _ = writeln!(
            out,
            "        ColumnDef {{ name: {}, ty: ColumnType::{ty}, in_where: {}, in_having: {}, \
             description: {}, provenance: {}, note: {note} }},",
            cow(column),
            flag("where"),
            flag("having"),
            cow(text(def, "description")),
            cow(text(def, "provenance")),
        );
    }
    out.push_str("    ]) },\n");
}
