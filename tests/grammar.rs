//! Keeps grammar/filter.ebnf true: its operator and function lists match the parser, every
//! `example:` parses to its canonical form, every `rejected:` fails with its code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use ahrefs_filter::{parse, CompareOp, Condition, FunctionName};

const GRAMMAR: &str = include_str!("../grammar/filter.ebnf");

/// The quoted alternatives of rule `name` (`name = "a" | "b" ;`).
fn alternatives(name: &str) -> BTreeSet<String> {
    let start = GRAMMAR
        .lines()
        .position(|l| l.split_whitespace().next() == Some(name) && l.contains('='))
        .unwrap_or_else(|| panic!("rule `{name}` not in the grammar"));
    let rule: String = GRAMMAR.lines().skip(start).collect::<Vec<_>>().join("\n");
    let body = &rule[rule.find('=').unwrap() + 1..rule.find(';').unwrap()];
    body.split('|')
        .map(|alt| alt.trim().trim_matches('"').to_owned())
        .collect()
}

fn lines_after(prefix: &str) -> Vec<&'static str> {
    GRAMMAR
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix(prefix))
        .collect()
}

#[test]
fn operators_agree_with_the_parser() {
    let grammar = alternatives("op");
    let mut parser: BTreeSet<String> = CompareOp::ALL
        .iter()
        .map(|op| op.as_str().to_owned())
        .collect();
    parser.insert(":".to_owned());
    assert_eq!(grammar, parser);
    for op in &grammar {
        let text = format!("a{op}1");
        let filter = parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let Condition::Comparison(c) = &filter.conditions[0] else {
            panic!("{text}: not a comparison")
        };
        let expected = if op == ":" { "=" } else { op.as_str() };
        assert_eq!(c.operator.kind.as_str(), expected, "{text}");
        assert_eq!(c.operator.span.len(), op.len(), "{text}");
        assert_eq!(c.operator.colon_alias, op == ":", "{text}");
    }
}

#[test]
fn functions_agree_with_the_parser() {
    let grammar = alternatives("function");
    let parser: BTreeSet<String> = FunctionName::ALL
        .iter()
        .map(|f| f.as_str().to_owned())
        .collect();
    assert_eq!(grammar, parser);
    for name in &grammar {
        let text = format!("{name}(a,\"x\")");
        let filter = parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let Condition::Call(c) = &filter.conditions[0] else {
            panic!("{text}: not a call")
        };
        assert_eq!(c.function.name.as_str(), name);
    }
}

#[test]
fn every_example_parses_to_its_canonical_form() {
    let examples = lines_after("example: ");
    assert!(examples.len() >= 20, "the grammar lost its examples");
    for line in examples {
        let (input, canonical) = line.rsplit_once(" => ").unwrap();
        let filter = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(filter.to_string(), canonical, "{input:?}");
        assert_eq!(
            parse(canonical).unwrap().to_string(),
            canonical,
            "canonical form of {input:?} is not a fixed point"
        );
    }
}

#[test]
fn every_rejected_input_fails_with_its_code() {
    let rejected = lines_after("rejected: ");
    assert!(rejected.len() >= 15, "the grammar lost its rejected inputs");
    for line in rejected {
        let (code, input) = line.split_once(": ").unwrap();
        let errors = parse(input).expect_err(input);
        assert_eq!(errors.diagnostics[0].code.as_str(), code, "{input:?}");
    }
}
