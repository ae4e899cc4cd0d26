//! The WebAssembly exports behind the npm package `ahrefs-filter`.
//!
//! Each export takes strings and returns its result, or the error
//! (`{"kind","message","diagnostics"}`), as the words of [`tape`]; the package's JavaScript
//! wrapper (`js/core.js`) rebuilds them as plain objects and throws a `FilterError` for an
//! error. The words cross the boundary in one copy; rebuilding objects from them measured
//! faster than JSON text and `JSON.parse`, and, for a report with diagnostics, than building
//! the objects from Rust one property at a time (BENCHMARKS.md).
//!
//! The options object arrives as three arguments, checked by the wrapper: `no_lint` (the
//! codes joined by commas), `schema` (JSON text) and `today` (the option's date). Strings,
//! not a JSON object: parsing one on every call cost more than the check of a short filter.
//! `v3`'s options arrive the same way: `history`, `bool_literal` and `dates`, each the
//! text the CLI's flag takes.
//! Without a `today` the host's date applies, which the wrapper sets with `setToday` when
//! the day changes (WebAssembly has no clock).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod tape;

use ahrefs_filter_bindings as api;
use api::{Error, Options, Style};
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;

thread_local! {
    /// The host's date, `YYYY-MM-DD`, for calls whose options name none.
    static TODAY: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// `setToday(date)`: the host's date, for the calls whose options name no `today`.
#[wasm_bindgen(js_name = setToday)]
pub fn set_today(today: Option<String>) {
    TODAY.with(|cell| *cell.borrow_mut() = today);
}

/// What every export returns: the words of [`tape`], the result's or the error's; its text
/// follows with [`tape::take_text`].
type Words = Vec<u32>;

/// The options of one call.
fn options(no_lint: Option<String>, schema: Option<String>, today: Option<String>) -> Options {
    let no_lint = match no_lint {
        Some(codes) if !codes.is_empty() => codes.split(',').map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let today = today.or_else(|| TODAY.with(|cell| cell.borrow().clone()));
    Options {
        no_lint,
        schema,
        today,
    }
}

fn done<T: serde::Serialize>(result: Result<T, Error>) -> Words {
    match result {
        Ok(value) => tape::write(tape::OK, &value),
        Err(e) => tape::write(tape::FAILED, &e),
    }
}

/// `check(table, where?, having?, options?)`: the report.
#[wasm_bindgen]
pub fn check(
    table: &str,
    where_filter: Option<String>,
    having: Option<String>,
    no_lint: Option<String>,
    schema: Option<String>,
    today: Option<String>,
) -> Words {
    let opts = options(no_lint, schema, today);
    done(api::check(
        table,
        where_filter.as_deref(),
        having.as_deref(),
        &opts,
        Style::JS,
    ))
}

/// [`check`], its report built as JS objects by serde-wasm-bindgen rather than sent as
/// JSON text: the other way across, kept to measure the two (`bench.mjs --objects`).
#[cfg(feature = "objects")]
#[wasm_bindgen(js_name = checkObject)]
pub fn check_object(
    table: &str,
    where_filter: Option<String>,
    having: Option<String>,
    no_lint: Option<String>,
    schema: Option<String>,
    today: Option<String>,
) -> Result<wasm_bindgen::JsValue, String> {
    use serde::Serialize as _;
    let opts = options(no_lint, schema, today);
    let report = api::check(
        table,
        where_filter.as_deref(),
        having.as_deref(),
        &opts,
        Style::JS,
    )
    .map_err(|e| e.to_json())?;
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| e.to_string())
}

/// `fix(table, where?, having?, options?)`: the fixed filters.
#[wasm_bindgen]
pub fn fix(
    table: &str,
    where_filter: Option<String>,
    having: Option<String>,
    no_lint: Option<String>,
    schema: Option<String>,
    today: Option<String>,
) -> Words {
    let opts = options(no_lint, schema, today);
    done(api::fix(
        table,
        where_filter.as_deref(),
        having.as_deref(),
        &opts,
    ))
}

/// `format(filter)`: the canonical text (as a JSON string).
#[wasm_bindgen]
pub fn format(filter: &str) -> Words {
    done(api::format(filter, Style::JS))
}

/// `parse(filter)`: the syntax tree, as JSON text (a string result): the tree is the
/// library's own serialization with its spans rewritten in the text.
#[wasm_bindgen]
pub fn parse(filter: &str) -> Words {
    done(api::parse_json(filter, Style::JS))
}

/// `lintUrl(url, options?)`: the report on one request.
#[wasm_bindgen(js_name = lintUrl)]
pub fn lint_url(
    url: &str,
    no_lint: Option<String>,
    schema: Option<String>,
    today: Option<String>,
) -> Words {
    let opts = options(no_lint, schema, today);
    done(api::lint_url(url, &opts, Style::JS))
}

/// `lintUrls(urls, options?)`: one report per request, in order.
#[wasm_bindgen(js_name = lintUrls)]
pub fn lint_urls(
    urls: Vec<String>,
    no_lint: Option<String>,
    schema: Option<String>,
    today: Option<String>,
) -> Words {
    let opts = options(no_lint, schema, today);
    done(api::lint_urls(&urls, &opts, Style::JS))
}

/// `cost(table, rows, where?, having?, options?)`: the rows charged.
#[wasm_bindgen]
pub fn cost(
    table: &str,
    rows: f64,
    where_filter: Option<String>,
    having: Option<String>,
    schema: Option<String>,
) -> Words {
    let opts = options(None, schema, None);
    // JavaScript numbers are exact integers up to 2^53.
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if !(rows.is_finite() && rows >= 0.0 && rows.fract() == 0.0 && rows <= SAFE) {
        return done::<()>(Err(Error::options(format!(
            "`rows` must be a whole number from 0 to 2^53 - 1, not {rows}"
        ))));
    }
    // The test above makes the conversion exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rows = rows as u64;
    done(api::cost(
        table,
        rows,
        where_filter.as_deref(),
        having.as_deref(),
        &opts,
    ))
}

/// `tables(options?)`: the schema.
#[wasm_bindgen]
pub fn tables(schema: Option<String>) -> Words {
    let opts = options(None, schema, None);
    done(api::tables(&opts))
}

/// `table(name, options?)`: one table's schema.
#[wasm_bindgen]
pub fn table(name: &str, schema: Option<String>) -> Words {
    let opts = options(None, schema, None);
    done(api::table(name, &opts))
}

/// The translation options of one call.
fn v3_options(
    history: Option<String>,
    bool_literal: Option<String>,
    dates: Option<String>,
) -> api::V3Options {
    api::V3Options {
        history,
        bool_literal,
        dates,
    }
}

/// `v3(table, where?, having?, options?)`: the filter pair translated to the API v3.
#[wasm_bindgen]
pub fn v3(
    table: &str,
    where_filter: Option<String>,
    having: Option<String>,
    history: Option<String>,
    bool_literal: Option<String>,
    dates: Option<String>,
) -> Words {
    done(api::v3(
        table,
        where_filter.as_deref(),
        having.as_deref(),
        &v3_options(history, bool_literal, dates),
        Style::JS,
    ))
}

/// `v3Url(url, options?)`: a whole v2 request translated to the API v3.
#[wasm_bindgen(js_name = v3Url)]
pub fn v3_url(
    url: &str,
    history: Option<String>,
    bool_literal: Option<String>,
    dates: Option<String>,
) -> Words {
    done(api::v3_url(
        url,
        &v3_options(history, bool_literal, dates),
        Style::JS,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A result's value, as JSON text.
    fn ok(words: Vec<u32>) -> String {
        let (status, value) = tape::read::read(&words);
        assert_eq!(status, tape::OK, "{value}");
        value.to_string()
    }

    /// An error's value, as JSON text.
    fn failed(words: Vec<u32>) -> String {
        let (status, value) = tape::read::read(&words);
        assert_eq!(status, tape::FAILED, "{value}");
        value.to_string()
    }

    #[test]
    fn results_and_errors_cross_as_values() {
        let report = ok(check(
            "anchors",
            Some("nope=1".into()),
            None,
            None,
            None,
            None,
        ));
        assert!(report.contains(r#""code":"unknown-column""#), "{report}");
        let error = failed(format("ahrefs_rank!=10"));
        assert!(error.contains(r#""kind":"syntax""#), "{error}");
        assert_eq!(ok(format(" gov = true ")), r#""gov=true""#);
        // The tree crosses as its JSON text.
        let tree: serde_json::Value =
            serde_json::from_str(&serde_json::from_str::<String>(&ok(parse("a=1"))).unwrap())
                .unwrap();
        assert_eq!(tree["conditions"][0]["column"]["name"], "a", "{tree}");
    }

    #[test]
    fn options_arrive_as_strings() {
        let spaced = || Some("ahrefs_rank > 10".to_owned());
        let codes = |no_lint: Option<&str>| {
            ok(check(
                "backlinks",
                spaced(),
                None,
                no_lint.map(Into::into),
                None,
                None,
            ))
        };
        assert!(codes(None).contains("whitespace"));
        assert!(codes(Some("")).contains("whitespace"));
        assert!(!codes(Some("whitespace")).contains("whitespace"));
        assert!(!codes(Some("duplicate,whitespace")).contains("whitespace"));
        let error = failed(check(
            "backlinks",
            spaced(),
            None,
            Some("syntax".into()),
            None,
            None,
        ));
        assert!(error.contains("invalid-options"));
        let future = || Some(r#"first_seen>"2030-01-01""#.to_owned());
        let dated = |today: Option<&str>| {
            ok(check(
                "backlinks",
                future(),
                None,
                None,
                None,
                today.map(Into::into),
            ))
        };
        assert!(dated(Some("2026-12-01")).contains("future-date"));
        assert!(!dated(Some("2031-01-01")).contains("future-date"));
        // The host's date applies where the options name none.
        set_today(Some("2031-01-01".into()));
        assert!(!dated(None).contains("future-date"));
        set_today(Some("2026-12-01".into()));
        assert!(dated(None).contains("future-date"));
        assert!(!dated(Some("2031-01-01")).contains("future-date"));
        set_today(None);
    }

    #[test]
    fn rows_must_be_a_whole_number() {
        for rows in [-1.0, 1.5, f64::NAN, f64::INFINITY, 1e300] {
            let error = failed(cost("refdomains", rows, None, None, None));
            assert!(error.contains("invalid-options"), "{rows}: {error}");
        }
        let charge = ok(cost("refdomains", 1000.0, Some("x".into()), None, None));
        // 1 + 1 × 1000 + 5
        assert!(charge.contains(r#""total":1006.0"#), "{charge}");
    }

    #[test]
    fn v3_options_arrive_as_strings() {
        let t = ok(v3(
            "anchors",
            Some("refpages>5".into()),
            None,
            None,
            None,
            None,
        ));
        // `history` not given: the default is taken and reported.
        assert!(t.contains(r#""history":"live""#), "{t}");
        assert!(t.contains("v3-assumed"), "{t}");
        let request = "from=anchors&target=a.com&mode=domain&select=anchor";
        let t = ok(v3_url(request, Some("all_time".into()), None, None));
        assert!(t.contains(r#""exact":true"#), "{t}");
        let error = failed(v3_url(request, None, Some("yes".into()), None));
        assert!(error.contains("invalid-options"), "{error}");
    }

    #[test]
    fn the_typescript_declarations_name_every_code() {
        let declarations = include_str!("../js/index.d.ts");
        for code in ahrefs_filter::Code::ALL {
            assert!(
                declarations.contains(&format!("\"{}\"", code.as_str())),
                "index.d.ts lacks the code {code}"
            );
        }
    }
}
