//! Mistakes people make when they write v2 filters from other languages (issue 15): each
//! has a diagnostic at the mistake and, where the meaning is certain, a fix whose result
//! parses to what the writer meant. Spans and fixed texts are worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::{parse, parse_tolerant, Applicability, Code, Edit};

/// `text` with every replacement of every fix of its errors applied (none overlap here).
fn fixed(text: &str) -> String {
    let parsed = parse_tolerant(text);
    let mut edits: Vec<(usize, usize, String)> = parsed
        .errors
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|fix| fix.edits.iter())
        .map(|edit| match edit {
            Edit::Replace { span, text } => {
                (span.start as usize, span.end as usize, text.to_string())
            }
            other => panic!("a syntax fix only replaces: {other:?}"),
        })
        .collect();
    edits.sort();
    let mut out = String::new();
    let mut at = 0;
    for (start, end, replacement) in edits {
        out.push_str(&text[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Input, code, span of the first error, phrase of its help, the text once fixed.
type Case = (
    &'static str,
    Code,
    (u32, u32),
    &'static str,
    Option<&'static str>,
);

const CASES: &[Case] = &[
    // doubled or split operators
    (
        "ahrefs_rank>>10",
        Code::Syntax,
        (11, 13),
        "`>`",
        Some("ahrefs_rank>10"),
    ),
    (
        "ahrefs_rank<<10",
        Code::Syntax,
        (11, 13),
        "`<`",
        Some("ahrefs_rank<10"),
    ),
    (
        "ahrefs_rank< =10",
        Code::Syntax,
        (11, 14),
        "without spaces",
        Some("ahrefs_rank<=10"),
    ),
    (
        "ahrefs_rank > = 10",
        Code::Syntax,
        (12, 15),
        "without spaces",
        Some("ahrefs_rank >= 10"),
    ),
    (
        "ahrefs_rank=>10",
        Code::Syntax,
        (11, 13),
        "`>=`",
        Some("ahrefs_rank>=10"),
    ),
    // other separators between conditions
    (
        "ahrefs_rank>10; nofollow=false",
        Code::Syntax,
        (14, 15),
        "`,`",
        Some("ahrefs_rank>10,nofollow=false"),
    ),
    (
        "ahrefs_rank>10 && nofollow=false",
        Code::Syntax,
        (15, 17),
        "`,`",
        Some("ahrefs_rank>10,nofollow=false"),
    ),
    (
        "ahrefs_rank>10&nofollow=false",
        Code::Syntax,
        (14, 15),
        "`,`",
        Some("ahrefs_rank>10,nofollow=false"),
    ),
    // A separator after the last condition: one diagnostic, and its fix removes it with
    // the whitespace around it (before, a "trailing comma" fix removed a byte of whatever
    // stood there: `a=1 OR` became `a=1 R`).
    (
        "ahrefs_rank>10&",
        Code::Syntax,
        (14, 15),
        "remove the trailing `&`",
        Some("ahrefs_rank>10"),
    ),
    (
        "ahrefs_rank>10 AND ",
        Code::Syntax,
        (15, 18),
        "remove the trailing `AND`",
        Some("ahrefs_rank>10"),
    ),
    (
        "ahrefs_rank>10 OR",
        Code::Syntax,
        (15, 17),
        "remove the trailing `OR`",
        Some("ahrefs_rank>10"),
    ),
    (
        "a=1\t\t;\t ",
        Code::Syntax,
        (5, 6),
        "remove the trailing `;`",
        Some("a=1"),
    ),
    (
        "a=1 AND b=2",
        Code::Syntax,
        (4, 7),
        "no OR",
        Some("a=1,b=2"),
    ),
    (
        "a=1 and b=2",
        Code::Syntax,
        (4, 7),
        "no OR",
        Some("a=1,b=2"),
    ),
    ("a=1 OR b=2", Code::Syntax, (4, 6), "no OR", None),
    // typographic quotes
    (
        "anchor=“seo”",
        Code::Syntax,
        (7, 16),
        "straight double quotes",
        Some("anchor=\"seo\""),
    ),
    (
        "anchor=‘seo’",
        Code::Syntax,
        (7, 16),
        "straight double quotes",
        Some("anchor=\"seo\""),
    ),
    // a pasted parameter name, a percent-encoded filter
    (
        "where=ahrefs_rank>10",
        Code::Syntax,
        (0, 6),
        "value only",
        Some("ahrefs_rank>10"),
    ),
    (
        "&having=domain_rating>30",
        Code::Syntax,
        (0, 8),
        "value only",
        Some("domain_rating>30"),
    ),
    (
        "anchor%3D%22seo%22",
        Code::Syntax,
        (0, 18),
        "anchor=\"seo\"",
        Some("anchor=\"seo\""),
    ),
    (
        "anchor%3D%22seo+tools%22%2Cnofollow%3Dfalse",
        Code::Syntax,
        (0, 43),
        "",
        Some("anchor=\"seo tools\",nofollow=false"),
    ),
    // numbers that are not plain decimals
    (
        "ahrefs_rank>0x10",
        Code::Syntax,
        (12, 16),
        "`16`",
        Some("ahrefs_rank>16"),
    ),
    (
        "ahrefs_rank>1_000",
        Code::Syntax,
        (12, 17),
        "`1000`",
        Some("ahrefs_rank>1000"),
    ),
    (
        "ahrefs_rank>+10",
        Code::Syntax,
        (12, 15),
        "`10`",
        Some("ahrefs_rank>10"),
    ),
    (
        "ahrefs_rank>-1_0",
        Code::Syntax,
        (12, 16),
        "`-10`",
        Some("ahrefs_rank>-10"),
    ),
    (
        "ahrefs_rank>10abc",
        Code::UnquotedString,
        (12, 17),
        "",
        None,
    ),
    // SQL words
    (
        "anchor LIKE \"%seo%\"",
        Code::Syntax,
        (7, 11),
        "substring(anchor,\"seo\")",
        Some("substring(anchor,\"seo\")"),
    ),
    (
        "domain_rating BETWEEN 10 AND 20",
        Code::Syntax,
        (14, 21),
        "two conditions",
        Some("domain_rating>=10,domain_rating<=20"),
    ),
    (
        "type IN (\"new\",\"lost\")",
        Code::Syntax,
        (5, 7),
        "one request per value",
        None,
    ),
    (
        "anchor NOT LIKE \"%x%\"",
        Code::Syntax,
        (7, 10),
        "opposite",
        None,
    ),
    (
        "NOT anchor=\"x\"",
        Code::Syntax,
        (0, 3),
        "anchor<>\"x\"",
        Some("anchor<>\"x\""),
    ),
    (
        "not ahrefs_rank>10",
        Code::Syntax,
        (0, 3),
        "ahrefs_rank<=10",
        Some("ahrefs_rank<=10"),
    ),
    (
        "NOT substring(anchor,\"x\")",
        Code::Syntax,
        (0, 3),
        "no negation",
        None,
    ),
];

#[test]
fn each_mistake_is_named_where_it_is() {
    for &(input, code, (start, end), help, _) in CASES {
        let errors = parse(input).expect_err(input).diagnostics;
        let first = &errors[0];
        assert_eq!(first.code, code, "{input}: {first:?}");
        assert_eq!(
            first.span.map(|s| (s.start, s.end)),
            Some((start, end)),
            "{input}: {first:?}"
        );
        let text = first.help.as_deref().unwrap_or("");
        assert!(text.contains(help), "{input}: help {text:?} lacks {help:?}");
    }
}

#[test]
fn fixes_give_what_was_meant() {
    for &(input, _, _, _, meant) in CASES {
        let Some(meant) = meant else {
            let parsed = parse_tolerant(input);
            assert!(
                parsed
                    .errors
                    .iter()
                    .all(|d| d.fix.is_none() || d.code == Code::UnquotedString),
                "{input}: {:?}",
                parsed.errors
            );
            continue;
        };
        let text = fixed(input);
        assert_eq!(text, meant, "{input}");
        assert!(parse(&text).is_ok(), "{input} -> {text}");
    }
}

#[test]
fn after_a_wrong_separator_the_next_condition_is_read() {
    let parsed = parse_tolerant("ahrefs_rank>10; nofollow=false");
    assert_eq!(parsed.filter.to_string(), "ahrefs_rank>10,nofollow=false");
    // The `;` is no whitespace: it stands apart, so no edit of the checker reaches it.
    assert_eq!(parsed.broken, [ahrefs_filter::Span::new(14, 15)]);
    let parsed = parse_tolerant("anchor=seo AND nofollow=false");
    let codes: Vec<Code> = parsed.errors.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::UnquotedString, Code::Syntax]);
    assert_eq!(parsed.filter.conditions.len(), 2);
    assert_eq!(
        fixed("anchor=seo AND nofollow=false"),
        "anchor=\"seo\",nofollow=false"
    );
    let parsed = parse_tolerant("a=1 OR b=2");
    assert_eq!(parsed.filter.conditions.len(), 2);
}

#[test]
fn a_like_anchored_at_one_end_is_an_unsafe_fix() {
    let errors = parse("anchor LIKE \"seo%\"").unwrap_err().diagnostics;
    let fix = errors[0].fix.as_ref().unwrap();
    assert_eq!(fix.applicability, Applicability::Unsafe);
    let errors = parse("anchor LIKE \"%seo%\"").unwrap_err().diagnostics;
    assert_eq!(
        errors[0].fix.as_ref().unwrap().applicability,
        Applicability::Safe
    );
}

#[test]
fn valid_filters_are_not_mistaken() {
    for text in [
        "a < 5",
        "a > 5, b <> 3",
        "anchor=\"x AND y\"",
        "anchor=\"100%3D\"",
        "note=1,not_sitewide=true",
        "title=\"a;b&c\"",
    ] {
        assert!(parse(text).is_ok(), "{text}: {:?}", parse(text));
    }
}

/// Found by the fuzzer: a run of `>` is one misspelling, fixed at once.
#[test]
fn a_run_of_doubled_operators_is_fixed_at_once() {
    assert_eq!(fixed("a>>>>>>7"), "a>7");
    assert_eq!(fixed("a<<<7"), "a<7");
    assert_eq!(fixed("a====7"), "a=7");
}

#[test]
fn a_trailing_separator_is_one_diagnostic_not_a_trailing_comma_too() {
    for text in ["a=1&", "a=1 AND ", "a=1 OR", "a=1 ;\t", "a=1 && "] {
        let errors = parse(text).expect_err(text).diagnostics;
        assert_eq!(errors.len(), 1, "{text}: {errors:?}");
        assert!(errors[0].message.starts_with("trailing `"), "{errors:?}");
    }
    // A comma after a wrong separator is still a mistake of its own.
    let errors = parse("a=1&,").expect_err("a=1&,").diagnostics;
    assert!(errors.len() >= 2, "{errors:?}");
}

#[test]
fn recovery_resumes_at_a_separator_written_otherwise() {
    // Spans worked out by hand: `a===1 or b===2` is a(0) ===(1..4) 1 ␠ or(6..8) ␠ b(9)
    // ===(10..13) 2; `a===1; b===2` is a(0) ===(1..4) 1 ;(5) ␠ b(7) ===(8..11) 2.
    let spans = |text: &str| -> Vec<(u32, u32)> {
        let errors = parse(text).expect_err(text).diagnostics;
        errors
            .iter()
            .map(|d| d.span.map(|s| (s.start, s.end)).unwrap())
            .collect()
    };
    assert_eq!(spans("a===1 or b===2"), [(1, 4), (6, 8), (10, 13)]);
    assert_eq!(spans("a===1; b===2"), [(1, 4), (5, 6), (8, 11)]);
    assert_eq!(
        spans("a===1 AND b===2 & c===3"),
        [(1, 4), (6, 9), (11, 14), (16, 17), (19, 22)]
    );
    // Every mistake is fixed in one round: the fixes do not overlap.
    assert_eq!(fixed("a===1; b===2"), "a=1,b=2");
    assert_eq!(fixed("a===1 AND b===2 & c===3"), "a=1,b=2,c=3");
    // A lone word that only looks like one is no separator: `orange` is a value's text.
    assert_eq!(spans("a===1 orange b=2"), [(1, 4)]);
}
