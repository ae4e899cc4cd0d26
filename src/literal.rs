//! String literals of the filter language: reading them (the parser) and writing them (the
//! printer), so the escape set lives in one place.
//!
//! A literal is `"` … `"`; inside, `\"`, `\\`, `\'` and `\0` are the escapes (what PHP's
//! `addslashes` emits). The canonical form escapes only `"`, `\` and NUL.

use std::borrow::Cow;
use std::fmt::{self, Write};

/// The character an escape `\c` stands for, for each `c` the language knows.
fn escaped(c: u8) -> Option<char> {
    match c {
        b'"' => Some('"'),
        b'\\' => Some('\\'),
        b'\'' => Some('\''),
        b'0' => Some('\0'),
        _ => None,
    }
}

/// Why a string literal does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BadString {
    /// No closing quote.
    Unterminated,
    /// An unknown escape, with the offset of its backslash.
    InvalidEscape(usize),
}

/// The string literal whose opening quote is at `open` in `src`: its unescaped value
/// (borrowed when it has no escapes) and the offset just past its closing quote.
pub(crate) fn read(src: &str, open: usize) -> Result<(Cow<'_, str>, usize), BadString> {
    let bytes = src.as_bytes();
    let body = open + 1;
    let special = next_special(bytes, body).ok_or(BadString::Unterminated)?;
    if bytes[special] == b'"' {
        return Ok((Cow::Borrowed(&src[body..special]), special + 1));
    }
    read_escaped(src, body, special)
}

/// The first `"` or `\` at or after `from`.
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr2(b'"', b'\\', bytes.get(from..)?).map(|i| from + i)
}

/// [`read`] for a literal with an escape: the body starts at `body`, the first backslash is
/// at `backslash`. Kept apart so the common case (no escape) stays short.
#[inline(never)]
fn read_escaped(
    src: &str,
    body: usize,
    backslash: usize,
) -> Result<(Cow<'_, str>, usize), BadString> {
    let bytes = src.as_bytes();
    let mut owned = String::with_capacity(backslash - body + 16);
    let (mut segment, mut special) = (body, backslash);
    loop {
        owned.push_str(&src[segment..special]);
        if bytes[special] == b'"' {
            return Ok((Cow::Owned(owned), special + 1));
        }
        let Some(&c) = bytes.get(special + 1) else {
            return Err(BadString::Unterminated);
        };
        owned.push(escaped(c).ok_or(BadString::InvalidEscape(special))?);
        segment = special + 2;
        special = next_special(bytes, segment).ok_or(BadString::Unterminated)?;
    }
}

/// The offset just past the closing quote of the string opened at `open`, skipping any
/// escape (known or not), or `None` when it never closes.
pub(crate) fn end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut at = open + 1;
    loop {
        let special = next_special(bytes, at)?;
        if bytes[special] == b'"' {
            return Some(special + 1);
        }
        at = special + 2;
    }
}

/// Writes `s` as a canonical literal: in double quotes, with `"`, `\` and NUL escaped.
pub(crate) fn write_quoted(out: &mut impl Write, s: &str) -> fmt::Result {
    out.write_char('"')?;
    let mut plain = 0;
    for at in memchr::memchr3_iter(b'"', b'\\', 0, s.as_bytes()) {
        out.write_str(&s[plain..at])?;
        out.write_str(match s.as_bytes()[at] {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            _ => "\\0",
        })?;
        plain = at + 1;
    }
    out.write_str(&s[plain..])?;
    out.write_char('"')
}

/// `s` as a canonical string literal (see [`write_quoted`]).
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    // Writing into a String cannot fail.
    let _ = write_quoted(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_exactly_three_characters() {
        assert_eq!(quote(""), "\"\"");
        assert_eq!(quote("a\0b"), "\"a\\0b\"");
        assert_eq!(quote("'\n\t"), "\"'\n\t\"");
        assert_eq!(quote("ü\"ü"), "\"ü\\\"ü\"");
        assert_eq!(quote(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
    }

    #[test]
    fn reading_unescapes_the_four_escapes() {
        let cases = [
            (r#""plain""#, "plain", 7),
            (r#""it\'s""#, "it's", 7),
            (r#""a\"b\\c\0""#, "a\"b\\c\0", 11),
            (r#""é""#, "é", 4),
        ];
        for (src, value, end) in cases {
            assert_eq!(read(src, 0), Ok((value.into(), end)), "{src}");
        }
        assert!(matches!(read(r#""x""#, 0), Ok((Cow::Borrowed("x"), 3))));
        assert_eq!(read(r#""x\n""#, 0), Err(BadString::InvalidEscape(2)));
        assert_eq!(read(r#""open"#, 0), Err(BadString::Unterminated));
        assert_eq!(read(r#""ends\"#, 0), Err(BadString::Unterminated));
    }

    #[test]
    fn reading_what_quote_wrote_gives_the_text_back() {
        for text in ["", "a\"b", "\\", "\0", "x,y(z)", "日本"] {
            let quoted = quote(text);
            assert_eq!(
                read(&quoted, 0),
                Ok((text.into(), quoted.len())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_end_skips_every_escape() {
        assert_eq!(end(br#""a\"b",x"#, 0), Some(6));
        assert_eq!(end(br#""a\qb""#, 0), Some(6));
        assert_eq!(end(br#""never"#, 0), None);
    }
}
