//! The filter grammar (spec §1, `grammar/filter.ebnf`), one function per construct.
//!
//! Tokens are recognised with nom combinators over bytes; the flat list structure, error
//! recovery and spans are handled by a small cursor. Every loop consumes at least one byte
//! per step, so parsing is linear in the input and cannot hang; nothing recurses.

use std::borrow::Cow;

use nom::bytes::complete::{take_while, take_while1};
use nom::error::{Error, ErrorKind};
use nom::{IResult, Parser as _};

use super::ast::{
    Call, Column, CompareOp, Comparison, Condition, Filter, Function, FunctionName, Literal,
    Operator, Value,
};
use super::fast;
use super::scan;
use crate::diagnostics::{Code, Diagnostic, Fix};
use crate::print::quote;
use crate::span::Span;
use crate::suggest;

/// A syntax error and where the parser may resume scanning for the next condition.
struct Failure {
    diagnostic: Diagnostic,
    /// A byte offset outside any string literal from which to look for the next `,`.
    resume: usize,
    /// Parentheses open at `resume` (1 inside a call's argument list).
    depth: usize,
}

type Parsed<T> = Result<T, Box<Failure>>;

/// Parses a whole filter into `conditions` (emptied first), returning the AST or every
/// syntax error found.
///
/// A well-formed filter is read by the one-pass [`fast`] path; anything else (an error,
/// an escaped string) by the full grammar below, which reports every error.
pub(crate) fn filter<'a>(
    input: &'a str,
    mut conditions: Vec<Condition<'a>>,
) -> Result<Filter<'a>, Vec<Diagnostic>> {
    if input.len() > Span::MAX_TEXT_LEN {
        return Err(too_long(input.len()));
    }
    conditions.clear();
    if conditions.capacity() == 0 {
        // `with_capacity` allocates directly; `reserve` takes the slower path for growth.
        conditions = Vec::with_capacity(capacity_hint(input));
    } else {
        conditions.reserve(capacity_hint(input));
    }
    if fast::filter(input, &mut conditions) {
        return Ok(Filter {
            conditions,
            span: Span::at(0, input.len()),
        });
    }
    conditions.clear();
    grammar(input, conditions)
}

/// The error for a filter of `len` bytes, too long for 32-bit spans ([`Span::MAX_TEXT_LEN`]).
#[cold]
fn too_long(len: usize) -> Vec<Diagnostic> {
    let message = format!(
        "the filter is {len} bytes long; the longest this parser reads is {} bytes",
        Span::MAX_TEXT_LEN
    );
    vec![Diagnostic::new(Code::Syntax, None, message)]
}

/// The whole grammar with error recovery, without the fast path: every syntax error in
/// `input`, or its AST. For the tests and fuzz targets that hold the fast path to it.
#[cfg(any(test, fuzzing))]
pub(super) fn full<'a>(
    input: &'a str,
    conditions: Vec<Condition<'a>>,
) -> Result<Filter<'a>, Vec<Diagnostic>> {
    if input.len() > Span::MAX_TEXT_LEN {
        return Err(too_long(input.len()));
    }
    grammar(input, conditions)
}

/// The whole grammar, for an input whose length the caller has checked.
fn grammar<'a>(
    input: &'a str,
    mut conditions: Vec<Condition<'a>>,
) -> Result<Filter<'a>, Vec<Diagnostic>> {
    let mut parser = Parser {
        src: input,
        bytes: input.as_bytes(),
        pos: 0,
    };
    let mut errors = Vec::new();
    let mut previous_comma = None;
    // A comma already reported as stray is not reported again as trailing.
    let mut flagged_comma = None;
    loop {
        parser.skip_ws();
        match parser.condition(previous_comma, &mut conditions) {
            Ok(()) => {
                parser.skip_ws();
                if let Err(failure) = parser.condition_end() {
                    parser.recover(&failure);
                    errors.push(failure.diagnostic);
                }
            }
            Err(failure) => {
                if parser.at_end() && previous_comma.is_some() && previous_comma == flagged_comma {
                    break;
                }
                if parser.peek() == Some(b',') {
                    flagged_comma = Some(parser.pos);
                }
                parser.recover(&failure);
                errors.push(failure.diagnostic);
            }
        }
        // Now at a top-level comma or at the end.
        if parser.at_end() {
            break;
        }
        if errors.len() >= MAX_ERRORS {
            errors.push(too_many_errors(parser.pos));
            break;
        }
        previous_comma = Some(parser.pos);
        parser.pos += 1;
    }
    if errors.is_empty() {
        Ok(Filter {
            conditions,
            span: Span::at(0, input.len()),
        })
    } else {
        Err(errors)
    }
}

