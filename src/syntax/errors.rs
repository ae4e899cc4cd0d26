//! Syntax diagnostics: what a [`Failure`] of the grammar means for the person who wrote the
//! filter, and where the parser resumes after it. Everything here runs only for broken
//! filters.

use super::grammar::{is_ws, Failure, Grammar, Problem};
use super::mistakes::and_or_follows;
use crate::diagnostics::{Code, Diagnostic, Fix};
use crate::literal::{self, quote};
use crate::span::Span;
use crate::suggest;
use crate::syntax::{CompareOp, FunctionName, Literal, Value};

impl Grammar<'_> {
    /// The text of `span`.
    fn text(&self, span: Span) -> &str {
        &self.src[span.range()]
    }

    /// The span of the token at `at`, for "found …" in messages.
    fn token(&self, at: usize) -> Span {
        Span::at(at, self.token_end(at))
    }

    /// The token at `at` in backquotes, or "the end of the filter".
    fn describe(&self, at: usize) -> String {
        if at >= self.src.len() {
            "the end of the filter".to_owned()
        } else {
            format!("`{}`", self.text(self.token(at)))
        }
    }

    /// The diagnostic of `failure`.
    #[cold]
    pub(super) fn diagnostic(&self, failure: &Failure) -> Diagnostic {
        let at = failure.at;
        let here = Span::at(at, (at + 1).min(self.src.len()));
        match failure.problem {
            Problem::NoCondition { previous_comma } => self.no_condition(at, previous_comma),
            Problem::DigitName { name } => Diagnostic::new(
                Code::Syntax,
                name,
                format!("expected a column name, found `{}`", self.text(name)),
            )
            .with_help(
                "a condition starts with the column: `column op value`, e.g. `ahrefs_rank>10`",
            ),
            Problem::Misspelled { span, right, help } => {
                let written = self.text(span);
                Diagnostic::new(
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
                ))
            }
            Problem::NoOperator { column } => Diagnostic::new(
                Code::Syntax,
                column,
                format!("condition `{}` has no operator or value", self.text(column)),
            )
            .with_help("a comparison is `column op value`, e.g. `ahrefs_rank>10`"),
            Problem::NotAnOperator { column } => Diagnostic::new(
                Code::Syntax,
                self.token(at),
                format!(
                    "expected an operator after `{}`, found {}",
                    self.text(column),
                    self.describe(at)
                ),
            )
            .with_help("the operators are `=` `<>` `<` `<=` `>` `>=`"),
            Problem::UnknownFunction { name } => self.unknown_function(name),
            Problem::CallColumn { function } => Diagnostic::new(
                Code::Syntax,
                self.token(at),
                format!(
                    "expected a column name as the first argument of `{function}`, found {}",
                    self.describe(at)
                ),
            )
            .with_help(format!("write `{function}(column,\"value\")`")),
            Problem::CallComma { function, column } => Diagnostic::new(
                Code::Syntax,
                self.token(at),
                format!(
                    "expected `,` after the column `{}`, found {}",
                    self.text(column),
                    self.describe(at)
                ),
            )
            .with_help(format!(
                "write `{function}({},\"value\")`",
                self.text(column)
            )),
            Problem::Unclosed { open } => Diagnostic::new(
                Code::Syntax,
                Span::at(open, open + 1),
                "unbalanced parenthesis: this `(` is never closed",
            )
            .with_label(format!("expected `)` before {}", self.describe(at)))
            .with_help("a function takes exactly two arguments: `function(column,\"value\")`"),
            Problem::MissingValue { column } => {
                let what = column.map_or_else(
                    || "the function".to_owned(),
                    |c| format!("`{}`", self.text(c)),
                );
                Diagnostic::new(
                    Code::Syntax,
                    self.token(at),
                    format!(
                        "missing value: expected a value for {what}, found {}",
                        self.describe(at)
                    ),
                )
                .with_help("values are double-quoted strings, integers, `true` or `false`")
            }
            Problem::Unterminated { open } => Diagnostic::new(
                Code::Syntax,
                Span::at(open, open + 1),
                "unterminated string",
            )
            .with_label("this quote is never closed")
            .with_help("close the string with `\"`; write a quote inside a string as `\\\"`"),
            Problem::InvalidEscape { backslash, .. } => {
                let escaped = self.src[backslash + 1..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                let span = Span::at(backslash, backslash + 1 + escaped);
                Diagnostic::new(
                    Code::InvalidEscape,
                    span,
                    format!("unknown escape `{}`", self.text(span)),
                )
                .with_help(
                    "the escapes are `\\\"`, `\\\\`, `\\'` and `\\0`; write other characters as they are",
                )
            }
            Problem::SingleQuoted { open } => self.single_quoted(open, failure.resume),
            Problem::Fraction { span } => Diagnostic::new(
                Code::Syntax,
                span,
                format!("fractional number `{}`", self.text(span)),
            )
            .with_label("not a whole number")
            .with_help("v2 filters compare whole numbers only"),
            Problem::Overflow { span } => Diagnostic::new(
                Code::IntegerOverflow,
                span,
                "integer does not fit in 64 bits",
            )
            .with_label("out of range")
            .with_help(format!("integers range from {} to {}", i64::MIN, i64::MAX)),
            Problem::Separator { span, replaced } => {
                let written = self.text(span);
                Diagnostic::new(
                    Code::Syntax,
                    span,
                    format!("`{written}` between conditions"),
                )
                .with_label("v2 joins conditions with `,`")
                .with_help("v2 joins conditions with `,` (AND) and has no OR")
                .with_fix(Fix::replace(format!("replace `{written}` with `,`"), replaced, ","))
            }
            Problem::TrailingSeparator { span, removed } => {
                let written = self.text(span);
                Diagnostic::new(Code::Syntax, span, format!("trailing `{written}`"))
                    .with_label("nothing follows it")
                    .with_help(format!("remove the trailing `{written}`"))
                    .with_fix(Fix::replace(format!("remove the trailing `{written}`"), removed, ""))
            }
            Problem::Or { span } => Diagnostic::new(
                Code::Syntax,
                span,
                format!("`{}` between conditions: v2 filters have no OR", self.text(span)),
            )
            .with_label("no OR in v2")
            .with_help("v2 has no OR: the conditions of a filter all hold together; send one request per alternative"),
            Problem::CurlyQuotes { span, content } => {
                let quoted = quote(self.text(content));
                Diagnostic::new(Code::Syntax, span, "typographic quotes around a value")
                    .with_label("not `\"`")
                    .with_help(format!("v2 strings use straight double quotes: `{quoted}`"))
                    .with_fix(Fix::replace("use straight double quotes", span, quoted))
            }
            Problem::NotDecimal { span, value } => {
                let diagnostic = Diagnostic::new(
                    Code::Syntax,
                    span,
                    format!("`{}` is not a decimal integer", self.text(span)),
                )
                .with_label("not plain decimal digits");
                match value {
                    Some(n) => diagnostic
                        .with_help(format!("v2 integers are plain decimal digits: `{n}`"))
                        .with_fix(Fix::replace(format!("write `{n}`"), span, n.to_string())),
                    None => diagnostic.with_help("v2 integers are plain decimal digits, e.g. `10`"),
                }
            }
            Problem::Like {
                column,
                keyword,
                pattern,
            } => self.like(column, keyword, pattern),
            Problem::In { keyword, .. } => Diagnostic::new(
                Code::Syntax,
                keyword,
                "v2 filters have no `IN`",
            )
            .with_label("not a v2 operator")
            .with_help("v2 has no OR either: send one request per value, each with `column=value`"),
            Problem::Between {
                column,
                keyword,
                bounds,
                end,
            } => {
                let diagnostic = Diagnostic::new(
                    Code::Syntax,
                    keyword,
                    "v2 filters have no `BETWEEN`",
                )
                .with_label("not a v2 operator");
                match bounds {
                    Some((low, high)) => {
                        let name = self.text(column);
                        let text = format!(
                            "{name}>={},{name}<={}",
                            self.text(low),
                            self.text(high)
                        );
                        let whole = Span::new(column.start, end as u32);
                        diagnostic
                            .with_help(format!("write two conditions: `{text}`"))
                            .with_fix(Fix::replace(format!("write `{text}`"), whole, text))
                    }
                    None => diagnostic.with_help(
                        "write two conditions: `column>=low,column<=high`",
                    ),
                }
            }
            Problem::Not { keyword, negated } => self.not(keyword, negated),
            Problem::ParameterName { span } => Diagnostic::new(
                Code::Syntax,
                span,
                format!(
                    "the filter starts with the parameter name `{}`",
                    self.text(span)
                ),
            )
            .with_label("a parameter name, not a condition")
            .with_help("give the parameter's value only")
            .with_fix(Fix::replace("remove the parameter name", span, "")),
            Problem::PercentEncoded => self.percent_encoded_filter(),
            Problem::StrayClose => Diagnostic::new(
                Code::Syntax,
                here,
                "unbalanced parenthesis: `)` without `(`",
            ),
            Problem::NoSeparator => {
                let token = self.token(at);
                let diagnostic = Diagnostic::new(
                    Code::Syntax,
                    token,
                    format!(
                        "expected `,` or the end of the filter, found {}",
                        self.describe(at)
                    ),
                );
                match self.text(token) {
                    "AND" | "and" | "OR" | "or" | "NOT" | "not" => diagnostic
                        .with_help("v2 joins conditions with `,` (AND) and has no OR or NOT"),
                    _ => diagnostic.with_help("separate conditions with `,`"),
                }
            }
        }
    }

    /// Empty filter, stray commas, grouping parentheses, a value without a column.
    fn no_condition(&self, at: usize, previous_comma: Option<usize>) -> Diagnostic {
        let here = Span::at(at, (at + 1).min(self.src.len()));
        match (self.src.as_bytes().get(at), previous_comma) {
            (None, None) => {
                Diagnostic::new(Code::Syntax, Span::at(0, self.src.len()), "empty filter")
                    .with_help("leave out the parameter instead of sending an empty filter")
            }
            (None, Some(comma)) => {
                let comma = Span::at(comma, comma + 1);
                Diagnostic::new(Code::Syntax, comma, "trailing comma")
                    .with_label("nothing follows this comma")
                    .with_help("remove the trailing `,`")
                    .with_fix(Fix::replace("remove the trailing comma", comma, ""))
            }
            (Some(b','), None) => Diagnostic::new(Code::Syntax, here, "leading comma")
                .with_label("no condition before this comma")
                .with_help("remove the leading `,`")
                .with_fix(Fix::replace("remove the leading comma", here, "")),
            (Some(b','), Some(_)) => {
                Diagnostic::new(Code::Syntax, here, "double comma: empty condition")
                    .with_label("no condition before this comma")
                    .with_help("remove one `,`")
                    .with_fix(Fix::replace("remove the extra comma", here, ""))
            }
            (Some(b'('), _) => Diagnostic::new(
                Code::Syntax,
                here,
                "unexpected `(`: v2 filters have no grouping",
            )
            .with_help(
                "write the conditions without parentheses, joined by `,` (AND); v2 has no OR",
            ),
            (Some(b')'), _) => Diagnostic::new(
                Code::Syntax,
                here,
                "unbalanced parenthesis: `)` without `(`",
            ),
            (Some(b'"' | b'\''), _) => Diagnostic::new(
                Code::Syntax,
                here,
                "expected a column name, found a quoted value",
            )
            .with_help(
                "a condition starts with the column: `column op value`, e.g. `anchor=\"seo\"`",
            ),
            _ => Diagnostic::new(
                Code::Syntax,
                self.token(at),
                format!("expected a condition, found {}", self.describe(at)),
            )
            .with_help("a condition is `column op value` or `function(column,\"value\")`"),
        }
    }

    /// `column LIKE "pattern"`: `%x%` is `substring(column,"x")` exactly; a pattern anchored
    /// at one end only is broader as a substring, so that fix is unsafe.
    fn like(&self, column: Span, keyword: Span, pattern: Option<Span>) -> Diagnostic {
        let diagnostic = Diagnostic::new(Code::Syntax, keyword, "v2 filters have no `LIKE`")
            .with_label("not a v2 operator");
        let text = pattern.and_then(|p| literal::read(self.src, p.start as usize).ok());
        let Some((pattern, (text, _))) = pattern.zip(text) else {
            return diagnostic.with_help(
                "v2 tests text with `substring(column,\"text\")` and `word(column,\"word\")`",
            );
        };
        let inner = text.trim_start_matches('%').trim_end_matches('%');
        let exact = text.len() == inner.len() + 2 && text.starts_with('%') && text.ends_with('%');
        if inner.contains(['%', '_']) || inner.is_empty() {
            return diagnostic.with_help(
                "v2 has no wildcards: `substring(column,\"text\")` tests for a text anywhere",
            );
        }
        let call = format!("substring({},{})", self.text(column), quote(inner));
        let fix = Fix::replace(
            format!("write `{call}`"),
            Span::new(column.start, pattern.end),
            call.clone(),
        );
        if exact {
            diagnostic
                .with_help(format!("write `{call}`"))
                .with_fix(fix)
        } else {
            diagnostic
                .with_help(format!(
                    "`{call}` is the nearest v2 test; it matches the text anywhere, not only at one end"
                ))
                .with_fix(fix.unsafe_())
        }
    }

    /// `NOT column op value`: the comparison with the opposite operator.
    fn not(&self, keyword: Span, negated: Option<(Span, CompareOp, Span)>) -> Diagnostic {
        let diagnostic = Diagnostic::new(Code::Syntax, keyword, "v2 filters have no `NOT`")
            .with_label("no NOT in v2");
        let Some((column, op, value)) = negated else {
            return diagnostic.with_help(
                "write the opposite comparison (`<>` for `=`); `substring` and `word` have no negation",
            );
        };
        let opposite = match op {
            CompareOp::Eq => CompareOp::Ne,
            CompareOp::Ne => CompareOp::Eq,
            CompareOp::Lt => CompareOp::Ge,
            CompareOp::Le => CompareOp::Gt,
            CompareOp::Gt => CompareOp::Le,
            CompareOp::Ge => CompareOp::Lt,
        };
        let text = format!(
            "{}{}{}",
            self.text(column),
            opposite.as_str(),
            self.text(value)
        );
        diagnostic
            .with_help(format!("write the opposite comparison: `{text}`"))
            .with_fix(Fix::replace(
                format!("write `{text}`"),
                Span::new(keyword.start, value.end),
                text,
            ))
    }

    /// A percent-encoded filter, whose fix is its decoded text (`+` is a space, as in a
    /// query string).
    fn percent_encoded_filter(&self) -> Diagnostic {
        let diagnostic = Diagnostic::new(
            Code::Syntax,
            Span::at(0, self.src.len()),
            "the filter is percent-encoded",
        )
        .with_label("percent-encoded");
        let spaced = self.src.replace('+', " ");
        match percent_encoding::percent_decode_str(&spaced).decode_utf8() {
            Ok(decoded) => diagnostic
                .with_help(format!("give the filter as it reads: `{decoded}`"))
                .with_fix(Fix::replace(
                    "decode the filter",
                    Span::at(0, self.src.len()),
                    decoded.into_owned(),
                )),
            Err(_) => diagnostic.with_help("give the filter as it reads, decoded"),
        }
    }

    fn unknown_function(&self, name: Span) -> Diagnostic {
        let text = self.text(name);
        let diagnostic = Diagnostic::new(
            Code::UnknownFunction,
            name,
            format!("unknown function `{text}`"),
        )
        .with_label("not a v2 function");
        match suggest::closest(text, FunctionName::ALL.map(FunctionName::as_str)) {
            Some(right) => diagnostic
                .with_help(format!("did you mean `{right}`?"))
                .with_fix(Fix::replace(
                    format!("replace `{text}` with `{right}`"),
                    name,
                    right,
                )),
            None => diagnostic.with_help("the functions are `substring`, `word` and `subdomain`"),
        }
    }

    /// `'x'`: an error with a fix to double quotes; `close` is just past the closing quote.
    fn single_quoted(&self, open: usize, close: usize) -> Diagnostic {
        if close == open + 1 {
            return Diagnostic::new(
                Code::Syntax,
                Span::at(open, open + 1),
                "single quote where a value belongs",
            )
            .with_help("v2 strings use double quotes: `\"value\"`");
        }
        let span = Span::at(open, close);
        let content = &self.src[open + 1..close - 1];
        Diagnostic::new(Code::Syntax, span, "single-quoted string")
            .with_label("single quotes")
            .with_help("v2 strings use double quotes")
            .with_fix(Fix::replace("use double quotes", span, quote(content)))
    }

    /// Where the loop over conditions goes on after `failure`: the next top-level `,` (outside
    /// strings and the failed call's parentheses) at or after its resume point, or the end.
    pub(super) fn recover(&self, failure: &Failure) -> usize {
        let from = failure.resume.min(self.src.len());
        match self.next_separator(from, usize::from(failure.depth)) {
            Ok(comma) => comma,
            // An unclosed `(` would swallow the rest; settle for the next comma at all.
            Err(open) if open > 0 => self.next_separator(from, 0).unwrap_or(self.src.len()),
            Err(_) => self.src.len(),
        }
    }

    /// The next separator outside strings and parentheses, or else the parentheses left open
    /// at the end of the input. A separator is a `,`, or what the loop over conditions reads
    /// as one written otherwise: `;` or `&` (from the whitespace before it), or the
    /// whitespace before a lone `AND` or `OR`.
    fn next_separator(&self, from: usize, mut depth: usize) -> Result<usize, usize> {
        let bytes = self.src.as_bytes();
        let mut at = from;
        while let Some(found) = bytes[at..]
            .iter()
            .position(|&b| matches!(b, b',' | b'"' | b'(' | b')' | b';' | b'&') || is_ws(b))
        {
            let special = at + found;
            at = special + 1;
            match bytes[special] {
                b',' if depth == 0 => return Ok(special),
                // From the whitespace before it, which its fix replaces with it.
                b';' | b'&' if depth == 0 => {
                    let before = bytes[from..special].iter().rev().take_while(|&&b| is_ws(b));
                    return Ok(special - before.count());
                }
                b if is_ws(b) => {
                    if depth == 0 && and_or_follows(&bytes[special..]) {
                        return Ok(special);
                    }
                    // Past the whole run, so that a long run is read once.
                    at = self.offset(self.ws(&bytes[special..]));
                }
                b'"' => at = literal::end(bytes, special).ok_or(depth)?,
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        Err(depth)
    }
}

/// The error for a bare word in value position, whose fix quotes it. The checker, which
/// knows the column's type, may replace the help and the fix.
#[cold]
pub(crate) fn unquoted(literal: &Literal<'_>) -> Diagnostic {
    let word = match &literal.value {
        Value::Bare(word) => &**word,
        _ => "",
    };
    let span = literal.span;
    let quoted = quote(word);
    let help = match word {
        "TRUE" | "True" | "FALSE" | "False" => format!(
            "booleans are lowercase: `{}`; for a string write `{quoted}`",
            word.to_ascii_lowercase()
        ),
        _ => format!("write it as a string: `{quoted}`"),
    };
    Diagnostic::new(
        Code::UnquotedString,
        span,
        format!("unquoted value `{word}`"),
    )
    .with_label("strings must be quoted")
    .with_help(help)
    .with_fix(Fix::replace("quote the value", span, quoted))
}
