//! What the checker looks up for every condition, prepared once per table.
//!
//! Every condition names a column, and both the type rules and the lints need its
//! definition; the lints also need its documented domain. A scan of the table's columns
//! comparing names costs more than all the rules together on a typical filter (built-in
//! tables have up to 27 columns, and many names share a length), so each table gets a
//! small hash index of its column names, and the domains of its columns in the same
//! order. Tables are indexed on first use: a request touches one table of the 25.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::lints::domains::{self, Domain};
use crate::schema::{Schema, TableDef};

/// A table's column names hashed to their positions, and each column's domain.
#[derive(Debug, Clone)]
pub(crate) struct TableIndex {
    /// Open addressing with linear probing. A power of two at least twice the column count,
    /// so probes stay short.
    slots: Box<[Slot]>,
    /// The documented domain of each column, by position.
    domains: Box<[Option<&'static Domain>]>,
}

/// One place of the hash table: a column's position and the [`words`] and length of its
/// name, which decide a name of up to 16 bytes without reading the column.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The position plus one; 0 for an empty slot.
    entry: u32,
    len: usize,
    words: (u64, u64),
}

impl TableIndex {
    pub(crate) fn new(table: &TableDef) -> Self {
        let size = (table.columns.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); size].into_boxed_slice();
        for (position, column) in table.columns.iter().enumerate() {
            let Ok(entry) = u32::try_from(position + 1) else {
                // Four billion columns cannot be in memory (each takes over 100 bytes).
                break;
            };
            let mut slot = hash(&column.name) & (size - 1);
            // A name defined twice keeps its first position, as a scan would find it.
            while slots[slot].entry != 0 {
                if table.columns[slots[slot].entry as usize - 1].name == column.name {
                    break;
                }
                slot = (slot + 1) & (size - 1);
            }
            if slots[slot].entry == 0 {
                slots[slot] = Slot {
                    entry,
                    len: column.name.len(),
                    words: words(column.name.as_bytes()),
                };
            }
        }
        let domains = table
            .columns
            .iter()
            .map(|c| domains::domain(&table.name, &c.name))
            .collect();
        TableIndex { slots, domains }
    }

    /// The position of column `name` in `table` (the table this index was built for).
    #[inline]
    pub(crate) fn position(&self, table: &TableDef, name: &str) -> Option<usize> {
        let (len, words) = (name.len(), words(name.as_bytes()));
        let mask = self.slots.len() - 1;
        let mut slot = mix(len, words) & mask;
        loop {
            let found = self.slots.get(slot)?;
            let position = (found.entry as usize).checked_sub(1)?;
            // Up to 16 bytes, the length and words are the name (see `words`).
            if found.len == len
                && found.words == words
                && (len <= 16 || *table.columns.get(position)?.name == *name)
            {
                return Some(position);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The documented domain of the column at `position`.
    pub(crate) fn domain(&self, position: usize) -> Option<&'static Domain> {
        self.domains.get(position).copied().flatten()
    }
}

/// A hash of a column name from its length and its first and last eight bytes: names are
/// short, and two names agreeing on all three are rare enough to cost one extra probe.
fn hash(name: &str) -> usize {
    mix(name.len(), words(name.as_bytes()))
}

#[inline(always)]
fn mix(len: usize, (head, tail): (u64, u64)) -> usize {
    let mixed = (head ^ tail.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 40) as usize
}

/// The first and last eight bytes of `bytes` (four for 4 to 7 bytes; the bytes themselves
/// below that): together, every byte of up to sixteen, without a loop.
#[inline(always)]
fn words(bytes: &[u8]) -> (u64, u64) {
    if let (Some(head), Some(tail)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (u64::from_le_bytes(*head), u64::from_le_bytes(*tail))
    } else if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        (
            u64::from(u32::from_le_bytes(*head)),
            u64::from(u32::from_le_bytes(*tail)),
        )
    } else {
        (bytes.iter().fold(0, |h, &b| h << 8 | u64::from(b)), 0)
    }
}

/// `a == b` for column names as [`TableIndex::position`] decides it: up to 16 bytes (most
/// v2 names) by length and [`words`], where `==` costs a call to `memcmp`.
#[cfg(test)]
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && words(a) == words(b) && (a.len() <= 16 || a == b)
}

/// The indexes of a schema's tables, each built on first use.
#[derive(Debug, Clone)]
pub(crate) struct SchemaIndex {
    tables: Cow<'static, [OnceLock<TableIndex>]>,
}

