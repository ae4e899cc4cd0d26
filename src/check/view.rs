//! What the checker knows of one condition once its column is looked up: the view that the
//! type rules and the lints read, so each asks the schema nothing of its own.

use super::date::Date;
use crate::schema::ColumnDef;

/// String columns holding URLs or domains: the only ones `subdomain` applies to.
pub(crate) const URL_OR_DOMAIN_COLUMNS: [&str; 8] = [
    "url",
    "url_from",
    "url_to",
    "redirect_url",
    "canonical_url",
    "refdomain",
    "domain_from",
    "domain_to",
];

/// A condition's column, resolved once: its definition (type and documented domain), its
/// position in the table, and whether the clause allows it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved<'t> {
    /// The column's position in its table.
    pub(crate) position: usize,
    /// The column.
    pub(crate) def: &'t ColumnDef,
    /// The column may appear in the clause being checked.
    pub(crate) allowed: bool,
}

impl Resolved<'_> {
    /// True when `subdomain` applies to the column.
    pub(crate) fn holds_hosts(&self) -> bool {
        URL_OR_DOMAIN_COLUMNS.contains(&&*self.def.name)
    }
}

/// The value a condition compares its column with, as the column's type reads its literal:
/// what the type rules hand the lints for a condition they accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operand<'f> {
    /// An int column's integer, written bare or quoted (`"10"`, itself a warning).
    Int(i64),
    /// A date column's date.
    Date(Date),
    /// A string column's string (the argument, for a function call).
    Str(&'f str),
    /// A boolean column's `true` or `false`.
    Bool(bool),
}
