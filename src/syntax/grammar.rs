//! The filter grammar (spec §1, `grammar/filter.ebnf`) in nom, one function per rule.
//!
//! The rules read bytes and return AST nodes whose text is sliced from the source `&str`.
//! A rule that fails returns a [`Failure`]: where to resume and what went wrong, in a few
//! offsets (no allocation), which the diagnostics module of `syntax` turns into words off
//! the hot path.
//! Nothing backtracks: a condition's name is read once, and the byte after it decides
//! between a call and a comparison, as the first byte of a literal decides its kind.

use std::borrow::Cow;

use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::digit1;
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser as _};

use super::ast::{
    Call, Column, CompareOp, Comparison, Condition, Function, FunctionName, Literal, Operator,
    Value,
};
use crate::literal::{self, BadString};
use crate::span::Span;

/// What the rules read: the source's bytes from some offset on.
pub(super) type Input<'a> = &'a [u8];

/// A rule's result.
pub(super) type Res<'a, O> = IResult<Input<'a>, O, Failure>;

/// What went wrong, in offsets into the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Problem {
    /// No condition where one must start (`previous_comma`: the comma before it, if any).
    NoCondition { previous_comma: Option<usize> },
    /// A name starting with a digit where a column belongs.
    DigitName { name: Span },
    /// `!=`, `==`, `=>`, `=<`, `><`: a misspelled operator, its fix and help.
    Misspelled {
        span: Span,
        right: &'static str,
        help: &'static str,
    },
    /// A column with nothing after it.
    NoOperator { column: Span },
    /// A column followed by something that is not an operator.
    NotAnOperator { column: Span },
    /// A call of a function the language does not have.
    UnknownFunction { name: Span },
    /// A call whose first argument is not a column.
    CallColumn { function: FunctionName },
    /// A call's column not followed by `,`.
    CallComma {
        function: FunctionName,
        column: Span,
    },
    /// A call's `(` never closed.
    Unclosed { open: usize },
    /// No value where one belongs (`column`: the compared column; none in a call).
    MissingValue { column: Option<Span> },
    /// A string literal that never closes.
    Unterminated { open: usize },
    /// An unknown escape in the string opened at `open`.
    InvalidEscape { open: usize, backslash: usize },
    /// A single-quoted value.
    SingleQuoted { open: usize },
    /// A number with a fraction.
    Fraction { span: Span },
    /// An integer outside `i64`.
    Overflow { span: Span },
    /// A `)` after a condition.
    StrayClose,
    /// Something other than `,` or the end after a condition.
    NoSeparator,
    /// `;`, `&`, `&&` or `AND` between conditions, where v2 writes `,`: the word at `span`,
    /// and the text (with its whitespace) that `,` replaces.
    Separator { span: Span, replaced: Span },
    /// `OR` between conditions.
    Or { span: Span },
    /// `;`, `&`, `&&`, `AND` or `OR` after the last condition, with nothing but whitespace
    /// after it: the word at `span`, and the text (from the condition's end) that goes.
    TrailingSeparator { span: Span, removed: Span },
    /// A value in typographic quotes: `“seo”`, whose text is `content`.
    CurlyQuotes { span: Span, content: Span },
    /// A number v2 does not read (`0x10`, `1_000`, `+10`), and its value when it has one.
    NotDecimal { span: Span, value: Option<i64> },
    /// SQL's `LIKE` after a column, with the pattern when it is a string.
    Like {
        column: Span,
        keyword: Span,
        pattern: Option<Span>,
    },
    /// SQL's `IN (…)` after a column.
    In { column: Span, keyword: Span },
    /// SQL's `BETWEEN low AND high` after a column, with its bounds when they read.
    Between {
        column: Span,
        keyword: Span,
        bounds: Option<(Span, Span)>,
        end: usize,
    },
    /// SQL's `NOT` before a condition, with the negated comparison when it reads: its
    /// column, operator and value.
    Not {
        keyword: Span,
        negated: Option<(Span, CompareOp, Span)>,
    },
    /// The filter starts with a pasted parameter name: `where=`.
    ParameterName { span: Span },
    /// The whole filter is percent-encoded (`anchor%3D%22seo%22`).
    PercentEncoded,
}

/// A rule's failure: the problem, the offset it was found at, and where the loop over
/// conditions may start looking for the next top-level comma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Failure {
    pub(super) problem: Problem,
    /// The offset the problem was found at.
    pub(super) at: usize,
    /// An offset outside any string literal, at or before the next condition.
    pub(super) resume: usize,
    /// Parentheses open at `resume` (1 inside a call's arguments).
    pub(super) depth: u8,
}

