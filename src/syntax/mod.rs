//! Syntax: the AST, byte spans and the nom parser (spec §1).

mod ast;
mod fast;
mod parser;
pub(crate) mod scan;

use std::fmt;
use std::str::FromStr;

pub use crate::span::{Ranged, Span};
pub use ast::{
    Call, Column, CompareOp, Comparison, Condition, Filter, Function, FunctionName, Literal,
    Operator, Value,
};

use crate::diagnostics::Diagnostic;

/// Every syntax error found in one filter (at least one).
///
/// Each error is a [`Diagnostic`] whose span points into the parsed text. The parser recovers
/// at the next top-level comma, so each broken condition gets its own error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    parse_reusing(input, Vec::new())
}

/// [`parse`], building the AST in the allocation of `spare`, a vector of conditions that
/// [`Filter::into_spare`] handed back from an earlier filter.
///
/// A loop over many filters (a log of requests) then allocates only while its vector still
/// grows, and a large filter does not pay again for fresh memory: an AST takes about 4.4
/// bytes per input byte, and at 10 MB the system hands out new pages for each new vector
/// (page faults cost more than parsing them). On an error the allocation is dropped.
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
    parser::filter(input, spare).map_err(|diagnostics| ParseErrors { diagnostics })
}

/// [`parse`] by the full grammar alone, without the fast path for well-formed filters: the
/// fuzz targets check that both give the same result. Only in fuzzing builds.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn parse_full_grammar(input: &str) -> Result<Filter<'_>, ParseErrors> {
    parser::full(input, Vec::new()).map_err(|diagnostics| ParseErrors { diagnostics })
}

impl FromStr for Filter<'static> {
    type Err = ParseErrors;

    /// Parses into an owned filter (copying names and strings).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s).map(Filter::into_owned)
    }
}
