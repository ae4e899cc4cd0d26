//! How a column's type reads a condition's literal (spec §2): the value the lints reason
//! about, or the diagnostic of a literal of the wrong type, with its fix where the meaning is
//! certain. The rules of `rules` call these once they know the column.

use super::date::Date;
use crate::diagnostics::{Code, Diagnostic, Fix};
use crate::print::quote;
use crate::schema::{ColumnDef, ColumnType};
use crate::syntax::{Literal, Value};

/// An unquoted word compared with a column of a known type: the parser's `unquoted-string`
/// error said only that strings are quoted; here the column's type decides the help and the
/// fix, so that applying it leaves no error (quoting `abc` for an int column would only
/// trade one error for another).
#[cold]
pub(super) fn bare_value(def: &ColumnDef, literal: &Literal<'_>, word: &str) -> Diagnostic {
    let span = literal.span;
    // The parser's schema-free verdict, kept where the column's type agrees with it.
    let unquoted = || crate::syntax::unquoted(literal);
    let mismatch = |takes: &str| {
        Diagnostic::new(
            Code::TypeMismatch,
            span,
            format!(
                "`{}` is {} {} column but `{word}` is an unquoted word",
                def.name,
                article(def.ty.as_str()),
                def.ty
            ),
        )
        .with_label(format!("expected {takes}"))
    };
    match def.ty {
        ColumnType::String => unquoted(),
        ColumnType::Date => match Date::parse(word).or_else(|| normalized_date(word)) {
            Some(date) => {
                let quoted = format!("\"{date}\"");
                unquoted()
                    .with_help(format!("dates are quoted strings: `{quoted}`"))
                    .with_fix(Fix::replace("quote the date", span, quoted))
            }
            None => mismatch("a date string")
                .with_help("dates are quoted strings `\"YYYY-MM-DD\"`, e.g. `\"2020-01-31\"`"),
        },
        ColumnType::Boolean
            if word.eq_ignore_ascii_case("true") || word.eq_ignore_ascii_case("false") =>
        {
            let lower = word.to_ascii_lowercase();
            Diagnostic::new(
                Code::UnquotedString,
                span,
                format!("`{word}` is not a boolean: booleans are lowercase"),
            )
            .with_label("not `true` or `false`")
            .with_help(format!("write `{lower}`"))
            .with_fix(Fix::replace(format!("write `{lower}`"), span, lower))
        }
        ColumnType::Boolean => {
            mismatch("`true` or `false`").with_help("boolean values are bare `true` / `false`")
        }
        ColumnType::Int | ColumnType::Float => {
            mismatch("an integer").with_help("int columns compare with bare integers, e.g. `10`")
        }
    }
}

#[cold]
fn type_mismatch(def: &ColumnDef, literal: &Literal<'_>, expected: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        literal.span,
        format!(
            "`{}` is {} {} column but `{}` is {} {}",
            def.name,
            article(def.ty.as_str()),
            def.ty,
            literal,
            article(literal.value.kind_name()),
            literal.value.kind_name()
        ),
    )
    .with_label(format!("expected {expected}"))
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The integer of a number column's literal: bare, or quoted (a warning).
pub(super) fn number_value(
    def: &ColumnDef,
    literal: &Literal<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<i64> {
    match &literal.value {
        Value::Integer(n) => Some(*n),
        Value::String(s) => {
            let n = quoted_integer(s);
            out.push(string_for_number(def, literal, n));
            n
        }
        Value::Boolean(b) => {
            out.push(boolean_for_number(def, literal, *b));
            None
        }
        // An unquoted word is the parser's error; the tolerant parse keeps it for the checker.
        Value::Bare(_) => None,
    }
}

#[cold]
fn string_for_number(def: &ColumnDef, literal: &Literal<'_>, quoted: Option<i64>) -> Diagnostic {
    match quoted {
        Some(n) => Diagnostic::new(
            Code::QuotedNumber,
            literal.span,
            format!("quoted number `{literal}` on int column `{}`", def.name),
        )
        .with_label("a string holding a number")
        .with_help(format!(
            "write the number bare: `{n}`; whether the server converts `{literal}` is unknown"
        ))
        .with_fix(Fix::replace(
            "unquote the number",
            literal.span,
            n.to_string(),
        )),
        None => type_mismatch(def, literal, "an integer")
            .with_help("int columns compare with bare integers, e.g. `10`"),
    }
}

#[cold]
fn boolean_for_number(def: &ColumnDef, literal: &Literal<'_>, b: bool) -> Diagnostic {
    type_mismatch(def, literal, "an integer").with_help(format!(
        "int columns compare with bare integers; did you mean `{}`?",
        u8::from(b)
    ))
}

/// The integer a quoted string spells in v2 integer syntax, if it does.
fn quoted_integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The date of a date column's literal.
pub(super) fn date_value(
    def: &ColumnDef,
    literal: &Literal<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let date = match &literal.value {
        Value::String(s) => Date::parse(s),
        Value::Integer(_) | Value::Boolean(_) | Value::Bare(_) => None,
    };
    if date.is_none() {
        out.push(not_a_date(def, literal));
    }
    date
}

#[cold]
fn not_a_date(def: &ColumnDef, literal: &Literal<'_>) -> Diagnostic {
    match &literal.value {
        Value::String(s) => {
            let diagnostic = Diagnostic::new(
                Code::InvalidDate,
                literal.span,
                format!(
                    "`{literal}` is not a real date for date column `{}`",
                    def.name
                ),
            )
            .with_label("expected \"YYYY-MM-DD\"");
            match normalized_date(s) {
                Some(date) => diagnostic
                    .with_help(format!("write the date as `\"{date}\"`"))
                    .with_fix(Fix::replace(
                        "write the date as YYYY-MM-DD",
                        literal.span,
                        format!("\"{date}\""),
                    )),
                None if looks_like_date(s) => {
                    diagnostic.with_help("that day does not exist in the calendar")
                }
                None => diagnostic
                    .with_help("dates are written `\"YYYY-MM-DD\"`, e.g. `\"2020-01-31\"`"),
            }
        }
        Value::Integer(_) | Value::Boolean(_) | Value::Bare(_) => {
            type_mismatch(def, literal, "a date string")
                .with_help("dates are quoted strings `\"YYYY-MM-DD\"`, e.g. `\"2020-01-31\"`")
        }
    }
}

fn looks_like_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// A real date written with `/` or `.` separators, or with a time part, as `YYYY-MM-DD`.
fn normalized_date(s: &str) -> Option<Date> {
    let day = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
        return None;
    }
    Date::parse(&day.replace(['/', '.'], "-"))
}