impl Failure {
    /// The word written for a separator (`;`, `AND`, `OR`), which is no whitespace.
    pub(super) fn written(&self) -> Option<Span> {
        match self.problem {
            Problem::Separator { span, .. }
            | Problem::Or { span }
            | Problem::TrailingSeparator { span, .. } => Some(span),
            _ => None,
        }
    }

    /// What was written for a `,` between conditions (`;`, ` AND `, ` OR `), which the loop
    /// over conditions steps over as it would over a comma.
    pub(super) fn separator(&self) -> Option<Span> {
        match self.problem {
            Problem::Separator { replaced, .. } => Some(replaced),
            Problem::Or { span } => Some(span),
            Problem::TrailingSeparator { removed, .. } => Some(removed),
            _ => None,
        }
    }
}

impl<'a> ParseError<Input<'a>> for Failure {
    /// The rules map every combinator's failure to a problem of their own before it leaves
    /// them; an unmapped one would read as this.
    fn from_error_kind(_: Input<'a>, _: ErrorKind) -> Self {
        Failure {
            problem: Problem::NoSeparator,
            at: 0,
            resume: 0,
            depth: 0,
        }
    }

    fn append(_: Input<'a>, _: ErrorKind, other: Self) -> Self {
        other
    }
}

/// Whitespace the grammar tolerates between tokens.
pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `[A-Za-z0-9_]`, the bytes of a name, as a table: names are most of a filter's bytes.
const NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

fn is_name_byte(b: u8) -> bool {
    NAME_BYTES[usize::from(b)]
}

/// Bytes that end a bare (unquoted) value: the filter's own punctuation, and the `;` and
/// `&` that other languages join conditions with.
fn ends_bare_value(b: u8) -> bool {
    matches!(b, b',' | b')' | b'(' | b'"' | b';' | b'&')
}

/// The rules over one source text.
pub(super) struct Grammar<'a> {
    pub(super) src: &'a str,
}

impl<'a> Grammar<'a> {
    /// The offset in the source of the rest `rest`.
    pub(super) fn offset(&self, rest: Input<'_>) -> usize {
        self.src.len() - rest.len()
    }

