//! The text to delete to remove conditions from a filter, for the fixes that drop or move
//! them.

use crate::span::{Ranged, Span};
use crate::syntax::Filter;

/// The span whose deletion removes the condition at `index`: the condition and the comma on
/// one side of it (the whole filter if it is the only condition).
pub(crate) fn removal_at(filter: &Filter<'_>, index: usize) -> Span {
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

/// Non-overlapping spans whose deletion removes the conditions at `indices` (sorted) and
/// their commas: each condition with the comma after it, except a run that ends the filter,
/// which goes with the comma before it.
pub(crate) fn removals(filter: &Filter<'_>, indices: &[usize]) -> Vec<Span> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    /// `text` with the spans deleted.
    fn without(text: &str, mut spans: Vec<Span>) -> String {
        spans.sort();
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "{text}");
        let (mut out, mut at) = (String::new(), 0);
        for span in spans {
            out.push_str(&text[at..span.start as usize]);
            at = span.end as usize;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn removing_a_condition_takes_one_comma() {
        let removed = |text: &str, i| without(text, vec![removal_at(&parse(text).unwrap(), i)]);
        assert_eq!(removed("a=1,b=2,c=3", 0), "b=2,c=3");
        assert_eq!(removed("a=1,b=2,c=3", 1), "a=1,c=3");
        assert_eq!(removed("a=1,b=2,c=3", 2), "a=1,b=2");
        assert_eq!(removed(" a=1 ", 0), "");
        assert_eq!(removed("a=1 , b=2", 1), "a=1");
        assert_eq!(removed(" a=1,b=2 ,c=3 ", 0), "b=2 ,c=3 ");
    }

    #[test]
    fn removing_several_conditions() {
        let removed =
            |text: &str, indices: &[usize]| without(text, removals(&parse(text).unwrap(), indices));
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[1, 2]), "a=1,d=4");
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[2, 3]), "a=1,b=2");
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[1, 3]), "a=1,c=3");
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[0, 3]), "b=2,c=3");
        assert_eq!(removed("a=1,b=2,c=3,d=4", &[0, 1, 2, 3]), "");
        assert_eq!(removed("a=1 , b=2 , c=3", &[1, 2]), "a=1");
        assert_eq!(removed("a=1,b=2", &[1]), "a=1");
        assert_eq!(removed("a=1,b=2", &[]), "a=1,b=2");
    }
}
