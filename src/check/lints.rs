//! Semantic lints across conditions: contradictions, redundancy and impossible values.
//!
//! Every lint is a warning. They reason only about conditions the type rules accept (the
//! column exists in the table, may appear in this clause, and the literal has the column's
//! type); a quoted number on an int column (`backlinks>"10"`, itself a `quoted-number`
//! warning) counts as that number. Each such comparison is a set of values ([`sets::Atom`]);
//! function calls and `<`/`>` on strings are not reasoned about as sets (their meaning on
//! the server is not exact), only compared as text for `duplicate`.
//!
//! - `duplicate`: a condition meaning the same as an earlier one on the same column (same
//!   operator, same value; `:` is `=`, `"10"` is `10` on an int column). Fix: drop it.
//! - `unsatisfiable`: the conditions on one column have an empty intersection. Reported once
//!   per column, at the first condition that empties it, with a minimal set of the earlier
//!   conditions that conflict with it as related spans.
//! - `redundant`: a condition implied by the others on its column that are kept (checked from
//!   the last condition back, so of two equivalent conditions the later is reported, and
//!   dropping every reported one leaves an equivalent filter). Related spans: a minimal set
//!   of conditions implying it. Fix: drop it. Not reported on an unsatisfiable column, on a
//!   duplicate, or on an `always-true` condition.
//! - `impossible-value`: a condition no value in the column's documented domain
//!   ([`domains`]) satisfies (`domain_rating>100`, `link_type="foo"`), or, when no single
//!   condition is impossible, conditions that together leave no documented value
//!   (`redirect>0,redirect<300`). A value that is a documented one in another case gets a fix
//!   to the documented spelling.
//! - `always-true`: a condition every documented value satisfies (`ahrefs_rank>=0`,
//!   `link_type<>"foo"`). Fix: drop it.
//! - `future-date`: given today's date, a condition on a date column that no date on or
//!   before today satisfies (`first_seen="2030-01-01"`, `first_seen>=` a later day, or
//!   `first_seen>` today or later). Every date column records something that already
//!   happened (a crawl, a tagging as new or lost, a link breaking), so such a condition
//!   matches no row. Upper bounds in the future (`first_seen<"2030-01-01"`) are not reported:
//!   they are the natural way to write a range that ends later.
//!
//! `unsatisfiable` and `redundant` are pure logic over the values of the column's type and
//! ignore domains, so they agree with a brute-force check over any range covering every
//! bound. Cost: a filter in which no column repeats gets only the per-condition checks and
//! allocates nothing unless a diagnostic fires.

pub(crate) mod domains;
mod sets;

use super::index::TableIndex;
use super::rules::URL_OR_DOMAIN_COLUMNS;
use super::Date;
use crate::diagnostics::{Clause, Code, Diagnostic, Edit, Fix};
use crate::print::quote;
use crate::schema::{ColumnDef, ColumnType, TableDef};
use crate::syntax::{CompareOp, Condition, Filter, FunctionName, Ranged, Span, Value};
use domains::{Domain, Values};
use sets::{core, satisfiable, Atom};

/// Columns with more set-valued conditions than this get only the `unsatisfiable` check, so
/// that a pathological filter (thousands of conditions on one column) stays fast.
const MAX_REASONED: usize = 64;

/// The lints of `condition`, the one at `index`, alone, on a column `def` allowed in the
/// clause, whose documented domain is `domain`. The checker runs them for every
/// condition; when some column repeats ([`Repeats`]), [`lint_across`] replaces what they
/// found.
#[inline(always)]
pub(crate) fn lint_one(
    def: &ColumnDef,
    domain: Option<&'static Domain>,
    (index, condition): (usize, &Condition<'_>),
    filter: &Filter<'_>,
    today: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    // Only a documented domain, or a date column given today's date, can make one
    // condition wrong on its own; most conditions stop here, and the rest at the bounds
    // of their domain unless the condition is impossible or always true.
    let dated = || today.is_some() && def.ty == ColumnType::Date;
    let Some(domain) = domain else {
        if dated() {
            reported(def, None, index, filter, today, out);
        }
        return;
    };
    if dated() {
        return reported(def, Some(domain), index, filter, today, out);
    }
    let Some(atom) = atom_of(def.ty, condition) else {
        return;
    };
    let (some, all) = sets::some_and_all(atom, &domain.values);
    if !some || all {
        reported(def, Some(domain), index, filter, today, out);
    }
}

/// What [`single`] reports for the condition at `index`: [`lint_one`] once it knows there
/// is something to report, or that it takes today's date.
#[cold]
#[inline(never)]
fn reported(
    def: &ColumnDef,
    domain: Option<&'static Domain>,
    index: usize,
    filter: &Filter<'_>,
    today: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(condition) = filter.conditions.get(index) else {
        return;
    };
    if let Some(atom) = atom_of(def.ty, condition) {
        let column = &condition.column().name;
        let one = One {
            column,
            ty: def.ty,
            atom,
            domain,
        };
        single(filter, index, &one, today, out);
    }
}

/// The codes [`lint_one`] reports (and no type rule does).
fn of_one(code: Code) -> bool {
    matches!(
        code,
        Code::FutureDate | Code::ImpossibleValue | Code::AlwaysTrue
    )
}

/// A well-typed comparison as the per-condition lints see it.
struct One<'f> {
    /// The column name.
    column: &'f str,
    ty: ColumnType,
    atom: Atom<'f>,
    /// The column's documented domain, if any.
    domain: Option<&'static Domain>,
}

