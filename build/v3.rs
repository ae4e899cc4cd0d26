//! The v3 tables (`OUT_DIR/v3.rs`) from `data/v3-schema.json` (the endpoints and their
//! `where` fields) and `data/v3-mapping.json` (v2 table → endpoint, v2 column → field).
//! Only what the translator uses is generated; every mapped field is checked here to exist
//! in its endpoint's `where` list, so the library cannot name a field that is not there.

use std::fmt::Write as _;
use std::{fs, path::Path};

use serde_json::{Map, Value};

const SCHEMA: &str = "data/v3-schema.json";
const MAPPING: &str = "data/v3-mapping.json";

fn read(path: &str) -> Value {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"))
}

fn object<'v>(value: &'v Value, key: &str, file: &str) -> &'v Map<String, Value> {
    value
        .get(key)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{file}: `{key}` must be an object"))
}

fn strings(value: Option<&Value>) -> Vec<&str> {
    value
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("&[{}]", quoted.join(", "))
}

fn pairs(map: Option<&Value>) -> String {
    let items: Vec<String> = map
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("({k:?}, {:?})", v.as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    format!("&[{}]", items.join(", "))
}

fn status(value: &Value, context: &str) -> &'static str {
    match value.get("status").and_then(Value::as_str) {
        Some("S") => "Status::Strong",
        Some("I") => "Status::Inferred",
        Some("U") => "Status::Unknown",
        other => panic!("{MAPPING}: {context}: unknown status {other:?}"),
    }
}

fn field_type(ty: &str, context: &str) -> &'static str {
    match ty {
        "integer" => "FieldType::Integer",
        "float" => "FieldType::Float",
        "boolean" => "FieldType::Boolean",
        "string" => "FieldType::String",
        "datetime" => "FieldType::Datetime",
        "date" => "FieldType::Date",
        "array(string)" | "array(url)" => "FieldType::StringArray",
        "array(integer)" => "FieldType::IntegerArray",
        other => panic!("{SCHEMA}: {context}: type `{other}` is not one the translator knows"),
    }
}

