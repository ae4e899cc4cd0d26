//! Diagnostics: what is wrong with a filter, where, and how to fix it.
//!
//! One type, [`Diagnostic`], serves every stage — syntax errors from the parser, type errors
//! and warnings from the checker, semantic lints and whole-request checks — so that a
//! renderer, a JSON writer or a fixer handles them all alike. Each is a [`thiserror`]
//! error and a [`miette::Diagnostic`] with a stable [`Code`].

use std::borrow::Cow;
use std::fmt;

pub use crate::schema::Clause;
use crate::span::Span;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Severity {
    /// The filter may still work; the tool says why it might not.
    Warning,
    /// The filter is wrong: the request would fail or mean nothing.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident; )*) => {
        /// The stable code of a diagnostic (spec §1, §2, §5, the semantic lints and the v3
        /// translation). New codes may be added in minor releases.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub enum Code {
            $( $(#[$doc])* #[cfg_attr(feature = "serde", serde(rename = $name))] $variant, )*
        }

        impl Code {
            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed: kebab-case, e.g. `clause-not-allowed`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity every diagnostic with this code has.
            pub const fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// The code spelled `name`, if there is one.
            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str() == name)
            }
        }
    };
}

codes! {
    /// Malformed filter text.
    Syntax = "syntax", Error;
    /// A bare word where a value belongs.
    UnquotedString = "unquoted-string", Error;
    /// A function other than `substring`, `word`, `subdomain`.
    UnknownFunction = "unknown-function", Error;
    /// A backslash escape other than `\"`, `\\`, `\'`, `\0`.
    InvalidEscape = "invalid-escape", Error;
    /// An integer outside `i64`.
    IntegerOverflow = "integer-overflow", Error;
    /// The table is not in the schema.
    UnknownTable = "unknown-table", Error;
    /// The column is not in the table.
    UnknownColumn = "unknown-column", Error;
    /// The column exists but may not appear in this clause.
    ClauseNotAllowed = "clause-not-allowed", Error;
    /// The operator or function does not apply to the column's type.
    OperatorNotAllowed = "operator-not-allowed", Error;
    /// The literal has the wrong type for the column.
    TypeMismatch = "type-mismatch", Error;
    /// A date column compared with something that is not a real `YYYY-MM-DD` date.
    InvalidDate = "invalid-date", Error;
    /// `:` written for `=`.
    ColonEquality = "colon-equality", Warning;
    /// A quoted number on an int column.
    QuotedNumber = "quoted-number", Warning;
    /// Whitespace outside quotes.
    Whitespace = "whitespace", Warning;
    /// `<`, `<=`, `>`, `>=` on a string column.
    StringOrdering = "string-ordering", Warning;
    /// A `,` inside a quoted value.
    CommaInValue = "comma-in-value", Warning;
    /// Conditions on one column that no value satisfies together.
    Unsatisfiable = "unsatisfiable", Warning;
    /// A condition implied by another.
    Redundant = "redundant", Warning;
    /// The same condition twice.
    Duplicate = "duplicate", Warning;
    /// A value outside the column's documented domain.
    ImpossibleValue = "impossible-value", Warning;
    /// A condition every row meets.
    AlwaysTrue = "always-true", Warning;
    /// A date after today.
    FutureDate = "future-date", Warning;
    /// A malformed `%` escape in a request URL.
    PercentEncoding = "percent-encoding", Error;
    /// A required request parameter is absent.
    MissingParameter = "missing-parameter", Error;
    /// A request parameter has a value it cannot take.
    InvalidParameter = "invalid-parameter", Error;
    /// A request parameter given more than once.
    RepeatedParameter = "repeated-parameter", Warning;
    /// A request parameter the v2 API does not define.
    UnknownParameter = "unknown-parameter", Warning;
    /// More problems of one request than are worth listing; the rest are counted.
    Truncated = "truncated", Warning;
    /// The v2 table has no known v3 counterpart.
    V3NoEndpoint = "v3-no-endpoint", Error;
    /// A v2 column has no v3 field.
    V3NoField = "v3-no-field", Error;
    /// A condition v3 cannot express.
    V3Untranslatable = "v3-untranslatable", Error;
    /// The v3 meaning differs from v2.
    V3Inexact = "v3-inexact", Warning;
    /// A choice the evidence leaves open, made by an option.
    V3Assumed = "v3-assumed", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change to filter text.
#[non_exhaustive]
///
/// Serialized inside its diagnostic, as in the `json` module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Replace the bytes at `span` of the diagnostic's own text with `text`.
    Replace {
        /// What to replace.
        span: Span,
        /// The replacement (empty to delete).
        text: Cow<'static, str>,
    },
    /// Add `condition` (canonical text) at the end of the other clause's filter,
    /// creating that filter if it is absent.
    AppendCondition {
        /// The clause to append to.
        clause: Clause,
        /// The condition's canonical text.
        condition: String,
    },
}