impl SchemaIndex {
    /// The index of `schema`: shared by every checker of the built-in schema.
    pub(crate) fn new(schema: &Schema) -> Self {
        static BUILTIN: OnceLock<Vec<OnceLock<TableIndex>>> = OnceLock::new();
        let empty = || schema.tables().iter().map(|_| OnceLock::new()).collect();
        let tables = if std::ptr::eq(schema, Schema::builtin()) {
            Cow::Borrowed(BUILTIN.get_or_init(empty).as_slice())
        } else {
            Cow::Owned(empty())
        };
        SchemaIndex { tables }
    }

    /// The index of `table` when it is one of `schema`'s tables (the schema this index was
    /// built for), found by its address in constant time.
    pub(crate) fn table(&self, schema: &Schema, table: &TableDef) -> Option<&TableIndex> {
        let tables = schema.tables();
        let offset = (table as *const TableDef as usize).wrapping_sub(tables.as_ptr() as usize);
        let position = offset / std::mem::size_of::<TableDef>().max(1);
        let same = tables.get(position).is_some_and(|t| std::ptr::eq(t, table));
        let cell = self.tables.get(position).filter(|_| same)?;
        Some(cell.get_or_init(|| TableIndex::new(table)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_column_is_found_at_its_position() {
        let schema = Schema::builtin();
        let index = SchemaIndex::new(schema);
        for table in schema.tables() {
            let table_index = index.table(schema, table).unwrap();
            for (position, column) in table.columns.iter().enumerate() {
                assert_eq!(
                    table_index.position(table, &column.name),
                    Some(position),
                    "{}.{}",
                    table.name,
                    column.name
                );
            }
        }
    }

    #[test]
    fn builtin_lookups_take_few_probes() {
        let (mut columns, mut probes) = (0, 0);
        for table in Schema::builtin().tables() {
            let index = TableIndex::new(table);
            let mask = index.slots.len() - 1;
            for column in table.columns.iter() {
                let mut slot = hash(&column.name) & mask;
                probes += 1;
                while table.columns[index.slots[slot].entry as usize - 1].name != column.name {
                    slot = (slot + 1) & mask;
                    probes += 1;
                }
            }
            columns += table.columns.len();
        }
        assert!(
            probes * 4 <= columns * 5,
            "{probes} probes for {columns} columns"
        );
    }

    #[test]
    fn same_name_is_string_equality() {
        let names = [
            "",
            "a",
            "b",
            "abcdefg",
            "abcdefh",
            "abcdefgh",
            "abcdefgi",
            "bbcdefgh",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "xbcdefghijklmnop",
            "abcdefghXjklmnop",
            "abcdefghijklmnopq",
            "abc",
            "abd",
            "bbc",
            "ab",
            "abcd",
            "abce",
            "xbcd",
            "abcde",
            "abcdf",
            "abXde",
            "abcdefgX",
            "aXcdefg",
            "abcXefg",
            "type",
            "date",
            "abcdefghijklmnopr",
            "abcdefghiXklmnopq",
            "url_from",
            "url_from_first_seen",
        ];
        for a in names {
            for b in names {
                assert_eq!(same_name(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn near_names_are_not_found() {
        let schema = Schema::builtin();
        let table = schema.table("backlinks").unwrap();
        let index = TableIndex::new(table);
        for name in [
            "",
            "ahrefs_ran",
            "ahrefs_rankk",
            "Ahrefs_rank",
            "url_fro",
            "x",
        ] {
            assert_eq!(index.position(table, name), None, "{name:?}");
        }
    }

    #[test]
    fn a_table_outside_the_schema_has_no_index() {
        let schema = Schema::builtin();
        let index = SchemaIndex::new(schema);
        let copy = schema.table("anchors").unwrap().clone();
        assert!(index.table(schema, &copy).is_none());
    }

    #[test]
    fn long_names_that_share_their_ends_are_told_apart() {
        let mut table = Schema::builtin().table("anchors").unwrap().clone();
        let mut columns = table.columns.to_vec();
        let names = ["first_eight_X_last_eight", "first_eight_Y_last_eight", "x"];
        for (column, name) in columns.iter_mut().zip(names) {
            column.name = name.into();
        }
        table.columns = columns.into();
        let index = TableIndex::new(&table);
        for (position, name) in names.iter().enumerate() {
            assert_eq!(index.position(&table, name), Some(position), "{name}");
        }
        for name in ["first_eight_Z_last_eight", "first_eight_XYlast_eight", "y"] {
            assert_eq!(index.position(&table, name), None, "{name}");
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
        let index = TableIndex::new(&table);
        let name = table.columns[0].name.clone();
        assert_eq!(index.position(&table, &name), Some(0));
    }
}