/// Syntax errors reported per filter before the parser gives up: each costs a few hundred
/// bytes, so a megabyte of commas would otherwise take most of a gigabyte.
const MAX_ERRORS: usize = 1000;

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

/// Conditions to reserve room for, so that a typical parse allocates once: one per eight
/// bytes (real conditions are rarely shorter), at most eight. Eight conditions take 1 KiB,
/// the largest block glibc's per-thread cache hands out and takes back: a larger first
/// block, or counting the commas to size it exactly, cost 3 to 5% more per corpus parse.
/// A longer filter grows the vector, so a string of commas cannot reserve memory it will
/// never use (and at 10 MB, growing measured no slower than reserving the exact count).
fn capacity_hint(input: &str) -> usize {
    (input.len() / 8 + 1).min(8)
}

pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Bytes that end a bare (unquoted) value.
fn ends_bare_value(b: u8) -> bool {
    matches!(b, b',' | b')' | b'(' | b'"')
}

/// The offset of the first `"` or `\\` in `bytes`.
///
/// Most strings in filters are short (dates, words), where a word-at-a-time scan beats the
/// setup of `memchr`; the rest of a longer string goes to `memchr`.
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const SHORT: usize = 32;
    let head = &bytes[..bytes.len().min(SHORT)];
    match scan::find_either(head, b'"', b'\\') {
        Some(i) => Some(i),
        None if bytes.len() > SHORT => {
            memchr::memchr2(b'"', b'\\', &bytes[SHORT..]).map(|i| SHORT + i)
        }
        None => None,
    }
}

fn ws(input: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while(is_ws).parse(input)
}

fn identifier(input: &[u8]) -> IResult<&[u8], &[u8]> {
    match scan::identifier_len(input) {
        0 => Err(nom::Err::Error(Error::new(input, ErrorKind::TakeWhile1))),
        len => Ok((&input[len..], &input[..len])),
    }
}

fn digits(input: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while1(|b: u8| b.is_ascii_digit()).parse(input)
}

/// Longest match first: `<>` and `<=` before `<`.
///
/// A `match` on the leading bytes rather than an `alt` of seven `tag`s: it runs once per
/// condition, and trying the tags one by one cost ten times as much.
pub(super) fn compare_op(input: &[u8]) -> IResult<&[u8], (CompareOp, bool)> {
    let (len, op) = match input {
        [b'<', b'>', ..] => (2, (CompareOp::Ne, false)),
        [b'<', b'=', ..] => (2, (CompareOp::Le, false)),
        [b'>', b'=', ..] => (2, (CompareOp::Ge, false)),
        [b'=', ..] => (1, (CompareOp::Eq, false)),
        [b'<', ..] => (1, (CompareOp::Lt, false)),
        [b'>', ..] => (1, (CompareOp::Gt, false)),
        [b':', ..] => (1, (CompareOp::Eq, true)),
        _ => return Err(nom::Err::Error(Error::new(input, ErrorKind::Tag))),
    };
    Ok((&input[len..], op))
}

/// Operators people write that v2 spells differently, with the help to give.
const MISSPELLED_OPERATORS: [(&str, &str, &str); 5] = [
    ("!=", "<>", "v2 writes \"not equal\" as `<>`"),
    ("==", "=", "v2 writes equality as a single `=`"),
    ("=>", ">=", "did you mean `>=`?"),
    ("=<", "<=", "did you mean `<=`?"),
    ("><", "<>", "did you mean `<>`?"),
];

