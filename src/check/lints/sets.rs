//! The value sets behind the lints: each well-typed comparison is an [`Atom`], a set of
//! values of one column; a filter's conditions on that column are the intersection of their
//! atoms. Every lint question reduces to one: is an intersection of atoms empty, optionally
//! within a column's documented domain? ("A implies B" is "A and not-B is empty", and the
//! negation of an atom is again an atom.)
//!
//! Exact for integers (and dates, as days since 1970-01-01) with all six operators, and for
//! `=` / `<>` on strings and booleans. Bounds are computed in `i128`, so `x>9223372036854775807`
//! is simply empty and nothing overflows. Nothing allocates for the few conditions a real
//! filter has on one column.

use super::domains::Values;
use crate::syntax::CompareOp;

/// One comparison, reduced to the set of values it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Atom<'a> {
    /// An integer (or a date as days since 1970-01-01) compared with a value.
    Int(CompareOp, i64),
    /// A string equal (`true`) or not equal (`false`) to a value.
    Str(bool, &'a str),
    /// A boolean equal (`true`) or not equal (`false`) to a value.
    Bool(bool, bool),
}

impl Atom<'_> {
    /// The atom accepting exactly the values this one rejects.
    pub(crate) fn negate(self) -> Self {
        match self {
            Atom::Int(op, v) => Atom::Int(
                match op {
                    CompareOp::Eq => CompareOp::Ne,
                    CompareOp::Ne => CompareOp::Eq,
                    CompareOp::Lt => CompareOp::Ge,
                    CompareOp::Le => CompareOp::Gt,
                    CompareOp::Gt => CompareOp::Le,
                    CompareOp::Ge => CompareOp::Lt,
                },
                v,
            ),
            Atom::Str(eq, v) => Atom::Str(!eq, v),
            Atom::Bool(eq, v) => Atom::Bool(!eq, v),
        }
    }
}

const MIN: i128 = i64::MIN as i128;
const MAX: i128 = i64::MAX as i128;

/// Every `i64`, as a one-range domain.
const ALL_INTS: &[(i64, i64)] = &[(i64::MIN, i64::MAX)];

/// The closed interval an integer comparison accepts; `None` for `<>` (a point removed).
/// An empty interval comes back with `lo > hi`.
fn interval(op: CompareOp, v: i64) -> Option<(i128, i128)> {
    let v = i128::from(v);
    match op {
        CompareOp::Eq => Some((v, v)),
        CompareOp::Ne => None,
        CompareOp::Lt => Some((MIN, v - 1)),
        CompareOp::Le => Some((MIN, v)),
        CompareOp::Gt => Some((v + 1, MAX)),
        CompareOp::Ge => Some((v, MAX)),
    }
}

/// True when some value satisfies every atom (and, given a domain, lies in it).
///
/// All atoms must be of one kind; a mix (which a well-typed column never produces) or a
/// domain of another kind is answered conservatively: satisfiable, domain ignored.
pub(crate) fn satisfiable(atoms: &[Atom<'_>], domain: Option<&Values>) -> bool {
    match atoms.first() {
        None => true,
        Some(Atom::Int(..)) => ints(
            atoms,
            match domain {
                Some(Values::Ints(ranges)) => ranges,
                _ => ALL_INTS,
            },
        ),
        Some(Atom::Str(..)) => strings(
            atoms,
            match domain {
                Some(Values::Strings(values)) => Some(values),
                _ => None,
            },
        ),
        Some(Atom::Bool(..)) => booleans(atoms),
    }
}

/// Whether some value of `domain` satisfies `atom`, and whether every value does: the
/// `impossible-value` and `always-true` questions of one condition, from the domain's
/// bounds (ranges and strings are sorted) instead of two [`satisfiable`] calls.
#[inline]
pub(crate) fn some_and_all(atom: Atom<'_>, domain: &Values) -> (bool, bool) {
    match (atom, domain) {
        (Atom::Int(op, v), Values::Ints(ranges @ [(lo, _), .., (_, hi)]))
        | (Atom::Int(op, v), Values::Ints(ranges @ [(lo, hi)])) => {
            let member = || ranges.iter().any(|&(a, b)| a <= v && v <= b);
            let only_v = ranges.len() == 1 && *lo == v && *hi == v;
            match op {
                CompareOp::Eq => (member(), only_v),
                CompareOp::Ne => (!only_v, !member()),
                CompareOp::Lt => (*lo < v, *hi < v),
                CompareOp::Le => (*lo <= v, *hi <= v),
                CompareOp::Gt => (*hi > v, *lo > v),
                CompareOp::Ge => (*hi >= v, *lo >= v),
            }
        }
        (Atom::Str(eq, v), Values::Strings(values)) if !values.is_empty() => {
            let member = values.binary_search(&v).is_ok();
            let only_v = values.len() == 1 && member;
            if eq {
                (member, only_v)
            } else {
                (!only_v, !member)
            }
        }
        // An empty domain, or one of another kind (which a well-typed column never has).
        _ => {
            let values = Some(domain);
            (
                satisfiable(&[atom], values),
                !satisfiable(&[atom.negate()], values),
            )
        }
    }
}

/// True when `a` and `b` are integer bounds (`<`, `<=`, `>` or `>=`) that some value
/// satisfies together and neither implies the other: two [`satisfiable`] questions on each
/// negation and one on both, from the intervals alone. False for any other atoms.
#[inline]
pub(crate) fn independent_bounds(a: Atom<'_>, b: Atom<'_>) -> bool {
    let bound = |atom: Atom<'_>| match atom {
        Atom::Int(op @ (CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge), v) => {
            let negated = match atom.negate() {
                Atom::Int(op, v) => interval(op, v),
                _ => None,
            };
            Some((interval(op, v)?, negated?))
        }
        _ => None,
    };
    let (Some((a, not_a)), Some((b, not_b))) = (bound(a), bound(b)) else {
        return false;
    };
    let meet = |(l1, h1): (i128, i128), (l2, h2): (i128, i128)| l1.max(l2) <= h1.min(h2);
    meet(a, b) && meet(a, not_b) && meet(not_a, b)
}