/// The set of values a comparison accepts, when the type rules accept its literal for a
/// column of type `ty` and the lints reason about it as a set.
#[inline(always)]
fn atom_of<'f>(ty: ColumnType, condition: &'f Condition<'_>) -> Option<Atom<'f>> {
    let Condition::Comparison(c) = condition else {
        return None;
    };
    let op = c.operator.kind;
    Some(match (ty, &c.value.value) {
        (ColumnType::Int, value) => Atom::Int(op, integer(value)?),
        (ColumnType::Date, Value::String(s)) => Atom::Int(op, Date::parse(s)?.unix_days()),
        (ColumnType::String, Value::String(s)) => match op {
            CompareOp::Eq => Atom::Str(true, s),
            CompareOp::Ne => Atom::Str(false, s),
            _ => return None,
        },
        (ColumnType::Boolean, Value::Boolean(b)) => match op {
            CompareOp::Eq => Atom::Bool(true, *b),
            CompareOp::Ne => Atom::Bool(false, *b),
            _ => return None,
        },
        _ => return None,
    })
}

/// Warnings about conditions that are well-typed but wrong together or on their own, for a
/// filter in which some column repeats ([`Repeats`]), in place of those [`lint_one`] added
/// to `out`; `positions` are the columns' positions in the table, by condition
/// ([`NO_COLUMN`] for a column the table lacks).
#[cold]
#[inline(never)]
pub(crate) fn lint_across(
    table: (&TableDef, &TableIndex),
    clause: Clause,
    filter: &Filter<'_>,
    positions: &[u32],
    today: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    out.retain(|d| !of_one(d.code));
    let mut facts = Buffer::<_, 8>::new(Fact {
        typed: None,
        verdict: Verdict::default(),
        duplicate: false,
    });
    for (condition, &position) in filter.conditions.iter().zip(positions) {
        facts.push(Fact {
            typed: known(position).and_then(|position| typed(table, clause, condition, position)),
            verdict: Verdict::default(),
            duplicate: false,
        });
    }
    across(filter, facts.as_mut_slice(), today, out);
}

/// [`lint_across`] for the usual filter in which one column occurs twice (a range, say) and
/// no other repeats: the conditions `i` and `j` on the column at `position` ([`pair_at`]).
/// When that column has no documented domain and both conditions are different value sets,
/// nothing is a duplicate and every condition's own lints are those [`lint_one`] left in
/// `out`, so only the column's lints together remain to add. Returns false, adding nothing,
/// otherwise.
pub(crate) fn lint_pair(
    (table, index): (&TableDef, &TableIndex),
    clause: Clause,
    filter: &Filter<'_>,
    (i, j, position): (usize, usize, usize),
    out: &mut Vec<Diagnostic>,
) -> bool {
    let Some(def) = table.columns.get(position) else {
        return false;
    };
    if !def.allowed_in(clause) || index.domain(position).is_some() {
        return false;
    }
    let (Some(first), Some(second)) = (filter.conditions.get(i), filter.conditions.get(j)) else {
        return false;
    };
    let (Some(a), Some(b)) = (atom_of(def.ty, first), atom_of(def.ty, second)) else {
        return false;
    };
    if a == b {
        return false;
    }
    // The usual range (`>=` one value, `<` a later one) needs no more than its intervals.
    if !sets::independent_bounds(a, b) {
        let verdicts = [Verdict::default(); 2];
        let column = (&*first.column().name, None);
        column_lints(filter, &verdicts, column, &[i, j], &[a, b], out);
    }
    true
}

/// The conditions `i < j` on the column at `position` of `table` when it has exactly two,
/// and the position: those whose column has that name (which `position` is the first with,
/// as an index lookup finds it).
pub(crate) fn pair_at(
    table: &TableDef,
    filter: &Filter<'_>,
    position: usize,
) -> Option<(usize, usize, usize)> {
    let name = &*table.columns.get(position)?.name;
    let mut on = filter
        .conditions
        .iter()
        .enumerate()
        .filter(|(_, c)| *c.column().name == *name)
        .map(|(at, _)| at);
    let (i, j) = (on.next()?, on.next()?);
    on.next().is_none().then_some((i, j, position))
}

/// The position of a condition whose column the table lacks.
pub(crate) const NO_COLUMN: u32 = u32::MAX;

/// A column position as the lints across conditions keep it.
pub(crate) fn stored(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(NO_COLUMN)
}

/// A position other than [`NO_COLUMN`].
fn known(position: u32) -> Option<usize> {
    (position != NO_COLUMN).then_some(position as usize)
}

/// Whether some column of the table occurs twice among a filter's conditions (columns the
/// table lacks are never reasoned about), told one position at a time: a bit per column for
/// the first 64 columns of a table (every built-in table has fewer), by sorting otherwise.
#[derive(Debug, Default)]
pub(crate) struct Repeats {
    seen: u64,
    /// The bits of `seen` noted again.
    repeated: u64,
    wide: bool,
}

impl Repeats {
    /// Notes a condition on the column at `position`.
    #[inline(always)]
    pub(crate) fn add(&mut self, position: usize) {
        if position < 64 {
            let bit = 1u64 << position;
            self.repeated |= self.seen & bit;
            self.seen |= bit;
        } else {
            self.wide = true;
        }
    }

