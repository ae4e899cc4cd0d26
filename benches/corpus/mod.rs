//! The benchmark corpus, shared by the benches and `tests/allocations.rs`.
//!
//! Realistic `where` / `having` filters for several tables of the v2 schema, with real
//! column names (`/work/shared/reference/v2-schema.json`), each well-typed for its table
//! and clause. From each filter's AST this module derives the equivalent SQL boolean
//! expression (for `sqlparser`) and the equivalent AIP-160 filter (for `aip-160`), and it
//! builds the large inputs of the scaling curve.
#![allow(dead_code)]

use ahrefs_filter::{Clause, CompareOp, Condition, Filter, FunctionName, Value};

/// One filter of the corpus: the table and clause it is checked against, and its text.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The `from` table.
    pub table: &'static str,
    /// `where` or `having`.
    pub clause: Clause,
    /// The filter as sent (URL-decoded).
    pub filter: &'static str,
}

const fn w(table: &'static str, filter: &'static str) -> Case {
    Case {
        table,
        clause: Clause::Where,
        filter,
    }
}

const fn h(table: &'static str, filter: &'static str) -> Case {
    Case {
        table,
        clause: Clause::Having,
        filter,
    }
}

/// 30 filters over 16 tables: comparisons of every type, the three functions, a colon
/// alias, escapes, and two filters written with spaces (as hand-typed filters are).
pub const CORPUS: &[Case] = &[
    w(
        "backlinks",
        r#"ahrefs_rank>10,substring(anchor,"seo"),first_seen>="2020-01-01""#,
    ),
    w(
        "backlinks",
        r#"nofollow=false,link_type="href",http_code=200,language="en""#,
    ),
    w(
        "backlinks",
        r#"substring(url_from,"/blog/"),links_external<=100,page_size<500000,last_visited>="2024-06-01""#,
    ),
    w(
        "backlinks",
        r#"word(title,"marketing"),original=true,redirect=0"#,
    ),
    w(
        "backlinks",
        r#"url_to="https://www.example.com/products/widget?id=42&ref=home",ahrefs_rank>=25,first_seen>="2023-01-01",last_visited<="2024-12-31",links_external<250"#,
    ),
    w(
        "backlinks",
        r#"ahrefs_rank > 30, nofollow = false, substring(anchor, "best seo tools")"#,
    ),
    w(
        "backlinks",
        r#"substring(title,"\"free\" trial"),alt="logo \\ icon",text_pre<>"""#,
    ),
    h("backlinks", r#"domain_rating>=40,ahrefs_top<100000"#),
    w(
        "backlinks_one_per_domain",
        r#"ahrefs_rank>=5,nofollow=false,subdomain(url_from,"blog.example.com")"#,
    ),
    h(
        "backlinks_one_per_domain",
        r#"domain_rating>30,total_backlinks>=10"#,
    ),
    w(
        "backlinks_new_lost",
        r#"type="lost",date>="2024-01-01",date<"2024-02-01",domain_rating>=20"#,
    ),
    w(
        "backlinks_new_lost",
        r#"type:"new",substring(anchor,"coupon"),http_code=200"#,
    ),
    h("backlinks_new_lost_counters", r#"new>=10,lost<5"#),
    w(
        "anchors",
        r#"substring(anchor,"buy"),backlinks>5,first_seen>"2019-05-01""#,
    ),
    h("anchors", r#"refdomains>=3,backlinks>10"#),
    w("anchors_refdomains", r#"anchor="click here",backlinks>=2"#),
    w(
        "refdomains",
        r#"backlinks>=10,refpages>2,last_visited>="2023-12-31""#,
    ),
    h(
        "refdomains",
        r#"domain_rating>=50,substring(refdomain,".edu")"#,
    ),
    w(
        "refdomains_new_lost",
        r#"type="new",date>="2024-05-01",subdomain(refdomain,"wordpress.com")"#,
    ),
    w(
        "broken_backlinks",
        r#"http_code=404,broken_at>="2024-03-01",nofollow=false,substring(error,"timeout")"#,
    ),
    w(
        "broken_links",
        r#"http_code>=500,substring(url_to,"example.com/shop"),ahrefs_rank>0"#,
    ),
    w(
        "pages",
        r#"http_code=200,size>10000,substring(title,"pricing"),encoding="utf-8""#,
    ),
    w(
        "pages_extended",
        r#"refdomains>=20,dofollow>100,subdomain(url,"docs.example.com"),first_seen>="2022-01-01""#,
    ),
    w(
        "pages_info",
        r#"word(h1,"review"),words>=300,links_images<50,substring(powered_by,"WordPress")"#,
    ),
    w(
        "pages_info",
        r#"content_encoding="gzip",time<2000,canonical_url<>"""#,
    ),
    w(
        "linked_domains_by_type",
        r#"domain_to<>"facebook.com",first_seen>="2021-06-15""#,
    ),
    h(
        "linked_domains_by_type",
        r#"dofollow>=10,edu>0,domain_to_rating>=30"#,
    ),
    w(
        "linked_anchors",
        r#"substring(anchor,"click here"),nofollow=true,domain_rating>=60"#,
    ),
    w("refips", r#"substring(refip,"203.0.113."),backlinks>1"#),
    w(
        "broken_links",
        r#"url_from_first_seen >= "2024-01-01" , http_code = 410 , word(anchor, "download")"#,
    ),
];

/// The corpus's total size in bytes.
pub fn corpus_bytes() -> usize {
    CORPUS.iter().map(|case| case.filter.len()).sum()
}

/// The filter with three conditions that the issue quotes for aip-160's speed.
pub const THREE_CONDITIONS: &str =
    r#"ahrefs_rank>10,substring(anchor,"seo"),first_seen>="2020-01-01""#;

/// Parses a corpus filter, panicking with the errors if it does not parse.
pub fn parse(text: &str) -> Filter<'_> {
    match ahrefs_filter::parse(text) {
        Ok(filter) => filter,
        Err(errors) => panic!("corpus filter {text:?} does not parse: {errors:?}"),
    }
}

/// The equivalent SQL boolean expression: `a>10 AND b LIKE '%seo%' AND …`.
///
/// `substring` becomes `LIKE '%v%'`; `word` and `subdomain`, which SQL lacks, become calls
/// of user functions of the same name.
pub fn to_sql(filter: &Filter<'_>) -> String {
    let mut out = String::new();
    for (i, condition) in filter.conditions.iter().enumerate() {
        if i > 0 {
            out.push_str(" AND ");
        }
        match condition {
            Condition::Comparison(c) => {
                out.push_str(&c.column.name);
                out.push(' ');
                out.push_str(c.operator.kind.as_str());
                out.push(' ');
                out.push_str(&sql_value(&c.value.value));
            }
            Condition::Call(c) => match (c.function.name, &c.argument.value) {
                (FunctionName::Substring, Value::String(s)) => {
                    out.push_str(&c.column.name);
                    out.push_str(" LIKE ");
                    out.push_str(&sql_string(&format!("%{s}%")));
                }
                (name, value) => {
                    out.push_str(name.as_str());
                    out.push('(');
                    out.push_str(&c.column.name);
                    out.push_str(", ");
                    out.push_str(&sql_value(value));
                    out.push(')');
                }
            },
        }
    }
    out
}

fn sql_value(value: &Value<'_>) -> String {
    match value {
        Value::String(s) | Value::Bare(s) => sql_string(s),
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
    }
}

fn sql_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The equivalent AIP-160 filter: `a > 10 AND substring(anchor, "seo") AND …`.
pub fn to_aip(filter: &Filter<'_>) -> String {
    let mut out = String::new();
    for (i, condition) in filter.conditions.iter().enumerate() {
        if i > 0 {
            out.push_str(" AND ");
        }
        match condition {
            Condition::Comparison(c) => {
                let op = match c.operator.kind {
                    CompareOp::Ne => "!=",
                    other => other.as_str(),
                };
                out.push_str(&c.column.name);
                out.push(' ');
                out.push_str(op);
                out.push(' ');
                out.push_str(&aip_value(&c.value.value));
            }
            Condition::Call(c) => {
                out.push_str(c.function.name.as_str());
                out.push('(');
                out.push_str(&c.column.name);
                out.push_str(", ");
                out.push_str(&aip_value(&c.argument.value));
                out.push(')');
            }
        }
    }
    out
}

fn aip_value(value: &Value<'_>) -> String {
    match value {
        Value::String(s) | Value::Bare(s) => {
            format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
        }
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => b.to_string(),
    }
}

/// The input sizes of the scaling curve.
pub const SIZES: [(&str, usize); 4] = [
    ("1KB", 1 << 10),
    ("100KB", 100 << 10),
    ("1MB", 1 << 20),
    ("10MB", 10 << 20),
];

/// A `where` filter on `backlinks` of at most `len` bytes (and more than `len - 200`),
/// made of the corpus's `backlinks` `where` conditions repeated in order.
pub fn scaled(len: usize) -> String {
    let conditions: Vec<String> = CORPUS
        .iter()
        .filter(|case| case.table == "backlinks" && case.clause == Clause::Where)
        .flat_map(|case| parse(case.filter).conditions)
        .map(|condition| condition.to_string())
        .collect();
    let mut out = String::with_capacity(len);
    for condition in conditions.iter().cycle() {
        let needed = condition.len() + usize::from(!out.is_empty());
        if out.len() + needed > len {
            break;
        }
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(condition);
    }
    out
}
