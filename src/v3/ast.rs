//! The v3 `where` filter as a tree, with the compact printer of `v3-reference.md` §1.2.
//!
//! The tree has exactly the grammar's constructs: `and`/`or` over non-empty lists, `not`
//! over one filter, and field expressions with one `is` condition or one `list_is`
//! `{"any"|"all": …}` over a tree of conditions. `modifier` is not represented (the
//! translator never emits it). With the `serde` feature the tree (de)serializes to that
//! JSON; [`Display`](std::fmt::Display) writes the same JSON compactly without serde.

use std::borrow::Cow;
use std::fmt;

/// A v3 `where` filter (`bool_filter` in the grammar).
///
/// ```
/// use ahrefs_filter::v3::{BinaryOp, Condition, Filter};
/// let filter = Filter::and(vec![
///     Filter::is("url_rating_source", Condition::binary(BinaryOp::Gt, 10)),
///     Filter::not(Filter::is("redirect_code", Condition::IS_NULL)),
/// ]);
/// assert_eq!(
///     filter.to_string(),
///     r#"{"and":[{"field":"url_rating_source","is":["gt",10]},{"not":{"field":"redirect_code","is":"is_null"}}]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Filter {
    /// Every filter holds (a non-empty list).
    And(Vec<Filter>),
    /// At least one filter holds (a non-empty list).
    Or(Vec<Filter>),
    /// The filter does not hold.
    Not(Box<Filter>),
    /// A test of one field.
    #[cfg_attr(feature = "serde", serde(untagged))]
    Expr(Expr),
}

/// `{"field": F, "is": C}` or `{"field": F, "list_is": L}`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Expr {
    /// The field alias, from the endpoint's `where` list.
    pub field: Cow<'static, str>,
    /// The test.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub test: Test,
}

/// What an [`Expr`] tests: exactly one of `is` and `list_is`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Test {
    /// A condition on a scalar field.
    Is(Condition),
    /// A condition on the elements of an array field.
    ListIs(ListCondition),
}

/// `[op, value]`, or one of the bare strings `"empty"` and `"is_null"`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(untagged)
)]
pub enum Condition {
    /// An operator with its value.
    Binary(BinaryOp, Value),
    /// An operator without a value.
    Nullary(NullaryOp),
}

impl Condition {
    /// `"is_null"`.
    pub const IS_NULL: Condition = Condition::Nullary(NullaryOp::IsNull);

    /// `[op, value]`.
    pub fn binary(op: BinaryOp, value: impl Into<Value>) -> Condition {
        Condition::Binary(op, value.into())
    }
}

/// The 13 operators that take a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum BinaryOp {
    /// `eq`.
    Eq,
    /// `neq`.
    Neq,
    /// `gt`.
    Gt,
    /// `gte`.
    Gte,
    /// `lt`.
    Lt,
    /// `lte`.
    Lte,
    /// `substring` (case-sensitive).
    Substring,
    /// `isubstring` (case-insensitive).
    Isubstring,
    /// `phrase_match`: a run of whole words.
    PhraseMatch,
    /// `iphrase_match`: case-insensitive `phrase_match`.
    IphraseMatch,
    /// `prefix`.
    Prefix,
    /// `suffix`.
    Suffix,
    /// `regex` (RE2 in Site Explorer).
    Regex,
}

impl BinaryOp {
    /// Every binary operator, in the grammar's order.
    pub const ALL: [BinaryOp; 13] = [
        BinaryOp::Eq,
        BinaryOp::Neq,
        BinaryOp::Gt,
        BinaryOp::Gte,
        BinaryOp::Lt,
        BinaryOp::Lte,
        BinaryOp::Substring,
        BinaryOp::Isubstring,
        BinaryOp::PhraseMatch,
        BinaryOp::IphraseMatch,
        BinaryOp::Prefix,
        BinaryOp::Suffix,
        BinaryOp::Regex,
    ];