    /// True when some position may repeat: [`found`](Repeats::found) needs all positions.
    #[inline(always)]
    pub(crate) fn maybe(&self) -> bool {
        self.repeated != 0 || self.wide
    }

    /// True when some position of `positions` (all the positions noted) repeats.
    pub(crate) fn found(&self, positions: &[u32]) -> bool {
        self.repeated != 0 || (self.wide && wide_repeats(positions))
    }

    /// The position of the one column noted more than once, when exactly one is (and every
    /// position was below 64).
    pub(crate) fn single(&self) -> Option<usize> {
        (!self.wide && self.repeated.is_power_of_two())
            .then(|| self.repeated.trailing_zeros() as usize)
    }
}

#[cold]
fn wide_repeats(positions: &[u32]) -> bool {
    let mut known: Vec<u32> = positions
        .iter()
        .copied()
        .filter(|&p| p != NO_COLUMN)
        .collect();
    known.sort_unstable();
    known.windows(2).any(|w| w[0] == w[1])
}

/// A condition the lints can reason about.
#[derive(Clone, Copy)]
struct Typed<'t, 'f> {
    /// The column name.
    column: &'f str,
    /// The column's position in the table (cheaper to sort by than its name).
    position: usize,
    /// The column.
    def: &'t ColumnDef,
    /// The values it accepts; `None` for conditions compared only as text.
    atom: Option<Atom<'f>>,
    /// What `duplicate` compares.
    key: Key<'f>,
    /// The column's documented domain in this table.
    domain: Option<&'static Domain>,
}

/// What makes two conditions on one column the same for `duplicate`: their value set, or,
/// for conditions compared only as text, the function or operator and the string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'f> {
    Set(Atom<'f>),
    Call(FunctionName, &'f str),
    Ordering(CompareOp, &'f str),
}

/// What the per-condition lints found.
#[derive(Debug, Clone, Copy, Default)]
struct Verdict {
    /// No documented value satisfies the condition (`impossible-value` or `future-date`).
    impossible: bool,
    /// Every documented value satisfies it (`always-true`).
    always_true: bool,
}

#[derive(Clone, Copy)]
struct Fact<'t, 'f> {
    typed: Option<Typed<'t, 'f>>,
    verdict: Verdict,
    /// The same condition occurs earlier.
    duplicate: bool,
}

impl<'f> Typed<'_, 'f> {
    /// The condition as the per-condition lints see it, when it is a set of values.
    fn one(&self) -> Option<One<'f>> {
        Some(One {
            column: self.column,
            ty: self.def.ty,
            atom: self.atom?,
            domain: self.domain,
        })
    }
}

