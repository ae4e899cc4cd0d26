//! Common mistakes the grammar recognises where a rule fails, so the diagnostic can say what
//! the writer meant: SQL words (`LIKE`, `IN`, `BETWEEN`, `NOT`, `AND`, `OR`), other
//! separators (`;`, `&&`), doubled or split operators, typographic quotes, numbers in other
//! notations, a pasted parameter name, a percent-encoded filter. Each runs only where the
//! grammar has already failed, or once per filter; none is on the path of a valid condition.

use super::grammar::{is_ws, Failure, Grammar, Input, Problem};
use crate::span::Span;
use crate::syntax::CompareOp;

/// Operators people write that v2 spells differently: written, meant, help.
const MISSPELLED: [(&str, &str, &str); 7] = [
    ("!=", "<>", "v2 writes \"not equal\" as `<>`"),
    ("==", "=", "v2 writes equality as a single `=`"),
    ("=>", ">=", "did you mean `>=`?"),
    ("=<", "<=", "did you mean `<=`?"),
    ("><", "<>", "did you mean `<>`?"),
    (">>", ">", "did you mean `>`?"),
    ("<<", "<", "did you mean `<`?"),
];

/// Typographic quotes that word processors and chat tools put in place of `"`.
const CURLY_QUOTES: [char; 6] = ['“', '”', '„', '‘', '’', '‚'];

/// Bytes a percent-encoded filter escapes, as the two hex digits after `%` (upper case).
const ENCODED_SYNTAX: [&[u8]; 9] = [
    b"3D", b"3C", b"3E", b"3A", b"22", b"2C", b"28", b"29", b"21",
];

/// Whether whitespace and then `AND` or `OR` (any case) standing alone start `i`: a
/// condition joined the SQL way, which the loop over conditions reads as a separator.
pub(super) fn and_or_follows(i: &[u8]) -> bool {
    let token = &i[i.iter().take_while(|&&b| is_ws(b)).count()..];
    let len = token.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let ends = !matches!(token.get(len), Some(&b) if !is_ws(b));
    ends && (token[..len].eq_ignore_ascii_case(b"and") || token[..len].eq_ignore_ascii_case(b"or"))
}

impl<'a> Grammar<'a> {
    /// Where a bare word holding ` AND ` or ` OR ` (a condition joined the SQL way) should end:
    /// at the whitespace before the keyword.
    pub(super) fn separator_in_word(&self, word: &[u8]) -> Option<usize> {
        let mut at = 0;
        while let Some(gap) = word[at..].iter().position(|&b| is_ws(b)) {
            let start = at + gap;
            if and_or_follows(&word[start..]) {
                return Some(start);
            }
            // Past the whole run of whitespace, so that a long run is read once.
            at = start + word[start..].iter().take_while(|&&b| is_ws(b)).count();
        }
        None
    }

    fn word_at(&self, i: Input<'a>) -> Option<(Input<'a>, &'a str)> {
        let len = i.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        (len > 0).then(|| {
            let start = self.offset(i);
            (&i[len..], &self.src[start..start + len])
        })
    }

    /// A misspelled, doubled or split operator at the start of `i`: its span, the
    /// operator meant and the help.
    pub(super) fn misspelled_operator(&self, i: Input<'a>) -> Option<Problem> {
        let start = self.offset(i);
        if let Some(&(wrong, right, help)) = MISSPELLED
            .iter()
            .find(|(wrong, _, _)| i.starts_with(wrong.as_bytes()))
        {
            // `===` (and `>>>`, `<<<`) is one misspelling, fixed at once: fixing `==` alone
            // would leave `==` behind, one `=` shorter per round of fixes.
            let extra = match wrong.as_bytes() {
                [a, b] if a == b => i[2..].iter().take_while(|&&c| c == *a).count(),
                _ => 0,
            };
            let span = Span::at(start, start + wrong.len() + extra);
            return Some(Problem::Misspelled { span, right, help });
        }
        // `< =`, `> =`, `< >`: an operator split by whitespace.
        let (first, rest) = i.split_first()?;
        let gap = rest.iter().take_while(|&&b| is_ws(b)).count();
        let second = rest.get(gap).filter(|_| gap > 0)?;
        let right = match (first, second) {
            (b'<', b'=') => "<=",
            (b'>', b'=') => ">=",
            (b'<', b'>') => "<>",
            _ => return None,
        };
        let span = Span::at(start, start + gap + 2);
        let help = "an operator is written without spaces inside it";
        Some(Problem::Misspelled { span, right, help })
    }