/// The misspelled operator at the start of `input`, if any.
fn misspelled_operator(
    input: &[u8],
) -> Option<&'static (&'static str, &'static str, &'static str)> {
    // Each is two of `!=<>` in an order no valid operator has but `>=`: look no further
    // for the common `=`, `<`, `>`, `<=`, `<>`.
    if !matches!(input, [b'!' | b'=' | b'>', b'=' | b'<' | b'>', ..]) {
        return None;
    }
    MISSPELLED_OPERATORS
        .iter()
        .find(|(wrong, _, _)| input.starts_with(wrong.as_bytes()))
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos..]
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Advances past what a nom parser consumed and returns the consumed span.
    fn advance_to(&mut self, rest: &[u8]) -> Span {
        let start = self.pos;
        self.pos = self.bytes.len() - rest.len();
        Span::at(start, self.pos)
    }

    fn skip_ws(&mut self) {
        // Most filters have no whitespace at all: look at one byte before calling the tokenizer.
        if !self.peek().is_some_and(is_ws) {
            return;
        }
        if let Ok((rest, _)) = ws(self.rest()) {
            self.advance_to(rest);
        }
    }

    fn text(&self, span: Span) -> &'a str {
        &self.src[span.range()]
    }

    /// The next token, for "found …" in messages: a run of identifier bytes, or one character.
    fn next_token_span(&self) -> Span {
        match identifier(self.rest()) {
            Ok((rest, _)) => Span::at(self.pos, self.bytes.len() - rest.len()),
            Err(_) => Span::at(self.pos, self.pos + self.char_len_at(self.pos)),
        }
    }

    fn char_len_at(&self, offset: usize) -> usize {
        self.src[offset..].chars().next().map_or(0, char::len_utf8)
    }

    #[cold]
    fn describe_next(&self) -> String {
        if self.at_end() {
            "the end of the filter".to_owned()
        } else {
            format!("`{}`", self.text(self.next_token_span()))
        }
    }

    #[cold]
    fn fail(&self, diagnostic: Diagnostic, resume: usize, depth: usize) -> Box<Failure> {
        Box::new(Failure {
            diagnostic,
            resume,
            depth,
        })
    }

    /// `condition = comparison | call`, pushed onto `out`: a condition is 96 bytes, and
    /// pushing it where it is built saves the copies of returning it through two `Result`s.
    fn condition(
        &mut self,
        previous_comma: Option<usize>,
        out: &mut Vec<Condition<'a>>,
    ) -> Parsed<()> {
        let start = self.pos;
        let name = match identifier(self.rest()) {
            Ok((rest, _)) => self.advance_to(rest),
            Err(_) => return Err(self.missing_condition(previous_comma)),
        };
        if self.bytes[name.start as usize].is_ascii_digit() {
            let diagnostic = Diagnostic::new(
                Code::Syntax,
                name,
                format!("expected a column name, found `{}`", self.text(name)),
            )
            .with_help(
                "a condition starts with the column: `column op value`, e.g. `ahrefs_rank>10`",
            );
            return Err(self.fail(diagnostic, name.end as usize, 0));
        }
        self.skip_ws();
        if self.peek() == Some(b'(') {
            self.call(name, out)
        } else {
            let column = Column {
                name: Cow::Borrowed(self.text(name)),
                span: name,
            };
            self.comparison(start, column, out)
        }
    }

    /// The error for a condition that is not there at all: empty filter, stray commas,
    /// grouping parentheses, a value without a column.
    #[cold]
    fn missing_condition(&self, previous_comma: Option<usize>) -> Box<Failure> {
        let here = self.pos;
        let diagnostic = match (self.peek(), previous_comma) {
            (None, None) => {
                Diagnostic::new(Code::Syntax, Span::at(0, self.bytes.len()), "empty filter")
                    .with_help("leave out the parameter instead of sending an empty filter")
            }
            (None, Some(comma)) => {
                Diagnostic::new(Code::Syntax, Span::at(comma, comma + 1), "trailing comma")
                    .with_label("nothing follows this comma")
                    .with_help("remove the trailing `,`")
                    .with_fix(Fix::replace(
                        "remove the trailing comma",
                        Span::at(comma, comma + 1),
                        "",
                    ))
            }
            (Some(b','), None) => {
                Diagnostic::new(Code::Syntax, Span::at(here, here + 1), "leading comma")
                    .with_label("no condition before this comma")
                    .with_help("remove the leading `,`")
                    .with_fix(Fix::replace(
                        "remove the leading comma",
                        Span::at(here, here + 1),
                        "",
                    ))
            }
            (Some(b','), Some(_)) => Diagnostic::new(
                Code::Syntax,
                Span::at(here, here + 1),
                "double comma: empty condition",
            )
            .with_label("no condition before this comma")
            .with_help("remove one `,`")
            .with_fix(Fix::replace(
                "remove the extra comma",
                Span::at(here, here + 1),
                "",
            )),
            (Some(b'('), _) => Diagnostic::new(
                Code::Syntax,
                Span::at(here, here + 1),
                "unexpected `(`: v2 filters have no grouping",
            )
            .with_help(
                "write the conditions without parentheses, joined by `,` (AND); v2 has no OR",
            ),
            (Some(b')'), _) => Diagnostic::new(
                Code::Syntax,
                Span::at(here, here + 1),
                "unbalanced parenthesis: `)` without `(`",
            ),
            (Some(b'"' | b'\''), _) => Diagnostic::new(
                Code::Syntax,
                Span::at(here, here + 1),
                "expected a column name, found a quoted value",
            )
            .with_help(
                "a condition starts with the column: `column op value`, e.g. `anchor=\"seo\"`",
            ),
            _ => Diagnostic::new(
                Code::Syntax,
                self.next_token_span(),
                format!("expected a condition, found {}", self.describe_next()),
            )
            .with_help("a condition is `column op value` or `function(column,\"value\")`"),
        };
        // A stray comma is itself the place to resume; anything else is skipped.
        let resume = if self.peek() == Some(b',') {
            here
        } else {
            diagnostic.span.map_or(here, |s| s.end as usize)
        };
        self.fail(diagnostic, resume, 0)
    }

    /// `comparison = column , ws , op , ws , literal`
    fn comparison(
        &mut self,
        start: usize,
        column: Column<'a>,
        out: &mut Vec<Condition<'a>>,
    ) -> Parsed<()> {
        let operator = self.operator(&column)?;
        self.skip_ws();
        let value = self.literal(0, Some(&column))?;
        out.push(Condition::Comparison(Comparison {
            span: Span::at(start, value.span.end as usize),
            column,
            operator,
            value,
        }));
        Ok(())
    }

    fn operator(&mut self, column: &Column<'a>) -> Parsed<Operator> {
        let rest = self.rest();
        if let Some(&(wrong, right, help)) = misspelled_operator(rest) {
            // `===` (and longer) is one misspelling of `=`, fixed at once: fixing `==` alone
            // would leave `==` behind, one `=` shorter per round of fixes.
            let extra = if wrong == "==" {
                rest[wrong.len()..]
                    .iter()
                    .take_while(|&&b| b == b'=')
                    .count()
            } else {
                0
            };
            let span = Span::at(self.pos, self.pos + wrong.len() + extra);
            let written = self.text(span);
            let diagnostic = Diagnostic::new(
                Code::Syntax,
                span,
                format!("`{written}` is not a v2 operator"),
            )
            .with_label("not a v2 operator")
            .with_help(help)
            .with_fix(Fix::replace(
                format!("replace `{written}` with `{right}`"),
                span,
                right,
            ));
            return Err(self.fail(diagnostic, span.end as usize, 0));
        }
        match compare_op(rest) {
            Ok((rest, (kind, colon_alias))) => Ok(Operator {
                kind,
                colon_alias,
                span: self.advance_to(rest),
            }),
            Err(_) => {
                let diagnostic = if matches!(self.peek(), None | Some(b',')) {
                    Diagnostic::new(
                        Code::Syntax,
                        column.span,
                        format!("condition `{}` has no operator or value", column.name),
                    )
                    .with_help("a comparison is `column op value`, e.g. `ahrefs_rank>10`")
                } else {
                    Diagnostic::new(
                        Code::Syntax,
                        self.next_token_span(),
                        format!(
                            "expected an operator after `{}`, found {}",
                            column.name,
                            self.describe_next()
                        ),
                    )
                    .with_help("the operators are `=` `<>` `<` `<=` `>` `>=`")
                };
                Err(self.fail(diagnostic, self.pos, 0))
            }
        }
    }

    /// `call = function , ws , "(" , ws , column , ws , "," , ws , literal , ws , ")"`
    ///
    /// Entered with the function name read and the cursor on `(`.
    fn call(&mut self, name: Span, out: &mut Vec<Condition<'a>>) -> Parsed<()> {
        let open = self.pos;
        self.pos += 1;
        let function = self.function(name)?;
        self.skip_ws();
        let column = match identifier(self.rest()) {
            Ok((rest, _)) if !self.bytes[self.pos].is_ascii_digit() => {
                let span = self.advance_to(rest);
                Column {
                    name: Cow::Borrowed(self.text(span)),
                    span,
                }
            }
            _ => {
                let diagnostic = Diagnostic::new(
                    Code::Syntax,
                    self.next_token_span(),
                    format!(
                        "expected a column name as the first argument of `{}`, found {}",
                        function.name.as_str(),
                        self.describe_next()
                    ),
                )
                .with_help(format!(
                    "write `{}(column,\"value\")`",
                    function.name.as_str()
                ));
                return Err(self.fail(diagnostic, self.pos, 1));
            }
        };
        self.skip_ws();
        if self.peek() != Some(b',') {
            let diagnostic = Diagnostic::new(
                Code::Syntax,
                self.next_token_span(),
                format!(
                    "expected `,` after the column `{}`, found {}",
                    column.name,
                    self.describe_next()
                ),
            )
            .with_help(format!(
                "write `{}({},\"value\")`",
                function.name.as_str(),
                column.name
            ));
            return Err(self.fail(diagnostic, self.pos, 1));
        }
        self.pos += 1;
        self.skip_ws();
        let argument = self.literal(1, None)?;
        self.skip_ws();
        if self.peek() != Some(b')') {
            let diagnostic = Diagnostic::new(
                Code::Syntax,
                Span::at(open, open + 1),
                "unbalanced parenthesis: this `(` is never closed",
            )
            .with_label(format!("expected `)` before {}", self.describe_next()))
            .with_help("a function takes exactly two arguments: `function(column,\"value\")`");
            return Err(self.fail(diagnostic, self.pos, 1));
        }
        self.pos += 1;
        out.push(Condition::Call(Call {
            function,
            column,
            argument,
            span: Span::at(name.start as usize, self.pos),
        }));
        Ok(())
    }

    fn function(&self, name: Span) -> Parsed<Function> {
        let text = self.text(name);
        if let Some(function) = FunctionName::from_name(text) {
            return Ok(Function {
                name: function,
                span: name,
            });
        }
        let mut diagnostic = Diagnostic::new(
            Code::UnknownFunction,
            name,
            format!("unknown function `{text}`"),
        )
        .with_label("not a v2 function");
        let names = FunctionName::ALL.map(FunctionName::as_str);
        diagnostic = match suggest::closest(text, names) {
            Some(right) => diagnostic
                .with_help(format!("did you mean `{right}`?"))
                .with_fix(Fix::replace(
                    format!("replace `{text}` with `{right}`"),
                    name,
                    right,
                )),
            None => diagnostic.with_help("the functions are `substring`, `word` and `subdomain`"),
        };
        Err(self.fail(diagnostic, self.pos, 1))
    }

    /// `literal = string | integer | boolean`
    ///
    /// `depth` is 1 inside a call; `column` names the compared column in messages.
    fn literal(&mut self, depth: usize, column: Option<&Column<'a>>) -> Parsed<Literal<'a>> {
        match self.peek() {
            Some(b'"') => self.string(depth),
            Some(b'\'') => Err(self.single_quoted(depth)),
            Some(b'-' | b'0'..=b'9') => self.integer(depth),
            None | Some(b',' | b')') => {
                let what =
                    column.map_or_else(|| "the function".to_owned(), |c| format!("`{}`", c.name));
                let diagnostic = Diagnostic::new(
                    Code::Syntax,
                    self.next_token_span(),
                    format!(
                        "missing value: expected a value for {what}, found {}",
                        self.describe_next()
                    ),
                )
                .with_help("values are double-quoted strings, integers, `true` or `false`");
                Err(self.fail(diagnostic, self.pos, depth))
            }
            Some(_) => self.word(depth),
        }
    }

    /// `string = '"' , { char - ( '"' | "\" ) | escape } , '"'`
    fn string(&mut self, depth: usize) -> Parsed<Literal<'a>> {
        let open = self.pos;
        match string_literal(self.src, open) {
            Ok((value, end)) => {
                self.pos = end;
                Ok(Literal {
                    value: Value::String(value),
                    span: Span::at(open, end),
                })
            }
            Err(BadString::Unterminated) => Err(self.unterminated_string(open)),
            Err(BadString::InvalidEscape(backslash)) => {
                Err(self.invalid_escape(open, backslash, depth))
            }
        }
    }

    #[cold]
    fn unterminated_string(&self, open: usize) -> Box<Failure> {
        let diagnostic = Diagnostic::new(
            Code::Syntax,
            Span::at(open, open + 1),
            "unterminated string",
        )
        .with_label("this quote is never closed")
        .with_help("close the string with `\"`; write a quote inside a string as `\\\"`");
        self.fail(diagnostic, self.bytes.len(), 0)
    }

    #[cold]
    fn invalid_escape(&self, open: usize, backslash: usize, depth: usize) -> Box<Failure> {
        let escaped_len = self.char_len_at(backslash + 1);
        let span = Span::at(backslash, backslash + 1 + escaped_len);
        let diagnostic = Diagnostic::new(
            Code::InvalidEscape,
            span,
            format!("unknown escape `{}`", self.text(span)),
        )
        .with_help(
            "the escapes are `\\\"`, `\\\\`, `\\'` and `\\0`; write other characters as they are",
        );
        // Resume after the string's closing quote, so a `,` inside it is not taken as a separator.
        let resume = end_of_string(self.bytes, open).unwrap_or(self.bytes.len());
        self.fail(diagnostic, resume, depth)
    }

    /// `'x'`: an error with a fix to double quotes.
    #[cold]
    fn single_quoted(&self, depth: usize) -> Box<Failure> {
        let open = self.pos;
        let close = memchr::memchr(b'\'', &self.bytes[open + 1..]).map(|i| open + 1 + i);
        let diagnostic = match close {
            Some(close) => {
                let span = Span::at(open, close + 1);
                let content = &self.src[open + 1..close];
                Diagnostic::new(Code::Syntax, span, "single-quoted string")
                    .with_label("single quotes")
                    .with_help("v2 strings use double quotes")
                    .with_fix(Fix::replace("use double quotes", span, quote(content)))
            }
            None => Diagnostic::new(
                Code::Syntax,
                Span::at(open, open + 1),
                "single quote where a value belongs",
            )
            .with_help("v2 strings use double quotes: `\"value\"`"),
        };
        let resume = diagnostic.span.map_or(open + 1, |s| s.end as usize);
        self.fail(diagnostic, resume, depth)
    }

    /// `integer = [ "-" ] , digit , { digit }`, fitting i64.
    fn integer(&mut self, depth: usize) -> Parsed<Literal<'a>> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        let after_sign = start + usize::from(negative);
        let Ok((rest, digit_bytes)) = digits(&self.bytes[after_sign..]) else {
            return self.word(depth);
        };
        let end = self.bytes.len() - rest.len();
        let span = Span::at(start, end);
        match rest.first() {
            Some(b'.') if rest.get(1).is_some_and(u8::is_ascii_digit) => {
                let fraction_end =
                    end + 1 + rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
                let span = Span::at(start, fraction_end);
                let diagnostic = Diagnostic::new(
                    Code::Syntax,
                    span,
                    format!("fractional number `{}`", self.text(span)),
                )
                .with_label("not a whole number")
                .with_help("v2 filters compare whole numbers only");
                return Err(self.fail(diagnostic, fraction_end, depth));
            }
            Some(&b) if !is_ws(b) && !ends_bare_value(b) => return self.word(depth),
            _ => {}
        }
        match decimal(digit_bytes, negative) {
            Some(n) => {
                self.pos = end;
                Ok(Literal {
                    value: Value::Integer(n),
                    span,
                })
            }
            None => {
                let diagnostic = Diagnostic::new(
                    Code::IntegerOverflow,
                    span,
                    "integer does not fit in 64 bits",
                )
                .with_label("out of range")
                .with_help(format!(
                    "integers range from {} to {}",
                    i64::MIN,
                    i64::MAX
                ));
                Err(self.fail(diagnostic, end, depth))
            }
        }
    }

    /// A bare word in value position: `true`, `false`, or an unquoted string (an error whose
    /// fix quotes it).
    fn word(&mut self, depth: usize) -> Parsed<Literal<'a>> {
        let start = self.pos;
        let len = self
            .rest()
            .iter()
            .position(|&b| ends_bare_value(b))
            .unwrap_or(self.rest().len());
        let raw = &self.src[start..start + len];
        let trimmed = raw.trim_end_matches(|c: char| c.is_ascii() && is_ws(c as u8));
        let span = Span::at(start, start + trimmed.len());
        match trimmed {
            "true" | "false" => {
                self.pos = span.end as usize;
                Ok(Literal {
                    value: Value::Boolean(trimmed == "true"),
                    span,
                })
            }
            _ => {
                let mut diagnostic = Diagnostic::new(
                    Code::UnquotedString,
                    span,
                    format!("unquoted value `{trimmed}`"),
                )
                .with_label("strings must be quoted")
                .with_fix(Fix::replace("quote the value", span, quote(trimmed)));
                diagnostic = match trimmed {
                    "TRUE" | "True" | "FALSE" | "False" => diagnostic.with_help(format!(
                        "booleans are lowercase: `{}`; for a string write `{}`",
                        trimmed.to_ascii_lowercase(),
                        quote(trimmed)
                    )),
                    _ => {
                        diagnostic.with_help(format!("write it as a string: `{}`", quote(trimmed)))
                    }
                };
                Err(self.fail(diagnostic, span.end as usize, depth))
            }
        }
    }

    /// After a condition: a `,`, or the end of the filter.
    fn condition_end(&self) -> Result<(), Box<Failure>> {
        let diagnostic = match self.peek() {
            None | Some(b',') => return Ok(()),
            Some(b')') => Diagnostic::new(
                Code::Syntax,
                Span::at(self.pos, self.pos + 1),
                "unbalanced parenthesis: `)` without `(`",
            ),
            Some(_) => {
                let token = self.next_token_span();
                let mut diagnostic = Diagnostic::new(
                    Code::Syntax,
                    token,
                    format!(
                        "expected `,` or the end of the filter, found {}",
                        self.describe_next()
                    ),
                );
                diagnostic = match self.text(token) {
                    "AND" | "and" | "OR" | "or" | "NOT" | "not" => diagnostic
                        .with_help("v2 joins conditions with `,` (AND) and has no OR or NOT"),
                    _ => diagnostic.with_help("separate conditions with `,`"),
                };
                diagnostic
            }
        };
        Err(self.fail(diagnostic, self.pos, 0))
    }

    /// Moves to the next top-level `,` (outside strings and the failed call's parentheses)
    /// at or after the failure's resume point, or to the end.
    fn recover(&mut self, failure: &Failure) {
        let from = failure.resume.min(self.bytes.len());
        self.pos = match self.next_separator(from, failure.depth) {
            Ok(comma) => comma,
            // An unclosed `(` would swallow the rest; settle for the next comma at all.
            Err(open) if open > 0 => self.next_separator(from, 0).unwrap_or(self.bytes.len()),
            Err(_) => self.bytes.len(),
        };
    }

    /// The next `,` outside strings and parentheses, or else the parentheses left open at
    /// the end of the input.
    fn next_separator(&self, from: usize, depth: usize) -> Result<usize, usize> {
        let mut depth = depth;
        let mut at = from;
        while at < self.bytes.len() {
            match self.bytes[at] {
                b'"' => at = end_of_string(self.bytes, at).ok_or(depth)?,
                b'(' => {
                    depth += 1;
                    at += 1;
                }
                b')' => {
                    depth = depth.saturating_sub(1);
                    at += 1;
                }
                b',' if depth == 0 => return Ok(at),
                _ => at += 1,
            }
        }
        Err(depth)
    }
}

