//! Syntax: the AST and the nom parser (spec §1).
//!
//! The parser is tolerant, as ruff's is: [`parse_tolerant`] returns the tree of every
//! well-formed condition together with the errors of the broken ones, so a checker can still
//! check what did parse. [`parse`] is the all-or-nothing form.

mod ast;
mod errors;
mod grammar;
mod mistakes;

use std::fmt;
use std::str::FromStr;

pub use crate::span::{Ranged, Span};
pub use ast::{
    Call, Column, CompareOp, Comparison, Condition, Filter, Function, FunctionName, Literal,
    Operator, Value,
};

use crate::diagnostics::{Code, Diagnostic};
use grammar::{Grammar, Problem};

pub(crate) use errors::unquoted;

/// What [`parse_tolerant`] read: the well-formed conditions and the errors of the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The conditions that parsed (a bare word kept as [`Value::Bare`]), in source order.
    pub filter: Filter<'a>,
    /// Every syntax error, in source order.
    pub errors: Vec<Diagnostic>,
    /// The text of each condition that did not parse, up to the comma the parser resumed
    /// at: what an edit removing a neighbouring condition must keep.
    pub broken: Vec<Span>,
}

impl<'a> Parsed<'a> {
    /// The filter, or its errors when it has any.
    pub fn into_result(self) -> Result<Filter<'a>, ParseErrors> {
        if self.errors.is_empty() {
            Ok(self.filter)
        } else {
            Err(ParseErrors {
                diagnostics: self.errors,
            })
        }
    }
}

/// Parses a filter, keeping every well-formed condition and reporting every broken one.
///
/// ```
/// use ahrefs_filter::{parse_tolerant, Code};
///
/// let parsed = parse_tolerant("ahrefs_rank>10,nofollow!=true,xyz>1");
/// let kept: Vec<&str> = parsed.filter.conditions.iter().map(|c| &*c.column().name).collect();
/// assert_eq!(kept, ["ahrefs_rank", "xyz"]);
/// assert_eq!(parsed.errors[0].code, Code::Syntax); // `!=`
/// assert_eq!(parsed.broken.len(), 1);
/// ```
pub fn parse_tolerant(input: &str) -> Parsed<'_> {
    parse_tolerant_reusing(input, Vec::new())
}

/// [`parse_tolerant`] into the allocation of `spare` (see [`parse_reusing`]).
pub fn parse_tolerant_reusing<'a>(input: &'a str, spare: Vec<Condition<'static>>) -> Parsed<'a> {
    let mut conditions: Vec<Condition<'a>> = spare;
    conditions.clear();
    let mut parsed = Parsed {
        filter: Filter {
            conditions,
            span: Span::default(),
        },
        errors: Vec::new(),
        broken: Vec::new(),
    };
    if input.len() > Span::MAX_TEXT_LEN {
        parsed.errors.push(too_long(input.len()));
        return parsed;
    }
    parsed.filter.span = Span::at(0, input.len());
    parsed
        .filter
        .conditions
        .reserve(capacity_hint(input).saturating_sub(parsed.filter.conditions.capacity()));
    read_filter(&Grammar { src: input }, &mut parsed);
    parsed
}

/// Conditions to reserve room for, so that a typical parse allocates once: one per eight
/// bytes (real conditions are rarely shorter), at most eight; a longer filter grows the
/// vector, so a string of commas cannot reserve memory it will never use.
fn capacity_hint(input: &str) -> usize {
    (input.len() / 8 + 1).min(8)
}

/// Syntax errors reported per filter before the parser gives up: each costs a few hundred
/// bytes, so a megabyte of commas would otherwise take most of a gigabyte.
const MAX_ERRORS: usize = 1000;

/// `filter = ws , condition , ws , { "," , ws , condition , ws } ;`
///
/// A plain loop: a condition that fails gives a diagnostic at the failure, and the parser
/// skips to the next top-level comma and goes on. Every step consumes at least one byte, so
/// parsing is linear in the input and cannot hang; nothing recurses.
fn read_filter<'a>(grammar: &Grammar<'a>, parsed: &mut Parsed<'a>) {
    read_conditions(grammar, 0, parsed);
    if !parsed.errors.is_empty() {
        recognise_whole_filter_mistakes(grammar, parsed);
    }
}

