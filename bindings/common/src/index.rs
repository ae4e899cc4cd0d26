//! Spans in the host language's string indices.
//!
//! The library's spans are byte offsets into UTF-8 text. A JavaScript string counts UTF-16
//! code units, a Python `str` code points, C bytes; a host's `slice(start, end)` must cut
//! out the same text the byte range does. Every span a binding returns is a [`HostSpan`]:
//! the host's indices, with the byte offsets beside them.

use ahrefs_filter::Span;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// What a host language's string index counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// UTF-8 bytes (C, Rust, PHP's `substr`).
    Byte,
    /// UTF-16 code units (JavaScript, Java, C#).
    Utf16,
    /// Unicode scalar values (Python's `str`).
    CodePoint,
}

/// How the byte offsets beside a span's host indices are spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keys {
    /// `byteStart` / `byteEnd` (JavaScript).
    Camel,
    /// `byte_start` / `byte_end` (Python, C).
    Snake,
}

/// A host convention: what indices count and how the byte keys are spelled.
///
/// ```
/// use ahrefs_filter_bindings::{Style, Unit};
/// assert_eq!(Style::JS.unit, Unit::Utf16);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Style {
    /// What `start` and `end` count.
    pub unit: Unit,
    /// How `byteStart` / `byte_start` is spelled.
    pub keys: Keys,
}

impl Style {
    /// JavaScript and TypeScript: UTF-16 code units, `byteStart` / `byteEnd`.
    pub const JS: Style = Style {
        unit: Unit::Utf16,
        keys: Keys::Camel,
    };
    /// Python: code points, `byte_start` / `byte_end`.
    pub const PYTHON: Style = Style {
        unit: Unit::CodePoint,
        keys: Keys::Snake,
    };
    /// C (and PHP through FFI): bytes, `byte_start` / `byte_end`.
    pub const C: Style = Style {
        unit: Unit::Byte,
        keys: Keys::Snake,
    };

    /// The host span of byte span `span` of `text`.
    ///
    /// ```
    /// use ahrefs_filter::Span;
    /// use ahrefs_filter_bindings::Style;
    /// let text = r#"anchor="é😀",nope=1"#;
    /// // `nope` is bytes 16..20: `é` is 2 bytes and 1 UTF-16 unit, `😀` 4 bytes and 2 units.
    /// let span = Style::JS.span(text, Span::new(16, 20));
    /// assert_eq!((span.start, span.end, span.byte_start, span.byte_end), (13, 17, 16, 20));
    /// ```
    pub fn span(self, text: &str, span: Span) -> HostSpan {
        HostSpan {
            start: host_index(text, span.start, self.unit),
            end: host_index(text, span.end, self.unit),
            byte_start: span.start,
            byte_end: span.end,
            keys: self.keys,
        }
    }
}

/// A span as a binding returns it: `{start, end, byteStart, byteEnd}` (or `byte_start`,
/// `byte_end`), where `start` and `end` are the host's string indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostSpan {
    /// The first character's index in the host's unit.
    pub start: u64,
    /// One past the last character's index in the host's unit.
    pub end: u64,
    /// The first byte's offset in UTF-8.
    pub byte_start: u32,
    /// One past the last byte's offset in UTF-8.
    pub byte_end: u32,
    /// How the byte keys are spelled.
    pub keys: Keys,
}

impl Serialize for HostSpan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (byte_start, byte_end) = match self.keys {
            Keys::Camel => ("byteStart", "byteEnd"),
            Keys::Snake => ("byte_start", "byte_end"),
        };
        let mut s = serializer.serialize_struct("Span", 4)?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.serialize_field(byte_start, &self.byte_start)?;
        s.serialize_field(byte_end, &self.byte_end)?;
        s.end()
    }
}

/// The index in `unit` of byte offset `byte` of `text`.
///
/// Library spans lie on character boundaries of their text; an offset that does not (or
/// lies past the end) is taken at the boundary before it, so a host never gets an index
/// into the middle of a character.
pub fn host_index(text: &str, byte: u32, unit: Unit) -> u64 {
    let mut byte = (byte as usize).min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let prefix = &text.as_bytes()[..byte];
    // Most filters and URLs are ASCII, where every unit is a byte.
    if unit == Unit::Byte || prefix.is_ascii() {
        return byte as u64;
    }
    let prefix = &text[..byte];
    let count = match unit {
        Unit::Byte => byte,
        Unit::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        Unit::CodePoint => prefix.chars().count(),
    };
    count as u64
}