/// Why a string literal does not read.
pub(super) enum BadString {
    /// No closing quote.
    Unterminated,
    /// An unknown escape, with the offset of its backslash.
    InvalidEscape(usize),
}

/// The string literal whose opening quote is at `open`: its unescaped value (borrowed when
/// it has no escapes) and the offset just past its closing quote.
#[inline]
pub(super) fn string_literal(src: &str, open: usize) -> Result<(Cow<'_, str>, usize), BadString> {
    let bytes = src.as_bytes();
    let body = open + 1;
    let found = bytes.get(body..).and_then(quote_or_backslash);
    let special = body + found.ok_or(BadString::Unterminated)?;
    if bytes[special] != b'"' {
        return escaped_string(src, open, special);
    }
    let text = src.get(body..special).ok_or(BadString::Unterminated)?;
    Ok((Cow::Borrowed(text), special + 1))
}

/// The rest of [`string_literal`] from its first backslash, at `backslash`.
#[inline(never)]
fn escaped_string(
    src: &str,
    open: usize,
    backslash: usize,
) -> Result<(Cow<'_, str>, usize), BadString> {
    let bytes = src.as_bytes();
    let body = open + 1;
    // Reserved once: the unescaped text is shorter than the literal's body.
    let mut owned = String::with_capacity(end_of_string(bytes, open).unwrap_or(bytes.len()) - body);
    let mut segment = body;
    let mut special = backslash;
    loop {
        let text = src.get(segment..special).ok_or(BadString::Unterminated)?;
        owned.push_str(text);
        if bytes[special] == b'"' {
            return Ok((Cow::Owned(owned), special + 1));
        }
        owned.push(match bytes.get(special + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'\'') => '\'',
            Some(b'0') => '\0',
            None => return Err(BadString::Unterminated),
            Some(_) => return Err(BadString::InvalidEscape(special)),
        });
        segment = special + 2;
        let found = bytes.get(segment..).and_then(quote_or_backslash);
        special = segment + found.ok_or(BadString::Unterminated)?;
    }
}

