//! A condition as the lints see it: its resolved column and what it compares.

use super::sets::Atom;
use crate::check::view::{Operand, Resolved};
use crate::schema::{ColumnDef, ColumnType};
use crate::syntax::{CompareOp, Condition, FunctionName};

/// A condition the type rules accept, on a column the clause allows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subject<'t, 'f> {
    /// The condition's position in the filter.
    pub(crate) index: usize,
    /// The column's position in the table (cheaper to sort by than its name).
    pub(crate) position: usize,
    /// The column: its name, type and documented domain.
    pub(crate) def: &'t ColumnDef,
    /// What `duplicate` compares, and the set of values, if the condition is one.
    pub(crate) key: Key<'f>,
    /// What the lints of the condition alone found.
    pub(crate) verdict: Verdict,
    /// The same condition occurs earlier.
    pub(crate) duplicate: bool,
}

impl<'f> Subject<'_, 'f> {
    /// The values the condition accepts; `None` for conditions compared only as text.
    pub(crate) fn atom(&self) -> Option<Atom<'f>> {
        match self.key {
            Key::Set(atom) => Some(atom),
            Key::Call(..) | Key::Ordering(..) => None,
        }
    }
}

/// What makes two conditions on one column the same for `duplicate`: their value set, or,
/// for conditions compared only as text, the function or operator and the string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key<'f> {
    Set(Atom<'f>),
    Call(FunctionName, &'f str),
    Ordering(CompareOp, &'f str),
}

/// What the lints of one condition found.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Verdict {
    /// No documented value satisfies the condition (`impossible-value` or `future-date`).
    pub(crate) impossible: bool,
    /// Every documented value satisfies it (`always-true`).
    pub(crate) always_true: bool,
}

/// The condition at `index` on `column` as the lints see it, given the value the type rules
/// read from its literal; `None` when the lints have nothing to say about it (`=`/`<>` are
/// the only operators on booleans, and the rules reject the others).
pub(crate) fn subject<'t, 'f>(
    index: usize,
    column: Resolved<'t>,
    condition: &Condition<'_>,
    operand: Operand<'f>,
) -> Option<Subject<'t, 'f>> {
    let key = match condition {
        Condition::Comparison(c) => {
            let op = c.operator.kind;
            match (column.def.ty, operand) {
                // `<` and `>` on strings are compared as text only.
                (ColumnType::String, Operand::Str(s)) if op.is_ordering() => Key::Ordering(op, s),
                (_, operand) => Key::Set(atom(op, operand)?),
            }
        }
        Condition::Call(c) => match operand {
            Operand::Str(s) => Key::Call(c.function.name, s),
            Operand::Int(_) | Operand::Date(_) | Operand::Bool(_) => return None,
        },
    };
    Some(Subject {
        index,
        position: column.position,
        def: column.def,
        key,
        verdict: Verdict::default(),
        duplicate: false,
    })
}

/// The set of values `op operand` accepts.
fn atom(op: CompareOp, operand: Operand<'_>) -> Option<Atom<'_>> {
    let eq = match op {
        CompareOp::Eq => Some(true),
        CompareOp::Ne => Some(false),
        _ => None,
    };
    Some(match operand {
        Operand::Int(n) => Atom::Int(op, n),
        Operand::Date(date) => Atom::Int(op, date.unix_days()),
        Operand::Str(s) => Atom::Str(eq?, s),
        Operand::Bool(b) => Atom::Bool(eq?, b),
    })
}
