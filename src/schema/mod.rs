//! Tables and columns: the built-in v2 schema and user-loaded ones.
//!
//! The built-in schema is generated at build time from `data/v2-schema.json` (the
//! project's reference data, with the columns' documented domains added), so it cannot drift
//! from it and needs no file at run time.
//! Users can load their own schema in the same JSON shape ([`Schema::from_json`]), including
//! the documented value domains of columns ([`Domain`]) that the lints compare with.

use std::borrow::Cow;
use std::fmt;

mod domain;
#[cfg(feature = "serde")]
mod serde_impl;

pub use domain::{Domain, Values};

/// Which filter parameter a diagnostic, a column flag or an edit is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Clause {
    /// The `where` parameter: filters rows before grouping.
    Where,
    /// The `having` parameter: filters the grouped result.
    Having,
}

impl Clause {
    /// `"where"` or `"having"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Clause::Where => "where",
            Clause::Having => "having",
        }
    }

    /// The other clause.
    pub const fn other(self) -> Clause {
        match self {
            Clause::Where => Clause::Having,
            Clause::Having => Clause::Where,
        }
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The type of a column, which decides the operators and literals it accepts (spec §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
pub enum ColumnType {
    /// Whole numbers: `= <> < <= > >=` with an integer.
    Int,
    /// Text: `= <>` (ordering warns), `substring`, `word` (and `subdomain` on URL/domain columns).
    String,
    /// `YYYY-MM-DD` dates, written as strings: `= <> < <= > >=`.
    Date,
    /// `true` / `false`: `= <>`.
    #[cfg_attr(feature = "serde", serde(alias = "bool"))]
    Boolean,
    /// Output-only numbers (positions_metrics); no filterable float column exists.
    Float,
}

impl ColumnType {
    /// The type's name as the schema writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ColumnType::Int => "int",
            ColumnType::String => "string",
            ColumnType::Date => "date",
            ColumnType::Boolean => "boolean",
            ColumnType::Float => "float",
        }
    }
}

impl fmt::Display for ColumnType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDef {
    /// The column name, as used in filters.
    pub name: Cow<'static, str>,
    /// Its type.
    pub ty: ColumnType,
    /// May appear in `where`.
    pub in_where: bool,
    /// May appear in `having`.
    pub in_having: bool,
    /// What the column holds (from the official docs).
    pub description: Cow<'static, str>,
    /// Where the row comes from (`newest-doc`, `doc-copy-2019`, `old-code-php`, …).
    pub provenance: Cow<'static, str>,
    /// A remark on the row's source, if any.
    pub note: Option<Cow<'static, str>>,
    /// The values the column is documented to hold, if they are a closed set or range.
    pub domain: Option<Domain>,
    /// Where the docs contradict themselves: the column's own table page uses it in a
    /// clause its flags forbid, so the checker warns instead of erring there.
    pub used_in_docs: Option<DocumentedUse>,
}

/// A use of a column that its table's own doc page shows in a clause the page's column table
/// forbids (`gov` in `where` of `linked_domains_by_type`, evidence C8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentedUse {
    /// The clause the page uses the column in.
    pub clause: Clause,
    /// What the page shows, with its source.
    pub evidence: Cow<'static, str>,
}

impl ColumnDef {
    /// True when the column may appear in `clause`.
    ///
    /// ```
    /// use ahrefs_filter::{schema::Schema, Clause};
    /// let table = Schema::builtin().table("backlinks_one_per_domain").unwrap();
    /// let dr = table.column("domain_rating").unwrap();
    /// assert!(!dr.allowed_in(Clause::Where));
    /// assert!(dr.allowed_in(Clause::Having));
    /// ```
    pub const fn allowed_in(&self, clause: Clause) -> bool {
        match clause {
            Clause::Where => self.in_where,
            Clause::Having => self.in_having,
        }
    }
}

/// Rows charged by a table (spec §4); `None` means unknown, never zero.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cost {
    /// Rows per request.
    pub request: Option<f64>,
    /// Rows per result row returned.
    pub result: Option<f64>,
    /// Rows when a `where` is sent.
    #[cfg_attr(feature = "serde", serde(rename = "where"))]
    pub where_: Option<f64>,
    /// Rows when a `having` is sent.
    pub having: Option<f64>,
}

/// One table (the `from` of a request).
#[derive(Debug, Clone, PartialEq)]
pub struct TableDef {
    /// The table name, as used in `from`.
    pub name: Cow<'static, str>,
    /// What the table lists.
    pub description: Cow<'static, str>,
    /// The key of the result array in a JSON response, when known.
    pub response_key: Option<Cow<'static, str>>,
    /// Row costs.
    pub cost: Cost,
    /// The columns in documentation order.
    pub columns: Cow<'static, [ColumnDef]>,
    /// Where the column list comes from.
    pub source: Cow<'static, str>,
    /// How complete and recent that source is.
    pub source_quality: Cow<'static, str>,
    /// Remarks on the table's sources.
    pub notes: Cow<'static, [Cow<'static, str>]>,
}

impl TableDef {
    /// The column called `name`, if the table has it.
    pub fn column(&self, name: &str) -> Option<&ColumnDef> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// True when some column may appear in `clause`.
    pub fn accepts(&self, clause: Clause) -> bool {
        self.columns.iter().any(|c| c.allowed_in(clause))
    }
}

/// A set of tables: the built-in v2 schema, or one loaded by the user.
///
/// ```
/// use ahrefs_filter::schema::{ColumnType, Schema};
/// let schema = Schema::builtin();
/// assert_eq!(schema.tables().len(), 25);
/// let table = schema.table("backlinks_one_per_domain").unwrap();
/// assert_eq!(table.columns.len(), 26);
/// assert_eq!(table.column("first_seen").unwrap().ty, ColumnType::Date);
/// assert_eq!(table.cost.request, Some(10.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    tables: Cow<'static, [TableDef]>,
}

static BUILTIN: Schema = Schema {
    tables: Cow::Borrowed(generated::TABLES),
};

impl Schema {
    /// The built-in schema of all 25 v2 tables.
    pub fn builtin() -> &'static Schema {
        &BUILTIN
    }

    /// A schema of the given tables.
    pub fn new(tables: Vec<TableDef>) -> Schema {
        Schema {
            tables: Cow::Owned(tables),
        }
    }

    /// True when this is the built-in schema itself (or a clone of it), not a copy.
    pub(crate) fn is_builtin(&self) -> bool {
        std::ptr::eq(self.tables(), BUILTIN.tables())
    }

    /// Every table, in the order of the source data.
    pub fn tables(&self) -> &[TableDef] {
        &self.tables
    }

    /// The table called `name`, if there is one.
    pub fn table(&self, name: &str) -> Option<&TableDef> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// Names of the tables having a column called `column`, for "did you mean another table".
    pub fn tables_with_column<'s>(
        &'s self,
        column: &'s str,
    ) -> impl Iterator<Item = &'s TableDef> + 's {
        self.tables
            .iter()
            .filter(move |t| t.column(column).is_some())
    }

    /// This schema with the tables of `other` added, replacing tables of the same name.
    pub fn merged_with(&self, other: &Schema) -> Schema {
        let mut tables: Vec<TableDef> = self
            .tables
            .iter()
            .filter(|t| other.table(&t.name).is_none())
            .cloned()
            .collect();
        tables.extend(other.tables.iter().cloned());
        Schema::new(tables)
    }
}

#[allow(clippy::all, missing_docs)]
mod generated {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/schema.rs"));
}
