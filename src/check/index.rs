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

use super::lints::domains::{self, Domain, Values};
use super::rules::URL_OR_DOMAIN_COLUMNS;
use crate::diagnostics::Clause;
use crate::schema::{ColumnDef, ColumnType, Schema, TableDef};
use crate::syntax::CompareOp;

/// A table's column names hashed to their positions, and each column's domain.
#[derive(Debug, Clone)]
pub(crate) struct TableIndex {
    /// Open addressing with linear probing. A power of two at least twice the column count,
    /// so probes stay short.
    slots: Box<[Slot]>,
    /// The documented domain of each column, by position, and the bounds of an integer one.
    domains: Box<[Prepared]>,
}

/// A column's documented domain, with the lowest and highest value of an integer one.
#[derive(Debug, Clone)]
struct Prepared {
    domain: Option<&'static Domain>,
    lo: i64,
    hi: i64,
    /// The values of a string domain, hashed as column names are.
    values: ValueSet,
}

/// A set of strings (a string domain's values) hashed like the column names: a lookup
/// decides a value of up to 16 bytes by its length and [`words`], with no `memcmp`.
#[derive(Debug, Clone, Default)]
struct ValueSet {
    /// Open addressing with linear probing; a power of two at least twice the values (or
    /// none for no values).
    slots: Box<[ValueSlot]>,
    values: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, Default)]
struct ValueSlot {
    words: (u64, u64),
    len: u32,
    /// The value's index plus one; 0 for an empty slot.
    entry: u32,
}

