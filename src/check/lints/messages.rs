//! The words of the lints: each diagnostic's message, label, help and fix.

use super::sets::Atom;
use super::subject::Subject;
use crate::check::date::Date;
use crate::check::spans::{removal_at, removals};
use crate::diagnostics::{Code, Diagnostic, Edit, Fix};
use crate::print::quote;
use crate::schema::{Domain, Values};
use crate::span::Ranged;
use crate::syntax::{Condition, Filter};

#[cold]
pub(super) fn future_date(
    filter: &Filter<'_>,
    subject: &Subject<'_, '_>,
    today: Date,
) -> Option<Diagnostic> {
    let condition = filter.conditions.get(subject.index)?;
    let column = &subject.def.name;
    Some(Diagnostic::new(
        Code::FutureDate,
        condition.literal().span,
        format!("`{condition}` matches no row: it asks for `{column}` dates after today, {today}"),
    )
    .with_label("no row has a date after today")
    .with_help(format!(
        "`{column}` records when something already happened, so no row has a date after {today}; check the year, or compare with an earlier date"
    )))
}

/// The documented spelling of a string value written in another case, if there is one: its
/// ASCII-lowercase form, when that and not the value is one of the domain's strings.
fn respelled(domain: &Domain, atom: Atom<'_>) -> Option<String> {
    let (Values::Strings(_), Atom::Str(_, value)) = (&domain.values, atom) else {
        return None;
    };
    if !value.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    domain.values.contains_str(&lower).then_some(lower)
}

fn drop_fix(filter: &Filter<'_>, index: usize, condition: &Condition<'_>) -> Fix {
    Fix::replace(format!("drop `{condition}`"), removal_at(filter, index), "")
}

#[cold]
pub(super) fn impossible_value(
    filter: &Filter<'_>,
    subject: &Subject<'_, '_>,
    domain: &Domain,
    atom: Atom<'_>,
) -> Option<Diagnostic> {
    let condition = filter.conditions.get(subject.index)?;
    let column = &subject.def.name;
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
    Some(match respelled(domain, atom) {
        Some(value) => {
            let value = quote(&value);
            diagnostic
                .with_help(format!("did you mean {value}? {why}"))
                .with_fix(Fix::replace(format!("write {value}"), literal.span, value))
        }
        None => diagnostic.with_help(format!("{why}; change the value or drop the condition")),
    })
}

#[cold]
pub(super) fn always_true(
    filter: &Filter<'_>,
    subject: &Subject<'_, '_>,
    domain: &Domain,
    atom: Atom<'_>,
) -> Option<Diagnostic> {
    let (index, column) = (subject.index, &subject.def.name);
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
pub(super) fn duplicates(
    filter: &Filter<'_>,
    first: usize,
    repeats: &[usize],
) -> Option<Diagnostic> {
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

pub(super) fn unsatisfiable(
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

pub(super) fn impossible_together(
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

pub(super) fn redundant(
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
