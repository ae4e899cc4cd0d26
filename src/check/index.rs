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
    /// The column names, each with what the quiet path needs of its column.
    names: Names<Column>,
    /// The documented domain of each column, by position, and the bounds of an integer one.
    domains: Box<[Prepared]>,
}

/// A column's documented domain, with the lowest and highest value of an integer one.
#[derive(Debug, Clone)]
struct Prepared {
    domain: Option<&'static Domain>,
    lo: i64,
    hi: i64,
    /// The values of a string domain, and the same hashed as column names are.
    listed: &'static [&'static str],
    values: Names<()>,
}

impl Prepared {
    fn new(domain: Option<&'static Domain>) -> Self {
        let (lo, hi) = match domain.map(|d| d.values) {
            Some(Values::Ints([(lo, _), .., (_, hi)])) => (*lo, *hi),
            Some(Values::Ints([(lo, hi)])) => (*lo, *hi),
            _ => (0, 0),
        };
        let listed = match domain.map(|d| d.values) {
            Some(Values::Strings(values)) => values,
            _ => &[],
        };
        let values: Vec<(&str, ())> = listed.iter().map(|v| (*v, ())).collect();
        Prepared {
            domain,
            lo,
            hi,
            listed,
            values: Names::new(&values, 0),
        }
    }
}

/// Strings hashed to their places in a list, each with an `extra` value: open addressing
/// with linear probing, a power of two of slots at least twice the strings. A slot keeps
/// its string's length and [`words`], which decide a string of up to 16 bytes without
/// reading it (no `memcmp`): the column names of a table and the values of a string
/// domain are looked up once per condition.
#[derive(Debug, Clone, Default)]
struct Names<E> {
    slots: Box<[Slot<E>]>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot<E> {
    words: (u64, u64),
    len: u32,
    /// The string's place in the list plus one; 0 for an empty slot.
    entry: u32,
    extra: E,
}

impl<E: Copy + Default> Names<E> {
    /// `strings` in list order with their extras, in at least `min_slots` slots (none for
    /// no strings). A string listed twice keeps its first place, as a scan would find it.
    fn new(strings: &[(&str, E)], min_slots: usize) -> Self {
        if strings.is_empty() {
            return Names::default();
        }
        let size = (strings.len() * 2).next_power_of_two().max(min_slots);
        let mut slots = vec![Slot::default(); size].into_boxed_slice();
        for (place, &(string, extra)) in strings.iter().enumerate() {
            // Past four billion strings, or at a string of 4 GiB, the rest are left out:
            // the index does not find them (no real schema comes near either).
            let (Ok(entry), Ok(len)) = (u32::try_from(place + 1), u32::try_from(string.len()))
            else {
                break;
            };
            let mut slot = hash(string) & (size - 1);
            while slots[slot].entry != 0 && strings[slots[slot].entry as usize - 1].0 != string {
                slot = (slot + 1) & (size - 1);
            }
            if slots[slot].entry == 0 {
                slots[slot] = Slot {
                    words: words(string.as_bytes()),
                    len,
                    entry,
                    extra,
                };
            }
        }
        Names { slots }
    }

    /// The place of `string` in the list and its extra; `listed(place)` gives the string
    /// at a place, read only for a string longer than 16 bytes.
    #[inline(always)]
    fn find<'l>(
        &self,
        string: &str,
        listed: impl Fn(usize) -> Option<&'l str>,
    ) -> Option<(usize, E)> {
        let (len, words) = (string.len(), words(string.as_bytes()));
        let mask = self.slots.len().wrapping_sub(1);
        let mut slot = mix(len, words) & mask;
        loop {
            let found = self.slots.get(slot)?;
            let place = (found.entry as usize).checked_sub(1)?;
            if found.len as usize == len
                && found.words == words
                && (len <= 16 || listed(place).is_some_and(|l| l == string))
            {
                return Some((place, found.extra));
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

/// What the quiet path needs of a column, kept with its name in [`TableIndex`].
#[derive(Debug, Clone, Copy, Default)]
struct Column {
    /// The column's kind in `where` and in `having` (by `Clause as usize`).
    kinds: [Kind; 2],
    /// `subdomain` applies to the column.
    hosts: bool,
}

impl TableIndex {
    pub(crate) fn new(table: &TableDef) -> Self {
        let domains: Box<[Prepared]> = table
            .columns
            .iter()
            .map(|c| Prepared::new(domains::domain(&table.name, &c.name)))
            .collect();
        let names: Vec<(&str, Column)> = table
            .columns
            .iter()
            .zip(&domains)
            .map(|(column, prepared)| {
                let kind = kind(column, prepared.domain);
                let allowed = |clause| {
                    if column.allowed_in(clause) {
                        kind
                    } else {
                        Kind::Other
                    }
                };
                let extra = Column {
                    kinds: [allowed(Clause::Where), allowed(Clause::Having)],
                    hosts: URL_OR_DOMAIN_COLUMNS.contains(&&*column.name),
                };
                (&*column.name, extra)
            })
            .collect();
        TableIndex {
            names: Names::new(&names, 16),
            domains,
        }
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
        let (position, column) = self.find(table, name)?;
        Some((position, column.kinds[clause as usize], column.hosts))
    }

    #[inline(always)]
    fn find(&self, table: &TableDef, name: &str) -> Option<(usize, Column)> {
        self.names
            .find(name, |at| table.columns.get(at).map(|c| &*c.name))
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
        self.domains.get(position).is_some_and(|p| {
            p.values
                .find(value, |at| p.listed.get(at).copied())
                .is_some()
        })
    }

    /// The position of column `name` in `table` (the table this index was built for).
    #[inline]
    pub(crate) fn position(&self, table: &TableDef, name: &str) -> Option<usize> {
        Some(self.find(table, name)?.0)
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
            let mask = index.names.slots.len() - 1;
            for column in table.columns.iter() {
                let mut slot = hash(&column.name) & mask;
                probes += 1;
                while table.columns[index.names.slots[slot].entry as usize - 1].name != column.name
                {
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
    fn a_name_is_found_exactly_by_string_equality() {
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
            let set = Names::new(&[(a, ())], 0);
            for b in names {
                let found = set.find(b, |at| [a].get(at).copied()).is_some();
                assert_eq!(found, a == b, "{a:?} {b:?}");
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
            let list: Vec<(&str, ())> = values.iter().map(|v| (*v, ())).collect();
            let set = Names::new(&list, 0);
            for probe in &probes {
                let found = set.find(probe, |at| values.get(at).copied()).is_some();
                assert_eq!(found, values.contains(&&**probe), "{probe:?}");
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
