//! Semantic lints across conditions: contradictions, redundancy and impossible values.
//!
//! Every lint is a warning. They reason only about conditions the type rules accept (the
//! column exists in the table, may appear in this clause, and the literal has the column's
//! type): each such condition is a [`Subject`], built from the value the rules read from
//! its literal, so a quoted number on an int column (`backlinks>"10"`, itself a
//! `quoted-number` warning) counts as that number. Each comparison is a set of values
//! ([`sets::Atom`]); function calls and `<`/`>` on strings are not reasoned about as sets
//! (their meaning on the server is not exact), only compared as text for `duplicate`.
//! Every verdict is one question to [`sets::satisfiable`].
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
//!   ([`crate::schema::Domain`]) satisfies (`domain_rating>100`, `link_type="foo"`), or, when
//!   no single condition is impossible, conditions that together leave no documented value
//!   (`redirect>0,redirect<300`). A value that is a documented one in another case gets a
//!   fix to the documented spelling.
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
//! bound.
//!
//! One pass: the subjects are sorted by column, then by what `duplicate` compares, then by
//! position, so repeats are neighbours and each column's conditions are one run, `O(n log n)`
//! for any filter. The lints of one condition ([`single`]) run on the first of each run of
//! repeats; those of a column together ([`across::column`]) on each column with two or more
//! distinct value sets. A filter of a few conditions allocates nothing unless a lint fires.
//!
//! Adding a lint of one condition means adding its question to [`single`]; a lint of a
//! column's conditions together, to [`across::column`]. Their messages are in
//! [`messages`].

mod across;
mod messages;
mod sets;
mod subject;

use smallvec::SmallVec;

use super::date::Date;
use crate::diagnostics::Diagnostic;
use crate::schema::ColumnType;
use crate::syntax::{CompareOp, Filter};
use sets::{satisfiable, Atom};
use subject::Verdict;
pub(crate) use subject::{subject, Subject};

/// Every lint of `filter`, whose conditions the type rules accept are `subjects`; their
/// diagnostics go to `out`.
pub(crate) fn lint(
    filter: &Filter<'_>,
    subjects: &mut [Subject<'_, '_>],
    today: Option<Date>,
    out: &mut Vec<Diagnostic>,
) {
    subjects.sort_unstable_by_key(|s| (s.position, s.key, s.index));
    // Runs of one column and key: the first occurrence and its repeats.
    let mut start = 0;
    while let Some(first) = subjects.get(start) {
        let (position, key) = (first.position, first.key);
        let end = start
            + subjects[start..]
                .iter()
                .take_while(|s| (s.position, s.key) == (position, key))
                .count();
        let (run, rest) = subjects[start..end].split_at_mut(1);
        if !rest.is_empty() {
            for repeat in rest.iter_mut() {
                repeat.duplicate = true;
            }
            let repeats: Vec<usize> = rest.iter().map(|s| s.index).collect();
            out.extend(messages::duplicates(filter, run[0].index, &repeats));
        }
        run[0].verdict = single(filter, &run[0], today, out);
        start = end;
    }
    // Runs of one column: its distinct value sets, in source order.
    let mut start = 0;
    while let Some(first) = subjects.get(start) {
        let position = first.position;
        let end = start
            + subjects[start..]
                .iter()
                .take_while(|s| s.position == position)
                .count();
        let run = &subjects[start..end];
        start = end;
        let mut members: SmallVec<[&Subject<'_, '_>; 16]> = run
            .iter()
            .filter(|s| !s.duplicate && s.atom().is_some())
            .collect();
        if members.len() > 1 {
            members.sort_unstable_by_key(|s| s.index);
            across::column(filter, &members, out);
        }
    }
}

/// The lints of one condition on its own: `future-date`, `impossible-value`, `always-true`.
fn single(
    filter: &Filter<'_>,
    subject: &Subject<'_, '_>,
    today: Option<Date>,
    out: &mut Vec<Diagnostic>,
) -> Verdict {
    let mut verdict = Verdict::default();
    let Some(atom) = subject.atom() else {
        return verdict;
    };
    if let (ColumnType::Date, Some(today)) = (subject.def.ty, today) {
        let past = Atom::Int(CompareOp::Le, today.unix_days());
        if !satisfiable(&[atom, past], None) {
            verdict.impossible = true;
            out.extend(messages::future_date(filter, subject, today));
        }
    }
    if let Some(domain) = &subject.def.domain {
        let values = Some(&domain.values);
        if !satisfiable(&[atom], values) {
            verdict.impossible = true;
            out.extend(messages::impossible_value(filter, subject, domain, atom));
        } else if !satisfiable(&[atom.negate()], values) {
            verdict.always_true = true;
            out.extend(messages::always_true(filter, subject, domain, atom));
        }
    }
    verdict
}
