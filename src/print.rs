//! The canonical form (spec §3), as `Display` on the AST.
//!
//! Conditions in source order joined by `,`, no whitespace, `:` printed as `=`, strings in
//! double quotes escaping only `"`, `\` and NUL, integers in plain decimal. Printing needs no
//! schema and never fails.

use std::fmt::{self, Display, Write};

pub(crate) use crate::literal::quote;
use crate::literal::write_quoted;
use crate::syntax::{
    Call, Column, CompareOp, Comparison, Condition, Filter, FunctionName, Literal, Operator, Value,
};

impl Filter<'_> {
    /// The canonical form, as `to_string()` gives it, printed straight into a string
    /// reserved at about its final size (the input's length) rather than through the
    /// formatting machinery: a batch lint prints every filter it sees.
    ///
    /// ```
    /// let filter = ahrefs_filter::parse(r#"ahrefs_rank > 007 , type:"lost""#)?;
    /// assert_eq!(filter.canonical(), r#"ahrefs_rank>7,type="lost""#);
    /// assert_eq!(filter.canonical(), filter.to_string());
    /// # Ok::<(), ahrefs_filter::ParseErrors>(())
    /// ```
    pub fn canonical(&self) -> String {
        let mut out = String::with_capacity(self.span.len() + 2);
        self.write_canonical(&mut out);
        out
    }

    /// Appends the canonical form to `out`.
    pub fn write_canonical(&self, out: &mut String) {
        // Writing into a String cannot fail.
        let _ = write_filter(out, self);
    }
}

/// The canonical form into any writer: `Display` and [`Filter::canonical`] share it, so
/// both print the same text.
fn write_filter(out: &mut impl Write, filter: &Filter<'_>) -> fmt::Result {
    for (i, condition) in filter.conditions.iter().enumerate() {
        if i > 0 {
            out.write_char(',')?;
        }
        write_condition(out, condition)?;
    }
    Ok(())
}

fn write_condition(out: &mut impl Write, condition: &Condition<'_>) -> fmt::Result {
    match condition {
        Condition::Comparison(c) => write_comparison(out, c),
        Condition::Call(c) => write_call(out, c),
    }
}

fn write_comparison(out: &mut impl Write, c: &Comparison<'_>) -> fmt::Result {
    out.write_str(&c.column.name)?;
    // One or two characters: pushed one by one, where `write_str` would call `memcpy`.
    for byte in c.operator.kind.as_str().bytes() {
        out.write_char(char::from(byte))?;
    }
    write_value(out, &c.value.value)
}

fn write_call(out: &mut impl Write, c: &Call<'_>) -> fmt::Result {
    out.write_str(c.function.name.as_str())?;
    out.write_char('(')?;
    out.write_str(&c.column.name)?;
    out.write_char(',')?;
    write_value(out, &c.argument.value)?;
    out.write_char(')')
}

fn write_value(out: &mut impl Write, value: &Value<'_>) -> fmt::Result {
    match value {
        Value::String(s) => write_quoted(out, s),
        Value::Integer(n) => write_integer(out, *n),
        Value::Boolean(b) => out.write_str(if *b { "true" } else { "false" }),
        Value::Bare(s) => write_quoted(out, s),
    }
}

/// `n` in plain decimal.
fn write_integer(out: &mut impl Write, n: i64) -> fmt::Result {
    out.write_str(itoa::Buffer::new().format(n))
}

impl Display for Filter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_filter(f, self)
    }
}

impl Display for Condition<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_condition(f, self)
    }
}

impl Display for Comparison<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_comparison(f, self)
    }
}

impl Display for Call<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_call(f, self)
    }
}

impl Display for Column<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Display for Operator {
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
        write_value(f, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_print_in_plain_decimal() {
        for (n, text) in [
            (0, "0"),
            (7, "7"),
            (-7, "-7"),
            (10, "10"),
            (1_000_000, "1000000"),
            (i64::MAX, "9223372036854775807"),
            (i64::MIN, "-9223372036854775808"),
        ] {
            let mut out = String::new();
            write_integer(&mut out, n).unwrap();
            assert_eq!(out, text);
        }
    }
}