fn ints(atoms: &[Atom<'_>], ranges: &[(i64, i64)]) -> bool {
    let (mut lo, mut hi, mut points) = (MIN, MAX, false);
    for atom in atoms {
        let Atom::Int(op, v) = *atom else {
            return true;
        };
        match interval(op, v) {
            Some((l, h)) => {
                lo = lo.max(l);
                hi = hi.min(h);
            }
            None => points = true,
        }
    }
    ranges.iter().any(|&(a, b)| {
        let (lo, hi) = (lo.max(i128::from(a)), hi.min(i128::from(b)));
        // Without `<>` no point is removed.
        lo <= hi && (!points || holes(atoms, lo, hi) < hi - lo + 1)
    })
}

/// How many distinct points the `<>` atoms remove from `lo..=hi`: by pairwise comparison for
/// the few atoms of a real filter, by sorting for many.
fn holes(atoms: &[Atom<'_>], lo: i128, hi: i128) -> i128 {
    let inside = |atom: &Atom<'_>| match *atom {
        Atom::Int(CompareOp::Ne, p) => (lo <= i128::from(p) && i128::from(p) <= hi).then_some(p),
        _ => None,
    };
    if atoms.len() > 16 {
        let mut points: Vec<i64> = atoms.iter().filter_map(inside).collect();
        points.sort_unstable();
        points.dedup();
        return points.len() as i128;
    }
    let mut count = 0;
    for (i, atom) in atoms.iter().enumerate() {
        if inside(atom).is_some() && !atoms[..i].contains(atom) {
            count += 1;
        }
    }
    count
}

fn strings(atoms: &[Atom<'_>], domain: Option<&[&str]>) -> bool {
    let mut equal: Option<&str> = None;
    for atom in atoms {
        match *atom {
            Atom::Str(true, v) => match equal {
                Some(e) if e != v => return false,
                _ => equal = Some(v),
            },
            Atom::Str(false, _) => {}
            _ => return true,
        }
    }
    let accepted = |value: &str| {
        atoms.iter().all(|atom| match *atom {
            Atom::Str(eq, v) => (value == v) == eq,
            _ => true,
        })
    };
    match (equal, domain) {
        (Some(v), None) => accepted(v),
        (Some(v), Some(values)) => accepted(v) && values.binary_search(&v).is_ok(),
        // Infinitely many strings, finitely many excluded.
        (None, None) => true,
        (None, Some(values)) => values.iter().any(|v| accepted(v)),
    }
}

fn booleans(atoms: &[Atom<'_>]) -> bool {
    let bit = |b: bool| if b { 0b10u8 } else { 0b01 };
    let mut left = 0b11u8;
    for atom in atoms {
        let Atom::Bool(eq, v) = *atom else {
            return true;
        };
        left &= if eq { bit(v) } else { !bit(v) };
    }
    left != 0
}

/// Above this many candidates, [`core()`] returns a small unsatisfiable set without
/// minimizing it (minimizing costs a satisfiability test per candidate).
const MAX_MINIMIZED: usize = 64;

/// A minimal set of indices into `candidates` whose atoms, with `fixed`, are unsatisfiable
/// (within `domain`): dropping any one of them makes the rest satisfiable. Assumes that all
/// of `candidates` with `fixed` are unsatisfiable; otherwise returns every index.
///
/// Linear in the candidates when one of them alone conflicts with `fixed` (always so for
/// strings and booleans without a domain) and for integers, which are first reduced to the
/// atoms that bind: the tightest bounds and one `<>` per point inside them.
pub(crate) fn core(
    candidates: &[Atom<'_>],
    fixed: Atom<'_>,
    domain: Option<&Values>,
) -> Vec<usize> {
    if !satisfiable(&[fixed], domain) {
        return Vec::new();
    }
    if let Some(i) = candidates
        .iter()
        .position(|c| !satisfiable(&[*c, fixed], domain))
    {
        return vec![i];
    }
    let mut reduced: Vec<usize> = match fixed {
        Atom::Int(..) => binding(candidates, fixed),
        _ => (0..candidates.len()).collect(),
    };
    if reduced.len() > MAX_MINIMIZED {
        return reduced;
    }
    let mut trial = Vec::with_capacity(reduced.len() + 1);
    let mut i = 0;
    while i < reduced.len() {
        trial.clear();
        trial.extend(
            reduced
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .filter_map(|(_, &c)| candidates.get(c).copied()),
        );
        trial.push(fixed);
        if satisfiable(&trial, domain) {
            i += 1;
        } else {
            reduced.remove(i);
        }
    }
    reduced
}

/// The integer candidates that define the same set as all of them together with `fixed`:
/// the first to reach the highest lower bound, the first to reach the lowest upper bound,
/// and the first `<>` of each point between them.
fn binding(candidates: &[Atom<'_>], fixed: Atom<'_>) -> Vec<usize> {
    let (mut lo, mut hi) = (MIN, MAX);
    let (mut lo_at, mut hi_at) = (None, None);
    for (i, atom) in candidates.iter().chain([&fixed]).enumerate() {
        if let Atom::Int(op, v) = *atom {
            if let Some((l, h)) = interval(op, v) {
                if l > lo {
                    (lo, lo_at) = (l, Some(i));
                }
                if h < hi {
                    (hi, hi_at) = (h, Some(i));
                }
            }
        }
    }
    let mut kept: Vec<usize> = lo_at.into_iter().chain(hi_at).collect();
    for (i, atom) in candidates.iter().enumerate() {
        if let Atom::Int(CompareOp::Ne, p) = *atom {
            let point = i128::from(p);
            if lo <= point && point <= hi && !candidates[..i].contains(atom) {
                kept.push(i);
            }
        }
    }
    // `fixed` is not a candidate.
    kept.retain(|&i| i < candidates.len());
    kept.sort_unstable();
    kept.dedup();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use CompareOp::*;

    fn int(atoms: &[(CompareOp, i64)]) -> bool {
        let atoms: Vec<Atom<'_>> = atoms.iter().map(|&(op, v)| Atom::Int(op, v)).collect();
        satisfiable(&atoms, None)
    }

    /// The bounds-based answer agrees with two satisfiability tests.
    #[test]
    fn some_and_all_agree_with_satisfiable() {
        let int_domains: [&[(i64, i64)]; 6] = [
            &[(0, 100)],
            &[(0, 0), (300, 399)],
            &[(1, 1), (3, 3), (5, 9)],
            &[(7, 7)],
            &[(i64::MIN, i64::MAX)],
            &[],
        ];
        let mut points = vec![i64::MIN, i64::MIN + 1, i64::MAX - 1, i64::MAX];
        for domain in int_domains {
            for &(a, b) in domain {
                for p in [a, b] {
                    points.extend([p.saturating_sub(1), p, p.saturating_add(1)]);
                }
            }
        }
        let mut cases: Vec<(Atom<'_>, Values)> = Vec::new();
        for domain in int_domains {
            for &v in &points {
                for op in CompareOp::ALL {
                    cases.push((Atom::Int(op, v), Values::Ints(domain)));
                }
            }
            cases.push((Atom::Str(true, "a"), Values::Ints(domain)));
        }
        let string_domains: [&[&str]; 4] = [&["a", "b"], &["a"], &["b", "c", "d"], &[]];
        for values in string_domains {
            for v in ["a", "b", "c", "d", ""] {
                for eq in [true, false] {
                    cases.push((Atom::Str(eq, v), Values::Strings(values)));
                }
            }
            cases.push((Atom::Int(Eq, 1), Values::Strings(values)));
        }
        for (atom, domain) in cases {
            let expected = (
                satisfiable(&[atom], Some(&domain)),
                !satisfiable(&[atom.negate()], Some(&domain)),
            );
            assert_eq!(
                some_and_all(atom, &domain),
                expected,
                "{atom:?} in {domain:?}"
            );
        }
    }

    #[test]
    fn independent_bounds_are_three_satisfiable_questions() {
        let values = [
            i64::MIN,
            i64::MIN + 1,
            -1,
            0,
            1,
            2,
            3,
            i64::MAX - 1,
            i64::MAX,
        ];
        let mut independent = 0;
        for op_a in CompareOp::ALL {
            for op_b in CompareOp::ALL {
                for &x in &values {
                    for &y in &values {
                        let (a, b) = (Atom::Int(op_a, x), Atom::Int(op_b, y));
                        let found = independent_bounds(a, b);
                        let bounds = [a, b]
                            .iter()
                            .all(|atom| matches!(atom, Atom::Int(op, _) if op.is_ordering()));
                        let expected = bounds
                            && satisfiable(&[a, b], None)
                            && satisfiable(&[a, b.negate()], None)
                            && satisfiable(&[b, a.negate()], None);
                        assert_eq!(found, expected, "{a:?} {b:?}");
                        independent += usize::from(found);
                    }
                }
            }
        }
        assert!(independent > 100, "{independent}");
        assert!(!independent_bounds(Atom::Str(true, "a"), Atom::Int(Lt, 3)));
    }

    #[test]
    fn integer_intervals() {
        assert!(!int(&[(Gt, 50), (Lt, 10)]));
        assert!(int(&[(Ge, 10), (Le, 10)]));
        assert!(!int(&[(Gt, 10), (Lt, 11)]));
        assert!(int(&[(Gt, 10), (Lt, 12)]));
        assert!(!int(&[(Eq, 3), (Eq, 4)]));
        assert!(int(&[(Eq, 3), (Eq, 3)]));
        assert!(!int(&[(Eq, 3), (Ne, 3)]));
        assert!(!int(&[(Ge, 1), (Le, 2), (Ne, 1), (Ne, 2)]));
        assert!(int(&[(Ge, 1), (Le, 3), (Ne, 1), (Ne, 2)]));
        // A repeated hole counts once.
        assert!(int(&[(Ge, 1), (Le, 2), (Ne, 1), (Ne, 1)]));
        // Holes outside the interval do not count.
        assert!(int(&[(Ge, 1), (Le, 1), (Ne, 0), (Ne, 2)]));
        assert!(int(&[(Ne, 5)]));
        assert!(int(&[]));
    }

    #[test]
    fn integer_extremes_do_not_overflow() {
        assert!(!int(&[(Gt, i64::MAX)]));
        assert!(!int(&[(Lt, i64::MIN)]));
        assert!(int(&[(Ge, i64::MAX)]));
        assert!(int(&[(Le, i64::MIN)]));
        assert!(int(&[(Ge, i64::MIN), (Le, i64::MAX)]));
        assert!(!int(&[(Ge, i64::MAX), (Ne, i64::MAX)]));
        assert!(int(&[(Ne, i64::MIN), (Ne, i64::MAX)]));
        assert!(!int(&[(Gt, i64::MAX - 1), (Ne, i64::MAX)]));
        // The whole i64 range minus a few points is far from empty.
        assert!(int(&[(Ne, 0), (Ne, 1), (Ne, -1)]));
    }

    #[test]
    fn integer_domains() {
        let http = Values::Ints(&[(0, 0), (100, 599)]);
        let sat = |atoms: &[Atom<'_>]| satisfiable(atoms, Some(&http));
        assert!(sat(&[Atom::Int(Eq, 0)]));
        assert!(!sat(&[Atom::Int(Eq, 50)]));
        assert!(!sat(&[Atom::Int(Ge, 600)]));
        assert!(!sat(&[Atom::Int(Gt, 0), Atom::Int(Lt, 100)]));
        assert!(sat(&[Atom::Int(Gt, 0), Atom::Int(Le, 100)]));
        assert!(!sat(&[Atom::Int(Le, 0), Atom::Int(Ne, 0)]));
        // `<> 700` is always true: its negation is outside the domain.
        assert!(!sat(&[Atom::Int(Ne, 700).negate()]));
    }

    #[test]
    fn negation_complements() {
        for op in CompareOp::ALL {
            for v in [-2, 0, 3] {
                let a = Atom::Int(op, v);
                assert_eq!(a.negate().negate(), a);
                // An atom and its negation never meet, and together they cover every value.
                assert!(!satisfiable(&[a, a.negate()], None));
                for x in -5..=5 {
                    let pin = Atom::Int(Eq, x);
                    assert!(satisfiable(&[a, pin], None) != satisfiable(&[a.negate(), pin], None));
                }
            }
        }
    }

    #[test]
    fn strings_and_booleans() {
        let s = |atoms: &[Atom<'_>]| satisfiable(atoms, None);
        assert!(!s(&[Atom::Str(true, "href"), Atom::Str(true, "rss")]));
        assert!(s(&[Atom::Str(true, "href"), Atom::Str(true, "href")]));
        assert!(!s(&[Atom::Str(true, "href"), Atom::Str(false, "href")]));
        assert!(s(&[Atom::Str(false, "href"), Atom::Str(false, "rss")]));
        assert!(s(&[Atom::Str(true, "href"), Atom::Str(false, "rss")]));
        let kinds = Values::Strings(&["a", "b"]);
        assert!(!satisfiable(
            &[Atom::Str(false, "a"), Atom::Str(false, "b")],
            Some(&kinds)
        ));
        assert!(!satisfiable(&[Atom::Str(true, "c")], Some(&kinds)));
        assert!(satisfiable(&[Atom::Str(false, "c")], Some(&kinds)));
        assert!(!s(&[Atom::Bool(true, true), Atom::Bool(true, false)]));
        assert!(!s(&[Atom::Bool(true, true), Atom::Bool(false, true)]));
        assert!(s(&[Atom::Bool(false, false), Atom::Bool(true, true)]));
        assert!(!s(&[Atom::Bool(false, false), Atom::Bool(false, true)]));
    }

    #[test]
    fn mixed_kinds_claim_nothing() {
        assert!(satisfiable(&[Atom::Int(Eq, 1), Atom::Str(true, "x")], None));
        assert!(satisfiable(&[Atom::Str(true, "x"), Atom::Int(Eq, 1)], None));
        assert!(satisfiable(
            &[Atom::Bool(true, true), Atom::Int(Eq, 1)],
            None
        ));
        // A domain of the wrong kind is ignored.
        assert!(satisfiable(
            &[Atom::Int(Eq, 5)],
            Some(&Values::Strings(&["a"]))
        ));
    }

    #[test]
    fn cores_are_minimal() {
        // The first candidate that alone conflicts.
        let atoms = [Atom::Int(Gt, 50), Atom::Int(Gt, 60), Atom::Int(Ne, 3)];
        assert_eq!(core(&atoms, Atom::Int(Lt, 10), None), vec![0]);
        let holes = [
            Atom::Int(Ge, 1),
            Atom::Int(Ne, 7),
            Atom::Int(Le, 2),
            Atom::Int(Ne, 1),
        ];
        assert_eq!(core(&holes, Atom::Int(Ne, 2), None), vec![0, 2, 3]);
        // One candidate alone conflicts: found without minimizing.
        let strings = [
            Atom::Str(false, "a"),
            Atom::Str(true, "b"),
            Atom::Str(true, "c"),
        ];
        assert_eq!(core(&strings, Atom::Str(true, "a"), None), vec![0]);
        // `fixed` alone is empty: nothing else is needed.
        assert!(core(&atoms, Atom::Int(Gt, i64::MAX), None).is_empty());
    }

    #[test]
    fn large_cores_stay_linear() {
        // 10 000 holes, 3 of them inside 1..=3, and the bounds: the core is those 5 atoms.
        let mut atoms: Vec<Atom<'_>> = (100..10_100).map(|p| Atom::Int(Ne, p)).collect();
        atoms.extend([
            Atom::Int(Ge, 1),
            Atom::Int(Ne, 1),
            Atom::Int(Ne, 2),
            Atom::Int(Le, 3),
        ]);
        assert!(!satisfiable(
            &[&atoms[..], &[Atom::Int(Ne, 3)]].concat(),
            None
        ));
        let found = core(&atoms, Atom::Int(Ne, 3), None);
        assert_eq!(found, vec![10_000, 10_001, 10_002, 10_003]);
    }
}
