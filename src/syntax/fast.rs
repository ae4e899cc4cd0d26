//! The common case in one pass: a filter with no syntax error.
//!
//! Almost every filter sent is well-formed, and for those the full parser's error recovery,
//! diagnostics and `Result` plumbing cost more than reading the filter. This pass follows the
//! same grammar as [`parser`](super::parser) — the same tokens, the same whitespace rules,
//! the same spans, the same string literals — but has no error path: at the first byte it
//! does not expect it gives up, and the full parser reads the filter from the start and
//! reports what is wrong. Tests check that whenever this pass succeeds the full parser
//! builds the same AST, and that it succeeds on every filter the full parser accepts.

use std::borrow::Cow;

use super::ast::{
    Call, Column, Comparison, Condition, Function, FunctionName, Literal, Operator, Value,
};
use super::parser::{compare_op, is_ws, leading_decimal, string_literal};
use super::scan;
use crate::span::Span;

/// Parses `input` into `out` (empty on entry) and returns true, or returns false at the
/// first thing that is not a plain well-formed condition, leaving `out` partly filled.
pub(super) fn filter<'a>(input: &'a str, out: &mut Vec<Condition<'a>>) -> bool {
    let mut cursor = Cursor {
        src: input,
        bytes: input.as_bytes(),
        pos: 0,
    };
    loop {
        cursor.skip_ws();
        if cursor.condition(out).is_none() {
            return false;
        }
        cursor.skip_ws();
        match cursor.peek() {
            None => return true,
            Some(b',') => cursor.pos += 1,
            Some(_) => return false,
        }
    }
}