/// Whether a fix may be applied without a person looking at it (ruff's applicability).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Applicability {
    /// The fixed filter means what the author meant: `--fix` applies it.
    Safe,
    /// A likely repair that may change the meaning: shown, applied only on request.
    Unsafe,
}

/// A repair: edits that together fix one diagnostic.
#[non_exhaustive]
///
/// Serialized inside its diagnostic, as in the `json` module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, for people: "replace `:` with `=`".
    pub title: Cow<'static, str>,
    /// Whether the fix may be applied automatically.
    pub applicability: Applicability,
    /// The edits, applied together.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix of the given edits.
    pub fn safe(title: impl Into<Cow<'static, str>>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    /// A safe fix of one replacement.
    pub fn replace(
        title: impl Into<Cow<'static, str>>,
        span: Span,
        text: impl Into<Cow<'static, str>>,
    ) -> Fix {
        Fix::safe(
            title,
            vec![Edit::Replace {
                span,
                text: text.into(),
            }],
        )
    }

    /// The same fix, marked unsafe: applied only on request.
    pub fn unsafe_(mut self) -> Fix {
        self.applicability = Applicability::Unsafe;
        self
    }

    /// True when `--fix` may apply it without asking.
    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

/// A secondary place a diagnostic points at, with its own label.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Related {
    /// Where.
    pub span: Span,
    /// What it is.
    pub label: Cow<'static, str>,
}

/// A problem found in a filter or request.
#[non_exhaustive]
///
/// Spans are byte offsets into the text of the [`clause`](Diagnostic::clause) the diagnostic
/// is about (or into the request text, for whole-request diagnostics).
///
/// ```
/// use ahrefs_filter::{parse, Code};
/// let errors = parse("ahrefs_rank!=10").unwrap_err();
/// let first = &errors.diagnostics[0];
/// assert_eq!(first.code, Code::Syntax);
/// assert_eq!(first.span.map(|s| s.range()), Some(11..13));
/// assert_eq!(first.help.as_deref(), Some("v2 writes \"not equal\" as `<>`"));
/// ```
///
/// With the `serde` feature it serializes in the CLI's JSON shape (the `json` module).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Diagnostic {
    /// The stable code; it fixes the severity but where the docs contradict themselves
    /// (see [`Diagnostic::severity`]).
    pub code: Code,
    /// One sentence: what is wrong.
    pub message: Cow<'static, str>,
    /// The clause the span points into; `None` for syntax errors (the parser does not know
    /// which clause it reads) and for whole-request problems.
    pub clause: Option<Clause>,
    /// The offending text, when there is one.
    pub span: Option<Span>,
    /// A short label shown under the span.
    pub label: Option<Cow<'static, str>>,
    /// How to fix it, in words.
    pub help: Option<Cow<'static, str>>,
    /// Other places that take part (e.g. the other half of a contradiction).
    pub related: Vec<Related>,
    /// A machine-applicable repair, when one is obvious.
    pub fix: Option<Fix>,
    /// Set when the diagnostic is a warning though its code is an error's: a column used in
    /// a clause its table's doc page both forbids and uses it in.
    pub downgraded: bool,
}

impl Diagnostic {
    /// A diagnostic with a code, a span and a message; add the rest with the `with_*` methods.
    pub fn new(
        code: Code,
        span: impl Into<Option<Span>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            clause: None,
            span: span.into(),
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
            downgraded: false,
        }
    }

    /// The severity, fixed by the code.
    pub const fn severity(&self) -> Severity {
        if self.downgraded {
            Severity::Warning
        } else {
            self.code.severity()
        }
    }

    /// True for errors.
    pub const fn is_error(&self) -> bool {
        matches!(self.severity(), Severity::Error)
    }

    /// The same diagnostic as a warning: the docs contradict themselves on it.
    pub fn as_warning(mut self) -> Self {
        self.downgraded = true;
        self
    }

    /// Sets the label under the span.
    pub fn with_label(mut self, label: impl Into<Cow<'static, str>>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Sets the clause.
    pub fn with_clause(mut self, clause: Clause) -> Self {
        self.clause = Some(clause);
        self
    }

    /// Adds a related place.
    pub fn with_related(mut self, span: Span, label: impl Into<Cow<'static, str>>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }
}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let primary = self.span.map(|span| {
            miette::LabeledSpan::new_primary_with_span(
                self.label.as_deref().map(str::to_owned),
                span,
            )
        });
        let related = self
            .related
            .iter()
            .map(|r| miette::LabeledSpan::new_with_span(Some(r.label.to_string()), r.span));
        Some(Box::new(primary.into_iter().chain(related)))
    }
}
