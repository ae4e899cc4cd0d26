//! The syntax tree of a `where` / `having` filter.
//!
//! The grammar is flat — a comma-separated list of conditions, each a comparison or a
//! function call — so the tree is flat too: no node contains a node of its own kind, and no
//! walk over it can recurse deeply. Every node carries its byte [`Span`] in the input.
//! Names and strings borrow from the input; only strings with escapes are copied.

use std::borrow::Cow;

use crate::span::{Ranged, Span};

/// A whole filter: conditions joined by `,` (logical AND).
///
/// ```
/// let filter = ahrefs_filter::parse(r#"ahrefs_rank>10,substring(anchor,"seo")"#).unwrap();
/// assert_eq!(filter.conditions.len(), 2);
/// assert_eq!(filter.conditions[1].column().name, "anchor");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Filter<'a> {
    /// The conditions in source order; never empty for a parsed filter.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub conditions: Vec<Condition<'a>>,
    /// The whole input, surrounding whitespace included.
    pub span: Span,
}

/// One condition of a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "kind", rename_all = "snake_case")
)]
pub enum Condition<'a> {
    /// `column op literal`, e.g. `ahrefs_rank>10`.
    Comparison(#[cfg_attr(feature = "serde", serde(borrow))] Comparison<'a>),
    /// `function(column,literal)`, e.g. `substring(anchor,"seo")`.
    Call(#[cfg_attr(feature = "serde", serde(borrow))] Call<'a>),
}

/// `column op literal`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Comparison<'a> {
    /// The column compared.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub column: Column<'a>,
    /// The comparison operator.
    pub operator: Operator,
    /// The value compared with.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub value: Literal<'a>,
    /// From the column's first byte to the literal's last.
    pub span: Span,
}

/// `function(column,argument)`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Call<'a> {
    /// The function called.
    pub function: Function,
    /// The column it tests.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub column: Column<'a>,
    /// The value it tests the column against (a string in every valid filter).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub argument: Literal<'a>,
    /// From the function name's first byte to the closing parenthesis.
    pub span: Span,
}

/// A column name as written: `[A-Za-z_][A-Za-z0-9_]*`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Column<'a> {
    /// The name, borrowed from the input.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub name: Cow<'a, str>,
    /// Where the name is written.
    pub span: Span,
}

/// A comparison operator as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Operator {
    /// What the operator means (`:` means [`CompareOp::Eq`]).
    pub kind: CompareOp,
    /// True when the source wrote `:` for `=` (tolerated; the checker warns).
    pub colon_alias: bool,
    /// Where the operator is written.
    pub span: Span,
}

/// The six comparisons of the v2 filter language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CompareOp {
    /// `=` (also written `:`).
    #[cfg_attr(feature = "serde", serde(rename = "="))]
    Eq,
    /// `<>`.
    #[cfg_attr(feature = "serde", serde(rename = "<>"))]
    Ne,
    /// `<`.
    #[cfg_attr(feature = "serde", serde(rename = "<"))]
    Lt,
    /// `<=`.
    #[cfg_attr(feature = "serde", serde(rename = "<="))]
    Le,
    /// `>`.
    #[cfg_attr(feature = "serde", serde(rename = ">"))]
    Gt,
    /// `>=`.
    #[cfg_attr(feature = "serde", serde(rename = ">="))]
    Ge,
}

impl CompareOp {
    /// Every operator, in the order the grammar lists them.
    pub const ALL: [CompareOp; 6] = [
        CompareOp::Ne,
        CompareOp::Le,
        CompareOp::Ge,
        CompareOp::Eq,
        CompareOp::Lt,
        CompareOp::Gt,
    ];

    /// The canonical spelling.
    ///
    /// ```
    /// assert_eq!(ahrefs_filter::CompareOp::Ne.as_str(), "<>");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::Ne => "<>",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// True for `<`, `<=`, `>`, `>=`.
    pub const fn is_ordering(self) -> bool {
        matches!(
            self,
            CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge
        )
    }
}

/// A function name with its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Function {
    /// Which function.
    pub name: FunctionName,
    /// Where the name is written.
    pub span: Span,
}

/// The three functions of the v2 filter language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum FunctionName {
    /// `substring(col,"v")`: `v` occurs anywhere in `col`.
    Substring,
    /// `word(col,"v")`: `v` occurs as a separate word in `col`.
    Word,
    /// `subdomain(col,"d")`: the domain in `col` is a subdomain of `d`.
    Subdomain,
}

impl FunctionName {
    /// Every function.
    pub const ALL: [FunctionName; 3] = [
        FunctionName::Substring,
        FunctionName::Word,
        FunctionName::Subdomain,
    ];

    /// The name as written.
    pub const fn as_str(self) -> &'static str {
        match self {
            FunctionName::Substring => "substring",
            FunctionName::Word => "word",
            FunctionName::Subdomain => "subdomain",
        }
    }

    /// The function called `name` (case-sensitive, as the grammar is).
    pub fn from_name(name: &str) -> Option<FunctionName> {
        FunctionName::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

/// A literal value with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Literal<'a> {
    /// The value (strings unescaped).
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub value: Value<'a>,
    /// Where the literal is written, quotes included.
    pub span: Span,
}