/// Every method returns `None` to give up.
struct Cursor<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    fn text(&self, span: Span) -> Option<&'a str> {
        self.src.get(span.range())
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    fn name(&mut self) -> Option<Span> {
        let start = self.pos;
        let rest = self.bytes.get(start..)?;
        let len = scan::identifier_len(rest);
        if len == 0 || rest[0].is_ascii_digit() {
            return None;
        }
        self.pos += len;
        Some(Span::at(start, self.pos))
    }

    fn column(&mut self) -> Option<Column<'a>> {
        let span = self.name()?;
        Some(Column {
            name: Cow::Borrowed(self.text(span)?),
            span,
        })
    }

    fn condition(&mut self, out: &mut Vec<Condition<'a>>) -> Option<()> {
        let start = self.pos;
        let column = self.column()?;
        self.skip_ws();
        if self.peek() == Some(b'(') {
            return self.call(column.span, out);
        }
        let (rest, (kind, colon_alias)) = compare_op(self.bytes.get(self.pos..)?).ok()?;
        let end = self.bytes.len() - rest.len();
        let operator = Operator {
            kind,
            colon_alias,
            span: Span::at(self.pos, end),
        };
        self.pos = end;
        self.skip_ws();
        // A misspelled operator (`==`, `=>`, `><`, …) leaves an operator byte here, which
        // no literal starts with.
        let value = self.literal()?;
        out.push(Condition::Comparison(Comparison {
            span: Span::at(start, value.span.end as usize),
            column,
            operator,
            value,
        }));
        Some(())
    }

    /// Entered on the `(` after the function name `name`.
    fn call(&mut self, name: Span, out: &mut Vec<Condition<'a>>) -> Option<()> {
        let function = Function {
            name: FunctionName::from_name(self.text(name)?)?,
            span: name,
        };
        self.pos += 1;
        self.skip_ws();
        let column = self.column()?;
        self.skip_ws();
        self.expect(b',')?;
        self.skip_ws();
        let argument = self.literal()?;
        self.skip_ws();
        self.expect(b')')?;
        out.push(Condition::Call(Call {
            function,
            column,
            argument,
            span: Span::at(name.start as usize, self.pos),
        }));
        Some(())
    }

    #[inline(always)]
    fn literal(&mut self) -> Option<Literal<'a>> {
        let start = self.pos;
        let value = match self.peek()? {
            b'"' => self.string()?,
            b'-' | b'0'..=b'9' => self.integer()?,
            b't' | b'f' => self.boolean()?,
            _ => return None,
        };
        Some(Literal {
            value,
            span: Span::at(start, self.pos),
        })
    }

    #[inline(always)]
    fn string(&mut self) -> Option<Value<'a>> {
        let (value, end) = string_literal(self.src, self.pos).ok()?;
        self.pos = end;
        Some(Value::String(value))
    }

    /// An integer that fits `i64`. What may follow a literal is checked by the caller: only
    /// whitespace, `,`, `)` or the end, after which the full parser ends a number too
    /// (`1.5` and `1x` stop at the `.` and the `x`).
    #[inline(always)]
    fn integer(&mut self) -> Option<Value<'a>> {
        let negative = self.peek() == Some(b'-');
        let digits_start = self.pos + usize::from(negative);
        let (len, n) = leading_decimal(self.bytes.get(digits_start..)?, negative)?;
        if len == 0 {
            return None;
        }
        self.pos = digits_start + len;
        Some(Value::Integer(n))
    }

    /// `true` or `false` (`truex` stops at the `x`, where the caller gives up).
    #[inline(always)]
    fn boolean(&mut self) -> Option<Value<'a>> {
        let rest = self.bytes.get(self.pos..)?;
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.pos += len;
        Some(Value::Boolean(value))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::syntax::parser;

    /// Whenever the fast path succeeds, the full parser gives the same AST; and it gives up
    /// only on what the full parser rejects.
    fn agrees_with_full_parser(input: &str) -> Result<(), String> {
        let mut fast = Vec::new();
        let fast_ok = filter(input, &mut fast);
        let full = parser::full(input, Vec::new());
        match (fast_ok, full) {
            (true, Ok(full)) if fast == full.conditions => Ok(()),
            (true, Ok(full)) => Err(format!("{input:?}: {fast:?} != {:?}", full.conditions)),
            (true, Err(errors)) => Err(format!("{input:?} passed, full parser: {errors:?}")),
            (false, Ok(_)) => Err(format!("{input:?}: gave up on a valid filter")),
            (false, _) => Ok(()),
        }
    }

    #[test]
    fn hand_picked_inputs() {
        let inputs = [
            "",
            " ",
            ",",
            "a=1",
            "a=1,",
            ",a=1",
            "a=1,,b=2",
            " a = 1 , b:\"x\" ",
            "a\t<>\n-7",
            "a=007",
            "a=-0",
            "a=-",
            "a=--1",
            "a=1.5",
            "a=1.",
            "a=1 .5",
            "a=1x",
            "a=1(",
            "a=1\"",
            "a=9223372036854775807",
            "a=9223372036854775808",
            "a=-9223372036854775808",
            "a=true",
            "a=true ",
            "a=true x",
            "a=truex",
            "a=TRUE",
            "a=false,b=true",
            "a=t",
            "a==1",
            "a===1",
            "a=>1",
            "a=<1",
            "a><1",
            "a!=1",
            "a= =1",
            "a<=>1",
            "a>=\"x\"",
            "a=\"\"",
            "a=\"x,y)\"",
            "a=\"unterminated",
            "a=\"x\\\"y\"",
            "a='x'",
            "a=x",
            "9a=1",
            "a 1",
            "a",
            "a=1 b=2",
            "a=1 AND b=2",
            "substring(anchor,\"seo\")",
            " substring ( anchor , \"seo\" ) ",
            "word(a,1)",
            "word(a,true)",
            "word(a,true x)",
            "subdomain(a,\"b\"),c>1",
            "substring(9a,\"x\")",
            "substring(anchor \"x\")",
            "substring(anchor,\"x\"",
            "substring(anchor,\"x\"))",
            "substring(anchor,)",
            "substr(anchor,\"x\")",
            "Substring(anchor,\"x\")",
            "substring=1",
            "(a=1)",
            "a=1)",
            "a=\"é\",b=\"日本\"",
            "é=1",
            "a=1)b=2",
            "a=\"\\,b=1",
        ];
        for input in inputs {
            agrees_with_full_parser(input).unwrap();
        }
    }

    /// Soups of the grammar's tokens, near misses included.
    fn token_soup() -> impl Strategy<Value = String> {
        const TOKENS: &[&str] = &[
            "ahrefs_rank",
            "anchor",
            "a",
            "_x",
            "9a",
            "substring",
            "word",
            "subdomain",
            "foo",
            "(",
            ")",
            ",",
            " ",
            "\t",
            "=",
            ":",
            "<",
            ">",
            "<=",
            ">=",
            "<>",
            "!=",
            "==",
            "=>",
            "=<",
            "><",
            "\"seo\"",
            "\"\"",
            "\"a\\\"b\"",
            "\"open",
            "'x'",
            "10",
            "-5",
            "007",
            "-",
            ".",
            "1.5",
            "99999999999999999999",
            "-9223372036854775808",
            "true",
            "false",
            "TRUE",
            "truex",
            "é",
            "\"é,)\"",
            "AND",
        ];
        prop::collection::vec(prop::sample::select(TOKENS), 0..12).prop_map(|parts| parts.concat())
    }

    /// Well-formed conditions, so that the soup's many errors do not hide the common case.
    fn valid_filter() -> impl Strategy<Value = String> {
        let ws = prop::sample::select(&["", "", " ", "\t "][..]);
        let name = "[a-z_][a-z0-9_]{0,12}";
        let literal = prop_oneof![
            "-?[0-9]{1,19}",
            Just("true".to_owned()),
            Just("false".to_owned()),
            "\"([^\"\\\\]|\\\\[\"\\\\'0]){0,40}\"",
        ];
        let op = prop::sample::select(&["=", ":", "<>", "<", "<=", ">", ">="][..]);
        let function = prop::sample::select(&["substring", "word", "subdomain"][..]);
        let comparison = (name, ws.clone(), op, ws.clone(), literal.clone())
            .prop_map(|(n, w1, op, w2, l)| format!("{n}{w1}{op}{w2}{l}"));
        let call = (function, ws.clone(), name, ws.clone(), literal, ws.clone())
            .prop_map(|(f, w1, n, w2, l, w3)| format!("{f}{w1}({w2}{n}{w3},{w1}{l}{w2})"));
        let condition = prop_oneof![comparison, call];
        (prop::collection::vec((ws.clone(), condition, ws), 1..6)).prop_map(|parts| {
            let parts: Vec<String> = parts
                .into_iter()
                .map(|(a, c, b)| format!("{a}{c}{b}"))
                .collect();
            parts.join(",")
        })
    }

    /// A valid filter with a few bytes inserted, replaced or removed: the near misses where
    /// a fast path goes wrong.
    fn near_miss() -> impl Strategy<Value = String> {
        const BYTES: &[char] = &[
            ' ', ',', '(', ')', '"', '\\', '=', '<', '>', '!', ':', '.', '-', '0', '9', 'a', 'x',
            '_', 'é', '\'',
        ];
        let edit = (
            any::<prop::sample::Index>(),
            prop::sample::select(BYTES),
            0..3u8,
        );
        (valid_filter(), prop::collection::vec(edit, 1..4)).prop_map(|(filter, edits)| {
            let mut chars: Vec<char> = filter.chars().collect();
            for (at, byte, kind) in edits {
                let at = at.index(chars.len() + 1);
                match kind {
                    0 => chars.insert(at, byte),
                    1 if at < chars.len() => chars[at] = byte,
                    _ if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ => chars.push(byte),
                }
            }
            chars.into_iter().collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn soups_agree(input in token_soup()) {
            agrees_with_full_parser(&input).map_err(TestCaseError::fail)?;
        }

        #[test]
        fn near_misses_agree(input in near_miss()) {
            agrees_with_full_parser(&input).map_err(TestCaseError::fail)?;
        }

        #[test]
        fn valid_filters_agree(input in valid_filter()) {
            let mut fast = Vec::new();
            prop_assert!(filter(&input, &mut fast) || parser::full(&input, Vec::new()).is_err());
            agrees_with_full_parser(&input).map_err(TestCaseError::fail)?;
        }
    }
}
