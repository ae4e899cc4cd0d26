//! Finding the query of a request and splitting it into its `&`-separated segments.

use memchr::{memchr, memchr2};

use super::names::known;

/// The query part of `input` and its offset: what follows the first `?`, unless what
/// precedes it already looks like a query (holds `=` or `&`), in which case the whole input.
pub(super) fn split_query(input: &str) -> (&str, usize) {
    let bytes = input.as_bytes();
    match memchr(b'?', bytes) {
        Some(at) if memchr2(b'=', b'&', &bytes[..at]).is_none() => (&input[at + 1..], at + 1),
        _ if memchr2(b'=', b'&', bytes).is_some() => (input, 0),
        // A bare URL without a query: no parameters.
        _ => ("", input.len()),
    }
}

/// One non-empty `&`-separated part of a query, as offsets into the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Segment {
    pub(super) start: usize,
    /// Its first `=`, if it has one.
    pub(super) eq: Option<usize>,
    pub(super) end: usize,
    /// The v2 parameter its raw name is, if it is one: names are matched once per request.
    pub(super) index: Option<usize>,
}

/// The non-empty `&`-separated segments of `input[start..]`.
pub(super) struct Split<'a> {
    input: &'a str,
    start: usize,
}

impl<'a> Split<'a> {
    pub(super) fn new(input: &'a str, start: usize) -> Self {
        Split { input, start }
    }
}

impl Iterator for Split<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        let bytes = self.input.as_bytes();
        while self.start <= bytes.len() {
            let start = self.start;
            let end = memchr(b'&', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            self.start = end + 1;
            if start < end {
                let eq = memchr(b'=', &bytes[start..end]).map(|i| start + i);
                return Some(Segment {
                    start,
                    eq,
                    end,
                    index: known(&self.input[start..eq.unwrap_or(end)]),
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_found() {
        assert_eq!(split_query("https://x/?a=1"), ("a=1", 11));
        assert_eq!(split_query("?a=1"), ("a=1", 1));
        assert_eq!(split_query("a=1&b=?"), ("a=1&b=?", 0));
        assert_eq!(split_query("https://x/"), ("", 10));
        assert_eq!(split_query(""), ("", 0));
    }

    #[test]
    fn empty_segments_are_skipped_and_names_matched() {
        // "&&from=a&&x&" : `from=a` is bytes 2..8 with its `=` at 6, `x` is 10..11.
        let segments: Vec<Segment> = Split::new("&&from=a&&x&", 0).collect();
        assert_eq!(
            segments,
            [
                Segment {
                    start: 2,
                    eq: Some(6),
                    end: 8,
                    index: known("from"),
                },
                Segment {
                    start: 10,
                    eq: None,
                    end: 11,
                    index: None,
                },
            ]
        );
        // Only the first `=` counts; the split starts where it is told.
        let segments: Vec<Segment> = Split::new("?where=a=b", 1).collect();
        assert_eq!(segments[0].eq, Some(6));
        assert_eq!(segments[0].index, known("where"));
        assert_eq!(Split::new("", 0).count(), 0);
        assert_eq!(Split::new("a=1", 3).count(), 0);
        assert_eq!(Split::new("a=1", 4).count(), 0);
        let ends: Vec<_> = Split::new("=&a==b&", 0)
            .map(|s| (s.start, s.eq, s.end))
            .collect();
        assert_eq!(ends, [(0, Some(0), 1), (2, Some(3), 6)]);
    }
}