pub fn generate(out_dir: &Path) {
    let schema = read(SCHEMA);
    let mapping = read(MAPPING);
    let endpoints = object(&schema, "endpoints", SCHEMA);
    let mut out = String::from("pub(super) static ENDPOINTS: &[Endpoint] = &[\n");
    let names: Vec<&String> = endpoints.keys().collect();
    for (path, endpoint) in endpoints {
        let params = object(endpoint, "params", SCHEMA);
        let not_in_order_by = strings(params.get("order_by").and_then(|o| o.get("not_allowed")));
        let select = strings(endpoint.get("select"));
        let fields = object(endpoint, "where", SCHEMA);
        let keys: Vec<&String> = fields.keys().collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "{SCHEMA}: {path}: `where` fields must be sorted (the library searches them)"
        );
        let _ = writeln!(
            out,
            "    Endpoint {{ path: {path:?}, history: {}, aggregation: {}, not_in_order_by: {}, \
             select: {}, fields: &[",
            params.contains_key("history"),
            params.contains_key("aggregation"),
            list(&not_in_order_by),
            list(&select),
        );
        for (name, field) in fields {
            let context = format!("{path}.{name}");
            let ty = field_type(
                field.get("type").and_then(Value::as_str).unwrap_or(""),
                &context,
            );
            let nullable = field
                .get("nullable")
                .and_then(Value::as_bool)
                .unwrap_or_else(|| panic!("{SCHEMA}: {context}.nullable must be a boolean"));
            let _ = writeln!(
                out,
                "        Field {{ name: {name:?}, ty: {ty}, nullable: {nullable}, values: {} }},",
                list(&strings(field.get("enum"))),
            );
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n\npub(super) static TABLES: &[TableMap] = &[\n");

    let columns = object(&mapping, "columns", MAPPING);
    for (table, def) in object(&mapping, "tables", MAPPING) {
        let endpoint = def.get("endpoint").and_then(Value::as_str);
        let index = endpoint.map(|e| {
            names
                .iter()
                .position(|n| n.as_str() == e)
                .unwrap_or_else(|| panic!("{MAPPING}: {table}: endpoint `{e}` not in {SCHEMA}"))
        });
        let text = |key: &str| def.get(key).and_then(Value::as_str).unwrap_or("");
        let params = def.get("params").and_then(Value::as_object);
        let fields = endpoint.map(|e| object(&endpoints[e], "where", SCHEMA));
        let select: Vec<&str> = endpoint
            .map(|e| strings(endpoints[e].get("select")))
            .unwrap_or_default();
        let table_columns = columns.get(table).and_then(Value::as_object);
        assert!(
            endpoint.is_none() || table_columns.is_some(),
            "{MAPPING}: {table} has an endpoint but no columns"
        );
        // `select=*`: the select fields the columns map to, in column order, and the
        // columns left out.
        let (mut default_select, mut lost) = (Vec::new(), Vec::new());
        let mut rows = String::new();
        for (column, map) in table_columns.into_iter().flatten() {
            let field = map.get("field").and_then(Value::as_str);
            let requires_met = map
                .get("requires")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .all(|(n, v)| params.and_then(|p| p.get(n)) == Some(v));
            match field {
                Some(f) if select.contains(&f) && requires_met => {
                    assert!(
                        f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                        "{MAPPING}: {table}.{column}: `{f}` needs percent-encoding in `select`"
                    );
                    if !default_select.contains(&f) {
                        default_select.push(f);
                    }
                }
                _ => lost.push(format!("`{column}`")),
            }
            write_column(&mut rows, table, column, map, fields);
        }
        let inference = match (endpoint, status(def, table)) {
            (Some(e), "Status::Inferred") => {
                let with: Vec<String> = params
                    .into_iter()
                    .flatten()
                    .map(|(n, v)| format!("{n}={}", v.as_str().unwrap_or("")))
                    .collect();
                let with = if with.is_empty() {
                    String::new()
                } else {
                    format!(" with `{}`", with.join("&"))
                };
                format!(
                    "`{table}` became `{e}`{with}, an inference: {}",
                    text("evidence").trim_start_matches("INFERRED; ")
                )
            }
            _ => String::new(),
        };
        let lost = if lost.is_empty() {
            String::new()
        } else {
            format!(
                "v2 `select=*` also returned {}, which have no v3 field: the explicit list \
                 leaves them out",
                lost.join(", ")
            )
        };
        let _ = writeln!(
            out,
            "    TableMap {{ table: {table:?}, endpoint: {index:?}, params: {}, status: {}, \
             note: {:?}, evidence: {:?}, inference: {inference:?}, default_select: {:?}, \
             default_select_encoded: {:?}, select_lost: {lost:?}, columns: &[",
            pairs(def.get("params")),
            status(def, table),
            text("note"),
            text("evidence"),
            default_select.join(","),
            default_select.join("%2C"),
        );
        out.push_str(&rows);
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    let dest = out_dir.join("v3.rs");
    fs::write(&dest, out).unwrap_or_else(|e| panic!("writing {}: {e}", dest.display()));
}

fn write_column(
    out: &mut String,
    table: &str,
    column: &str,
    map: &Value,
    fields: Option<&Map<String, Value>>,
) {
    let context = format!("{table}.{column}");
    let exists = |field: &str| {
        assert!(
            fields.is_some_and(|f| f.contains_key(field)),
            "{MAPPING}: {context}: field `{field}` is not in the endpoint's `where` list"
        );
    };
    let field = map.get("field").and_then(Value::as_str);
    if let Some(field) = field {
        exists(field);
    }
    let rewrite = match map.get("rewrite").and_then(Value::as_str) {
        None => "Rewrite::Plain",
        Some("date day -> half-open range") => "Rewrite::Date",
        Some("language->languages any") => "Rewrite::Languages",
        Some("redirect 0 -> is_null") => "Rewrite::Redirect",
        Some("alt empty -> or(is_null, eq \"\")") => "Rewrite::Alt",
        Some("href -> text (alt: or(eq text, eq image))") => "Rewrite::Values",
        Some(refuse) if refuse.starts_with("refuse") => {
            assert!(field.is_none(), "{MAPPING}: {context}: refused but mapped");
            "Rewrite::Plain"
        }
        Some(other) => panic!("{MAPPING}: {context}: unknown rewrite `{other}`"),
    };
    let host = map
        .get("functions")
        .and_then(|f| f.get("subdomain"))
        .and_then(|s| s.get("host_field"))
        .and_then(Value::as_str);
    if let Some(host) = host {
        exists(host);
    }
    let note = map.get("note").and_then(Value::as_str).unwrap_or("");
    let (renamed, order_by) = match field {
        Some(field) if status(map, &context) == "Status::Inferred" => (
            format!("`{column}` became `{field}`: {note}"),
            format!("`order_by` `{column}` became `{field}`: {note}"),
        ),
        _ => (String::new(), String::new()),
    };
    let _ = writeln!(
        out,
        "        ColumnMap {{ column: {column:?}, field: {field:?}, status: {}, note: {note:?}, \
         rewrite: {rewrite}, values: {}, host: {host:?}, requires: {}, renamed: {renamed:?}, \
         order_by_renamed: {order_by:?} }},",
        status(map, &context),
        pairs(map.get("values")),
        pairs(map.get("requires")),
    );
}
