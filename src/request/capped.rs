//! Lists of problems that stop growing: a hostile request costs a count, not a diagnostic
//! per problem.

use crate::diagnostics::{Code, Diagnostic};

/// How many problems of one kind a request lists before the rest are only counted.
pub(super) const MAX_LISTED: usize = 1000;

/// Problems of one kind: the first [`MAX_LISTED`] are kept and the rest only counted, so a
/// hostile request (a million `&x`, 100,000 unknown columns in `select`) costs a count, not
/// a diagnostic each.
pub(super) struct Capped<T> {
    kept: Vec<T>,
    more: usize,
}

impl<T> Capped<T> {
    pub(super) fn new() -> Self {
        Capped {
            kept: Vec::new(),
            more: 0,
        }
    }

    /// Keeps what `make` builds, or only counts it once the list is full (so a counted
    /// problem costs no formatting either).
    pub(super) fn push_with(&mut self, make: impl FnOnce() -> T) {
        if self.kept.len() < MAX_LISTED {
            self.kept.push(make());
        } else {
            self.more += 1;
        }
    }

    pub(super) fn push(&mut self, item: T) {
        self.push_with(|| item);
    }

    /// Moves the kept diagnostics into `out`, then one `truncated` warning that counts the
    /// rest, described as `what`.
    pub(super) fn drain_into(self, out: &mut Vec<Diagnostic>, what: &str)
    where
        T: Into<Diagnostic>,
    {
        out.extend(self.kept.into_iter().map(Into::into));
        if self.more > 0 {
            out.push(Diagnostic::new(
                Code::Truncated,
                None,
                format!("{} more {what} are not listed", self.more),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_thousand_are_kept_and_the_rest_counted() {
        let mut capped = Capped::new();
        for i in 0..MAX_LISTED + 5 {
            capped.push(Diagnostic::new(
                Code::UnknownParameter,
                None,
                format!("{i}"),
            ));
        }
        let mut out = Vec::new();
        capped.drain_into(&mut out, "unknown parameters");
        assert_eq!(out.len(), 1001);
        assert_eq!(out[999].message, "999");
        assert_eq!(out[1000].code, Code::Truncated);
        assert_eq!(
            out[1000].message,
            "5 more unknown parameters are not listed"
        );
    }

    #[test]
    fn a_counted_problem_is_never_built() {
        let mut capped = Capped::<Diagnostic>::new();
        for _ in 0..MAX_LISTED {
            capped.push_with(|| Diagnostic::new(Code::UnknownParameter, None, "x"));
        }
        capped.push_with(|| panic!("built past the cap"));
        let mut out = Vec::new();
        capped.drain_into(&mut out, "x");
        assert_eq!(out.len(), MAX_LISTED + 1);
    }
}