/// The string of a string column's literal.
pub(super) fn string_value<'c>(
    def: &ColumnDef,
    literal: &'c Literal<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<&'c str> {
    match &literal.value {
        Value::String(s) => Some(s),
        Value::Integer(_) | Value::Boolean(_) | Value::Bare(_) => {
            out.push(not_a_string(def, literal));
            None
        }
    }
}

#[cold]
fn not_a_string(def: &ColumnDef, literal: &Literal<'_>) -> Diagnostic {
    let quoted = quote(&literal.to_string());
    type_mismatch(def, literal, "a string")
        .with_help(format!("string values are double-quoted: `{quoted}`"))
        .with_fix(Fix::replace("quote the value", literal.span, quoted))
}

/// The boolean of a boolean column's literal.
pub(super) fn boolean_value(
    def: &ColumnDef,
    literal: &Literal<'_>,
    out: &mut Vec<Diagnostic>,
) -> Option<bool> {
    match literal.value {
        Value::Boolean(b) => Some(b),
        Value::String(_) | Value::Integer(_) | Value::Bare(_) => {
            out.push(not_a_boolean(def, literal));
            None
        }
    }
}

#[cold]
fn not_a_boolean(def: &ColumnDef, literal: &Literal<'_>) -> Diagnostic {
    let intended = match &literal.value {
        Value::Boolean(_) => None,
        Value::String(s) if matches!(&**s, "true" | "false") => Some(&**s == "true"),
        Value::Integer(0) => Some(false),
        Value::Integer(1) => Some(true),
        _ => None,
    };
    let diagnostic = type_mismatch(def, literal, "`true` or `false`");
    match intended {
        Some(b) => diagnostic
            .with_help(format!("boolean values are bare `true` / `false`: `{b}`"))
            .with_fix(Fix::replace(
                format!("write `{b}`"),
                literal.span,
                b.to_string(),
            )),
        None => diagnostic.with_help("boolean values are bare `true` / `false`"),
    }
}

pub(super) fn comma_in_value(literal: &Literal<'_>, out: &mut Vec<Diagnostic>) {
    if let Value::String(s) = &literal.value {
        if s.contains(',') {
            out.push(comma_inside(literal));
        }
    }
}

#[cold]
fn comma_inside(literal: &Literal<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::CommaInValue,
        literal.span,
        "`,` inside a quoted value",
    )
    .with_label("contains a comma")
    .with_help(
        "no v2 client escapes commas in values; the server may split the filter at this comma",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_integers() {
        assert_eq!(quoted_integer("10"), Some(10));
        assert_eq!(quoted_integer("-3"), Some(-3));
        assert_eq!(quoted_integer("+3"), None);
        assert_eq!(quoted_integer("1e3"), None);
        assert_eq!(quoted_integer(""), None);
        assert_eq!(quoted_integer("-"), None);
        assert_eq!(quoted_integer("99999999999999999999"), None);
    }

    #[test]
    fn date_normalisation() {
        assert_eq!(
            normalized_date("2023/01/05").map(|d| d.to_string()),
            Some("2023-01-05".into())
        );
        assert_eq!(
            normalized_date("2023-01-05T10:00:00").map(|d| d.to_string()),
            Some("2023-01-05".into())
        );
        assert_eq!(normalized_date("2023-02-30"), None);
        assert!(looks_like_date("2023-02-30"));
    }
}
