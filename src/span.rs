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
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// The longest text spans can address, in bytes: offsets are 32-bit, as in ruff and
    /// rust-analyzer, which halves every span and keeps a condition's node at 96 bytes.
    /// The parser and the request linter refuse longer input with a diagnostic.
    pub const MAX_TEXT_LEN: usize = u32::MAX as usize;

    /// A span from `start` to `end` (exclusive).
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    /// The empty span at `offset`, for "something is missing here".
    pub const fn empty(offset: u32) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// A span from `usize` offsets into a text no longer than [`Span::MAX_TEXT_LEN`],
    /// which every caller has checked at its entry point.
    pub(crate) const fn at(start: usize, end: usize) -> Self {
        debug_assert!(start <= Span::MAX_TEXT_LEN && end <= Span::MAX_TEXT_LEN);
        Span::new(start as u32, end as u32)
    }

    /// Length in bytes (0 for a reversed span, which only a hand-built AST can hold).
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The span as a `Range`, for slicing the source text.
    pub const fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
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

impl From<Range<u32>> for Span {
    /// ```
    /// use ahrefs_filter::Span;
    /// assert_eq!(Span::from(2..5), Span::new(2, 5));
    /// ```
    fn from(range: Range<u32>) -> Self {
        Span::new(range.start, range.end)
    }
}

impl TryFrom<Range<usize>> for Span {
    type Error = std::num::TryFromIntError;

    /// The span of a byte range, if both ends fit 32 bits.
    ///
    /// ```
    /// use ahrefs_filter::Span;
    /// assert_eq!(Span::try_from(2..5usize), Ok(Span::new(2, 5)));
    /// assert!(Span::try_from(0..1usize << 32).is_err());
    /// ```
    fn try_from(range: Range<usize>) -> Result<Self, Self::Error> {
        Ok(Span::new(range.start.try_into()?, range.end.try_into()?))
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new((span.start as usize).into(), span.len())
    }
}

/// Anything in the AST that knows where it came from.
pub trait Ranged {
    /// The node's byte span in the source text.
    fn span(&self) -> Span;
}