/// A broken filter that is a whole other thing: percent-encoded (one error, for the whole
/// text), or led by a pasted parameter name (its error, then the filter after it).
#[cold]
fn recognise_whole_filter_mistakes<'a>(grammar: &Grammar<'a>, parsed: &mut Parsed<'a>) {
    let failure = if grammar.percent_encoded() {
        grammar.whole_filter_failure()
    } else if let Some(failure) = grammar.parameter_name_failure() {
        failure
    } else {
        return;
    };
    parsed.filter.conditions.clear();
    parsed.errors.clear();
    parsed.broken.clear();
    parsed.errors.push(grammar.diagnostic(&failure));
    if failure.resume < grammar.src.len() {
        read_conditions(grammar, failure.resume, parsed);
    } else {
        parsed.broken.push(Span::at(0, grammar.src.len()));
    }
}

/// The conditions from `at` on (see [`read_filter`]).
fn read_conditions<'a>(grammar: &Grammar<'a>, mut at: usize, parsed: &mut Parsed<'a>) {
    let src = grammar.src;
    let mut previous_comma = None;
    // A comma already reported as stray, or a separator reported as written, is not reported
    // again as trailing.
    let mut flagged_comma = None;
    loop {
        let start = grammar.offset(grammar.ws(grammar.from(at)));
        let failure = match grammar.condition(grammar.from(start), previous_comma) {
            Ok((rest, condition)) => {
                if let Value::Bare(_) = condition.literal().value {
                    parsed.errors.push(unquoted(condition.literal()));
                }
                parsed.filter.conditions.push(condition);
                let end = grammar.offset(rest);
                let rest = grammar.ws(rest);
                at = grammar.offset(rest);
                grammar.condition_end(end, rest).err()
            }
            Err(nom::Err::Failure(failure) | nom::Err::Error(failure)) => {
                if start == src.len() && previous_comma.is_some() && previous_comma == flagged_comma
                {
                    break;
                }
                if src.as_bytes().get(start) == Some(&b',') {
                    flagged_comma = Some(start);
                }
                Some(failure)
            }
            // Complete input never asks for more.
            Err(nom::Err::Incomplete(_)) => None,
        };
        // The length of the separator `at` stands on: a `,`, or what was written for one.
        let mut separator = 1;
        let mut pending = failure;
        while let Some(failure) = pending.take() {
            parsed.errors.push(grammar.diagnostic(&failure));
            // Every byte that is neither in a condition, nor whitespace, nor one comma
            // between two goes in `broken`, so no edit of the checker's reaches into it.
            let (from, to) = if let Some(written) = failure.separator() {
                let written = written.range();
                (at, separator) = (written.start, written.len());
                // Its diagnostic covers it: nothing after it is a trailing comma too.
                flagged_comma = Some(at);
                failure
                    .written()
                    .map_or((at, at), |w| (w.start as usize, w.end as usize))
            } else {
                let resumed = grammar.recover(&failure);
                let region = match (failure.problem, previous_comma) {
                    // A trailing comma: the comma itself.
                    (Problem::NoCondition { .. }, Some(comma)) if start == src.len() => {
                        (comma, comma + 1)
                    }
                    // A stray comma, or what stands where a condition should.
                    (Problem::NoCondition { .. }, _) => (start, resumed.max(start + 1)),
                    _ => (failure.at.min(start.max(at)), resumed),
                };
                at = resumed;
                // Recovery also stops at a separator written otherwise (`;`, ` AND `): it is
                // reported as after a condition, and the conditions after it are read.
                if src.as_bytes().get(at).is_some_and(|&b| b != b',') {
                    pending = grammar
                        .condition_end(at, grammar.ws(grammar.from(at)))
                        .err();
                }
                region
            };
            if to > from {
                parsed.broken.push(Span::at(from, to.min(src.len())));
            }
        }
        // Now at a top-level comma or at the end.
        if at >= src.len() {
            break;
        }
        if parsed.errors.len() >= MAX_ERRORS {
            parsed.errors.push(too_many_errors(at));
            parsed.broken.push(Span::at(at, src.len()));
            break;
        }
        previous_comma = Some(at);
        at += separator;
    }
}

