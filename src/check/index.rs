//! Finding a condition's column: each table's column names mapped to their positions,
//! built once per schema and shared by the clones of a checker.

use std::borrow::Cow;

use hashbrown::HashMap;

use super::view::Resolved;
use crate::schema::{Clause, Schema, TableDef};

/// The positions of a table's columns by name (the first, should a name repeat).
#[derive(Debug, Clone, Default)]
struct TableIndex {
    positions: HashMap<Cow<'static, str>, usize>,
}

impl TableIndex {
    fn new(table: &TableDef) -> Self {
        let mut positions = HashMap::with_capacity(table.columns.len());
        for (position, column) in table.columns.iter().enumerate() {
            positions.entry(column.name.clone()).or_insert(position);
        }
        TableIndex { positions }
    }
}

/// The [`TableIndex`] of every table of a schema, in the schema's order.
#[derive(Debug, Clone, Default)]
pub(crate) struct SchemaIndex {
    columns: Vec<TableIndex>,
}

impl SchemaIndex {
    pub(crate) fn new(schema: &Schema) -> Self {
        let columns = schema.tables().iter().map(TableIndex::new).collect();
        SchemaIndex { columns }
    }

    /// The columns of `table`, looked up by the index when `table` is one of `schema`'s
    /// own tables (`schema` being the one this index was built for; found by identity among
    /// its few tables), or by a scan when it comes from elsewhere (a copy, another schema, a
    /// table built by hand).
    pub(crate) fn columns<'t>(&'t self, schema: &'t Schema, table: &'t TableDef) -> Columns<'t> {
        let own = schema.tables().iter().position(|t| std::ptr::eq(t, table));
        let index = own.and_then(|position| self.columns.get(position));
        Columns { table, index }
    }
}

/// The columns of one table, for resolving the conditions of a filter on it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns<'t> {
    table: &'t TableDef,
    /// The table's index, when it has one.
    index: Option<&'t TableIndex>,
}

impl<'t> Columns<'t> {
    /// The column called `name` as a condition in `clause` sees it, if the table has it.
    #[inline]
    pub(crate) fn resolve(&self, name: &str, clause: Clause) -> Option<Resolved<'t>> {
        let position = match self.index {
            Some(index) => index.positions.get(name).copied(),
            None => self.table.columns.iter().position(|c| c.name == name),
        }?;
        let def = self.table.columns.get(position)?;
        Some(Resolved {
            position,
            def,
            allowed: def.allowed_in(clause),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in column is found at its position, through the index and by a scan of
    /// a copy of its table, and near names are not found.
    #[test]
    fn columns_are_found_by_exact_name() {
        let schema = Schema::builtin();
        let index = SchemaIndex::new(schema);
        for table in schema.tables() {
            let copy = table.clone();
            let indexed = index.columns(schema, table);
            let scanned = index.columns(schema, &copy);
            assert!(indexed.index.is_some() && scanned.index.is_none());
            for (position, column) in table.columns.iter().enumerate() {
                for columns in [indexed, scanned] {
                    let found = columns.resolve(&column.name, Clause::Where).unwrap();
                    assert_eq!(found.position, position, "{}.{}", table.name, column.name);
                    assert_eq!(found.allowed, column.in_where);
                }
            }
        }
        let table = schema.table("backlinks").unwrap();
        let columns = index.columns(schema, table);
        for name in [
            "",
            "ahrefs_ran",
            "ahrefs_rankk",
            "Ahrefs_rank",
            "url_fro",
            "x",
        ] {
            assert!(columns.resolve(name, Clause::Where).is_none(), "{name:?}");
        }
    }

    #[test]
    fn a_name_defined_twice_is_found_first() {
        let mut table = Schema::builtin().table("anchors").unwrap().clone();
        let mut columns = table.columns.to_vec();
        let mut twin = columns[0].clone();
        twin.description = "the second".into();
        columns.push(twin);
        table.columns = columns.into();
        let schema = Schema::new(vec![table]);
        let index = SchemaIndex::new(&schema);
        let table = &schema.tables()[0];
        let name = table.columns[0].name.clone();
        for columns in [
            index.columns(&schema, table),
            index.columns(&schema, &table.clone()),
        ] {
            assert_eq!(columns.resolve(&name, Clause::Where).unwrap().position, 0);
        }
    }
}
