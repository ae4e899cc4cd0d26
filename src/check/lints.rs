//! Semantic lints across conditions: contradictions, redundancy and impossible values.

use super::Date;
use crate::diagnostics::{Clause, Diagnostic};
use crate::schema::TableDef;
use crate::syntax::Filter;

/// Warnings about conditions that are well-typed but wrong together or on their own.
pub(crate) fn lint(
    _table: &TableDef,
    _clause: Clause,
    _filter: &Filter<'_>,
    _today: Option<Date>,
) -> Vec<Diagnostic> {
    Vec::new()
}
