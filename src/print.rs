//! The canonical form (spec §3), as `Display` on the AST.
//!
//! Conditions in source order joined by `,`, no whitespace, `:` printed as `=`, strings in
//! double quotes escaping only `"`, `\` and NUL, integers in plain decimal. Printing needs no
//! schema and never fails.

use std::fmt::{self, Display, Write as _};

use crate::syntax::{
    Call, Column, CompareOp, Comparison, Condition, Filter, FunctionName, Literal, Operator, Value,
};

impl Display for Filter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, condition) in self.conditions.iter().enumerate() {
            if i > 0 {
                f.write_char(',')?;
            }
            condition.fmt(f)?;
        }
        Ok(())
    }
}

impl Display for Condition<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Comparison(c) => c.fmt(f),
            Condition::Call(c) => c.fmt(f),
        }
    }
}

impl Display for Comparison<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.column, self.operator, self.value)
    }
}

impl Display for Call<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}({},{})",
            self.function.name, self.column, self.argument
        )
    }
}

impl Display for Column<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Display for Operator {
    /// `:` is printed as `=`: the canonical form has one spelling per operator.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl Display for CompareOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Display for FunctionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Display for Literal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => write_quoted(f, s),
            Value::Integer(n) => n.fmt(f),
            Value::Boolean(b) => b.fmt(f),
        }
    }
}

/// Writes `s` as a canonical string literal.
fn write_quoted(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    out.write_char('"')?;
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0 => "\\0",
            _ => continue,
        };
        out.write_str(&s[plain..i])?;
        out.write_str(escape)?;
        plain = i + 1;
    }
    out.write_str(&s[plain..])?;
    out.write_char('"')
}

/// `s` as a canonical string literal: in double quotes, with `"`, `\` and NUL escaped.
///
/// ```
/// assert_eq!(ahrefs_filter::print::quote(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
/// assert_eq!(ahrefs_filter::print::quote("it's"), r#""it's""#);
/// ```
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    // Writing into a String cannot fail.
    let _ = write_quoted(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_exactly_three_characters() {
        assert_eq!(quote(""), "\"\"");
        assert_eq!(quote("a\0b"), "\"a\\0b\"");
        assert_eq!(quote("'\n\t"), "\"'\n\t\"");
        assert_eq!(quote("ü\"ü"), "\"ü\\\"ü\"");
    }
}
