//! The printer's laws and span integrity (spec §3), as property tests.
//!
//! - `parse(print(ast))` equals `ast` (ignoring spans) for arbitrary ASTs;
//! - `print(parse(s))` is a fixed point of `print ∘ parse` for every `s` that parses;
//! - every node's span lies in the input on UTF-8 boundaries, inside its parent's, and
//!   siblings come in order (as ruff checks on every fixture).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::borrow::Cow;

use ahrefs_filter::{
    parse, Call, Column, CompareOp, Comparison, Condition, Filter, Function, FunctionName, Literal,
    Operator, Ranged, Span, Value,
};
use proptest::prelude::*;

fn column_name() -> impl Strategy<Value = String> {
    "[A-Za-z_][A-Za-z0-9_]{0,12}"
}

fn value() -> impl Strategy<Value = Value<'static>> {
    prop_oneof![
        any::<i64>().prop_map(Value::Integer),
        any::<bool>().prop_map(Value::Boolean),
        // Any text: quotes, backslashes, NUL, commas, parentheses, non-ASCII.
        any::<String>().prop_map(|s| Value::String(Cow::Owned(s))),
        "[\"\\\\',() a-z\u{0}é日]{0,8}".prop_map(|s| Value::String(Cow::Owned(s))),
    ]
}

fn literal() -> impl Strategy<Value = Literal<'static>> {
    value().prop_map(|value| Literal {
        value,
        span: Span::default(),
    })
}

fn column() -> impl Strategy<Value = Column<'static>> {
    column_name().prop_map(|name| Column {
        name: Cow::Owned(name),
        span: Span::default(),
    })
}

fn condition() -> impl Strategy<Value = Condition<'static>> {
    let comparison = (
        column(),
        proptest::sample::select(CompareOp::ALL.to_vec()),
        literal(),
    )
        .prop_map(|(column, kind, value)| {
            Condition::Comparison(Comparison {
                column,
                operator: Operator {
                    kind,
                    colon_alias: false,
                    span: Span::default(),
                },
                value,
                span: Span::default(),
            })
        });
    let call = (
        proptest::sample::select(FunctionName::ALL.to_vec()),
        column(),
        literal(),
    )
        .prop_map(|(name, column, argument)| {
            Condition::Call(Call {
                function: Function {
                    name,
                    span: Span::default(),
                },
                column,
                argument,
                span: Span::default(),
            })
        });
    prop_oneof![comparison, call]
}

fn filter() -> impl Strategy<Value = Filter<'static>> {
    proptest::collection::vec(condition(), 1..8).prop_map(|conditions| Filter {
        conditions,
        span: Span::default(),
    })
}