    /// SQL's `LIKE`, `NOT LIKE`, `IN`, `BETWEEN` after the column `column`, at `i`.
    pub(super) fn sql_operator(&self, column: Span, i: Input<'a>) -> Option<Problem> {
        let (after, word) = self.word_at(i)?;
        let keyword = Span::at(self.offset(i), self.offset(after));
        let value = self.ws(after);
        match word.to_ascii_uppercase().as_str() {
            "LIKE" => {
                let pattern = (value.first() == Some(&b'"'))
                    .then(|| crate::literal::end(value, 0))
                    .flatten()
                    .map(|len| Span::at(self.offset(value), self.offset(value) + len));
                Some(Problem::Like {
                    column,
                    keyword,
                    pattern,
                })
            }
            "IN" => Some(Problem::In { column, keyword }),
            "NOT" => {
                let (_, next) = self.word_at(value)?;
                let negated = match next.to_ascii_uppercase().as_str() {
                    "LIKE" | "IN" => None,
                    _ => return None,
                };
                Some(Problem::Not { keyword, negated })
            }
            "BETWEEN" => {
                let low = self.bound(value);
                let bounds = low.and_then(|(low, rest)| {
                    let rest = self.ws(rest);
                    let (rest, and) = self.word_at(rest)?;
                    if !and.eq_ignore_ascii_case("and") {
                        return None;
                    }
                    let (high, rest) = self.bound(self.ws(rest))?;
                    Some(((low, high), rest))
                });
                let end = bounds.map_or(self.offset(value), |(_, rest)| self.offset(rest));
                Some(Problem::Between {
                    column,
                    keyword,
                    bounds: bounds.map(|(b, _)| b),
                    end,
                })
            }
            _ => None,
        }
    }

    /// An integer or a double-quoted string, as a bound of `BETWEEN`.
    fn bound(&self, i: Input<'a>) -> Option<(Span, Input<'a>)> {
        let len = match i.first()? {
            b'"' => crate::literal::end(i, 0)?,
            b'-' | b'0'..=b'9' => 1 + i[1..].iter().take_while(|b| b.is_ascii_digit()).count(),
            _ => return None,
        };
        let start = self.offset(i);
        Some((Span::at(start, start + len), &i[len..]))
    }

    /// `NOT` where a condition starts, and the comparison it negates when that reads.
    pub(super) fn negation(&self, name: Span, i: Input<'a>) -> Option<Problem> {
        if !self.src[name.range()].eq_ignore_ascii_case("not")
            || !i.first().is_some_and(|&b| is_ws(b))
        {
            return None;
        }
        let inner = self.ws(i);
        let negated = self.name(inner).and_then(|(rest, column)| {
            let rest = self.ws(rest);
            let (len, op) = match rest {
                [b'<', b'>', ..] => (2, CompareOp::Ne),
                [b'<', b'=', ..] => (2, CompareOp::Le),
                [b'>', b'=', ..] => (2, CompareOp::Ge),
                [b'=' | b':', ..] => (1, CompareOp::Eq),
                [b'<', ..] => (1, CompareOp::Lt),
                [b'>', ..] => (1, CompareOp::Gt),
                _ => return None,
            };
            let value = self.ws(&rest[len..]);
            let (value, _) = self.bound(value).or_else(|| {
                let (rest, word) = self.word_at(value)?;
                matches!(word, "true" | "false")
                    .then(|| (Span::at(self.offset(value), self.offset(rest)), rest))
            })?;
            Some((column, op, value))
        });
        Some(Problem::Not {
            keyword: name,
            negated,
        })
    }

    /// `;`, `&`, `&&`, `AND` or `OR` at `i`, after a condition that ended at `end` (before
    /// its trailing whitespace); a trailing one when nothing but whitespace follows it.
    pub(super) fn separator(&self, end: usize, i: Input<'a>) -> Option<Problem> {
        let (after, word) = match i {
            [b'&', b'&', ..] => (&i[2..], "&&"),
            [b';' | b'&', ..] => (&i[1..], ";"),
            _ => {
                let (after, word) = self.word_at(i)?;
                if matches!(after.first(), Some(&b) if !is_ws(b)) {
                    return None;
                }
                (after, word)
            }
        };
        let span = Span::at(self.offset(i), self.offset(after));
        let next = self.ws(after);
        let word = word.to_ascii_uppercase();
        match word.as_str() {
            "&&" | ";" | "AND" | "OR" if next.is_empty() => Some(Problem::TrailingSeparator {
                span,
                removed: Span::at(end, self.src.len()),
            }),
            "&&" | ";" | "AND" => {
                let replaced = Span::at(end, self.offset(next));
                Some(Problem::Separator { span, replaced })
            }
            "OR" => Some(Problem::Or { span }),
            _ => None,
        }
    }

