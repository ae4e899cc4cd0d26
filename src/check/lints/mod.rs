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
//! One pass: the subjects are sorted by column, then position, so each column's conditions
//! are one run, `O(n log n)` for any filter. In a run of more than one, [`duplicates`] finds
//! the repeats (sorting the run by what `duplicate` compares, so repeats are neighbours); the
//! lints of one condition ([`single`]) run on each condition that is not a repeat; those of a
//! column together ([`across::column`]) on each column with two or more distinct value sets.
//! A filter of a few conditions allocates nothing unless a lint fires.
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
    // Each column's conditions together, in source order.
    subjects.sort_unstable_by_key(|s| (s.position, s.index));
    for run in subjects.chunk_by_mut(|a, b| a.position == b.position) {
        if run.len() > 1 {
            duplicates(filter, run, out);
        }
        for subject in run.iter_mut().filter(|s| !s.duplicate) {
            subject.verdict = single(filter, subject, today, out);
        }
        if run.len() > 1 {
            let members: SmallVec<[&Subject<'_, '_>; 16]> = run
                .iter()
                .filter(|s| !s.duplicate && s.atom().is_some())
                .collect();
            if members.len() > 1 {
                across::column(filter, &members, out);
            }
        }
    }
}

/// `duplicate` among `run`, the conditions on one column in source order: marks every
/// condition that repeats an earlier one, and reports each first occurrence's repeats.
fn duplicates(filter: &Filter<'_>, run: &mut [Subject<'_, '_>], out: &mut Vec<Diagnostic>) {
    run.sort_unstable_by_key(|s| (s.key, s.index));
    for same in run.chunk_by_mut(|a, b| a.key == b.key) {
        if let [first, repeats @ ..] = same {
            if !repeats.is_empty() {
                let indices: Vec<usize> = repeats.iter().map(|s| s.index).collect();
                out.extend(messages::duplicates(filter, first.index, &indices));
                for repeat in repeats {
                    repeat.duplicate = true;
                }
            }
        }
    }
    run.sort_unstable_by_key(|s| s.index);
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