/// The error for a filter of `len` bytes, too long for 32-bit spans ([`Span::MAX_TEXT_LEN`]).
#[cold]
fn too_long(len: usize) -> Diagnostic {
    let message = format!(
        "the filter is {len} bytes long; the longest this parser reads is {} bytes",
        Span::MAX_TEXT_LEN
    );
    Diagnostic::new(Code::Syntax, None, message)
}

#[cold]
fn too_many_errors(at: usize) -> Diagnostic {
    Diagnostic::new(
        Code::Syntax,
        Span::at(at, at),
        format!("too many syntax errors: stopped after {MAX_ERRORS}"),
    )
    .with_label("the rest of the filter was not read")
    .with_help("fix the errors above and check the filter again")
}

/// Every syntax error found in one filter (at least one).
///
/// Each error is a [`Diagnostic`] whose span points into the parsed text. The parser recovers
/// at the next top-level comma, so each broken condition gets its own error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ParseErrors {
    /// The errors in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.diagnostics.as_slice() {
            [only] => write!(f, "{only}"),
            [first, ..] => write!(f, "{first} (and {} more)", self.diagnostics.len() - 1),
            [] => f.write_str("syntax error"),
        }
    }
}

impl miette::Diagnostic for ParseErrors {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.diagnostics
                .iter()
                .map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

/// Parses a v2 `where` / `having` filter (the URL-decoded parameter value).
///
/// Returns the AST, whose nodes borrow from `input`, or every syntax error found.
///
/// ```
/// use ahrefs_filter::{parse, CompareOp, Condition, Value};
///
/// let filter = parse(r#"ahrefs_rank>10,substring(anchor,"seo"),first_seen>="2020-01-01""#)?;
/// let Condition::Comparison(first) = &filter.conditions[0] else { unreachable!() };
/// assert_eq!(first.column.name, "ahrefs_rank");
/// assert_eq!(first.operator.kind, CompareOp::Gt);
/// assert_eq!(first.value.value, Value::Integer(10));
/// assert_eq!(first.span.range(), 0..14);
///
/// // The canonical form is the AST's `Display`.
/// assert_eq!(parse("ahrefs_rank > 007 , type:\"lost\"")?.to_string(), r#"ahrefs_rank>7,type="lost""#);
///
/// // Every broken condition is reported, each with its code and span.
/// let errors = parse("a!=1,b='x',c=1").unwrap_err();
/// assert_eq!(errors.diagnostics.len(), 2);
/// # Ok::<(), ahrefs_filter::ParseErrors>(())
/// ```
pub fn parse(input: &str) -> Result<Filter<'_>, ParseErrors> {
    parse_tolerant(input).into_result()
}

/// [`parse`], building the AST in the allocation of `spare`, a vector of conditions that
/// [`Filter::into_spare`] handed back from an earlier filter: a loop over many filters (a
/// log of requests) then allocates only while its vector still grows.
///
/// ```
/// use ahrefs_filter::parse_reusing;
///
/// let mut spare = Vec::new();
/// for text in ["ahrefs_rank>10", r#"anchor="seo",nofollow=false"#] {
///     let filter = parse_reusing(text, spare)?;
///     assert!(!filter.conditions.is_empty());
///     spare = filter.into_spare();
/// }
/// assert!(spare.is_empty() && spare.capacity() >= 2);
/// # Ok::<(), ahrefs_filter::ParseErrors>(())
/// ```
pub fn parse_reusing<'a>(
    input: &'a str,
    spare: Vec<Condition<'static>>,
) -> Result<Filter<'a>, ParseErrors> {
    parse_tolerant_reusing(input, spare).into_result()
}

impl FromStr for Filter<'static> {
    type Err = ParseErrors;

    /// Parses into an owned filter (copying names and strings).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s).map(Filter::into_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_too_long_for_32_bit_spans_is_one_syntax_error() {
        let error = too_long(u32::MAX as usize + 1);
        assert_eq!((error.code, error.span), (Code::Syntax, None));
        assert!(error.message.contains("4294967296 bytes long"));
    }

    #[test]
    fn broken_conditions_are_kept_apart() {
        let parsed = parse_tolerant("ahref_rank=abc,nofollow!=true,xyz>1");
        let codes: Vec<Code> = parsed.errors.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnquotedString, Code::Syntax]);
        // The bare word's condition is kept, the `!=` one is not.
        assert_eq!(parsed.filter.conditions.len(), 2);
        assert_eq!(parsed.broken, [Span::new(15, 29)]);
    }
}