    /// The source from `offset` on.
    pub(super) fn from(&self, offset: usize) -> Input<'a> {
        &self.src.as_bytes()[offset..]
    }

    fn span(&self, from: Input<'_>, to: Input<'_>) -> Span {
        Span::at(self.offset(from), self.offset(to))
    }

    /// A failure at `rest`, resuming there.
    fn fail<O>(&self, problem: Problem, rest: Input<'_>, depth: u8) -> Res<'a, O> {
        let at = self.offset(rest);
        self.fail_at(problem, at, at, depth)
    }

    fn fail_at<O>(&self, problem: Problem, at: usize, resume: usize, depth: u8) -> Res<'a, O> {
        Err(nom::Err::Failure(Failure {
            problem,
            at,
            resume,
            depth,
        }))
    }

    /// `ws = { " " | "\t" | "\r" | "\n" } ;`
    pub(super) fn ws(&self, i: Input<'a>) -> Input<'a> {
        // Most filters have no whitespace: one look at the next byte settles it.
        if !i.first().is_some_and(|&b| is_ws(b)) {
            return i;
        }
        let spaces: IResult<Input<'a>, Input<'a>, Failure> = take_while(is_ws).parse(i);
        spaces.map_or(i, |(rest, _)| rest)
    }

    /// A run of name bytes: `[A-Za-z0-9_]+` (a leading digit is the caller's error).
    pub(super) fn name(&self, i: Input<'a>) -> Option<(Input<'a>, Span)> {
        let name: IResult<Input<'a>, Input<'a>, Failure> = take_while1(is_name_byte).parse(i);
        name.ok().map(|(rest, _)| (rest, self.span(i, rest)))
    }

    /// `condition = comparison | call ;`
    ///
    /// `previous_comma` is the comma before the condition, for the message when there is
    /// none.
    pub(super) fn condition(
        &self,
        i: Input<'a>,
        previous_comma: Option<usize>,
    ) -> Res<'a, Condition<'a>> {
        let Some((rest, name)) = self.name(i) else {
            return self.missing_condition(i, previous_comma);
        };
        if i[0].is_ascii_digit() {
            return self.fail_at(
                Problem::DigitName { name },
                name.start as usize,
                name.end as usize,
                0,
            );
        }
        if name.len() == 3 {
            if let Some(problem) = self.negation(name, rest) {
                return self.fail_at(problem, name.start as usize, name.end as usize, 0);
            }
        }
        let rest = self.ws(rest);
        if rest.first() == Some(&b'(') {
            self.call(name, rest)
        } else {
            let column = Column {
                name: Cow::Borrowed(&self.src[name.range()]),
                span: name,
            };
            self.comparison(column, rest)
        }
    }

    /// The failure for a condition that is not there at all.
    #[cold]
    fn missing_condition<O>(&self, i: Input<'a>, previous_comma: Option<usize>) -> Res<'a, O> {
        let at = self.offset(i);
        // A stray comma is itself the place to resume; anything else is skipped.
        let resume = match i.first() {
            Some(b',') => at,
            None => at,
            _ => self.token_end(at),
        };
        self.fail_at(Problem::NoCondition { previous_comma }, at, resume, 0)
    }

    /// Where the token at `at` ends: a run of name bytes, or one character.
    pub(super) fn token_end(&self, at: usize) -> usize {
        match self.name(self.from(at)) {
            Some((_, span)) => span.end as usize,
            None => at + self.src[at..].chars().next().map_or(0, char::len_utf8),
        }
    }

    /// `comparison = column , ws , op , ws , literal ;`, entered after the column and the
    /// whitespace after it.
    fn comparison(&self, column: Column<'a>, i: Input<'a>) -> Res<'a, Condition<'a>> {
        let (i, operator) = self.op(&column, i)?;
        let i = self.ws(i);
        let (i, value) = self.literal(i, 0, Some(column.span))?;
        let span = Span::new(column.span.start, value.span.end);
        Ok((
            i,
            Condition::Comparison(Comparison {
                column,
                operator,
                value,
                span,
            }),
        ))
    }

    /// `op = "<>" | "<=" | ">=" | "=" | "<" | ">" | ":" ;`, longest match first.
    ///
    /// A `match` on the leading bytes rather than an `alt` of seven `tag`s: one look at the
    /// bytes decides, where the tags would be tried one by one.
    fn op(&self, column: &Column<'a>, i: Input<'a>) -> Res<'a, Operator> {
        let (len, kind, colon_alias) = match i {
            [b'!', b'=', ..]
            | [b'=', b'=' | b'>' | b'<', ..]
            | [b'>', b'<' | b'>', ..]
            | [b'<', b'<', ..] => return self.mistaken_operator(column, i),
            [b'<' | b'>', b, ..] if is_ws(*b) && self.misspelled_operator(i).is_some() => {
                return self.mistaken_operator(column, i)
            }
            [b'<', b'>', ..] => (2, CompareOp::Ne, false),
            [b'<', b'=', ..] => (2, CompareOp::Le, false),
            [b'>', b'=', ..] => (2, CompareOp::Ge, false),
            [b'=', ..] => (1, CompareOp::Eq, false),
            [b'<', ..] => (1, CompareOp::Lt, false),
            [b'>', ..] => (1, CompareOp::Gt, false),
            [b':', ..] => (1, CompareOp::Eq, true),
            [] | [b',', ..] => {
                return self.fail(
                    Problem::NoOperator {
                        column: column.span,
                    },
                    i,
                    0,
                )
            }
            _ => return self.mistaken_operator(column, i),
        };
        let rest = &i[len..];
        Ok((
            rest,
            Operator {
                kind,
                colon_alias,
                span: self.span(i, rest),
            },
        ))
    }

    /// The failure for what stands where an operator belongs: a misspelled one, an SQL
    /// word, or anything else.
    #[cold]
    fn mistaken_operator<O>(&self, column: &Column<'a>, i: Input<'a>) -> Res<'a, O> {
        let at = self.offset(i);
        if let Some(problem @ Problem::Misspelled { span, .. }) = self.misspelled_operator(i) {
            return self.fail_at(problem, at, span.end as usize, 0);
        }
        match self.sql_operator(column.span, i) {
            Some(problem @ Problem::Between { end, .. }) => self.fail_at(problem, at, end, 0),
            Some(problem) => self.fail(problem, i, 0),
            None => self.fail(
                Problem::NotAnOperator {
                    column: column.span,
                },
                i,
                0,
            ),
        }
    }

    /// `call = function , ws , "(" , ws , column , ws , "," , ws , literal , ws , ")" ;`,
    /// entered with the function's name read and `i` at the `(`.
    fn call(&self, name: Span, i: Input<'a>) -> Res<'a, Condition<'a>> {
        let open = self.offset(i);
        let i = &i[1..];
        let Some(function) = FunctionName::from_name(&self.src[name.range()]) else {
            return self.fail_at(
                Problem::UnknownFunction { name },
                name.start as usize,
                self.offset(i),
                1,
            );
        };
        let function = Function {
            name: function,
            span: name,
        };
        let i = self.ws(i);
        let column = match self.name(i) {
            Some((rest, span)) if !i[0].is_ascii_digit() => {
                let column = Column {
                    name: Cow::Borrowed(&self.src[span.range()]),
                    span,
                };
                (rest, column)
            }
            _ => {
                return self.fail(
                    Problem::CallColumn {
                        function: function.name,
                    },
                    i,
                    1,
                )
            }
        };
        let (i, column) = column;
        let i = self.ws(i);
        let Some(i) = i.strip_prefix(b",") else {
            let problem = Problem::CallComma {
                function: function.name,
                column: column.span,
            };
            return self.fail(problem, i, 1);
        };
        let i = self.ws(i);
        let (i, argument) = self.literal(i, 1, None)?;
        let i = self.ws(i);
        let Some(i) = i.strip_prefix(b")") else {
            return self.fail(Problem::Unclosed { open }, i, 1);
        };
        let span = Span::at(name.start as usize, self.offset(i));
        Ok((
            i,
            Condition::Call(Call {
                function,
                column,
                argument,
                span,
            }),
        ))
    }

    /// `literal = string | integer | boolean ;`, chosen by the first byte; a bare word is
    /// read as [`Value::Bare`] (an error the caller reports, keeping the condition).
    ///
    /// `depth` is 1 inside a call; `column` is the compared column.
    fn literal(&self, i: Input<'a>, depth: u8, column: Option<Span>) -> Res<'a, Literal<'a>> {
        match i.first() {
            Some(b'"') => self.string(i, depth),
            Some(b'\'') => {
                let open = self.offset(i);
                let close = memchr::memchr(b'\'', &i[1..]).map_or(open + 1, |at| open + at + 2);
                self.fail_at(Problem::SingleQuoted { open }, open, close, depth)
            }
            Some(b'-' | b'0'..=b'9') => self.integer(i, depth),
            None | Some(b',' | b')') => self.fail(Problem::MissingValue { column }, i, depth),
            Some(b'+' | 0x80..) => self.mistaken_value(i, depth),
            Some(_) => Ok(self.word(i)),
        }
    }

    /// A value in typographic quotes, or a number with a `+`: their failures; anything
    /// else that starts so is a bare word.
    #[cold]
    fn mistaken_value(&self, i: Input<'a>, depth: u8) -> Res<'a, Literal<'a>> {
        let problem = self.curly_quoted(i).or_else(|| self.not_decimal(i));
        match problem {
            Some(
                problem @ (Problem::CurlyQuotes { span, .. } | Problem::NotDecimal { span, .. }),
            ) => self.fail_at(problem, span.start as usize, span.end as usize, depth),
            _ => Ok(self.word(i)),
        }
    }

    /// `string = '"' , { char - ( '"' | "\" ) | escape } , '"' ;`
    fn string(&self, i: Input<'a>, depth: u8) -> Res<'a, Literal<'a>> {
        let open = self.offset(i);
        match literal::read(self.src, open) {
            Ok((value, end)) => Ok((
                self.from(end),
                Literal {
                    value: Value::String(value),
                    span: Span::at(open, end),
                },
            )),
            Err(BadString::Unterminated) => {
                self.fail_at(Problem::Unterminated { open }, open, self.src.len(), 0)
            }
            Err(BadString::InvalidEscape(backslash)) => {
                // Resume after the closing quote, so a `,` inside the string is no separator.
                let resume = literal::end(self.src.as_bytes(), open).unwrap_or(self.src.len());
                let problem = Problem::InvalidEscape { open, backslash };
                self.fail_at(problem, backslash, resume, depth)
            }
        }
    }

    /// `integer = [ "-" ] , digit , { digit } ;`, fitting `i64`. Digits followed by a
    /// letter (`10abc`, `2020-01-01`) are a bare word.
    fn integer(&self, i: Input<'a>, depth: u8) -> Res<'a, Literal<'a>> {
        let negative = i[0] == b'-';
        let digits: IResult<Input<'a>, Input<'a>, Failure> =
            digit1.parse(&i[usize::from(negative)..]);
        let Ok((rest, digits)) = digits else {
            return Ok(self.word(i));
        };
        let span = self.span(i, rest);
        match rest {
            [b'.', b'0'..=b'9', ..] => {
                let fraction = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
                let span = Span::new(span.start, span.end + 1 + fraction as u32);
                return self.fail_at(
                    Problem::Fraction { span },
                    span.start as usize,
                    span.end as usize,
                    depth,
                );
            }
            [b'x' | b'X' | b'_', ..] => return self.mistaken_value(i, depth),
            [b, ..] if !is_ws(*b) && !ends_bare_value(*b) => return Ok(self.word(i)),
            _ => {}
        }
        match decimal(digits, negative) {
            Some(n) => Ok((
                rest,
                Literal {
                    value: Value::Integer(n),
                    span,
                },
            )),
            None => self.fail_at(
                Problem::Overflow { span },
                span.start as usize,
                span.end as usize,
                depth,
            ),
        }
    }

    /// A bare word in value position, up to a byte that ends one (trailing whitespace not
    /// included): `true` or `false`, or an unquoted string.
    fn word(&self, i: Input<'a>) -> (Input<'a>, Literal<'a>) {
        let len = i
            .iter()
            .position(|&b| ends_bare_value(b))
            .unwrap_or(i.len());
        let len = self.separator_in_word(&i[..len]).unwrap_or(len);
        let len = i[..len]
            .iter()
            .rposition(|&b| !is_ws(b))
            .map_or(0, |last| last + 1);
        let start = self.offset(i);
        let span = Span::at(start, start + len);
        let word = &self.src[span.range()];
        let value = match word {
            "true" => Value::Boolean(true),
            "false" => Value::Boolean(false),
            _ => Value::Bare(Cow::Borrowed(word)),
        };
        (&i[len..], Literal { value, span })
    }

    /// After a condition (which ended at `end`) and its trailing whitespace: a `,` or the
    /// end of the filter.
    pub(super) fn condition_end(&self, end: usize, i: Input<'a>) -> Result<(), Failure> {
        let problem = match i.first() {
            None | Some(b',') => return Ok(()),
            Some(b')') => Problem::StrayClose,
            Some(_) => self.separator(end, i).unwrap_or(Problem::NoSeparator),
        };
        let at = self.offset(i);
        Err(Failure {
            problem,
            at,
            resume: at,
            depth: 0,
        })
    }
}

