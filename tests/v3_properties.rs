//! The translator checks its own output (feature `proptest`): for generated well-typed v2
//! filter pairs on every table with a v3 endpoint, under every combination of options,
//! a translation without errors fits its endpoint (`v3::verify` finds nothing), its JSON
//! text is the serde form of its tree and reads back to it, and its URL carries exactly its
//! parameters; a translation with errors emits nothing and reports only v3 errors.
#![cfg(feature = "proptest")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::schema::Schema;
use ahrefs_filter::v3::{self, BoolLiteral, Dates, Filter, History, Options, Translator};
use ahrefs_filter::{strategy, Clause, Code};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const TABLES: [&str; 5] = [
    "backlinks",
    "backlinks_one_per_domain",
    "refdomains",
    "anchors",
    "broken_backlinks",
];

fn options() -> impl Strategy<Value = Options> {
    let history = prop_oneof![
        Just(None),
        Just(Some(History::Live)),
        Just(Some(History::AllTime))
    ];
    let bools = prop_oneof![
        Just(None),
        Just(Some(BoolLiteral::TrueFalse)),
        Just(Some(BoolLiteral::OneZero))
    ];
    let dates = prop_oneof![Just(None), Just(Some(Dates::Day)), Just(Some(Dates::Raw))];
    (history, bools, dates).prop_map(|(history, bool_literal, dates)| Options {
        history,
        bool_literal,
        dates,
    })
}

/// Percent-decodes a URL query value as the translator encoded it.
fn decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn translations_fit_their_endpoint() {
    let schema = Schema::builtin();
    for table in TABLES {
        let v2 = schema.table(table).unwrap();
        let endpoint = v3::table(table).unwrap().endpoint().unwrap();
        let wheres = strategy::filter_text(v2, Clause::Where).unwrap();
        let havings = strategy::filter_text(v2, Clause::Having).unwrap();
        let input = (
            proptest::option::of(wheres),
            proptest::option::of(havings),
            options(),
        );
        let translated = std::cell::Cell::new(0);
        let mut runner = TestRunner::new(Config {
            cases: 200,
            ..Config::default()
        });
        runner
            .run(&input, |(where_filter, having, options)| {
                let t = Translator::new(options).translate_filters(
                    table,
                    where_filter.as_deref(),
                    having.as_deref(),
                );
                if t.has_errors() {
                    for d in &t.diagnostics {
                        prop_assert!(
                            matches!(d.code, Code::V3NoField | Code::V3Untranslatable),
                            "{table}: {d:?}"
                        );
                    }
                    prop_assert!(t.url.is_none() && t.where_filter.is_none());
                    return Ok(());
                }
                prop_assert_eq!(t.endpoint, Some(endpoint.path));
                prop_assert_eq!(t.exact(), t.diagnostics.is_empty());
                match &t.where_filter {
                    None => prop_assert!(where_filter.is_none() && having.is_none()),
                    Some(filter) => {
                        let problems = v3::verify(filter, endpoint);
                        prop_assert!(problems.is_empty(), "{table}: {filter} {problems:?}");
                        let text = t.where_json().unwrap();
                        prop_assert_eq!(text, serde_json::to_string(filter).unwrap());
                        let back: Filter = serde_json::from_str(text).unwrap();
                        prop_assert_eq!(&back, filter);
                    }
                }
                let url = t.url.as_deref().unwrap();
                let (path, query) = url.split_once('?').unwrap();
                prop_assert_eq!(path, format!("{}{}", v3::API_BASE, endpoint.path));
                let sent: Vec<(&str, String)> = query
                    .split('&')
                    .map(|p| {
                        let (n, v) = p.split_once('=').unwrap();
                        (n, decode(v))
                    })
                    .collect();
                let params: Vec<(&str, String)> =
                    t.params.iter().map(|(n, v)| (*n, v.clone())).collect();
                prop_assert_eq!(sent, params);
                translated.set(translated.get() + 1);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{table}: {e}"));
        // Most generated filters avoid the unmapped columns: the checks above ran on them.
        assert!(
            translated.get() >= 50,
            "{table}: only {} translated",
            translated.get()
        );
    }
}