impl ValueSet {
    fn new(values: &'static [&'static str]) -> Self {
        if values.is_empty() {
            return ValueSet::default();
        }
        let size = (values.len() * 2).next_power_of_two();
        let mut slots = vec![ValueSlot::default(); size].into_boxed_slice();
        for (i, value) in values.iter().enumerate() {
            let (Ok(entry), Ok(len)) = (u32::try_from(i + 1), u32::try_from(value.len())) else {
                // Such a value cannot be looked up in the set: keep it empty and exact.
                return ValueSet::default();
            };
            let mut slot = hash(value) & (size - 1);
            while slots[slot].entry != 0 && values[slots[slot].entry as usize - 1] != *value {
                slot = (slot + 1) & (size - 1);
            }
            if slots[slot].entry == 0 {
                slots[slot] = ValueSlot {
                    words: words(value.as_bytes()),
                    len,
                    entry,
                };
            }
        }
        ValueSet { slots, values }
    }

    /// True when `value` is one of the set's values.
    #[inline(always)]
    fn contains(&self, value: &str) -> bool {
        let (len, words) = (value.len(), words(value.as_bytes()));
        let mask = self.slots.len().wrapping_sub(1);
        let mut slot = mix(len, words) & mask;
        loop {
            let Some(found) = self.slots.get(slot) else {
                return false;
            };
            let Some(at) = (found.entry as usize).checked_sub(1) else {
                return false;
            };
            if found.len as usize == len
                && found.words == words
                && (len <= 16 || self.values.get(at).is_some_and(|v| *v == value))
            {
                return true;
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// What the checker's quiet path ([`super::quiet`]) knows of a column in one clause without
/// reading its definition: which literals and operators it takes without any diagnostic of
/// one condition, given its type and documented domain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Not allowed in the clause, or a type and domain the quiet path does not decide: the
    /// checker runs the rules and lints.
    #[default]
    Other,
    /// An int column without documented domain, or a float column (whose lints see no set).
    Number,
    /// An int column with a documented domain of one range wider than a point, or several.
    Bounded,
    /// A date column without documented domain.
    Date,
    /// A string column without documented domain.
    Text,
    /// A string column with a documented domain of more than one value.
    Listed,
    /// A boolean column without documented domain.
    Boolean,
}

/// One place of the hash table: a column's position and the [`words`] and length of its
/// name, which decide a name of up to 16 bytes without reading the column, and what the
/// quiet path needs of the column.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    words: (u64, u64),
    len: u32,
    /// The position plus one; 0 for an empty slot.
    entry: u32,
    /// The column's kind in `where` and in `having` (by `Clause as usize`).
    kinds: [Kind; 2],
    /// `subdomain` applies to the column.
    hosts: bool,
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
            if slots[slot].entry != 0 {
                continue;
            }
            // A longer name is never decided by its length and words alone.
            let len = u32::try_from(column.name.len()).unwrap_or(u32::MAX);
            let domain = domains::domain(&table.name, &column.name);
            let kind = kind(column, domain);
            let allowed = |clause| {
                if column.allowed_in(clause) {
                    kind
                } else {
                    Kind::Other
                }
            };
            slots[slot] = Slot {
                words: words(column.name.as_bytes()),
                len,
                entry,
                kinds: [allowed(Clause::Where), allowed(Clause::Having)],
                hosts: URL_OR_DOMAIN_COLUMNS.contains(&&*column.name),
            };
        }
        let domains = table
            .columns
            .iter()
            .map(|c| {
                let domain = domains::domain(&table.name, &c.name);
                let (lo, hi) = match domain.map(|d| d.values) {
                    Some(Values::Ints([(lo, _), .., (_, hi)])) => (*lo, *hi),
                    Some(Values::Ints([(lo, hi)])) => (*lo, *hi),
                    _ => (0, 0),
                };
                let values = match domain.map(|d| d.values) {
                    Some(Values::Strings(values)) => ValueSet::new(values),
                    _ => ValueSet::default(),
                };
                Prepared {
                    domain,
                    lo,
                    hi,
                    values,
                }
            })
            .collect();
        TableIndex { slots, domains }
    }

    /// The position of column `name` in `table` (the table this index was built for), its
    /// [`Kind`] in `clause`, and whether `subdomain` applies to it.
    #[inline(always)]
    pub(crate) fn lookup(
        &self,
        table: &TableDef,
        name: &str,
        clause: Clause,
    ) -> Option<(usize, Kind, bool)> {
        let slot = self.slot(table, name)?;
        let position = slot.entry as usize - 1;
        Some((position, slot.kinds[clause as usize], slot.hosts))
    }

    /// True when every documented value of the column at `position` (a [`Kind::Bounded`]
    /// one) satisfies `op v` or none does: what `impossible-value` and `always-true` ask of
    /// one condition (see `sets::some_and_all`), from the lowest and highest value.
    #[inline(always)]
    pub(crate) fn bounded(&self, position: usize, op: CompareOp, v: i64) -> bool {
        let Some(p) = self.domains.get(position) else {
            return false;
        };
        match op {
            CompareOp::Eq | CompareOp::Ne => match p.domain.map(|d| d.values) {
                Some(Values::Ints(ranges)) => ranges.iter().any(|&(a, b)| a <= v && v <= b),
                _ => false,
            },
            CompareOp::Lt | CompareOp::Ge => p.lo < v && v <= p.hi,
            CompareOp::Le | CompareOp::Gt => p.lo <= v && v < p.hi,
        }
    }

    /// True when `value` is one of the documented values of the column at `position` (a
    /// [`Kind::Listed`] one).
    #[inline(always)]
    pub(crate) fn listed(&self, position: usize, value: &str) -> bool {
        self.domains
            .get(position)
            .is_some_and(|p| p.values.contains(value))
    }

    /// The position of column `name` in `table` (the table this index was built for).
    #[inline]
    pub(crate) fn position(&self, table: &TableDef, name: &str) -> Option<usize> {
        Some(self.slot(table, name)?.entry as usize - 1)
    }

    /// The slot of column `name`, an occupied one.
    #[inline(always)]
    fn slot(&self, table: &TableDef, name: &str) -> Option<&Slot> {
        let (len, words) = (name.len(), words(name.as_bytes()));
        let mask = self.slots.len() - 1;
        let mut slot = mix(len, words) & mask;
        loop {
            let found = self.slots.get(slot)?;
            let position = (found.entry as usize).checked_sub(1)?;
            // Up to 16 bytes, the length and words are the name (see `words`).
            if found.len as usize == len
                && found.words == words
                && (len <= 16 || *table.columns.get(position)?.name == *name)
            {
                return Some(found);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The documented domain of the column at `position`.
    pub(crate) fn domain(&self, position: usize) -> Option<&'static Domain> {
        self.domains.get(position).and_then(|p| p.domain)
    }
}

/// The [`Kind`] of `column` when allowed, given its documented `domain`: the shapes of
/// domain that `sets::some_and_all` decides from [`TableIndex::bounded`] and
/// [`TableIndex::listed`], and no domain where the column's lints need none.
fn kind(column: &ColumnDef, domain: Option<&'static Domain>) -> Kind {
    match (column.ty, domain.map(|d| d.values)) {
        (ColumnType::Float, _) | (ColumnType::Int, None) => Kind::Number,
        (ColumnType::Int, Some(Values::Ints(ranges))) => match ranges {
            [] | [_] if ranges.iter().all(|(lo, hi)| lo >= hi) => Kind::Other,
            _ => Kind::Bounded,
        },
        (ColumnType::Date, None) => Kind::Date,
        (ColumnType::String, None) => Kind::Text,
        (ColumnType::String, Some(Values::Strings(values))) if values.len() > 1 => Kind::Listed,
        (ColumnType::Boolean, None) => Kind::Boolean,
        _ => Kind::Other,
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

    /// A value set holds exactly its values, every domain's and some long ones.
    #[test]
    fn value_sets_are_exact() {
        let long: &'static [&'static str] = &[
            "first_eight_X_last_eight",
            "first_eight_Y_last_eight",
            "a",
            "",
            "ab\0",
        ];
        let mut sets: Vec<&'static [&'static str]> = vec![long, &[]];
        for domain in domains::DOMAINS {
            if let Values::Strings(values) = domain.values {
                sets.push(values);
            }
        }
        let mut probes: Vec<String> = vec![
            "first_eight_Z_last_eight".into(),
            "first_eight_XYlast_eight".into(),
            "ab".into(),
            "ab\0\0".into(),
            "\0".into(),
            "zz".into(),
            "EN".into(),
            "hrefs".into(),
            "alternatE".into(),
        ];
        for values in &sets {
            probes.extend(values.iter().map(|v| v.to_string()));
        }
        for values in sets {
            let set = ValueSet::new(values);
            for probe in &probes {
                assert_eq!(set.contains(probe), values.contains(&&**probe), "{probe:?}");
            }
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