    /// The operator as written in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Eq => "eq",
            BinaryOp::Neq => "neq",
            BinaryOp::Gt => "gt",
            BinaryOp::Gte => "gte",
            BinaryOp::Lt => "lt",
            BinaryOp::Lte => "lte",
            BinaryOp::Substring => "substring",
            BinaryOp::Isubstring => "isubstring",
            BinaryOp::PhraseMatch => "phrase_match",
            BinaryOp::IphraseMatch => "iphrase_match",
            BinaryOp::Prefix => "prefix",
            BinaryOp::Suffix => "suffix",
            BinaryOp::Regex => "regex",
        }
    }

    /// True for `gt`, `gte`, `lt`, `lte`.
    pub const fn is_ordering(self) -> bool {
        matches!(
            self,
            BinaryOp::Gt | BinaryOp::Gte | BinaryOp::Lt | BinaryOp::Lte
        )
    }

    /// True for the text operators (`substring` to `regex`).
    pub const fn is_text(self) -> bool {
        !matches!(self, BinaryOp::Eq | BinaryOp::Neq) && !self.is_ordering()
    }
}

/// The 2 operators without a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum NullaryOp {
    /// `"empty"`.
    Empty,
    /// `"is_null"`.
    IsNull,
}

impl NullaryOp {
    /// The operator as written in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            NullaryOp::Empty => "empty",
            NullaryOp::IsNull => "is_null",
        }
    }
}

/// `{"any": C}` or `{"all": C}`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum ListCondition {
    /// At least one element satisfies the tree.
    Any(ConditionTree),
    /// Every element satisfies the tree.
    All(ConditionTree),
}

/// Conditions combined with `and`/`or`/`not`, without fields (`condition_bool_filter`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum ConditionTree {
    /// Every tree holds.
    And(Vec<ConditionTree>),
    /// At least one tree holds.
    Or(Vec<ConditionTree>),
    /// The tree does not hold.
    Not(Box<ConditionTree>),
    /// One condition.
    #[cfg_attr(feature = "serde", serde(untagged))]
    Leaf(Condition),
}

