//! The percent decoder of query names and values, which keeps byte positions.
//!
//! Hand-written on purpose: the decoders of the `percent-encoding` and `form_urlencoded`
//! crates yield decoded bytes only (a bad `%` escape passes through unreported, bytes that
//! are not UTF-8 become U+FFFD), and none maps an offset in the decoded text back to the
//! raw one. The lint needs both: a bad escape is an error at its byte position in the
//! request, and a problem found in a decoded `select` or `order_by` item is reported at the
//! raw bytes it came from ([`raw_offset`]).

use std::borrow::Cow;

use memchr::{memchr, memchr2};

use super::capped::Capped;
use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;

/// A percent-decoding problem.
pub(super) struct BadEncoding<'a> {
    /// Where, in the request.
    span: Span,
    /// The parameter whose value holds it, or `None` when it is in a parameter name.
    name: Option<Cow<'a, str>>,
    /// Not a bad escape but bytes that are not UTF-8 once decoded.
    not_utf8: bool,
}

impl From<BadEncoding<'_>> for Diagnostic {
    fn from(bad: BadEncoding<'_>) -> Diagnostic {
        let what = match &bad.name {
            None => "a parameter name".to_owned(),
            Some(name) => format!("the value of `{name}`"),
        };
        let position = bad.span.start;
        if bad.not_utf8 {
            Diagnostic::new(
                Code::PercentEncoding,
                bad.span,
                format!("{what} is not UTF-8 once percent-decoded (byte {position})"),
            )
            .with_label("not part of a UTF-8 character")
            .with_help("v2 parameters are UTF-8, percent-encoded byte by byte")
        } else {
            Diagnostic::new(
                Code::PercentEncoding,
                bad.span,
                format!(
                    "invalid percent escape in {what} at byte {position}: `%` must be followed by two hex digits"
                ),
            )
            .with_label("not a `%XX` escape")
            .with_help("write a literal `%` as `%25`")
        }
    }
}

/// Percent-decodes `raw` (which starts at `base` in the request), `+` as a space. A `%` not
/// followed by two hex digits is kept as it is and reported; a result that is not UTF-8 is
/// reported and gives `None`. `name` is the parameter whose value `raw` is, `None` for a
/// parameter name.
pub(super) fn decode<'a>(
    raw: &'a str,
    base: usize,
    name: Option<&Cow<'a, str>>,
    bad: &mut Capped<BadEncoding<'a>>,
) -> Option<Cow<'a, str>> {
    let bytes = raw.as_bytes();
    let Some(i) = memchr2(b'%', b'+', bytes) else {
        return Some(Cow::Borrowed(raw));
    };
    // Filters are mostly escapes (`%3E10%2C`), so this is a plain loop over the bytes,
    // taking them off the front of the rest without index checks.
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..i]);
    let mut rest = &bytes[i..];
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        out.push(match b {
            b'%' => match *tail {
                [high, low, ref after @ ..]
                    if HEX[usize::from(high)] | HEX[usize::from(low)] < 16 =>
                {
                    rest = after;
                    HEX[usize::from(high)] << 4 | HEX[usize::from(low)]
                }
                _ => {
                    // Cover the `%` and what should have been its two digits, on char
                    // boundaries.
                    let at = bytes.len() - tail.len() - 1;
                    let mut end = (at + 3).min(bytes.len());
                    while !raw.is_char_boundary(end) {
                        end -= 1;
                    }
                    bad.push_with(|| BadEncoding {
                        span: Span::at(base + at, base + end),
                        name: name.cloned(),
                        not_utf8: false,
                    });
                    b'%'
                }
            },
            b'+' => b' ',
            b => b,
        });
    }
    match String::from_utf8(out) {
        Ok(text) => Some(Cow::Owned(text)),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            bad.push(BadEncoding {
                span: Span::at(base + raw_offset(raw, at), base + raw_offset(raw, at + 1)),
                name: name.cloned(),
                not_utf8: true,
            });
            None
        }
    }
}

/// The value of each hex digit; 16 for any other byte.
const HEX: [u8; 256] = {
    let mut table = [16; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

fn hex(byte: Option<&u8>) -> Option<u8> {
    Some(HEX[usize::from(*byte?)]).filter(|&value| value < 16)
}

/// True when the bytes of `raw` from `i` on start with a valid `%XX` escape.
fn escape_at(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'%' && hex(bytes.get(i + 1)).is_some() && hex(bytes.get(i + 2)).is_some()
}

/// True when `raw` has a `%` not followed by two hex digits.
pub(super) fn has_bad_escape(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr(b'%', &bytes[from..]) {
        if !escape_at(bytes, from + i) {
            return true;
        }
        from += i + 1;
    }
    false
}

/// The offset in `raw` of the decoded byte `decoded`.
pub(super) fn raw_offset(raw: &str, decoded: usize) -> usize {
    let bytes = raw.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() && n < decoded {
        i += if escape_at(bytes, i) { 3 } else { 1 };
        n += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(raw: &str) -> (Option<Cow<'_, str>>, Vec<Diagnostic>) {
        let mut bad = Capped::new();
        let text = decode(raw, 10, Some(&Cow::Borrowed("where")), &mut bad);
        let mut out = Vec::new();
        bad.drain_into(&mut out, "problems");
        (text, out)
    }

    #[test]
    fn text_without_escapes_is_borrowed() {
        assert!(matches!(decoded("abc=d").0, Some(Cow::Borrowed("abc=d"))));
    }

    #[test]
    fn escapes_and_pluses_decode() {
        assert_eq!(decoded("a%3Eb+c%2c").0.as_deref(), Some("a>b c,"));
        assert_eq!(decoded("%C3%A9").0.as_deref(), Some("é"));
    }

    #[test]
    fn a_bad_escape_is_kept_and_reported_at_its_position_in_the_request() {
        // `raw` starts at byte 10: the `%` of `%zz` is raw byte 1, request byte 11.
        let (text, problems) = decoded("a%zzb%");
        assert_eq!(text.as_deref(), Some("a%zzb%"));
        let spans: Vec<_> = problems.iter().map(|d| d.span.unwrap().range()).collect();
        assert_eq!(spans, [11..14, 15..16]);
        assert!(problems[0].message.contains("value of `where` at byte 11"));
    }

    #[test]
    fn bytes_that_are_not_utf8_give_none_and_an_error_at_their_escape() {
        // `a` then `%FF` at raw 1..4.
        let (text, problems) = decoded("a%FFb");
        assert_eq!(text, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].span.unwrap().range(), 11..14);
        assert!(problems[0].message.contains("not UTF-8"));
    }

    #[test]
    fn bad_escapes_are_found() {
        for bad in ["%", "a%", "%z1", "%1", "%%41", "%41%4"] {
            assert!(has_bad_escape(bad), "{bad}");
        }
        for good in ["", "abc", "%41", "%41%42x", "+"] {
            assert!(!has_bad_escape(good), "{good}");
        }
    }

    #[test]
    fn raw_offsets_skip_escapes() {
        assert_eq!(raw_offset("a%3Eb", 0), 0);
        assert_eq!(raw_offset("a%3Eb", 1), 1);
        assert_eq!(raw_offset("a%3Eb", 2), 4);
        assert_eq!(raw_offset("a%3Eb", 3), 5);
        assert_eq!(raw_offset("a%zb", 2), 2);
        assert_eq!(raw_offset("ab", 10), 2);
    }
}