/// The offset just past the closing quote of the string opened at `open`.
fn end_of_string(bytes: &[u8], open: usize) -> Option<usize> {
    let mut at = open + 1;
    loop {
        let special = at + memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
        if bytes[special] == b'"' {
            return Some(special + 1);
        }
        at = (special + 2).min(bytes.len());
    }
}

/// The decimal digits at the start of `bytes` read as a whole number, negated when
/// `negative`: how many digits there are and their value, or `None` when the value does
/// not fit `i64`.
#[inline(always)]
pub(super) fn leading_decimal(bytes: &[u8], negative: bool) -> Option<(usize, i64)> {
    // Accumulate towards the negative side, which holds one more value than the positive.
    let mut n: i64 = 0;
    let mut len = 0;
    for &b in bytes {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        n = n.checked_mul(10)?.checked_sub(i64::from(digit))?;
        len += 1;
    }
    Some((len, if negative { n } else { n.checked_neg()? }))
}

/// The value of a run of ASCII digits, or `None` when it does not fit `i64`.
fn decimal(digits: &[u8], negative: bool) -> Option<i64> {
    leading_decimal(digits, negative).map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_too_long_for_32_bit_spans_is_one_syntax_error() {
        assert_eq!(Span::MAX_TEXT_LEN, u32::MAX as usize);
        let errors = too_long(u32::MAX as usize + 1);
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].code, errors[0].span), (Code::Syntax, None));
        assert!(errors[0].message.contains("4294967296 bytes long"));
    }

    #[test]
    fn decimal_edges() {
        assert_eq!(decimal(b"007", false), Some(7));
        assert_eq!(decimal(b"0", true), Some(0));
        assert_eq!(decimal(b"9223372036854775807", false), Some(i64::MAX));
        assert_eq!(decimal(b"9223372036854775808", false), None);
        assert_eq!(decimal(b"9223372036854775808", true), Some(i64::MIN));
        assert_eq!(decimal(b"9223372036854775809", true), None);
        assert_eq!(
            decimal(b"999999999999999999", false),
            Some(999_999_999_999_999_999)
        );
        assert_eq!(
            decimal(b"999999999999999999", true),
            Some(-999_999_999_999_999_999)
        );
        assert_eq!(decimal(b"0000000000000000000000001", true), Some(-1));
        assert_eq!(decimal(b"42", true), Some(-42));
    }

    #[test]
    fn operators_match_longest_first() {
        assert_eq!(
            compare_op(b"<=1").map(|(_, op)| op),
            Ok((CompareOp::Le, false))
        );
        assert_eq!(
            compare_op(b"<>1").map(|(_, op)| op),
            Ok((CompareOp::Ne, false))
        );
        assert_eq!(
            compare_op(b":1").map(|(_, op)| op),
            Ok((CompareOp::Eq, true))
        );
    }
}
