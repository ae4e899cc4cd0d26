//! Spec §1, rule by rule: every rejected form with its code and span, every accepted form
//! with its AST or canonical text. Spans and expected values are worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;

use ahrefs_filter::{parse, Code, CompareOp, Condition, Edit, Filter, FunctionName, Value};

/// (input, code, span of the first error, a phrase its help must contain)
const REJECTED: &[(&str, Code, (u32, u32), &str)] = &[
    // empty filter, leading / trailing / double comma
    ("", Code::Syntax, (0, 0), "leave out the parameter"),
    ("   ", Code::Syntax, (0, 3), "leave out the parameter"),
    (",a=1", Code::Syntax, (0, 1), "remove the leading"),
    ("a=1,", Code::Syntax, (3, 4), "remove the trailing"),
    ("a=1,,b=2", Code::Syntax, (4, 5), "remove one"),
    // missing operator or value
    ("ahrefs_rank", Code::Syntax, (0, 11), "column op value"),
    ("ahrefs_rank 10", Code::Syntax, (12, 14), "operators are"),
    ("a=", Code::Syntax, (2, 2), "double-quoted strings"),
    ("a=,b=1", Code::Syntax, (2, 3), "double-quoted strings"),
    ("1=a", Code::Syntax, (0, 1), "starts with the column"),
    // unbalanced parenthesis, grouping
    ("(a=1)", Code::Syntax, (0, 1), "without parentheses"),
    ("a=1)", Code::Syntax, (3, 4), ""),
    (
        "substring(a,\"x\"",
        Code::Syntax,
        (9, 10),
        "exactly two arguments",
    ),
    ("word(a \"x\")", Code::Syntax, (7, 8), "word(a,\"value\")"),
    // strings
    ("a=\"open", Code::Syntax, (2, 3), "close the string"),
    (
        "a=\"x\\ny\"",
        Code::InvalidEscape,
        (4, 6),
        "the escapes are",
    ),
    ("a=\"é\\q\"", Code::InvalidEscape, (5, 7), "the escapes are"),
    ("a='x'", Code::Syntax, (2, 5), "double quotes"),
    // misspelled operators
    ("a!=1", Code::Syntax, (1, 3), "`<>`"),
    ("a==1", Code::Syntax, (1, 3), "single `=`"),
    ("a=>1", Code::Syntax, (1, 3), "`>=`"),
    // bare words
    ("anchor=seo", Code::UnquotedString, (7, 10), "\"seo\""),
    (
        "first_seen=2020-01-01",
        Code::UnquotedString,
        (11, 21),
        "\"2020-01-01\"",
    ),
    ("a=TRUE", Code::UnquotedString, (2, 6), "lowercase"),
    (
        "anchor=seo tools",
        Code::UnquotedString,
        (7, 16),
        "\"seo tools\"",
    ),
    // functions
    (
        "substrng(anchor,\"x\")",
        Code::UnknownFunction,
        (0, 8),
        "did you mean `substring`?",
    ),
    (
        "SUBSTRING(anchor,\"x\")",
        Code::UnknownFunction,
        (0, 9),
        "did you mean `substring`?",
    ),
    (
        "contains(anchor,\"x\")",
        Code::UnknownFunction,
        (0, 8),
        "`substring`, `word` and `subdomain`",
    ),
    // numbers
    (
        "a=9223372036854775808",
        Code::IntegerOverflow,
        (2, 21),
        "9223372036854775807",
    ),
    (
        "a=-9223372036854775809",
        Code::IntegerOverflow,
        (2, 22),
        "-9223372036854775808",
    ),
    ("a=1.5", Code::Syntax, (2, 5), "whole numbers"),
    // no OR / AND keywords
    ("a=1 AND b=2", Code::Syntax, (4, 7), "no OR"),
    ("a=1 or b=2", Code::Syntax, (4, 6), "no OR"),
];

#[test]
fn rejected_forms_have_code_span_and_help() {
    for &(input, code, (start, end), help) in REJECTED {
        let errors = parse(input).expect_err(input);
        let first = &errors.diagnostics[0];
        assert_eq!(first.code, code, "{input:?}: {first:?}");
        assert_eq!(
            first.span.map(|s| (s.start, s.end)),
            Some((start, end)),
            "{input:?}: {first:?}"
        );
        let text = first.help.as_deref().unwrap_or("");
        assert!(
            text.contains(help),
            "{input:?}: help {text:?} lacks {help:?}"
        );
        assert!(first.is_error());
    }
}

