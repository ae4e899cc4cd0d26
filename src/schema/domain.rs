//! The documented values of a column: what the lints `impossible-value` and `always-true`
//! compare conditions with.
//!
//! A domain belongs to a column of one table, not to a name: `redirect` is 0 or a 3XX code
//! in the backlinks tables, a count in `linked_domains_by_type`, and a boolean (no domain:
//! both values occur) in `refdomains_by_type`. The built-in domains are in
//! `data/v2-schema.json`, a `domain` object per column, each quoting its column's
//! description there or naming the page it comes from. Only filterable columns have one (a
//! lint never sees any other), and a column has none when its docs list examples rather
//! than every value: `encoding` and `content_encoding` ("e.g. gzip or deflate"), `error`
//! ("currently only dns": the word "currently" promises no closed set), `country` (format
//! undocumented). Date columns have no domain; `future-date` reasons about them with
//! today's date.

use std::borrow::Cow;

/// The values a column may hold: closed integer ranges for an int column, or exactly a set
/// of strings for a string column.
///
/// Ranges are sorted and disjoint, and strings sorted without repeats (the checker looks
/// strings up by binary search): the JSON loader and [`Values::ints`] / [`Values::strings`]
/// put them so; the variants built by hand must hold them so.
///
/// ```
/// use ahrefs_filter::schema::Values;
/// let codes = Values::ints([(300, 399), (0, 0), (350, 360)]).unwrap();
/// assert_eq!(codes, Values::Ints(vec![(0, 0), (300, 399)].into()));
/// assert!(codes.contains_int(301) && !codes.contains_int(200));
/// let kinds = Values::strings(["new", "lost", "new"]);
/// assert!(kinds.contains_str("lost") && !kinds.contains_str("gone"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Values {
    /// Integers in any of these closed ranges `(lowest, highest)`.
    Ints(Cow<'static, [(i64, i64)]>),
    /// Exactly these strings.
    Strings(Cow<'static, [Cow<'static, str>]>),
}

impl Values {
    /// The integers of `ranges` (each `(lowest, highest)`, both included), sorted and with
    /// overlapping or adjacent ranges merged; `None` when a range has `lowest > highest`.
    pub fn ints(ranges: impl IntoIterator<Item = (i64, i64)>) -> Option<Values> {
        let mut ranges: Vec<(i64, i64)> = ranges.into_iter().collect();
        if ranges.iter().any(|(lo, hi)| lo > hi) {
            return None;
        }
        ranges.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        Some(Values::Ints(merged.into()))
    }

    /// Exactly the strings of `values`, sorted, each once.
    pub fn strings<S: Into<Cow<'static, str>>>(values: impl IntoIterator<Item = S>) -> Values {
        let mut values: Vec<Cow<'static, str>> = values.into_iter().map(Into::into).collect();
        values.sort_unstable();
        values.dedup();
        Values::Strings(values.into())
    }

    /// True when `value` is one of the integers.
    pub fn contains_int(&self, value: i64) -> bool {
        match self {
            Values::Ints(ranges) => ranges.iter().any(|&(lo, hi)| lo <= value && value <= hi),
            Values::Strings(_) => false,
        }
    }

    /// True when `value` is one of the strings.
    pub fn contains_str(&self, value: &str) -> bool {
        match self {
            Values::Strings(values) => values.binary_search_by(|v| (**v).cmp(value)).is_ok(),
            Values::Ints(_) => false,
        }
    }
}

/// A column's documented domain: its [`Values`] and the words that explain them in a
/// diagnostic (`` `domain_rating>100` matches no row: `domain_rating` is always between 0
/// and 100 ``).
///
/// ```
/// use ahrefs_filter::schema::{Schema, Values};
/// let table = Schema::builtin().table("backlinks").unwrap();
/// let domain = table.column("http_code").unwrap().domain.as_ref().unwrap();
/// assert_eq!(domain.values, Values::Ints(vec![(0, 0), (100, 599)].into()));
/// assert_eq!(domain.described, "0 or an HTTP status code from 100 to 599");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    /// The values.
    pub values: Values,
    /// The values in words, completing "`column` is always …".
    pub described: Cow<'static, str>,
    /// What the column holds, completing "`column` is …", for help texts.
    pub what: Cow<'static, str>,
    /// Where the domain is documented.
    pub source: Cow<'static, str>,
    /// How the values were chosen, when that needs saying (not shown in diagnostics).
    pub note: Option<Cow<'static, str>>,
}