/// A JSON value in a condition.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(untagged)
)]
pub enum Value {
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A number with a fraction or exponent (printed as JSON; a non-finite one as `null`).
    Float(f64),
    /// A string.
    String(Cow<'static, str>),
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Integer(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&'static str> for Value {
    fn from(s: &'static str) -> Value {
        Value::String(Cow::Borrowed(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(Cow::Owned(s))
    }
}

impl Filter {
    /// `{"field": field, "is": condition}`.
    pub fn is(field: impl Into<Cow<'static, str>>, condition: Condition) -> Filter {
        Filter::Expr(Expr {
            field: field.into(),
            test: Test::Is(condition),
        })
    }

    /// `{"field": field, "list_is": {"any": condition}}`.
    pub fn any(field: impl Into<Cow<'static, str>>, condition: Condition) -> Filter {
        Filter::Expr(Expr {
            field: field.into(),
            test: Test::ListIs(ListCondition::Any(ConditionTree::Leaf(condition))),
        })
    }

    /// `{"and": filters}`, or the one filter itself when there is one.
    pub fn and(mut filters: Vec<Filter>) -> Filter {
        if filters.len() == 1 {
            if let Some(only) = filters.pop() {
                return only;
            }
        }
        Filter::And(filters)
    }

    /// `{"or": filters}`.
    pub fn or(filters: Vec<Filter>) -> Filter {
        Filter::Or(filters)
    }

    /// `{"not": filter}`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(filter: Filter) -> Filter {
        Filter::Not(Box::new(filter))
    }

    /// Appends the compact JSON of the filter to `out`.
    pub fn write_compact(&self, out: &mut String) {
        match self {
            Filter::And(items) => list(out, "and", items, Filter::write_compact),
            Filter::Or(items) => list(out, "or", items, Filter::write_compact),
            Filter::Not(inner) => {
                out.push_str("{\"not\":");
                inner.write_compact(out);
                out.push('}');
            }
            Filter::Expr(expr) => {
                out.push_str("{\"field\":");
                string(out, &expr.field);
                match &expr.test {
                    Test::Is(condition) => {
                        out.push_str(",\"is\":");
                        condition.write_compact(out);
                    }
                    Test::ListIs(list) => {
                        let (key, tree) = match list {
                            ListCondition::Any(tree) => ("{\"any\":", tree),
                            ListCondition::All(tree) => ("{\"all\":", tree),
                        };
                        out.push_str(",\"list_is\":");
                        out.push_str(key);
                        tree.write_compact(out);
                        out.push('}');
                    }
                }
                out.push('}');
            }
        }
    }
}

impl Filter {
    /// The filter as `v3-reference.md` §3.6 shows it to people: each `and`/`or` item and
    /// each `not` on its own line, indented two spaces a level, each field expression
    /// compact. Reading it as JSON gives the same filter.
    ///
    /// ```
    /// use ahrefs_filter::v3::{BinaryOp, Condition, Filter};
    /// let filter = Filter::and(vec![
    ///     Filter::is("url_rating_source", Condition::binary(BinaryOp::Gt, 10)),
    ///     Filter::not(Filter::is("alt", Condition::IS_NULL)),
    /// ]);
    /// assert_eq!(filter.to_pretty_string(), r#"{"and":[
    ///   {"field":"url_rating_source","is":["gt",10]},
    ///   {"not":
    ///     {"field":"alt","is":"is_null"}}
    /// ]}"#);
    /// ```
    pub fn to_pretty_string(&self) -> String {
        let mut out = String::new();
        self.write_pretty(&mut out, 0);
        out
    }

    fn write_pretty(&self, out: &mut String, depth: usize) {
        let indent = |out: &mut String, depth: usize| {
            for _ in 0..depth {
                out.push_str("  ");
            }
        };
        match self {
            Filter::And(items) | Filter::Or(items) => {
                let key = if matches!(self, Filter::And(_)) {
                    "and"
                } else {
                    "or"
                };
                out.push_str("{\"");
                out.push_str(key);
                out.push_str("\":[\n");
                for (i, item) in items.iter().enumerate() {
                    indent(out, depth + 1);
                    item.write_pretty(out, depth + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                indent(out, depth);
                out.push_str("]}");
            }
            Filter::Not(inner) => {
                out.push_str("{\"not\":\n");
                indent(out, depth + 1);
                inner.write_pretty(out, depth + 1);
                out.push('}');
            }
            Filter::Expr(_) => self.write_compact(out),
        }
    }
}

impl ConditionTree {
    /// Appends the compact JSON of the tree to `out`.
    pub fn write_compact(&self, out: &mut String) {
        match self {
            ConditionTree::And(items) => list(out, "and", items, ConditionTree::write_compact),
            ConditionTree::Or(items) => list(out, "or", items, ConditionTree::write_compact),
            ConditionTree::Not(inner) => {
                out.push_str("{\"not\":");
                inner.write_compact(out);
                out.push('}');
            }
            ConditionTree::Leaf(condition) => condition.write_compact(out),
        }
    }
}

impl Condition {
    /// Appends the compact JSON of the condition to `out`.
    pub fn write_compact(&self, out: &mut String) {
        match self {
            Condition::Binary(op, value) => {
                out.push_str("[\"");
                out.push_str(op.as_str());
                out.push_str("\",");
                value.write_compact(out);
                out.push(']');
            }
            Condition::Nullary(op) => {
                out.push('"');
                out.push_str(op.as_str());
                out.push('"');
            }
        }
    }
}

impl Value {
    /// Appends the value as JSON to `out`.
    pub fn write_compact(&self, out: &mut String) {
        use fmt::Write as _;
        match self {
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Integer(n) => out.push_str(itoa::Buffer::new().format(*n)),
            // `{:?}` keeps a `.0` on whole numbers, as JSON writers do.
            Value::Float(x) if x.is_finite() => {
                let _ = write!(out, "{x:?}");
            }
            Value::Float(_) => out.push_str("null"),
            Value::String(s) => string(out, s),
        }
    }
}

fn list<T>(out: &mut String, key: &str, items: &[T], write: fn(&T, &mut String)) {
    out.push_str("{\"");
    out.push_str(key);
    out.push_str("\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push_str("]}");
}

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters as `\n`-style
/// or `\u00XX` escapes, everything else as it is (the escapes `serde_json` writes).
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write_compact(&mut out);
        f.write_str(&out)
    }
}