/// Filter-like text: canonical text of an arbitrary AST with whitespace, `:`, leading zeros
/// and optional escapes sprinkled in, or token soup that mostly fails to parse.
fn filter_text() -> impl Strategy<Value = String> {
    let noisy = (filter(), proptest::collection::vec(0u8..6, 64)).prop_map(|(filter, noise)| {
        let mut out = String::new();
        let mut noise = noise.into_iter().cycle();
        for c in filter.to_string().chars() {
            match (c, noise.next().unwrap_or(0)) {
                (',' | '(' | ')' | '=' | '<' | '>', 0) => {
                    out.push(' ');
                    out.push(c);
                    out.push('\t');
                }
                ('=', 1) => out.push(':'),
                ('1'..='9', 2) => {
                    out.push('0');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    });
    let soup = proptest::collection::vec(
        prop_oneof![
            Just("a".to_owned()),
            Just("substring(".to_owned()),
            Just("word".to_owned()),
            Just(",".to_owned()),
            Just(")".to_owned()),
            Just("=".to_owned()),
            Just("<>".to_owned()),
            Just(":".to_owned()),
            Just("\"x\\'y\"".to_owned()),
            Just("\"".to_owned()),
            Just("-0".to_owned()),
            Just("007".to_owned()),
            Just("true".to_owned()),
            Just(" ".to_owned()),
            Just("é".to_owned()),
        ],
        1..16,
    )
    .prop_map(|tokens| tokens.concat());
    prop_oneof![noisy, soup, any::<String>()]
}

/// Asserts the span invariants of a parsed filter over `input`.
fn assert_spans(input: &str, filter: &Filter<'_>) {
    let inside = |parent: Span, child: Span, what: &str| {
        assert!(
            child.start <= child.end,
            "{what} {child:?} is reversed in {input:?}"
        );
        assert!(
            parent.contains(child),
            "{what} {child:?} leaves its parent {parent:?} in {input:?}"
        );
        assert!(
            input.is_char_boundary(child.range().start)
                && input.is_char_boundary(child.range().end),
            "{what} {child:?} splits a character in {input:?}"
        );
    };
    let ordered = |spans: &[Span], what: &str| {
        for pair in spans.windows(2) {
            assert!(
                pair[0].end <= pair[1].start,
                "{what}: {:?} overlaps or precedes {:?} in {input:?}",
                pair[0],
                pair[1]
            );
        }
    };
    assert_eq!(filter.span.range(), 0..input.len());
    let conditions: Vec<Span> = filter.conditions.iter().map(Ranged::span).collect();
    ordered(&conditions, "conditions");
    for condition in &filter.conditions {
        let parent = condition.span();
        inside(filter.span, parent, "condition");
        let children = match condition {
            Condition::Comparison(c) => vec![c.column.span, c.operator.span, c.value.span],
            Condition::Call(c) => vec![c.function.span, c.column.span, c.argument.span],
        };
        for child in &children {
            inside(parent, *child, "node");
            assert!(!child.is_empty(), "empty node span in {input:?}");
        }
        ordered(&children, "siblings");
        assert_eq!(
            parent.start, children[0].start,
            "a condition starts with its first token in {input:?}"
        );
        // The node texts are what the nodes say they are.
        assert_eq!(
            &input[condition.column().span.range()],
            condition.column().name,
            "{input:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn print_then_parse_gives_the_same_ast(ast in filter()) {
        let text = ast.to_string();
        // `canonical()` prints without the formatter; both must give the same text, and
        // each condition's `Display` must be its part of it.
        prop_assert_eq!(ast.canonical(), text.clone());
        let parts: Vec<String> = ast.conditions.iter().map(ToString::to_string).collect();
        prop_assert_eq!(parts.join(","), text.clone());
        let parsed = parse(&text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
        prop_assert!(parsed.same_meaning_as(&ast), "{:?} printed as {:?} parsed back as {:?}", ast, text, parsed);
        assert_spans(&text, &parsed);
    }

    #[test]
    fn canonical_text_is_a_fixed_point(input in filter_text()) {
        if let Ok(filter) = parse(&input) {
            assert_spans(&input, &filter);
            let once = filter.to_string();
            let reparsed = parse(&once).unwrap_or_else(|e| panic!("canonical {once:?} of {input:?} does not parse: {e:?}"));
            prop_assert_eq!(reparsed.to_string(), once.clone());
            prop_assert!(reparsed.same_meaning_as(&filter));
            assert_spans(&once, &reparsed);
        }
    }

    #[test]
    fn errors_point_inside_the_input(input in filter_text()) {
        if let Err(errors) = parse(&input) {
            prop_assert!(!errors.diagnostics.is_empty());
            for d in &errors.diagnostics {
                let span = d.span.unwrap();
                let range = span.range();
                prop_assert!(range.start <= range.end && range.end <= input.len(), "{:?} in {:?}", d, input);
                prop_assert!(input.is_char_boundary(range.start) && input.is_char_boundary(range.end));
            }
            let starts: Vec<u32> = errors.diagnostics.iter().map(|d| d.span.unwrap().start).collect();
            prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]), "errors out of order: {:?}", starts);
        }
    }
}