/// `json` (compact JSON from `serde_json`) with every `"span":{"start":S,"end":E}`, byte
/// offsets into `text`, rewritten as the host span of `text`.
///
/// Sound on any compact JSON: inside a JSON string every `"` is escaped, so an unescaped
/// `"span":{"start":` can only be an object's key and its value.
pub(crate) fn host_spans_in_json(json: &str, text: &str, style: Style) -> String {
    const KEY: &str = "\"span\":{\"start\":";
    let mut out = String::with_capacity(json.len() + json.len() / 2);
    let mut rest = json;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        out.push_str(before);
        let Some((span, tail)) = byte_span(after) else {
            rest = after;
            continue;
        };
        let host = style.span(text, span);
        let (byte_start, byte_end) = match style.keys {
            Keys::Camel => ("byteStart", "byteEnd"),
            Keys::Snake => ("byte_start", "byte_end"),
        };
        out.push_str(&format!(
            "{},\"end\":{},\"{byte_start}\":{},\"{byte_end}\":{}}}",
            host.start, host.end, span.start, span.end
        ));
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// `S,"end":E}` at the start of `json`: the span and the text after it.
fn byte_span(json: &str) -> Option<(Span, &str)> {
    fn number(s: &str) -> Option<(u32, &str)> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        Some((s[..digits].parse().ok()?, &s[digits..]))
    }
    let (start, rest) = number(json)?;
    let (end, rest) = number(rest.strip_prefix(",\"end\":")?)?;
    Some((Span::new(start, end), rest.strip_prefix('}')?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"anchor="é😀",nope=1"#;

    #[test]
    fn the_issue_example_slices_to_nope_in_every_unit() {
        // Bytes: `anchor="` is 8, `é` 2, `😀` 4, then `"` at 14 and `,` at 15: `nope` is
        // bytes 16..20.
        let start = TEXT.find("nope").unwrap();
        assert_eq!(start, 16);
        let span = Span::new(16, 20);
        let js = Style::JS.span(TEXT, span);
        // UTF-16: é is 1 unit, 😀 is 2: 8 + 1 + 2 + 2 = 13.
        assert_eq!((js.start, js.end), (13, 17));
        let utf16: Vec<u16> = TEXT.encode_utf16().collect();
        assert_eq!(String::from_utf16(&utf16[13..17]).unwrap(), "nope");
        // Code points: 8 + 1 + 1 + 2 = 12.
        let py = Style::PYTHON.span(TEXT, span);
        assert_eq!((py.start, py.end), (12, 16));
        let chars: String = TEXT.chars().skip(12).take(4).collect();
        assert_eq!(chars, "nope");
        let c = Style::C.span(TEXT, span);
        assert_eq!((c.start, c.end, c.byte_start, c.byte_end), (16, 20, 16, 20));
    }

    #[test]
    fn ascii_text_counts_bytes_in_every_unit() {
        for unit in [Unit::Byte, Unit::Utf16, Unit::CodePoint] {
            assert_eq!(host_index("ahrefs_rank>10", 7, unit), 7);
        }
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_fall_back_to_a_boundary() {
        // `é` is bytes 8..10; byte 9 is inside it.
        assert_eq!(host_index(TEXT, 9, Unit::Utf16), 8);
        assert_eq!(host_index(TEXT, 9, Unit::Byte), 8);
        // Past the end: the end.
        assert_eq!(host_index("aé", 99, Unit::CodePoint), 2);
        assert_eq!(host_index("", 3, Unit::Utf16), 0);
    }

    #[test]
    fn keys_follow_the_host() {
        let span = Style::JS.span("é=1", Span::new(0, 2));
        assert_eq!(
            serde_json::to_string(&span).unwrap(),
            r#"{"start":0,"end":1,"byteStart":0,"byteEnd":2}"#
        );
        let span = Style::PYTHON.span("é=1", Span::new(0, 2));
        assert_eq!(
            serde_json::to_string(&span).unwrap(),
            r#"{"start":0,"end":1,"byte_start":0,"byte_end":2}"#
        );
    }

    #[test]
    fn spans_in_json_text_are_rewritten_and_nothing_else() {
        let text = "é=1";
        let json = r#"{"a":"\"span\":{\"start\":0,\"end\":1}","span":{"start":0,"end":2},"b":[{"span":{"start":2,"end":4}}]}"#;
        assert_eq!(
            host_spans_in_json(json, text, Style::JS),
            r#"{"a":"\"span\":{\"start\":0,\"end\":1}","span":{"start":0,"end":1,"byteStart":0,"byteEnd":2},"b":[{"span":{"start":1,"end":3,"byteStart":2,"byteEnd":4}}]}"#
        );
        // Not a span after all: left as it is.
        let odd = r#"{"span":{"start":"x","end":1}}"#;
        assert_eq!(host_spans_in_json(odd, text, Style::JS), odd);
    }
}
