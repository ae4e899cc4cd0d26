//! Finding the request in what was given: a URL or query string as it is, or the request
//! target of an access-log line; without surrounding whitespace, a byte-order mark or a
//! `#fragment`.

use memchr::{memchr, memchr2, memchr3};

use crate::diagnostics::{Code, Diagnostic};

/// An access-log line that holds no request line; its [`Diagnostic`] shows none of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NoRequestLine;

/// The request in `input`, which spans of the request's diagnostics point into, or
/// [`NoRequestLine`].
///
/// Whitespace around the input and a byte-order mark at its start are dropped. A common or
/// combined access-log line (`1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /?from=…
/// HTTP/1.1" 200 2326 "-" "UA"`) gives the target of its quoted request line
/// (`/?from=…`), as the log writes it. A `#fragment` is never sent to the server, so it
/// is dropped too (with whitespace before it).
pub(super) fn request(input: &str) -> Result<&str, NoRequestLine> {
    let text = input.trim_start();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim();
    let bytes = text.as_bytes();
    // A log line has its `[date]` before any `#`; a URL rarely has a `[`. One scan finds
    // which comes first.
    let text = match memchr2(b'[', b'#', bytes) {
        None => return Ok(text),
        Some(at) if bytes[at] == b'#' => return Ok(text[..at].trim_end()),
        Some(open) => match access_log_request(text, open) {
            None => text,
            Some(Some(target)) => target,
            Some(None) => return Err(NoRequestLine),
        },
    };
    Ok(match memchr(b'#', text.as_bytes()) {
        Some(at) => text[..at].trim_end(),
        None => text,
    })
}

/// The target of the request line of `line`, whose first `[` is at `open`, when it is an
/// access-log line: `None` when it is not one, `Some(None)` when it is one whose quoted
/// request is not a request line.
///
/// A line is a log line when it starts with at least three space-separated fields (host,
/// identity, user) without a query's `?`, `=` or `&`, then a `[date]` and ` "`: a request
/// URL or query string has none of that before its parameters.
fn access_log_request(line: &str, open: usize) -> Option<Option<&str>> {
    let bytes = line.as_bytes();
    let head = &bytes[..open];
    let fields = head.split(|&b| b == b' ').filter(|f| !f.is_empty()).count();
    if !head.ends_with(b" ") || fields < 3 || memchr3(b'?', b'=', b'&', head).is_some() {
        return None;
    }
    let close = open + memchr(b']', &bytes[open..])?;
    if !bytes[close + 1..].starts_with(b" \"") {
        return None;
    }
    let start = close + 3;
    let end = start + closing_quote(&bytes[start..]).unwrap_or(bytes.len() - start);
    Some(request_target(&line[start..end]))
}

/// The offset of the first `"` not escaped by a backslash (Apache writes a `"` of the
/// request as `\"` and a backslash as `\\`).
fn closing_quote(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + memchr2(b'"', b'\\', &bytes[from..])?;
        if bytes[at] == b'"' {
            return Some(at);
        }
        from = at + 2;
        if from >= bytes.len() {
            return None;
        }
    }
}

/// The target of a request line `METHOD target HTTP/version` (or `METHOD target`, as
/// HTTP/0.9 sent it).
fn request_target(line: &str) -> Option<&str> {
    let (method, rest) = line.split_once(' ')?;
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let (target, version) = rest.split_once(' ').unwrap_or((rest, ""));
    let version_ok = version.is_empty() || version.starts_with("HTTP/");
    (!target.is_empty() && version_ok).then_some(target)
}

impl From<NoRequestLine> for Diagnostic {
    #[cold]
    fn from(_: NoRequestLine) -> Diagnostic {
        Diagnostic::new(
            Code::Syntax,
            None,
            "the access-log line holds no request line (`METHOD target HTTP/version`) to lint",
        )
        .with_help("the request is read out of the quoted request line of a common or combined log")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMBINED: &str = r#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /?from=refdomains&token=s3cret HTTP/1.1" 200 2326 "https://example.com/?token=other" "Mozilla/5.0 (X11)""#;

    #[test]
    fn urls_and_query_strings_are_taken_as_they_are() {
        for text in [
            "https://apiv2.ahrefs.com/?from=a&target=b",
            "?from=a",
            "from=a&target=1 2 3 [x] \"GET /?a HTTP/1.1\"",
            "",
        ] {
            assert_eq!(request(text).ok(), Some(text), "{text}");
        }
    }

    #[test]
    fn whitespace_a_byte_order_mark_and_a_fragment_are_dropped() {
        assert_eq!(request(" \u{feff}?from=a \r\n").ok(), Some("?from=a"));
        assert_eq!(request("\u{feff}from=a").ok(), Some("from=a"));
        assert_eq!(
            request("https://x/?from=a#top").ok(),
            Some("https://x/?from=a")
        );
        assert_eq!(request("?from=a #token=x").ok(), Some("?from=a"));
        assert_eq!(request("#from=a").ok(), Some(""));
        // Only a mark at the start.
        assert_eq!(request("from=\u{feff}a").ok(), Some("from=\u{feff}a"));
    }

    #[test]
    fn the_target_of_a_log_lines_request_line_is_the_request() {
        assert_eq!(
            request(COMBINED).ok(),
            Some("/?from=refdomains&token=s3cret")
        );
        let common = r#"::1 - frank [10/Oct/2000:13:55:36 -0700] "HEAD https://apiv2.ahrefs.com/?from=a#x HTTP/1.0" 200 -"#;
        assert_eq!(
            request(common).ok(),
            Some("https://apiv2.ahrefs.com/?from=a")
        );
        // HTTP/0.9 had no version; an escaped quote stays as the log wrote it.
        let old = r#"h - - [d] "GET /?where=anchor=\"seo\"" 200 1"#;
        assert_eq!(request(old).ok(), Some(r#"/?where=anchor=\"seo\""#));
        // A line cut short in its request line.
        assert_eq!(request(r#"h - - [d] "GET /?from=a"#).ok(), Some("/?from=a"));
    }

    #[test]
    fn a_log_line_without_a_request_line_is_one_error_without_its_text() {
        for line in [
            r#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "-" 400 0 "-" "-""#,
            r#"h - - [d] "\x16\x03\x01 token=s3cret" 400 0"#,
            r#"h - - [d] "GET  HTTP/1.1" 400 0"#,
            r#"h - - [d] "GET /?token=s3cret SPDY/3" 400 0"#,
            r#"h - - [d] """#,
        ] {
            assert_eq!(request(line), Err(NoRequestLine), "{line}");
            let error = Diagnostic::from(NoRequestLine);
            assert_eq!((error.code, error.span), (Code::Syntax, None), "{line}");
            assert!(!format!("{error:?}").contains("s3cret"));
        }
    }

    #[test]
    fn closing_quotes_skip_escapes() {
        assert_eq!(closing_quote(br#"a\"b" c"#), Some(4));
        assert_eq!(closing_quote(br#"a\\" c"#), Some(3));
        assert_eq!(closing_quote(br#"a\"#), None);
        assert_eq!(closing_quote(b"abc"), None);
    }
}
