//! Hostile inputs: each gets a clear error or a correct result, never a panic, and the memory
//! the library uses stays within a small multiple of the input (peak heap measured with
//! `allocation-counter`, per thread, so the tests may run in parallel).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::{parse, Clause, Code, Diagnostic, Value};

const MB: usize = 1 << 20;

/// What parsing and checking `text` (as `where` and as `having` of `table`) found, and the
/// peak heap it took, input excluded.
struct Outcome {
    parsed: bool,
    diagnostics: Vec<Diagnostic>,
    peak: u64,
}

fn run(table: &str, text: &str) -> Outcome {
    let checker = Checker::new(Schema::builtin());
    let mut parsed = false;
    let mut diagnostics = Vec::new();
    let info = allocation_counter::measure(|| {
        parsed = parse(text).is_ok();
        let report = checker.check(&Request::new(table).with_where(text));
        diagnostics = report.diagnostics;
        drop(checker.check(&Request::new(table).with_having(text)));
    });
    Outcome {
        parsed,
        diagnostics,
        peak: info.bytes_max,
    }
}

/// Peak heap within `factor` times the input plus 1 MB.
fn assert_bounded(what: &str, input_len: usize, peak: u64, factor: usize) {
    let limit = (factor * input_len + MB) as u64;
    eprintln!("{what}: {input_len} bytes in, peak heap {peak} bytes");
    assert!(
        peak <= limit,
        "{what}: peak heap {peak} bytes for {input_len} bytes of input (limit {limit})"
    );
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<Code> {
    let mut codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    codes.dedup();
    codes
}

#[test]
fn ten_megabyte_valid_filter() {
    let condition = "ahrefs_rank>1,";
    let mut text = condition.repeat(10 * MB / condition.len());
    text.push_str("anchor=\"end\"");
    let outcome = run("backlinks", &text);
    assert!(outcome.parsed);
    let filter = parse(&text).unwrap();
    assert_eq!(filter.conditions.len(), 10 * MB / condition.len() + 1);
    assert_eq!(filter.to_string(), text);
    // Only cross-condition warnings (the same condition 700,000 times) are allowed.
    assert!(
        outcome.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        &outcome.diagnostics[..outcome.diagnostics.len().min(3)]
    );
    assert_bounded("10 MB filter", text.len(), outcome.peak, 64);
}

#[test]
fn ten_megabyte_bare_word() {
    let text = format!("anchor={}", "x".repeat(10 * MB));
    let outcome = run("backlinks", &text);
    assert!(!outcome.parsed);
    assert_eq!(codes(&outcome.diagnostics), [Code::UnquotedString]);
    assert_bounded("10 MB bare word", text.len(), outcome.peak, 16);
}

/// The parser stops after 1,000 errors, saying so, instead of spending most of a gigabyte
/// on a million "double comma" reports.
fn assert_stopped_after_1000(what: &str, diagnostics: &[Diagnostic]) {
    assert!(diagnostics.iter().all(|d| d.code == Code::Syntax), "{what}");
    assert_eq!(diagnostics.len(), 1001, "{what}");
    let last = &diagnostics[1000];
    assert_eq!(
        last.message, "too many syntax errors: stopped after 1000",
        "{what}"
    );
    assert!(last.span.is_some_and(|s| s.is_empty()), "{what}: {last:?}");
}

#[test]
fn a_million_commas() {
    let text = ",".repeat(1_000_000);
    let outcome = run("backlinks", &text);
    assert!(!outcome.parsed);
    assert_eq!(outcome.diagnostics[0].message, "leading comma");
    assert_stopped_after_1000("1,000,000 commas", &outcome.diagnostics);
    assert_bounded("1,000,000 commas", text.len(), outcome.peak, 16);
}

#[test]
fn a_million_commas_between_conditions() {
    let text = format!("ahrefs_rank>1{}anchor=\"x\"", ",".repeat(1_000_000));
    let outcome = run("backlinks", &text);
    assert!(!outcome.parsed);
    assert_eq!(
        outcome.diagnostics[0].message,
        "double comma: empty condition"
    );
    assert_eq!(outcome.diagnostics[0].span.map(|s| s.range()), Some(14..15));
    assert_stopped_after_1000("1,000,000 inner commas", &outcome.diagnostics);
    assert_bounded("1,000,000 inner commas", text.len(), outcome.peak, 16);
}

/// Below the limit every error is still reported, and the fixer removes every stray comma.
#[test]
fn many_commas_below_the_limit_are_all_reported_and_fixed() {
    let text = format!("ahrefs_rank>1{}anchor=\"x\"", ",".repeat(999));
    let errors = parse(&text).unwrap_err().diagnostics;
    assert_eq!(errors.len(), 998);
    let checker = Checker::new(Schema::builtin());
    let fixed = checker.fix(&Request::new("backlinks").with_where(&text));
    assert_eq!(
        fixed.where_filter.as_deref(),
        Some("ahrefs_rank>1,anchor=\"x\"")
    );
}

#[test]
fn a_hundred_thousand_open_parentheses() {
    let text = "(".repeat(100_000);
    let outcome = run("backlinks", &text);
    assert!(!outcome.parsed);
    assert_eq!(codes(&outcome.diagnostics), [Code::Syntax]);
    assert_eq!(outcome.diagnostics[0].span.map(|s| s.range()), Some(0..1));
    assert_bounded("100,000 (", text.len(), outcome.peak, 8);

    let nested = format!(
        "{}ahrefs_rank>1{}",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let outcome = run("backlinks", &nested);
    assert!(!outcome.parsed);
    assert_eq!(outcome.diagnostics[0].span.map(|s| s.range()), Some(0..1));
    assert_bounded("100,000 nested (…)", nested.len(), outcome.peak, 8);

    let in_call = format!("substring({}", "(".repeat(100_000));
    let outcome = run("backlinks", &in_call);
    assert!(!outcome.parsed);
    assert_bounded("substring(((…", in_call.len(), outcome.peak, 8);
}

#[test]
fn one_megabyte_string_literal() {
    let body = "seo tools ".repeat(MB / 10);
    let text = format!("anchor=\"{body}\"");
    let outcome = run("backlinks", &text);
    assert!(outcome.parsed);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let filter = parse(&text).unwrap();
    assert_eq!(
        filter.conditions[0].literal().value,
        Value::String(body.as_str().into())
    );
    assert_bounded("1 MB string", text.len(), outcome.peak, 8);

    // With escapes the string is copied once, not once per escape.
    let escaped = format!("anchor=\"{}\"", "\\\"x".repeat(MB / 3));
    let outcome = run("backlinks", &escaped);
    assert!(outcome.parsed);
    assert_bounded("1 MB escaped string", escaped.len(), outcome.peak, 8);

    // Unterminated: the error points at the opening quote.
    let open = format!("anchor=\"{body}");
    let outcome = run("backlinks", &open);
    assert_eq!(codes(&outcome.diagnostics), [Code::Syntax]);
    assert_eq!(outcome.diagnostics[0].span.map(|s| s.range()), Some(7..8));
    assert_bounded("1 MB unterminated string", open.len(), outcome.peak, 8);
}

#[test]
fn nul_bytes() {
    // Inside a string NUL is a character like any other, printed as `\0`.
    let filter = parse("anchor=\"a\0b\"").unwrap();
    assert_eq!(filter.to_string(), "anchor=\"a\\0b\"");
    assert_eq!(
        parse(&filter.to_string()).unwrap().to_string(),
        filter.to_string()
    );
    assert!(run("backlinks", "anchor=\"a\0b\"").diagnostics.is_empty());

    // Anywhere else it is a syntax error pointing at it.
    for (text, at) in [
        ("\0", 0),
        ("\0anchor=\"x\"", 0),
        ("anchor\0=\"x\"", 6),
        ("anchor=\0", 7),
        ("anchor=\"x\"\0", 10),
        ("ahrefs_rank>1\0", 13),
    ] {
        let outcome = run("backlinks", text);
        assert!(!outcome.parsed, "{text:?}");
        let first = &outcome.diagnostics[0];
        assert!(first.is_error(), "{text:?}: {first:?}");
        let span = first.span.unwrap();
        assert!(
            span.start <= at && at < span.end.max(at + 1),
            "{text:?}: {first:?}"
        );
    }

    let nuls = "\0".repeat(MB);
    let outcome = run("backlinks", &nuls);
    assert!(!outcome.parsed);
    assert_bounded("1 MB of NUL", nuls.len(), outcome.peak, 8);
}

#[test]
fn ten_thousand_digit_integers() {
    let nines = "9".repeat(10_000);
    for text in [
        format!("ahrefs_rank>{nines}"),
        format!("ahrefs_rank>-{nines}"),
        format!("substring(anchor,{nines})"),
    ] {
        let outcome = run("backlinks", &text);
        assert!(!outcome.parsed);
        assert_eq!(
            codes(&outcome.diagnostics),
            [Code::IntegerOverflow],
            "{}",
            &text[..20]
        );
        let span = outcome.diagnostics[0].span.unwrap();
        assert_eq!(
            span.range().end,
            text.len() - usize::from(text.ends_with(')'))
        );
        assert_bounded("10,000 digits", text.len(), outcome.peak, 8);
    }
    // Leading zeros do not overflow: 10,000 of them and a 7 are the number 7.
    let zeros = format!("ahrefs_rank>{}7", "0".repeat(10_000));
    let filter = parse(&zeros).unwrap();
    assert_eq!(filter.to_string(), "ahrefs_rank>7");
    let negative = format!("ahrefs_rank>-{}9223372036854775808", "0".repeat(10_000));
    assert_eq!(
        parse(&negative).unwrap().to_string(),
        format!("ahrefs_rank>{}", i64::MIN)
    );
    // A 10,000-digit fraction is a syntax error, not an overflow.
    let fraction = format!("ahrefs_rank>1.{nines}");
    assert_eq!(
        codes(&parse(&fraction).unwrap_err().diagnostics),
        [Code::Syntax]
    );
}

/// Every ASCII control character, alone and in each position of a condition: tab, line feed
/// and carriage return are whitespace (a warning); inside a string every one is content;
/// anywhere else each is a syntax error that points at it.
#[test]
fn every_ascii_control_character() {
    let checker = Checker::new(Schema::builtin());
    for byte in (0u8..0x20).chain([0x7f]) {
        let c = char::from(byte);
        let whitespace = matches!(c, '\t' | '\n' | '\r');

        let quoted = format!("anchor=\"{c}\"");
        let report = checker.check(&Request::new("backlinks").with_where(&quoted));
        assert!(!report.has_errors(), "{quoted:?}: {:?}", report.diagnostics);
        let printed = parse(&quoted).unwrap().to_string();
        assert_eq!(parse(&printed).unwrap().to_string(), printed);

        for (text, at) in [
            (format!("{c}"), 0),
            (format!("{c}anchor=\"x\""), 0),
            (format!("anchor{c}=\"x\""), 6),
            (format!("anchor={c}\"x\""), 7),
            (format!("anchor=\"x\"{c}"), 10),
            (format!("anchor=\"x\"{c},ahrefs_rank>1"), 10),
            (format!("substring({c}anchor,\"x\")"), 10),
            (format!("substring(anchor{c},\"x\")"), 16),
            (format!("ahrefs_rank>1{c}"), 13),
        ] {
            let report = checker.check(&Request::new("backlinks").with_where(&text));
            if whitespace && text.len() > 1 {
                assert!(!report.has_errors(), "{text:?}: {:?}", report.diagnostics);
                assert_eq!(codes(&report.diagnostics), [Code::Whitespace], "{text:?}");
                continue;
            }
            assert!(report.has_errors(), "{text:?}: {:?}", report.diagnostics);
            let first = report.diagnostics.iter().find(|d| d.is_error()).unwrap();
            let span = first.span.unwrap();
            assert!(
                span.start <= at && (at < span.end || span.is_empty() && span.start == at),
                "{text:?}: {first:?} does not point at the control character at {at}"
            );
            assert_eq!(first.clause, Some(Clause::Where));
            // The canonical JSON escapes it, so the CLI's JSON output stays valid.
            let json = serde_json::to_string(first).unwrap();
            assert!(json.bytes().all(|b| b >= 0x20), "{json}");
        }
    }
}

/// Diagnostics over huge sources render (miette, `Display`, JSON) without panic and within a
/// multiple of the source's size.
///
/// miette 7.6's graphical handler panics ("Formatting argument out of range") when a label
/// starts 65,535 or more columns into its line, because it pads with `{:width$}`; callers
/// must not hand it such a line (see `long_line_error_past_column_65535_renders` for the
/// CLI). Here every label starts before that column.
#[test]
fn rendering_long_inputs() {
    use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource, Report};
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(80);
    let table = Schema::builtin().table("backlinks").unwrap();
    for text in [
        // A 1 MB unknown column: the label spans the whole line.
        format!("{}=1", "a".repeat(MB)),
        // A 1 MB bare word of two-byte characters, quoted in the message and the help.
        format!("anchor={}", "é".repeat(MB / 2)),
        // The error early in a 1 MB line.
        format!(
            "anchor!=1,{}ahrefs_rank>1",
            "ahrefs_rank>1,".repeat(MB / 14)
        ),
        // An unterminated string over half a million lines.
        format!("anchor=\"{}", "x\n".repeat(MB / 2)),
        // The error on the last of half a million lines.
        format!("{}anchor!=1", "ahrefs_rank>1,\n".repeat(MB / 30)),
    ] {
        let diagnostics = parse(&text).map_or_else(
            |e| e.diagnostics,
            |f| Checker::new(Schema::builtin()).check_filter(table, Clause::Where, &f),
        );
        assert!(!diagnostics.is_empty());
        let mut out = String::new();
        let info = allocation_counter::measure(|| {
            for d in diagnostics.iter().take(3) {
                let _ = d.to_string();
                serde_json::to_string(d).unwrap();
                let report = Report::new(d.clone())
                    .with_source_code(NamedSource::new("where", text.clone()));
                handler.render_report(&mut out, report.as_ref()).unwrap();
            }
        });
        assert_bounded("rendering", text.len(), info.bytes_max, 32);
    }
}

/// Whole requests (spec §5) built to multiply work or reports.
mod url {
    use super::*;
    use ahrefs_filter::request::lint_url;

    fn lint(text: &str) -> (usize, u64, std::time::Duration) {
        let started = std::time::Instant::now();
        let mut count = 0;
        let info = allocation_counter::measure(|| {
            count = lint_url(Schema::builtin(), text).diagnostics.len();
        });
        let elapsed = started.elapsed();
        eprintln!(
            "{} bytes: {count} diagnostics, peak heap {} bytes, {elapsed:?}",
            text.len(),
            info.bytes_max
        );
        (count, info.bytes_max, elapsed)
    }

    #[test]
    fn huge_filters_in_a_request() {
        let commas = format!(
            "from=backlinks&target=a&mode=domain&where={}",
            ",".repeat(MB)
        );
        let (count, peak, _) = lint(&commas);
        assert_eq!(count, 1001);
        assert_bounded("1 MB of commas in where", commas.len(), peak, 16);
        let encoded = format!(
            "from=backlinks&target=a&mode=domain&where={}",
            "ahrefs_rank%3E1%2C".repeat(MB / 18)
        );
        let (_, peak, _) = lint(&encoded);
        assert_bounded("1 MB percent-encoded where", encoded.len(), peak, 64);
    }

    /// Every `select` / `order_by` item with a problem used to map its offsets back to the
    /// raw URL by scanning the value from its start: 40,000 unknown columns (240 KB) took
    /// 11.5 s in release, 200,000 `order_by` items 470 s (fixed in 452a951).
    #[test]
    fn many_select_and_order_by_items_take_linear_time() {
        for text in [
            format!(
                "from=backlinks&target=a&mode=domain&select={}",
                "bogus,".repeat(50_000)
            ),
            format!(
                "from=backlinks&target=a&mode=domain&order_by={}",
                "x:up,".repeat(50_000)
            ),
        ] {
            let (_, _, elapsed) = lint(&text);
            assert!(
                elapsed.as_secs() < 30,
                "{elapsed:?} for {} bytes",
                text.len()
            );
        }
    }

    /// Each bad `select` / `order_by` item used to be its own diagnostic, with no cap:
    /// 100,000 `order_by` items (500 KB) made 200,000 diagnostics and a 98 MB peak heap.
    /// Now each list reports at most 1,000 problems and counts the rest.
    #[test]
    fn many_select_and_order_by_items_take_bounded_memory() {
        for (text, lists) in [
            (
                format!(
                    "from=backlinks&target=a&mode=domain&select={}",
                    "bogus,".repeat(100_000)
                ),
                1,
            ),
            (
                format!(
                    "from=backlinks&target=a&mode=domain&order_by={}",
                    "x:up,".repeat(100_000)
                ),
                1,
            ),
            (
                format!(
                    "from=backlinks&target=a&mode=domain&select={0}&order_by={0}",
                    "x,".repeat(100_000)
                ),
                2,
            ),
        ] {
            let (count, peak, _) = lint(&text);
            // Per list: 1,000 listed problems and one `truncated` count.
            assert_eq!(count, lists * 1001, "{} bytes", text.len());
            assert_bounded("100,000 bad items", text.len(), peak, 16);
        }
    }

    /// A bad `%` escape is one error each; a million of them are listed to 1,000.
    #[test]
    fn a_million_bad_percent_escapes() {
        let text = format!(
            "from=backlinks&target=a&mode=domain&select={}",
            "%".repeat(1_000_000)
        );
        let (count, peak, _) = lint(&text);
        // 1,000 escapes, the count of the rest, and `select`'s one unknown column.
        assert_eq!(count, 1002);
        assert_bounded("1,000,000 bad escapes", text.len(), peak, 16);
    }

    /// Access-log lines built to make the request line costly to find: a million escaped
    /// quotes in it, a million `[` before it, a million fields.
    #[test]
    fn access_log_lines_take_linear_time() {
        for text in [
            format!(
                "1.2.3.4 - - [d] \"GET /?from=backlinks&where={} HTTP/1.1\" 200 1",
                "\\\"".repeat(MB / 2)
            ),
            format!("a b c {}", "[".repeat(MB)),
            format!("{}[d] \"GET /?token=s3cret HTTP/1.1\"", "- ".repeat(MB / 2)),
        ] {
            let (count, peak, elapsed) = lint(&text);
            assert!(count <= 1002, "{count} diagnostics");
            assert!(elapsed.as_secs() < 30, "{elapsed:?}");
            assert_bounded("hostile access-log line", text.len(), peak, 16);
        }
    }

    /// One warning per unknown parameter used to be uncapped: a million `&x` (2 MB) made a
    /// million diagnostics and a 414 MB peak heap (capped at 1,000 in 452a951).
    #[test]
    fn a_million_unknown_parameters() {
        let text = format!(
            "from=backlinks&target=a&mode=domain{}",
            "&x".repeat(1_000_000)
        );
        let (count, peak, _) = lint(&text);
        assert!(count <= 1002, "{count} diagnostics");
        assert_bounded("1,000,000 unknown parameters", text.len(), peak, 16);
    }
}

/// Long runs of whitespace where the parser looks for ` AND ` / ` OR `: inside a bare word,
/// and after a broken condition, where recovery looks for the next separator. Each run is
/// read once (a run was read again from each of its bytes: 200 KB took seconds).
#[test]
fn ten_megabytes_of_whitespace_where_a_separator_word_may_follow() {
    let spaces = " ".repeat(10 * MB);
    let in_word = format!("anchor=b{spaces}c");
    let outcome = run("backlinks", &in_word);
    assert_eq!(codes(&outcome.diagnostics), [Code::UnquotedString]);
    assert_bounded("10 MB of spaces in a word", in_word.len(), outcome.peak, 16);

    let after_error = format!("ahrefs_rank===1{spaces}or anchor=\"x\"");
    let errors = parse(&after_error).unwrap_err().diagnostics;
    let messages: Vec<&str> = errors.iter().map(|d| d.message.as_ref()).collect();
    assert_eq!(
        messages,
        [
            "`===` is not a v2 operator",
            "`or` between conditions: v2 filters have no OR"
        ]
    );
}