    /// A value in typographic quotes at `i`: the quoted span and its text.
    pub(super) fn curly_quoted(&self, i: Input<'a>) -> Option<Problem> {
        let start = self.offset(i);
        let open = self.src[start..].chars().next()?;
        if !CURLY_QUOTES.contains(&open) {
            return None;
        }
        let body = start + open.len_utf8();
        let (len, close) = self.src[body..]
            .char_indices()
            .find(|(_, c)| CURLY_QUOTES.contains(c) || *c == '"')?;
        let content = Span::at(body, body + len);
        let span = Span::at(start, body + len + close.len_utf8());
        Some(Problem::CurlyQuotes { span, content })
    }

    /// A number in a notation v2 does not read, at `i`: `+10`, `0x1F`, `1_000`.
    pub(super) fn not_decimal(&self, i: Input<'a>) -> Option<Problem> {
        let start = self.offset(i);
        let (sign, digits) = match i {
            [b'+', rest @ ..] => (1, rest),
            [b'-', rest @ ..] => (1, rest),
            _ => (0, i),
        };
        let negative = i.first() == Some(&b'-');
        let (len, value) = match digits {
            [b'0', b'x' | b'X', hex @ ..] => {
                let n = hex.iter().take_while(|b| b.is_ascii_hexdigit()).count();
                let text = std::str::from_utf8(&hex[..n]).ok()?;
                (2 + n, i64::from_str_radix(text, 16).ok())
            }
            [b'0'..=b'9', ..] => {
                let n = digits
                    .iter()
                    .take_while(|&&b| b.is_ascii_digit() || b == b'_')
                    .count();
                let plus = i.first() == Some(&b'+');
                if !plus && !digits[..n].contains(&b'_') {
                    return None;
                }
                let plain: String = digits[..n]
                    .iter()
                    .filter(|&&b| b != b'_')
                    .map(|&b| char::from(b))
                    .collect();
                (n, plain.parse().ok())
            }
            _ => return None,
        };
        if len == 2 && value.is_none() || i.get(sign + len).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        let value = value.map(|v: i64| if negative { -v } else { v });
        let span = Span::at(start, start + sign + len);
        Some(Problem::NotDecimal { span, value })
    }

    /// The failure for a pasted parameter name at the start of the filter (`where=`,
    /// `&having=`), resuming after it.
    pub(super) fn parameter_name_failure(&self) -> Option<Failure> {
        let problem = self.parameter_name()?;
        let Problem::ParameterName { span } = problem else {
            return None;
        };
        Some(Failure {
            problem,
            at: span.start as usize,
            resume: span.end as usize,
            depth: 0,
        })
    }

    /// The failure for a percent-encoded filter: the whole of it.
    pub(super) fn whole_filter_failure(&self) -> Failure {
        Failure {
            problem: Problem::PercentEncoded,
            at: 0,
            resume: self.src.len(),
            depth: 0,
        }
    }

    /// A pasted parameter name at the start of the filter: its span.
    fn parameter_name(&self) -> Option<Problem> {
        let i = self.ws(self.from(0));
        let lead = usize::from(matches!(i.first(), Some(b'?' | b'&')));
        let (after, word) = self.word_at(&i[lead..])?;
        let named = word.eq_ignore_ascii_case("where") || word.eq_ignore_ascii_case("having");
        if !named || after.first() != Some(&b'=') {
            return None;
        }
        let span = Span::at(self.offset(i), self.offset(&after[1..]));
        Some(Problem::ParameterName { span })
    }

    /// True when the filter reads as percent-encoded: no `"` and an escape of the filter
    /// syntax (`%3D` for `=`, `%22` for `"`, …).
    pub(super) fn percent_encoded(&self) -> bool {
        let bytes = self.src.as_bytes();
        !bytes.contains(&b'"')
            && memchr::memchr_iter(b'%', bytes).any(|at| {
                bytes.get(at + 1..at + 3).is_some_and(|hex| {
                    ENCODED_SYNTAX
                        .iter()
                        .any(|code| code.eq_ignore_ascii_case(hex))
                })
            })
    }
}