#[test]
fn every_broken_condition_is_reported() {
    let input = "a!=1,b='x',c=1,substrng(d,\"e\"),f=";
    let errors = parse(input).unwrap_err();
    let found: Vec<(Code, u32, u32)> = errors
        .diagnostics
        .iter()
        .map(|d| (d.code, d.span.unwrap().start, d.span.unwrap().end))
        .collect();
    assert_eq!(
        found,
        [
            (Code::Syntax, 1, 3),
            (Code::Syntax, 7, 10),
            (Code::UnknownFunction, 15, 23),
            (Code::Syntax, 33, 33),
        ]
    );
}

#[test]
fn recovery_skips_commas_inside_strings_and_calls() {
    // The broken string holds a comma; recovery must not resume inside it.
    let errors = parse("a=\"x\\n,y\",b=1.5").unwrap_err();
    let spans: Vec<_> = errors
        .diagnostics
        .iter()
        .map(|d| d.span.unwrap().range())
        .collect();
    assert_eq!(spans, [4..6, 12..15]);
    // The broken call's own comma is not a separator.
    let errors = parse("substring(a x,\"y\"),b=\"z").unwrap_err();
    let spans: Vec<_> = errors
        .diagnostics
        .iter()
        .map(|d| d.span.unwrap().range())
        .collect();
    assert_eq!(spans, [12..13, 21..22]);
    // A broken call that closes is one error, not two.
    let errors = parse("substrng(anchor,\"seo\")").unwrap_err();
    assert_eq!(errors.diagnostics.len(), 1, "{errors:?}");
    // An unclosed call gives up its parenthesis to find the next condition.
    let errors = parse("substring(a,\"x\",b=1,c=1.5").unwrap_err();
    let spans: Vec<_> = errors
        .diagnostics
        .iter()
        .map(|d| d.span.unwrap().range())
        .collect();
    assert_eq!(spans, [9..10, 22..25]);
}

#[test]
fn fixes_of_syntax_errors() {
    let cases = [
        ("a!=1", "<>", 1..3),
        ("anchor=seo", "\"seo\"", 7..10),
        ("a='it\"s'", "\"it\\\"s\"", 2..8),
        ("substrng(a,\"x\")", "substring", 0..8),
        ("a=1,", "", 3..4),
    ];
    for (input, replacement, range) in cases {
        let errors = parse(input).unwrap_err();
        let fix = errors.diagnostics[0]
            .fix
            .as_ref()
            .unwrap_or_else(|| panic!("{input}: no fix"));
        assert_eq!(
            fix.edits,
            [Edit::Replace {
                span: range.into(),
                text: replacement.into()
            }],
            "{input}"
        );
    }
}

/// (input, canonical)
const ACCEPTED: &[(&str, &str)] = &[
    ("ahrefs_rank>007", "ahrefs_rank>7"),
    ("a=-0", "a=0"),
    ("a=-42", "a=-42"),
    ("anchor=\"it\\'s\"", "anchor=\"it's\""),
    ("anchor=\"q\\\"q\"", "anchor=\"q\\\"q\""),
    ("anchor=\"b\\\\s\"", "anchor=\"b\\\\s\""),
    ("anchor=\"n\\0\"", "anchor=\"n\\0\""),
    ("type:\"lost\"", "type=\"lost\""),
    (" a = 1 ,\tb<>\"x\"\r\n", "a=1,b<>\"x\""),
    (
        "substring ( anchor , \"seo\" )",
        "substring(anchor,\"seo\")",
    ),
    ("title=\"日本 ü\"", "title=\"日本 ü\""),
    ("gov=true,nofollow=false", "gov=true,nofollow=false"),
    ("a<>1,a<1,a<=1,a>1,a>=1,a=1", "a<>1,a<1,a<=1,a>1,a>=1,a=1"),
    (
        "word(title,\"the\"),subdomain(url_to,\"x.com\")",
        "word(title,\"the\"),subdomain(url_to,\"x.com\")",
    ),
    ("anchor=\"a,b(c)\"", "anchor=\"a,b(c)\""),
    ("anchor=\"\"", "anchor=\"\""),
    ("anchor=\"\u{0}\u{1f}\"", "anchor=\"\\0\u{1f}\""),
];

