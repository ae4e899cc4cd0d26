//! The lints of one column's conditions together: `unsatisfiable`, `impossible-value` for
//! conditions impossible only together, and `redundant`.

use smallvec::SmallVec;

use super::messages;
use super::sets::{core, satisfiable, Atom};
use super::subject::Subject;
use crate::diagnostics::Diagnostic;
use crate::syntax::{Condition, Filter};

/// Columns with more value sets than this get only the `unsatisfiable` check, so that a
/// pathological filter (thousands of conditions on one column) stays fast.
const MAX_REASONED: usize = 64;

/// The lints of `members`, two or more distinct value sets on one column, in source order.
pub(super) fn column(filter: &Filter<'_>, members: &[&Subject<'_, '_>], out: &mut Vec<Diagnostic>) {
    let atoms: SmallVec<[Atom<'_>; 16]> = members.iter().filter_map(|s| s.atom()).collect();
    let (Some(first), true) = (members.first(), atoms.len() == members.len()) else {
        return;
    };
    let def = first.def;
    let condition =
        |m: usize| -> Option<&Condition<'_>> { filter.conditions.get(members.get(m)?.index) };
    // The first prefix that is empty (emptiness only grows with the prefix).
    if !satisfiable(&atoms, None) {
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
            out.push(messages::unsatisfiable(
                &def.name, last, &earlier, atoms[lo], &involved,
            ));
        }
        return;
    }
    if let Some(domain) = &def.domain {
        let values = Some(&domain.values);
        let any_impossible = members.iter().any(|s| s.verdict.impossible);
        if !any_impossible && !satisfiable(&atoms, values) {
            let last = atoms.len() - 1;
            let culprits = core(&atoms[..last], atoms[last], values);
            if let Some(condition_last) = condition(last) {
                let earlier: Vec<&Condition<'_>> =
                    culprits.iter().filter_map(|&c| condition(c)).collect();
                out.push(messages::impossible_together(
                    &def.name,
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
    let mut kept: SmallVec<[bool; 16]> = members.iter().map(|s| !s.verdict.always_true).collect();
    let mut others: SmallVec<[Atom<'_>; 16]> = SmallVec::new();
    let mut indices: SmallVec<[usize; 16]> = SmallVec::new();
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
            if let (Some(redundant), Some(subject)) = (condition(p), members.get(p)) {
                out.push(messages::redundant(
                    filter,
                    subject.index,
                    redundant,
                    &implying,
                ));
            }
        }
    }
}
