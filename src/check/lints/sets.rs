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

use std::borrow::Cow;

use crate::schema::Values;
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
                Some(Values::Strings(values)) => Some(&**values),
                _ => None,
            },
        ),
        Some(Atom::Bool(..)) => booleans(atoms),
    }
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

fn strings(atoms: &[Atom<'_>], domain: Option<&[Cow<'static, str>]>) -> bool {
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
        (Some(v), Some(values)) => {
            accepted(v) && values.binary_search_by(|value| (**value).cmp(v)).is_ok()
        }
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
        let http = Values::Ints(Cow::Borrowed(&[(0, 0), (100, 599)]));
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
        let kinds = Values::strings(["a", "b"]);
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
            Some(&Values::strings(["a"]))
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
