//! The checker's common case: a condition on which neither the type rules nor the lints of
//! one condition report anything, told from its column's [`Kind`] alone.
//!
//! The checker asks [`quiet`] first and runs the rules and lints (which build
//! diagnostics) only on the conditions it does not vouch for, so a valid filter never
//! reads a column definition. `quiet` must never vouch for a condition on which the rules or
//! lints would report something; it may decline any condition.

use super::index::{Kind, TableIndex};
use super::Date;
use crate::diagnostics::Clause;
use crate::schema::TableDef;
use crate::syntax::{Condition, FunctionName, Value};

/// The position of `condition`'s column in `table` when neither `rules::condition` nor
/// `lints::lint_one` reports anything on it (`dated`: the checker knows today's date, so date
/// conditions have a lint); `None` when they may.
#[inline(always)]
pub(crate) fn quiet(
    table: &TableDef,
    index: &TableIndex,
    clause: Clause,
    condition: &Condition<'_>,
    dated: bool,
) -> Option<usize> {
    match condition {
        Condition::Comparison(c) => {
            if c.operator.colon_alias {
                return None;
            }
            let (position, kind, _) = index.lookup(table, &c.column.name, clause)?;
            let op = c.operator.kind;
            let quiet = match (kind, &c.value.value) {
                (Kind::Number, Value::Integer(_)) => true,
                (Kind::Bounded, Value::Integer(v)) => index.bounded(position, op, *v),
                // A real date has no comma.
                (Kind::Date, Value::String(s)) => !dated && Date::is_valid(s),
                (Kind::Text, Value::String(s)) => !op.is_ordering() && !has_comma(s),
                (Kind::Listed, Value::String(s)) => {
                    !op.is_ordering() && !has_comma(s) && index.listed(position, s)
                }
                (Kind::Boolean, Value::Boolean(_)) => !op.is_ordering(),
                _ => false,
            };
            quiet.then_some(position)
        }
        Condition::Call(c) => {
            let (position, kind, hosts) = index.lookup(table, &c.column.name, clause)?;
            let Value::String(s) = &c.argument.value else {
                return None;
            };
            let quiet = matches!(kind, Kind::Text | Kind::Listed)
                && (hosts || c.function.name != FunctionName::Subdomain)
                && !has_comma(s);
            quiet.then_some(position)
        }
    }
}

/// True when `s` holds a `,` (the `comma-in-value` warning): whole words at a time, the
/// last one overlapping the one before, so no byte loop.
#[inline(always)]
fn has_comma(s: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const COMMAS: u64 = ONES * b',' as u64;
    // Exact as a yes or no: a byte above a zero byte may be flagged, but only if one is.
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & (ONES << 7) != 0;
    let bytes = s.as_bytes();
    if let Some(last) = bytes.last_chunk::<8>() {
        let mut chunks = bytes.chunks_exact(8);
        let any = chunks.any(|c| {
            c.first_chunk::<8>()
                .is_some_and(|w| zero_byte(u64::from_le_bytes(*w) ^ COMMAS))
        });
        any || zero_byte(u64::from_le_bytes(*last) ^ COMMAS)
    } else if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        let word =
            u64::from(u32::from_le_bytes(*head)) << 32 | u64::from(u32::from_le_bytes(*tail));
        zero_byte(word ^ COMMAS)
    } else {
        bytes.contains(&b',')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::lints::domains::{Values, DOMAINS};
    use crate::schema::Schema;

    /// Every condition `quiet` vouches for gets no diagnostic from the rules and lints of one
    /// condition, and the same position: every built-in column in both clauses, with every
    /// operator (and `:`), the three functions, and literals of every type around each
    /// documented domain's bounds and values, with and without today's date.
    #[test]
    fn quiet_conditions_get_no_diagnostic() {
        let schema = Schema::builtin();
        let mut literals: Vec<String> = [
            "0",
            "1",
            "-1",
            "2",
            "10",
            "100",
            "9223372036854775807",
            "-9223372036854775808",
            "\"10\"",
            "\"-3\"",
            "true",
            "false",
            "\"true\"",
            "\"2024-01-01\"",
            "\"2024-02-30\"",
            "\"2030-01-01\"",
            "\"2024/01/01\"",
            "\"a,b\"",
            "\"x\"",
            "\"\"",
            "\"EN\"",
            "\"en\"",
            "\"one, two, three and more\"",
        ]
        .map(String::from)
        .into();
        for domain in DOMAINS {
            match domain.values {
                Values::Ints(ranges) => {
                    for &(lo, hi) in ranges {
                        for v in [lo, hi] {
                            for d in [-1, 0, 1] {
                                literals.push(v.saturating_add(d).to_string());
                            }
                        }
                    }
                }
                Values::Strings(values) => {
                    for v in values.iter().take(3) {
                        literals.push(format!("\"{v}\""));
                        literals.push(format!("\"{}\"", v.to_ascii_uppercase()));
                    }
                }
            }
        }
        let mut vouched = 0;
        for today in [None, Date::parse("2025-01-01")] {
            for table in schema.tables() {
                let index = TableIndex::new(table);
                let mut names: Vec<&str> = table.columns.iter().map(|c| &*c.name).collect();
                names.push("no_such_column");
                for name in names {
                    let mut texts = Vec::new();
                    for literal in &literals {
                        for op in ["=", ":", "<>", "<", "<=", ">", ">="] {
                            texts.push(format!("{name}{op}{literal}"));
                        }
                        for function in ["substring", "word", "subdomain"] {
                            texts.push(format!("{function}({name},{literal})"));
                        }
                    }
                    for text in texts {
                        let Ok(filter) = crate::parse(&text) else {
                            continue;
                        };
                        let condition = &filter.conditions[0];
                        for clause in [Clause::Where, Clause::Having] {
                            let Some(position) =
                                quiet(table, &index, clause, condition, today.is_some())
                            else {
                                continue;
                            };
                            vouched += 1;
                            let mut out = Vec::new();
                            let found = super::super::rules::condition(
                                schema,
                                (table, &index),
                                clause,
                                &filter,
                                condition,
                                &mut out,
                            );
                            let (at, def) = found.expect(&text);
                            assert_eq!(at, position, "{text}");
                            if def.allowed_in(clause) {
                                super::super::lints::lint_one(
                                    def,
                                    index.domain(at),
                                    (0, condition),
                                    &filter,
                                    today,
                                    &mut out,
                                );
                            }
                            assert!(out.is_empty(), "{text} in {clause}: {out:?}");
                        }
                    }
                }
            }
        }
        assert!(vouched > 10_000, "{vouched}");
    }

    #[test]
    fn commas_are_found_at_every_position_and_length() {
        for len in 0..40 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                for filler in [b'a', b',' ^ 0x80, b',' - 1, b',' + 1, 0, 0xff] {
                    bytes.iter_mut().for_each(|b| *b = filler);
                    if let Some(b) = bytes.get_mut(at) {
                        *b = b',';
                    }
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    assert_eq!(has_comma(&text), text.contains(','), "{text:?}");
                }
            }
        }
    }
}
