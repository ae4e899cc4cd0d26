//! The JSON shapes of spec §6, written by hand: the `url -` stream writes millions of these
//! lines, and a direct writer with a word-at-a-time string escaper is several times faster
//! than going through `serde`.
//!
//! Shapes:
//! - diagnostic: `{"severity","code","message","clause","span":{"start","end"}|null,"help"}`;
//! - `check`: `{"table","diagnostics","canonical":{"where","having"}}`, plus
//!   `"fixed":{"where","having","applied"}` with `--fix`;
//! - `url`: `{"line" (stdin only),"url","table","diagnostics","canonical","decoded"}`.

use crate::decimal;
use ahrefs_filter::check::{FixedRequest, Report};
use ahrefs_filter::request::UrlReport;
use ahrefs_filter::Diagnostic;

/// Appends `check`'s object for `report` (and the fixed request) and a newline.
pub fn check(out: &mut Vec<u8>, report: &Report, fixed: Option<&FixedRequest>) {
    out.extend_from_slice(b"{\"table\":");
    string(out, &report.table);
    out.extend_from_slice(b",\"diagnostics\":");
    diagnostics(out, &report.diagnostics);
    out.extend_from_slice(b",\"canonical\":");
    clauses(
        out,
        report.canonical_where.as_deref(),
        report.canonical_having.as_deref(),
    );
    if let Some(fixed) = fixed {
        out.extend_from_slice(b",\"fixed\":{\"where\":");
        optional(out, fixed.where_filter.as_deref());
        out.extend_from_slice(b",\"having\":");
        optional(out, fixed.having_filter.as_deref());
        out.extend_from_slice(b",\"applied\":");
        number(out, u64::try_from(fixed.applied).unwrap_or(u64::MAX));
        out.push(b'}');
    }
    out.extend_from_slice(b"}\n");
}

/// Appends `url`'s object for `report` and a newline; `line` is the stdin line number.
pub fn url(out: &mut Vec<u8>, report: &UrlReport<'_>, line: Option<u64>) {
    out.push(b'{');
    if let Some(line) = line {
        out.extend_from_slice(b"\"line\":");
        number(out, line);
        out.push(b',');
    }
    out.extend_from_slice(b"\"url\":");
    string(out, &report.url);
    out.extend_from_slice(b",\"table\":");
    optional(out, report.table.as_deref());
    out.extend_from_slice(b",\"diagnostics\":");
    diagnostics(out, &report.diagnostics);
    let canonical = (
        report.canonical_where.as_deref(),
        report.canonical_having.as_deref(),
    );
    let decoded = (
        report.where_filter.as_deref(),
        report.having_filter.as_deref(),
    );
    out.extend_from_slice(b",\"canonical\":");
    let start = out.len();
    clauses(out, canonical.0, canonical.1);
    let end = out.len();
    out.extend_from_slice(b",\"decoded\":");
    if decoded == canonical {
        // Most filters are sent in canonical form already: copy their escaped text rather
        // than escape it again.
        out.extend_from_within(start..end);
    } else {
        clauses(out, decoded.0, decoded.1);
    }
    out.extend_from_slice(b"}\n");
}

fn diagnostics(out: &mut Vec<u8>, diagnostics: &[Diagnostic]) {
    out.push(b'[');
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"severity\":\"");
        out.extend_from_slice(d.severity().as_str().as_bytes());
        out.extend_from_slice(b"\",\"code\":\"");
        out.extend_from_slice(d.code.as_str().as_bytes());
        out.extend_from_slice(b"\",\"message\":");
        string(out, &d.message);
        out.extend_from_slice(b",\"clause\":");
        match d.clause {
            Some(clause) => {
                out.push(b'"');
                out.extend_from_slice(clause.as_str().as_bytes());
                out.push(b'"');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"span\":");
        match d.span {
            Some(span) => {
                out.extend_from_slice(b"{\"start\":");
                number(out, u64::from(span.start));
                out.extend_from_slice(b",\"end\":");
                number(out, u64::from(span.end));
                out.push(b'}');
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"help\":");
        optional(out, d.help.as_deref());
        out.push(b'}');
    }
    out.push(b']');
}

fn clauses(out: &mut Vec<u8>, where_filter: Option<&str>, having: Option<&str>) {
    out.extend_from_slice(b"{\"where\":");
    optional(out, where_filter);
    out.extend_from_slice(b",\"having\":");
    optional(out, having);
    out.push(b'}');
}

fn optional(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => string(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

fn number(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(decimal::digits(n, &mut [0; 20]));
}

/// The offset of the first byte of `bytes` that JSON must escape (`"`, `\`, or a control
/// character), eight bytes at a time: nearly every string the `url -` stream writes has
/// none, or only a few quotes in a long run of plain text.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    // A borrow can flag a byte above a true match, never below one, so the lowest flagged
    // byte is a true match.
    let flagged = |word: u64| {
        let quote = zero_bytes(word ^ (ONES * u64::from(b'"')));
        let backslash = zero_bytes(word ^ (ONES * u64::from(b'\\')));
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        quote | backslash | control
    };
    let word = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        u64::from_le_bytes(word)
    };
    // Sixteen bytes a round: one test of both words' flags, as most rounds find none.
    let mut pairs = bytes.chunks_exact(16);
    let mut at = 0;
    for pair in &mut pairs {
        let (low, high) = (flagged(word(&pair[..8])), flagged(word(&pair[8..])));
        if low | high != 0 {
            let found = if low != 0 {
                low.trailing_zeros()
            } else {
                64 + high.trailing_zeros()
            };
            return Some(at + (found / 8) as usize);
        }
        at += 16;
    }
    let mut rest = pairs.remainder();
    if let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        let found = flagged(u64::from_le_bytes(*chunk));
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        (rest, at) = (tail, at + 8);
    }
    rest.iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map(|i| at + i)
}

/// Appends `text` as a JSON string, escaping as `serde_json` does: `"`, `\`, and control
/// characters (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX`).
pub fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    while let Some(found) = first_escape(&bytes[start..]) {
        let at = start + found;
        out.extend_from_slice(&bytes[start..at]);
        let b = bytes[at];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let hex = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ];
                out.extend_from_slice(&hex);
                start = at + 1;
                continue;
            }
        };
        out.extend_from_slice(escape);
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_escape_like_serde_json() {
        for text in [
            "",
            "plain text that is longer than eight bytes",
            r#"substring(anchor,"a\"b")"#,
            "tab\there, newline\n, cr\r, bell\u{7}, nul\0, del\u{7f}",
            "ünïcödé and emoji 🦀 with \"quotes\" and \\ backslashes",
            "\u{1f}\u{8}\u{c}",
        ] {
            assert_eq!(json(text), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn escapes_are_found_at_every_offset_of_a_word() {
        for special in ['"', '\\', '\n', '\0', '\u{1f}', '\u{7f}', 'é'] {
            for len in 0..40 {
                for at in 0..len {
                    let mut text = "a".repeat(len);
                    text.replace_range(at..=at, &special.to_string());
                    assert_eq!(
                        json(&text),
                        serde_json::to_string(&text).unwrap(),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn numbers_print_in_decimal() {
        for n in [0, 7, 10, 12345, u64::MAX] {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
