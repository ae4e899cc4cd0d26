//! Byte spans into the filter text.

use std::ops::Range;

/// A half-open byte range `start..end` into the text a node was parsed from.
///
/// Spans always lie on UTF-8 character boundaries of that text.
///
/// ```
/// use ahrefs_filter::Span;
/// let span = Span::new(2, 5);
/// assert_eq!(&"a>\"xy\""[span.range()], "\"xy");
/// assert_eq!(span.len(), 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The empty span at `offset`, for "something is missing here".
    pub const fn empty(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// Length in bytes (0 for a reversed span, which only a hand-built AST can hold).
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The span as a `Range`, for slicing the source text.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when `other` lies inside `self` (bounds included).
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start.into(), span.len())
    }
}

/// Anything in the AST that knows where it came from.
pub trait Ranged {
    /// The node's byte span in the source text.
    fn span(&self) -> Span;
}