/// The condition as the lints see it, or `None` when the type rules reject it.
fn typed<'t, 'f>(
    (table, table_index): (&'t TableDef, &TableIndex),
    clause: Clause,
    condition: &'f Condition<'_>,
    index: usize,
) -> Option<Typed<'t, 'f>> {
    let column = &condition.column().name;
    let def = table.columns.get(index)?;
    if !def.allowed_in(clause) {
        return None;
    }
    let (atom, key) = match condition {
        Condition::Comparison(c) => match (def.ty, &c.value.value) {
            // `<` and `>` on strings are compared as text only.
            (ColumnType::String, Value::String(s)) if c.operator.kind.is_ordering() => {
                return Some(opaque(
                    column,
                    index,
                    def,
                    Key::Ordering(c.operator.kind, s),
                ));
            }
            _ => {
                let atom = atom_of(def.ty, condition)?;
                (atom, Key::Set(atom))
            }
        },
        Condition::Call(c) => {
            let Value::String(s) = &c.argument.value else {
                return None;
            };
            let applies = def.ty == ColumnType::String
                && (c.function.name != FunctionName::Subdomain
                    || URL_OR_DOMAIN_COLUMNS.contains(&&*def.name));
            return applies.then(|| opaque(column, index, def, Key::Call(c.function.name, s)));
        }
    };
    Some(Typed {
        column,
        position: index,
        def,
        atom: Some(atom),
        key,
        domain: table_index.domain(index),
    })
}

/// A condition compared only as text.
fn opaque<'t, 'f>(
    column: &'f str,
    position: usize,
    def: &'t ColumnDef,
    key: Key<'f>,
) -> Typed<'t, 'f> {
    Typed {
        column,
        position,
        def,
        atom: None,
        key,
        domain: None,
    }
}

/// The number an int column is compared with: a bare integer, or a quoted one.
#[inline(always)]
fn integer(value: &Value<'_>) -> Option<i64> {
    match value {
        Value::Integer(n) => Some(*n),
        Value::String(s) => quoted_integer(s),
        Value::Boolean(_) | Value::Bare(_) => None,
    }
}

#[cold]
fn quoted_integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The lints of one condition on its own: `future-date`, `impossible-value`, `always-true`.
#[inline]
fn single(
    filter: &Filter<'_>,
    index: usize,
    t: &One<'_>,
    today: Option<Date>,
    out: &mut Vec<Diagnostic>,
) -> Verdict {
    let mut verdict = Verdict::default();
    let (atom, Some(condition)) = (t.atom, filter.conditions.get(index)) else {
        return verdict;
    };
    if let (ColumnType::Date, Some(today)) = (t.ty, today) {
        if after(atom, today) {
            verdict.impossible = true;
            out.push(future_date(condition, t.column, today));
        }
    }
    let Some(domain) = t.domain else {
        return verdict;
    };
    let (some, all) = sets::some_and_all(atom, &domain.values);
    if !some {
        verdict.impossible = true;
        out.push(impossible_value(condition, t.column, domain, atom));
    } else if all {
        verdict.always_true = true;
        out.extend(always_true(filter, index, t.column, domain, atom));
    }
    verdict
}

/// True when no date on or before `today` satisfies `atom`. Out of line: inlined, the
/// compiler computes today's day number for every filter, even without a today.
#[inline(never)]
fn after(atom: Atom<'_>, today: Date) -> bool {
    let past = Atom::Int(CompareOp::Le, today.unix_days());
    !satisfiable(&[atom, past], None)
}

#[cold]
fn future_date(condition: &Condition<'_>, column: &str, today: Date) -> Diagnostic {
    Diagnostic::new(
        Code::FutureDate,
        condition.literal().span,
        format!("`{condition}` matches no row: it asks for `{column}` dates after today, {today}"),
    )
    .with_label("no row has a date after today")
    .with_help(format!(
        "`{column}` records when something already happened, so no row has a date after {today}; check the year, or compare with an earlier date"
    ))
}

/// The documented spelling of a string value written in another case, if there is one.
fn respelled(domain: &Domain, atom: Atom<'_>) -> Option<String> {
    match (domain.values, atom) {
        (Values::Strings(values), Atom::Str(_, v)) => domains::lowercase_member(values, v),
        _ => None,
    }
}

#[cold]
fn impossible_value(
    condition: &Condition<'_>,
    column: &str,
    domain: &Domain,
    atom: Atom<'_>,
) -> Diagnostic {
    let literal = condition.literal();
    let diagnostic = Diagnostic::new(
        Code::ImpossibleValue,
        literal.span,
        format!(
            "`{condition}` matches no row: `{column}` is always {}",
            domain.described
        ),
    )
    .with_label("outside the documented values");
    let why = format!("`{column}` is {} ({})", domain.what, domain.source);
    match respelled(domain, atom) {
        Some(value) => {
            let value = quote(&value);
            diagnostic
                .with_help(format!("did you mean {value}? {why}"))
                .with_fix(Fix::replace(format!("write {value}"), literal.span, value))
        }
        None => diagnostic.with_help(format!("{why}; change the value or drop the condition")),
    }
}

#[cold]
fn always_true(
    filter: &Filter<'_>,
    index: usize,
    column: &str,
    domain: &Domain,
    atom: Atom<'_>,
) -> Option<Diagnostic> {
    let condition = filter.conditions.get(index)?;
    let diagnostic = Diagnostic::new(
        Code::AlwaysTrue,
        condition.span(),
        format!(
            "`{condition}` holds for every row: `{column}` is always {}",
            domain.described
        ),
    )
    .with_label("filters nothing");
    let why = format!("`{column}` is {} ({})", domain.what, domain.source);
    Some(match respelled(domain, atom) {
        Some(value) => {
            let value = quote(&value);
            let literal = condition.literal().span;
            diagnostic
                .with_help(format!("did you mean {value}? {why}"))
                .with_fix(Fix::replace(format!("write {value}"), literal, value))
        }
        None => diagnostic
            .with_help(format!("{why}; the condition filters nothing: drop it"))
            .with_fix(drop_fix(filter, index, condition)),
    })
}

fn drop_fix(filter: &Filter<'_>, index: usize, condition: &Condition<'_>) -> Fix {
    Fix::replace(format!("drop `{condition}`"), removal_at(filter, index), "")
}

/// What `rules::removal_span` gives for the condition at `index` (the condition and the comma
/// on one side of it; the whole filter if it is the only one), found by index in constant
/// time: a filter of many repeated conditions gets as many fixes.
fn removal_at(filter: &Filter<'_>, index: usize) -> Span {
    let span = |i: usize| filter.conditions.get(i).map(Ranged::span);
    let Some(this) = span(index) else {
        return filter.span;
    };
    match (index.checked_sub(1).and_then(span), span(index + 1)) {
        (_, Some(next)) if index == 0 => Span::new(filter.span.start, next.start),
        (_, Some(next)) => Span::new(this.start, next.start),
        (Some(previous), None) => Span::new(previous.end, filter.span.end),
        (None, None) => filter.span,
    }
}

/// The lints of a filter in which some column repeats: `duplicate`, the per-condition lints
/// of each first occurrence, then per column `unsatisfiable`, `redundant`, and
/// `impossible-value` for conditions impossible only together.
///
/// Conditions are sorted by column, then key, then position, so that duplicates are
/// neighbours and each column's conditions are one run: `O(n log n)` for any filter.
fn across(
    filter: &Filter<'_>,
    facts: &mut [Fact<'_, '_>],
    today: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    let mut keyed = Buffer::<_, 8>::new((0, Key::Set(Atom::Bool(false, false)), 0));
    for (i, fact) in facts.iter().enumerate() {
        if let Some(t) = &fact.typed {
            keyed.push((t.position, t.key, i));
        }
    }
    keyed.as_mut_slice().sort_unstable();
    let keyed = keyed.as_slice();
    // Runs of one column and key: the first occurrence and its repeats.
    let mut start = 0;
    while start < keyed.len() {
        let (position, key, first) = keyed[start];
        let end = keyed[start..]
            .iter()
            .position(|k| (k.0, k.1) != (position, key))
            .map_or(keyed.len(), |n| start + n);
        let repeats: Vec<usize> = keyed[start + 1..end].iter().map(|k| k.2).collect();
        start = end;
        for &i in &repeats {
            if let Some(fact) = facts.get_mut(i) {
                fact.duplicate = true;
            }
        }
        if !repeats.is_empty() {
            out.extend(duplicates(filter, first, &repeats));
        }
        if let Some(fact) = facts.get_mut(first) {
            if let Some(one) = fact.typed.as_ref().and_then(Typed::one) {
                fact.verdict = single(filter, first, &one, today, out);
            }
        }
    }
    // Runs of one column: its value sets, duplicates left out, in source order.
    let mut start = 0;
    while start < keyed.len() {
        let position = keyed[start].0;
        let end = keyed[start..]
            .iter()
            .position(|k| k.0 != position)
            .map_or(keyed.len(), |n| start + n);
        let run = &keyed[start..end];
        start = end;
        let is_member = |&&(_, key, i): &&(usize, Key<'_>, usize)| {
            matches!(key, Key::Set(_)) && facts.get(i).is_some_and(|f| !f.duplicate)
        };
        if run.iter().filter(is_member).nth(1).is_none() {
            continue;
        }
        let mut members = Buffer::<usize, 16>::new(0);
        for k in run.iter().filter(is_member) {
            members.push(k.2);
        }
        let members = members.as_mut_slice();
        members.sort_unstable();
        let mut atoms = Buffer::<_, 16>::new(Atom::Bool(false, false));
        for &i in members.iter() {
            if let Some(atom) = facts.get(i).and_then(|f| f.typed.as_ref()?.atom) {
                atoms.push(atom);
            }
        }
        let (members, atoms) = (&*members, atoms.as_slice());
        let typed = facts.get(members[0]).and_then(|f| f.typed.as_ref());
        if let (Some(t), true) = (typed, atoms.len() == members.len()) {
            let mut verdicts = Buffer::<Verdict, 16>::new(Verdict::default());
            for &m in members {
                verdicts.push(facts.get(m).map_or_else(Verdict::default, |f| f.verdict));
            }
            let column = (t.column, t.domain);
            column_lints(filter, &verdicts, column, members, atoms, out);
        }
    }
}

/// The lints of one column's conditions together: `unsatisfiable`, `impossible-value` for
/// conditions impossible only together, and `redundant`. `members` are the conditions (by
/// index, in source order), `atoms` and `verdicts` theirs; `column` is the column's name and
/// documented domain.
fn column_lints(
    filter: &Filter<'_>,
    verdicts: &[Verdict],
    (column, domain): (&str, Option<&Domain>),
    members: &[usize],
    atoms: &[Atom<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let conditions = &filter.conditions;
    let condition = |m: usize| conditions.get(members[m]);
    // The first prefix that is empty (emptiness only grows with the prefix).
    if !satisfiable(atoms, None) {
        let (mut lo, mut hi) = (1, atoms.len() - 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if satisfiable(&atoms[..=mid], None) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let culprits = core(&atoms[..lo], atoms[lo], None);
        let involved: Vec<Atom<'_>> = culprits.iter().map(|&c| atoms[c]).collect();
        if let Some(last) = condition(lo) {
            let earlier: Vec<&Condition<'_>> =
                culprits.iter().filter_map(|&c| condition(c)).collect();
            out.push(unsatisfiable(column, last, &earlier, atoms[lo], &involved));
        }
        return;
    }
    if let Some(domain) = domain {
        let values = Some(&domain.values);
        let any_impossible = verdicts.iter().any(|v| v.impossible);
        if !any_impossible && !satisfiable(atoms, values) {
            let last = atoms.len() - 1;
            let culprits = core(&atoms[..last], atoms[last], values);
            if let Some(condition_last) = condition(last) {
                let earlier: Vec<&Condition<'_>> =
                    culprits.iter().filter_map(|&c| condition(c)).collect();
                out.push(impossible_together(
                    column,
                    domain,
                    condition_last,
                    &earlier,
                ));
            }
            return;
        }
    }
    if atoms.len() > MAX_REASONED {
        return;
    }
    // From the last condition back: drop each one the kept others imply. Always-true
    // conditions are dropped by their own fix, so nothing may rely on them.
    let mut kept = Buffer::<bool, 16>::new(false);
    for v in verdicts {
        kept.push(!v.always_true);
    }
    let kept = kept.as_mut_slice();
    let mut others = Buffer::<_, 16>::new(Atom::Bool(false, false));
    let mut indices = Buffer::<usize, 16>::new(0);
    for p in (0..atoms.len()).rev() {
        if !kept[p] {
            continue;
        }
        others.clear();
        indices.clear();
        for (q, a) in atoms.iter().enumerate() {
            if q != p && kept[q] {
                others.push(*a);
                indices.push(q);
            }
        }
        if others.is_empty() {
            continue;
        }
        let negated = atoms[p].negate();
        others.push(negated);
        let implied = !satisfiable(&others, None);
        others.pop();
        if implied {
            kept[p] = false;
            let culprits = core(&others, negated, None);
            let implying: Vec<&Condition<'_>> = culprits
                .iter()
                .filter_map(|&c| condition(indices[c]))
                .collect();
            if let Some(redundant) = condition(p) {
                out.push(redundant_condition(
                    filter, members[p], redundant, &implying,
                ));
            }
        }
    }
}

/// A vector of up to `N` elements on the stack, and in a `Vec` beyond: the lints of a real
/// filter's few conditions allocate nothing.
struct Buffer<T, const N: usize> {
    array: [T; N],
    len: usize,
    /// Every element once there are more than `N`.
    spill: Vec<T>,
}

impl<T: Copy, const N: usize> Buffer<T, N> {
    /// An empty buffer; `fill` takes the unused places.
    fn new(fill: T) -> Self {
        Buffer {
            array: [fill; N],
            len: 0,
            spill: Vec::new(),
        }
    }

    fn push(&mut self, value: T) {
        match self.array.get_mut(self.len) {
            Some(place) => *place = value,
            None => {
                if self.spill.is_empty() {
                    self.spill.extend_from_slice(&self.array);
                }
                self.spill.push(value);
            }
        }
        self.len += 1;
    }

    fn pop(&mut self) {
        if self.len > N {
            self.spill.pop();
            if self.spill.len() == N {
                // Back on the stack, with any change made while spilled.
                self.array.copy_from_slice(&self.spill);
                self.spill.clear();
            }
        }
        self.len = self.len.saturating_sub(1);
    }

    fn clear(&mut self) {
        self.spill.clear();
        self.len = 0;
    }

    fn as_slice(&self) -> &[T] {
        match self.array.get(..self.len) {
            Some(elements) => elements,
            None => &self.spill,
        }
    }

    fn as_mut_slice(&mut self) -> &mut [T] {
        match self.array.get_mut(..self.len) {
            Some(elements) => elements,
            None => &mut self.spill,
        }
    }
}

impl<T: Copy, const N: usize> std::ops::Deref for Buffer<T, N> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn listing(conditions: &[&Condition<'_>]) -> String {
    let mut text = String::new();
    for (i, c) in conditions.iter().enumerate() {
        if i > 0 {
            text.push_str(if i + 1 == conditions.len() {
                " and "
            } else {
                ", "
            });
        }
        text.push('`');
        text.push_str(&c.to_string());
        text.push('`');
    }
    text
}

/// `` `a` ``, `` both `a` and `b` ``, `` `a`, `b` and `c` together ``.
fn jointly(earlier: &[&Condition<'_>], last: &Condition<'_>) -> String {
    let mut all = earlier.to_vec();
    all.push(last);
    match all.len() {
        1 => listing(&all),
        2 => format!("both {}", listing(&all)),
        _ => format!("{} together", listing(&all)),
    }
}

/// One `duplicate` for a condition and all its repeats (in source order): at the first
/// repeat, pointing at the others, with a fix that drops every repeat.
fn duplicates(filter: &Filter<'_>, first: usize, repeats: &[usize]) -> Option<Diagnostic> {
    let conditions = &filter.conditions;
    let original = conditions.get(first)?;
    let second = conditions.get(*repeats.first()?)?;
    let (text, earlier) = (second.to_string(), original.to_string());
    let (message, title) = match repeats.len() {
        1 if text == earlier => (format!("`{text}` appears twice"), format!("drop `{text}`")),
        1 => (
            format!("`{text}` repeats `{earlier}`"),
            format!("drop `{text}`"),
        ),
        n => (
            format!("`{earlier}` appears {} times", n + 1),
            format!("drop the {n} repeats of `{earlier}`"),
        ),
    };
    let mut diagnostic = Diagnostic::new(Code::Duplicate, second.span(), message)
        .with_label("repeated")
        .with_related(original.span(), "first written here")
        .with_help("a repeated condition filters nothing more; drop the repeats")
        .with_fix(Fix::safe(
            title,
            removals(filter, repeats)
                .into_iter()
                .map(|span| Edit::Replace {
                    span,
                    text: "".into(),
                })
                .collect(),
        ));
    for &i in &repeats[1..] {
        if let Some(c) = conditions.get(i) {
            diagnostic = diagnostic.with_related(c.span(), "repeated here");
        }
    }
    Some(diagnostic)
}

/// Non-overlapping spans whose deletion removes the conditions at `indices` (sorted) and
/// their commas: each condition with the comma after it, except a run that ends the filter,
/// which goes with the comma before it.
fn removals(filter: &Filter<'_>, indices: &[usize]) -> Vec<Span> {
    let conditions = &filter.conditions;
    let n = conditions.len();
    // The run of removed conditions that ends the filter.
    let mut tail = indices.len();
    while tail > 0 && indices[tail - 1] + indices.len() - tail + 1 == n {
        tail -= 1;
    }
    let mut spans: Vec<Span> = indices[..tail]
        .iter()
        .filter_map(|&i| {
            let next = conditions.get(i + 1)?.span().start;
            let start = if i == 0 {
                filter.span.start
            } else {
                conditions.get(i)?.span().start
            };
            Some(Span::new(start, next))
        })
        .collect();
    if let Some(&first) = indices.get(tail) {
        spans.push(match first.checked_sub(1).and_then(|p| conditions.get(p)) {
            Some(previous) => Span::new(previous.span().end, filter.span.end),
            None => filter.span,
        });
    }
    spans
}

fn unsatisfiable(
    column: &str,
    last: &Condition<'_>,
    earlier: &[&Condition<'_>],
    last_atom: Atom<'_>,
    earlier_atoms: &[Atom<'_>],
) -> Diagnostic {
    let message = format!(
        "no value of `{column}` satisfies {}",
        jointly(earlier, last)
    );
    let equalities = earlier_atoms
        .iter()
        .chain([&last_atom])
        .all(|a| matches!(a, Atom::Str(true, _) | Atom::Bool(true, _)));
    let help = if equalities {
        format!("conditions are joined by AND and a row has one `{column}`, so the filter matches no row; v2 filters have no OR: send one request per value")
    } else {
        "conditions are joined by AND, so the filter matches no row; correct the values or drop one of the conditions".to_owned()
    };
    let label = match earlier.len() {
        0 => "holds for no value",
        1 => "contradicts the marked condition",
        _ => "contradicts the marked conditions together",
    };
    let mut diagnostic = Diagnostic::new(Code::Unsatisfiable, last.span(), message)
        .with_label(label)
        .with_help(help);
    for c in earlier {
        diagnostic = diagnostic.with_related(c.span(), "contradicted here");
    }
    diagnostic
}

fn impossible_together(
    column: &str,
    domain: &Domain,
    last: &Condition<'_>,
    earlier: &[&Condition<'_>],
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        Code::ImpossibleValue,
        last.span(),
        format!(
            "no documented value of `{column}` satisfies {}: `{column}` is always {}",
            jointly(earlier, last),
            domain.described
        ),
    )
    .with_label("leaves no documented value")
    .with_help(format!(
        "`{column}` is {} ({}); change the bounds",
        domain.what, domain.source
    ));
    for c in earlier {
        diagnostic = diagnostic.with_related(c.span(), "together with this");
    }
    diagnostic
}

fn redundant_condition(
    filter: &Filter<'_>,
    index: usize,
    redundant: &Condition<'_>,
    implying: &[&Condition<'_>],
) -> Diagnostic {
    let (message, label, help) = match implying.len() {
        // Only a bound at the end of the i64 range, on a column without a documented domain.
        0 => (
            format!("`{redundant}` adds nothing: every value satisfies it"),
            "holds for every value",
            "the condition filters nothing; drop it",
        ),
        1 => (
            format!(
                "`{redundant}` adds nothing: {} already implies it",
                listing(implying)
            ),
            "implied by the marked condition",
            "every row that passes the other condition passes this one too; drop it",
        ),
        _ => (
            format!(
                "`{redundant}` adds nothing: {} already imply it",
                listing(implying)
            ),
            "implied by the marked conditions together",
            "every row that passes those conditions passes this one too; drop it",
        ),
    };
    let mut diagnostic = Diagnostic::new(Code::Redundant, redundant.span(), message)
        .with_label(label)
        .with_help(help)
        .with_fix(drop_fix(filter, index, redundant));
    for c in implying {
        diagnostic = diagnostic.with_related(c.span(), "implies it");
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;

    /// What the checker holds when the lints across conditions start: every condition's
    /// rules and own lints, and the columns' positions.
    fn per_condition(
        table: &TableDef,
        index: &TableIndex,
        clause: Clause,
        filter: &Filter<'_>,
        today: Option<Date>,
    ) -> (Vec<Diagnostic>, Vec<u32>) {
        let (mut out, mut positions) = (Vec::new(), Vec::new());
        for (i, condition) in filter.conditions.iter().enumerate() {
            let schema = Schema::builtin();
            let found = super::super::rules::condition(
                schema,
                (table, index),
                clause,
                filter,
                condition,
                &mut out,
            );
            positions.push(found.map_or(NO_COLUMN, |(at, _)| stored(at)));
            if let Some((at, def)) = found.filter(|(_, def)| def.allowed_in(clause)) {
                lint_one(
                    def,
                    index.domain(at),
                    (i, condition),
                    filter,
                    today,
                    &mut out,
                );
            }
        }
        (out, positions)
    }

    /// Where `lint_pair` applies, it and `lint_across` give the same diagnostics once sorted
    /// by span as the checker sorts them: one column twice, with every operator, values of
    /// its type, next to conditions with lints of their own, with and without today.
    #[test]
    fn a_pair_is_linted_as_across() {
        let schema = Schema::builtin();
        let values = |ty| -> &[&str] {
            match ty {
                ColumnType::Int | ColumnType::Float => {
                    &["0", "10", "-1", "9223372036854775807", "\"5\""]
                }
                ColumnType::Date => &["\"2024-01-01\"", "\"2024-02-01\"", "\"2030-01-01\""],
                ColumnType::String => &["\"a\"", "\"b\"", "\"new\""],
                ColumnType::Boolean => &["true", "false"],
            }
        };
        let ops = ["=", ":", "<>", "<", "<=", ">", ">="];
        let (mut paired, mut checked) = (0, 0);
        for name in [
            "backlinks",
            "backlinks_new_lost",
            "pages_info",
            "linked_domains_by_type",
            "refdomains",
        ] {
            let table = schema.table(name).unwrap();
            let index = TableIndex::new(table);
            let mut types = Vec::new();
            for column in table.columns.iter().filter(|c| c.in_where) {
                if types.contains(&column.ty) {
                    continue;
                }
                types.push(column.ty);
                let c = &column.name;
                for (a, b) in ops.iter().flat_map(|a| ops.iter().map(move |b| (a, b))) {
                    for x in values(column.ty) {
                        for y in values(column.ty) {
                            for extra in ["", "ahrefs_rank>=0,", "http_code=700,", "nofollow=1,"] {
                                let text = format!("{extra}{c}{a}{x},{c}{b}{y}");
                                let filter = crate::parse(&text).unwrap();
                                for today in [None, Date::parse("2025-01-01")] {
                                    let (out, positions) =
                                        per_condition(table, &index, Clause::Where, &filter, today);
                                    let mut full = out.clone();
                                    lint_across(
                                        (table, &index),
                                        Clause::Where,
                                        &filter,
                                        &positions,
                                        today,
                                        &mut full,
                                    );
                                    let mut pair = out;
                                    checked += 1;
                                    let mut repeats = Repeats::default();
                                    for &p in positions.iter().filter(|&&p| p != NO_COLUMN) {
                                        repeats.add(p as usize);
                                    }
                                    let Some(at) =
                                        repeats.single().and_then(|p| pair_at(table, &filter, p))
                                    else {
                                        continue;
                                    };
                                    if !lint_pair(
                                        (table, &index),
                                        Clause::Where,
                                        &filter,
                                        at,
                                        &mut pair,
                                    ) {
                                        continue;
                                    }
                                    paired += 1;
                                    full.sort_by_key(|d| d.span);
                                    pair.sort_by_key(|d| d.span);
                                    assert_eq!(pair, full, "{text} in {name}, today {today:?}");
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(paired * 5 > checked, "{paired} of {checked}");
    }

    #[test]
    fn repeats_finds_a_repeated_position_at_any_width() {
        let last = NO_COLUMN as usize - 1;
        let cases: [(&[Option<usize>], bool); 9] = [
            (&[], false),
            (&[None, None], false),
            (&[Some(0), None, Some(1)], false),
            (&[Some(3), Some(1), Some(3)], true),
            (&[Some(63), Some(0), Some(63)], true),
            (&[Some(64), Some(0), Some(64)], true),
            (&[Some(64), Some(0), Some(128)], false),
            (&[Some(last), Some(5), Some(last)], true),
            (&[Some(1000), Some(1), Some(999)], false),
        ];
        for (positions, expected) in cases {
            let mut repeats = Repeats::default();
            let stored: Vec<u32> = positions
                .iter()
                .map(|p| {
                    p.map_or(NO_COLUMN, |p| {
                        repeats.add(p);
                        stored(p)
                    })
                })
                .collect();
            assert_eq!(repeats.found(&stored), expected, "{positions:?}");
        }
    }

    #[test]
    fn a_buffer_is_a_vec() {
        let mut buffer = Buffer::<u32, 3>::new(0);
        let mut vec = Vec::new();
        // Pushes and pops across the stack's size, with changes while spilled and not.
        for step in 0u32..200 {
            match step % 7 {
                0 | 3 => {
                    buffer.pop();
                    vec.pop();
                }
                5 => {
                    if let (Some(b), Some(v)) = (buffer.as_mut_slice().first_mut(), vec.first_mut())
                    {
                        *b += step;
                        *v += step;
                    }
                }
                _ if step % 61 == 0 => {
                    buffer.clear();
                    vec.clear();
                }
                _ => {
                    buffer.push(step);
                    vec.push(step);
                }
            }
            assert_eq!(buffer.as_slice(), vec.as_slice(), "step {step}");
            assert_eq!(&*buffer, vec.as_slice(), "step {step}");
        }
    }

    #[test]
    fn removal_by_index_is_removal_by_span() {
        for text in ["a=1", " a=1 ", "a=1,b=2", "a=1 , b=2,c=3", " a=1,b=2 ,c=3 "] {
            let filter = crate::parse(text).unwrap();
            for (i, c) in filter.conditions.iter().enumerate() {
                let expected = super::super::rules::removal_span(&filter, c.span());
                assert_eq!(removal_at(&filter, i), expected, "{text} #{i}");
            }
        }
    }

    #[test]
    fn removing_several_conditions() {
        let removed = |text: &str, indices: &[usize]| {
            let filter = crate::parse(text).unwrap();
            let mut spans = removals(&filter, indices);
            spans.sort();
            assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "{text}");
            let mut out = String::new();
            let mut at = 0;
            for span in spans {
                out.push_str(&text[at..span.start as usize]);
                at = span.end as usize;
            }
            out.push_str(&text[at..]);
            out
        };
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[1, 2]), "a=1,d=4");
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[2, 3]), "a=1,b=2");
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[1, 3]), "a=1,c=3");
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[0, 3]), "b=2,c=3");
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[0, 1, 2, 3]), "");
        assert_eq!(removed("a=1 , b=2 , c=3", &[1, 2]), "a=1");
        assert_eq!(removed("a=1,b=2", &[1]), "a=1");
        assert_eq!(removed("a=1,b=2", &[]), "a=1,b=2");
    }

    #[test]
    fn integers_bare_or_quoted() {
        assert_eq!(integer(&Value::Integer(-4)), Some(-4));
        assert_eq!(integer(&Value::String("10".into())), Some(10));
        assert_eq!(integer(&Value::String("-10".into())), Some(-10));
        assert_eq!(integer(&Value::String("+10".into())), None);
        assert_eq!(integer(&Value::String("".into())), None);
        assert_eq!(integer(&Value::String("-".into())), None);
        assert_eq!(integer(&Value::String("99999999999999999999".into())), None);
        assert_eq!(integer(&Value::Boolean(true)), None);
    }
}