/// A run of ASCII digits read as a whole number, negated when `negative`, or `None` when it
/// does not fit `i64`.
fn decimal(digits: &[u8], negative: bool) -> Option<i64> {
    // Accumulate towards the negative side, which holds one more value than the positive.
    let mut n: i64 = 0;
    for &b in digits {
        n = n.checked_mul(10)?.checked_sub(i64::from(b - b'0'))?;
    }
    if negative {
        Some(n)
    } else {
        n.checked_neg()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_edges() {
        assert_eq!(decimal(b"007", false), Some(7));
        assert_eq!(decimal(b"0", true), Some(0));
        assert_eq!(decimal(b"9223372036854775807", false), Some(i64::MAX));
        assert_eq!(decimal(b"9223372036854775808", false), None);
        assert_eq!(decimal(b"9223372036854775808", true), Some(i64::MIN));
        assert_eq!(decimal(b"9223372036854775809", true), None);
        assert_eq!(decimal(b"0000000000000000000000001", true), Some(-1));
    }

    #[test]
    fn operators_match_longest_first() {
        let grammar = Grammar { src: "" };
        let column = Column {
            name: "a".into(),
            span: Span::new(0, 1),
        };
        for (text, kind, colon) in [
            ("<=1", CompareOp::Le, false),
            ("<>1", CompareOp::Ne, false),
            (">=1", CompareOp::Ge, false),
            ("<1", CompareOp::Lt, false),
            (":1", CompareOp::Eq, true),
        ] {
            let grammar = Grammar { src: text };
            let (rest, op) = grammar.op(&column, text.as_bytes()).unwrap();
            assert_eq!(
                (op.kind, op.colon_alias, rest),
                (kind, colon, &b"1"[..]),
                "{text}"
            );
        }
        assert!(grammar.op(&column, b"").is_err());
    }
}
