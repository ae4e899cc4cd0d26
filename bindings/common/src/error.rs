//! The one error a binding call returns, which each binding turns into its language's own
//! (`FilterError` in JavaScript, `ahrefs_filter.FilterError` in Python).

use std::fmt;

use serde::Serialize;

use crate::report::DiagnosticOut;

/// What kind of call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// The filter does not parse (`format`, `parse`); the diagnostics say where.
    Syntax,
    /// The table is not in the schema (`cost`, `table`); the diagnostic suggests one.
    UnknownTable,
    /// An option is wrong: an unknown or error code in `noLint`, a `schema` that is not one,
    /// a `today` that is not a date, a row count that is not a count.
    InvalidOptions,
}

/// A failed call: a message, and the diagnostics behind it (none for option errors).
///
/// ```
/// let error = ahrefs_filter_bindings::format("ahrefs_rank!=10", ahrefs_filter_bindings::Style::JS)
///     .unwrap_err();
/// assert_eq!(error.kind, ahrefs_filter_bindings::ErrorKind::Syntax);
/// assert_eq!(error.diagnostics[0].code.as_str(), "syntax");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    /// What failed.
    pub kind: ErrorKind,
    /// One line for people: the first diagnostic's message, or what is wrong with an option.
    pub message: String,
    /// The diagnostics, in the binding's span convention.
    pub diagnostics: Vec<DiagnosticOut>,
}

impl Error {
    /// An option error.
    pub fn options(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::InvalidOptions,
            message: message.into(),
            diagnostics: Vec::new(),
        }
    }

    /// An error of `kind` carrying `diagnostics`; its message is the first one's (and how
    /// many more there are).
    pub(crate) fn with_diagnostics(kind: ErrorKind, diagnostics: Vec<DiagnosticOut>) -> Error {
        let message = match diagnostics.as_slice() {
            [] => "failed".to_owned(),
            [only] => only.message.to_string(),
            [first, rest @ ..] => format!(
                "{} (and {} more error{})",
                first.message,
                rest.len(),
                if rest.len() == 1 { "" } else { "s" }
            ),
        };
        Error {
            kind,
            message,
            diagnostics,
        }
    }

    /// The error as JSON (`{"kind","message","diagnostics"}`), for bindings that hand
    /// strings across.
    pub fn to_json(&self) -> String {
        crate::json(self)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
