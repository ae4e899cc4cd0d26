//! A translation: the v3 request emitted and the diagnostics that say how far it means
//! what the v2 input did.

use super::ast::Filter;
use crate::diagnostics::{Clause, Diagnostic};

/// Where v3 requests go: the endpoint's path follows.
pub const API_BASE: &str = "https://api.ahrefs.com/v3/";

/// A v2 request or filter pair, translated.
///
/// Diagnostics point into the v2 text: those with a [`clause`](Diagnostic::clause) into
/// that filter ([`source_of`](Translation::source_of)), the others into the (redacted) v2
/// request. When any is an error, nothing is emitted: `params`, `where_filter` and `url`
/// are empty.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Translation {
    /// The v2 table.
    pub table: Option<String>,
    /// The v3 endpoint's path, e.g. `site-explorer/all-backlinks`.
    pub endpoint: Option<&'static str>,
    /// The v3 query parameters in the order sent, each value as sent (before percent-encoding;
    /// `where` as its compact JSON text).
    pub params: Vec<(&'static str, String)>,
    /// The v3 `where`, when there is one.
    pub where_filter: Option<Filter>,
    /// The v3 request URL, every value percent-encoded. It never holds a key: v3 takes it in
    /// an `Authorization: Bearer` header.
    pub url: Option<String>,
    /// What the translation found, v2 errors included when the input had some.
    pub diagnostics: Vec<Diagnostic>,
    /// The v2 request as read, its token redacted (request translations only).
    pub request: Option<String>,
    /// The v2 `where` text.
    pub v2_where: Option<String>,
    /// The v2 `having` text.
    pub v2_having: Option<String>,
}

impl Translation {
    /// True when the translation carries no diagnostic at all: v3 means what v2 did, as far
    /// as the evidence goes.
    pub fn exact(&self) -> bool {
        self.url.is_some() && self.diagnostics.is_empty()
    }

    /// True when any diagnostic is an error (nothing was emitted).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The value of parameter `name` as sent.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `where` JSON text as sent.
    pub fn where_json(&self) -> Option<&str> {
        self.param("where")
    }

    /// The name and text a diagnostic's span points into: the v2 filter of its clause, or
    /// the v2 request.
    pub fn source_of(&self, diagnostic: &Diagnostic) -> (&'static str, &str) {
        let (name, text) = match diagnostic.clause {
            Some(Clause::Where) => ("where", &self.v2_where),
            Some(Clause::Having) => ("having", &self.v2_having),
            None => ("url", &self.request),
        };
        (name, text.as_deref().unwrap_or(""))
    }
}