#[test]
fn accepted_forms_print_canonically() {
    for &(input, canonical) in ACCEPTED {
        let filter = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e:?}"));
        assert_eq!(filter.to_string(), canonical, "{input:?}");
        let again = parse(canonical).unwrap();
        assert!(again.same_meaning_as(&filter), "{input:?}");
    }
}

fn comparison<'f, 'a>(filter: &'f Filter<'a>, i: usize) -> &'f ahrefs_filter::Comparison<'a> {
    match &filter.conditions[i] {
        Condition::Comparison(c) => c,
        Condition::Call(_) => panic!("condition {i} is a call"),
    }
}

#[test]
fn ast_nodes_and_spans() {
    let filter = parse(" a = 1 ").unwrap();
    assert_eq!(filter.span.range(), 0..7);
    let c = comparison(&filter, 0);
    assert_eq!(c.span.range(), 1..6);
    assert_eq!(c.column.span.range(), 1..2);
    assert_eq!(c.operator.span.range(), 3..4);
    assert_eq!(c.value.span.range(), 5..6);
    assert_eq!(c.value.value, Value::Integer(1));

    let filter = parse("substring ( anchor , \"seo\" )").unwrap();
    let Condition::Call(call) = &filter.conditions[0] else {
        panic!()
    };
    assert_eq!(call.function.name, FunctionName::Substring);
    assert_eq!(call.function.span.range(), 0..9);
    assert_eq!(call.column.span.range(), 12..18);
    assert_eq!(call.argument.span.range(), 21..26);
    assert_eq!(call.span.range(), 0..28);

    let filter = parse("type:\"lost\"").unwrap();
    let c = comparison(&filter, 0);
    assert_eq!(c.operator.kind, CompareOp::Eq);
    assert!(c.operator.colon_alias);
}

#[test]
fn strings_borrow_unless_escaped() {
    let filter = parse("title=\"日本\",anchor=\"it\\'s\"").unwrap();
    let plain = comparison(&filter, 0);
    assert!(matches!(
        plain.value.value,
        Value::String(Cow::Borrowed("日本"))
    ));
    assert_eq!(plain.value.span.range(), 6..14);
    let escaped = comparison(&filter, 1);
    assert!(matches!(&escaped.value.value, Value::String(Cow::Owned(s)) if s == "it's"));
    assert!(matches!(plain.column.name, Cow::Borrowed("title")));
}

#[test]
fn integers_fill_i64_exactly() {
    let filter = parse("a=9223372036854775807,b=-9223372036854775808").unwrap();
    assert_eq!(comparison(&filter, 0).value.value, Value::Integer(i64::MAX));
    assert_eq!(comparison(&filter, 1).value.value, Value::Integer(i64::MIN));
}

#[test]
fn from_str_owns_its_filter() {
    let owned: Filter<'static> = {
        let text = String::from("anchor=\"seo\"");
        text.parse().unwrap()
    };
    assert_eq!(owned.to_string(), "anchor=\"seo\"");
    assert!("a=".parse::<Filter<'static>>().is_err());
}

/// `parse_reusing` gives what `parse` gives, in the same allocation each time, and a
/// filter hands back its vector empty with its capacity.
#[test]
fn parse_reusing_agrees_with_parse_and_keeps_the_allocation() {
    let texts = [
        "a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8",
        r#"ahrefs_rank > 10 , substring(anchor,"se\"o")"#,
        "x=true",
    ];
    let first = ahrefs_filter::parse_reusing(texts[0], Vec::new()).unwrap();
    assert_eq!(first, parse(texts[0]).unwrap());
    let mut spare = first.into_spare();
    assert!(spare.is_empty());
    assert!(spare.capacity() >= 8, "capacity {}", spare.capacity());
    let (address, capacity) = (spare.as_ptr(), spare.capacity());
    for text in &texts[1..] {
        let filter = ahrefs_filter::parse_reusing(text, spare).unwrap();
        assert_eq!(filter, parse(text).unwrap(), "{text}");
        assert_eq!(filter.conditions.as_ptr(), address, "{text}");
        spare = filter.into_spare();
        assert_eq!(spare.capacity(), capacity, "{text}");
    }
    // Errors are the same as `parse`'s.
    let broken = "a=,b=1,c";
    assert_eq!(
        ahrefs_filter::parse_reusing(broken, spare).unwrap_err(),
        parse(broken).unwrap_err()
    );
}
