//! Applying the machine-applicable fixes of a report to a request.

use super::{Checker, Request};
use crate::diagnostics::{Clause, Diagnostic, Edit};
use crate::syntax::{parse, Span};

/// A request after every applicable fix, filters in canonical form where they parse.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FixedRequest {
    /// The fixed `where` (`None` when it was absent or every condition moved out).
    pub where_filter: Option<String>,
    /// The fixed `having`.
    pub having_filter: Option<String>,
    /// How many fixes were applied.
    pub applied: usize,
    /// What the fixed request still has to be fixed by hand: its diagnostics, as
    /// [`Checker::check`] reports them.
    pub left: Vec<Diagnostic>,
}

impl FixedRequest {
    /// The fixed filter of `clause`.
    pub fn filter(&self, clause: Clause) -> Option<&str> {
        match clause {
            Clause::Where => self.where_filter.as_deref(),
            Clause::Having => self.having_filter.as_deref(),
        }
    }
}

/// Each pass applies every non-overlapping fix; a fix can expose another (a quoted bare word
/// may then need unquoting), so passes repeat until none is left. Every fix removes its
/// diagnostic, so few passes are ever needed; the bound only guards against a cycle.
const MAX_PASSES: usize = 8;

pub(super) fn apply(checker: &Checker, request: &Request<'_>) -> FixedRequest {
    let mut texts = [
        request.where_filter.map(str::to_owned),
        request.having_filter.map(str::to_owned),
    ];
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let current = Request {
            table: request.table,
            where_filter: texts[0].as_deref(),
            having_filter: texts[1].as_deref(),
        };
        let report = checker.check(&current);
        let mut next = texts.clone();
        let mut appended: [Vec<String>; 2] = Default::default();
        let mut changed = 0;
        for (slot, clause) in [Clause::Where, Clause::Having].into_iter().enumerate() {
            let Some(text) = texts[slot].as_deref() else {
                continue;
            };
            let fixes = report
                .diagnostics
                .iter()
                .filter(|d| d.clause == Some(clause));
            let (edited, count) = edit(text, fixes, &mut appended);
            if count > 0 {
                next[slot] = Some(edited);
                changed += count;
            }
        }
        for (slot, conditions) in appended.into_iter().enumerate() {
            for condition in conditions {
                next[slot] = Some(match next[slot].take().filter(|t| !t.trim().is_empty()) {
                    Some(text) => format!("{text},{condition}"),
                    None => condition,
                });
            }
        }
        for text in &mut next {
            if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
                *text = None;
            }
        }
        texts = next;
        applied += changed;
        if changed == 0 {
            break;
        }
    }
    let [where_filter, having_filter] = texts.map(|t| t.map(|t| canonical(&t)));
    let fixed = Request {
        table: request.table,
        where_filter: where_filter.as_deref(),
        having_filter: having_filter.as_deref(),
    };
    let left = checker.check(&fixed).diagnostics;
    FixedRequest {
        where_filter,
        having_filter,
        applied,
        left,
    }
}

/// Applies the replacement edits of `diagnostics`' fixes to `text`, skipping any fix whose
/// edits overlap one already taken or do not fit the text; collects appended conditions.
fn edit<'d>(
    text: &str,
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
    appended: &mut [Vec<String>; 2],
) -> (String, usize) {
    let mut taken: Vec<(Span, &str)> = Vec::new();
    let mut count = 0;
    // Only safe fixes are applied without a person looking at them.
    for fix in diagnostics
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.is_safe())
    {
        let replacements: Vec<(Span, &str)> = fix
            .edits
            .iter()
            .filter_map(|e| match e {
                Edit::Replace { span, text } => Some((*span, &**text)),
                Edit::AppendCondition { .. } => None,
            })
            .collect();
        let fits = replacements.iter().all(|(span, _)| {
            let range = span.range();
            range.start <= range.end
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
                && range.end <= text.len()
                && !taken.iter().any(|(t, _)| overlaps(*t, *span))
        });
        if !fits {
            continue;
        }
        taken.extend(replacements);
        for e in &fix.edits {
            if let Edit::AppendCondition { clause, condition } = e {
                appended[usize::from(*clause == Clause::Having)].push(condition.clone());
            }
        }
        count += 1;
    }
    taken.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, replacement) in taken {
        out.push_str(&text[at..span.start as usize]);
        out.push_str(replacement);
        at = span.end as usize;
    }
    out.push_str(&text[at..]);
    (out, count)
}

/// Two spans overlap when they share a byte, or are both insertions at one place.
fn overlaps(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end)
        || (a.is_empty() && b.is_empty() && a.start == b.start)
        || (a.is_empty() && b.start < a.start && a.start < b.end)
        || (b.is_empty() && a.start < b.start && b.start < a.end)
}

fn canonical(text: &str) -> String {
    parse(text).map_or_else(|_| text.to_owned(), |f| f.canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_rules() {
        assert!(overlaps(Span::new(0, 3), Span::new(2, 5)));
        assert!(!overlaps(Span::new(0, 3), Span::new(3, 5)));
        assert!(overlaps(Span::new(2, 2), Span::new(2, 2)));
        assert!(overlaps(Span::new(2, 2), Span::new(0, 4)));
        assert!(!overlaps(Span::new(0, 2), Span::new(2, 2)));
    }
}