/// The value of a literal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(untagged)
)]
pub enum Value<'a> {
    /// A double-quoted string, unescaped; borrowed when it had no escapes.
    String(Cow<'a, str>),
    /// A decimal integer that fits `i64`.
    Integer(i64),
    /// `true` or `false`.
    Boolean(bool),
    /// An unquoted word where a value belongs (`anchor=seo`): a syntax error
    /// (`unquoted-string`) that [`parse_tolerant`](crate::parse_tolerant) keeps in the tree,
    /// so the checker can say what the column takes. [`parse`](crate::parse) never returns
    /// one. Printed quoted, its likely meaning.
    Bare(Cow<'a, str>),
}

impl Value<'_> {
    /// The kind of literal, for messages: `string`, `integer` or `boolean`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer(_) => "integer",
            Value::Boolean(_) => "boolean",
            Value::Bare(_) => "unquoted word",
        }
    }

    /// An owned copy that outlives the input.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Integer(i) => Value::Integer(i),
            Value::Boolean(b) => Value::Boolean(b),
            Value::Bare(s) => Value::Bare(Cow::Owned(s.into_owned())),
        }
    }
}

impl<'a> Condition<'a> {
    /// The column the condition tests.
    pub fn column(&self) -> &Column<'a> {
        match self {
            Condition::Comparison(c) => &c.column,
            Condition::Call(c) => &c.column,
        }
    }

    /// The literal the condition tests against.
    pub fn literal(&self) -> &Literal<'a> {
        match self {
            Condition::Comparison(c) => &c.value,
            Condition::Call(c) => &c.argument,
        }
    }

    /// An owned copy that outlives the input.
    pub fn into_owned(self) -> Condition<'static> {
        match self {
            Condition::Comparison(c) => Condition::Comparison(Comparison {
                column: c.column.into_owned(),
                operator: c.operator,
                value: c.value.into_owned(),
                span: c.span,
            }),
            Condition::Call(c) => Condition::Call(Call {
                function: c.function,
                column: c.column.into_owned(),
                argument: c.argument.into_owned(),
                span: c.span,
            }),
        }
    }
}

impl Column<'_> {
    /// An owned copy that outlives the input.
    pub fn into_owned(self) -> Column<'static> {
        Column {
            name: Cow::Owned(self.name.into_owned()),
            span: self.span,
        }
    }
}

impl Literal<'_> {
    /// An owned copy that outlives the input.
    pub fn into_owned(self) -> Literal<'static> {
        Literal {
            value: self.value.into_owned(),
            span: self.span,
        }
    }
}

impl Filter<'_> {
    /// An owned copy that outlives the input.
    pub fn into_owned(self) -> Filter<'static> {
        Filter {
            conditions: self
                .conditions
                .into_iter()
                .map(Condition::into_owned)
                .collect(),
            span: self.span,
        }
    }

    /// The vector of conditions, emptied, for [`parse_reusing`](crate::parse_reusing) to
    /// build the next filter in.
    pub fn into_spare(self) -> Vec<Condition<'static>> {
        let mut conditions = self.conditions;
        conditions.clear();
        // An empty vector converts without running `into_owned`, and collecting a vector's
        // own iterator into a vector of the same layout keeps its allocation (a test checks).
        conditions.into_iter().map(Condition::into_owned).collect()
    }

    /// Structural equality that ignores spans and tolerated spellings (`:` for `=`):
    /// true when both filters print the same canonical text.
    ///
    /// ```
    /// let a = ahrefs_filter::parse("type:\"lost\" , links>007").unwrap();
    /// let b = ahrefs_filter::parse("type=\"lost\",links>7").unwrap();
    /// assert!(a.same_meaning_as(&b));
    /// assert_ne!(a, b); // spans differ
    /// ```
    pub fn same_meaning_as(&self, other: &Filter<'_>) -> bool {
        self.conditions.len() == other.conditions.len()
            && self
                .conditions
                .iter()
                .zip(&other.conditions)
                .all(|(a, b)| a.same_meaning_as(b))
    }
}

impl Condition<'_> {
    /// Structural equality that ignores spans and tolerated spellings.
    pub fn same_meaning_as(&self, other: &Condition<'_>) -> bool {
        match (self, other) {
            (Condition::Comparison(a), Condition::Comparison(b)) => {
                a.column.name == b.column.name
                    && a.operator.kind == b.operator.kind
                    && a.value.value == b.value.value
            }
            (Condition::Call(a), Condition::Call(b)) => {
                a.function.name == b.function.name
                    && a.column.name == b.column.name
                    && a.argument.value == b.argument.value
            }
            _ => false,
        }
    }
}

macro_rules! ranged {
    ($($ty:ty),* $(,)?) => {
        $(impl Ranged for $ty {
            fn span(&self) -> Span {
                self.span
            }
        })*
    };
}

ranged!(
    Filter<'_>,
    Comparison<'_>,
    Call<'_>,
    Column<'_>,
    Operator,
    Function,
    Literal<'_>,
);

impl Ranged for Condition<'_> {
    fn span(&self) -> Span {
        match self {
            Condition::Comparison(c) => c.span,
            Condition::Call(c) => c.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 10 MB filter holds about 480,000 conditions, so the node's size shows in memory:
    /// with 32-bit spans a condition takes 104 bytes (128 with `usize` spans; the unquoted
    /// word the tolerant parse keeps costs 8 of them, as `Value` has two strings).
    #[test]
    fn a_condition_takes_at_most_104_bytes() {
        assert!(
            std::mem::size_of::<Condition<'_>>() <= 104,
            "{}",
            std::mem::size_of::<Condition<'_>>()
        );
        assert_eq!(std::mem::size_of::<Span>(), 8);
    }
}
