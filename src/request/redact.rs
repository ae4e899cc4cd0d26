//! Redaction: every secret of a request is replaced by `***` before anything else reads it.
//!
//! Secrets are the values of `token`, of names that look like it (`Token`, `access_token`,
//! `tokn`) or like an API key (`apikey`, `api_key`, any case), wherever the query may be
//! read to start ([`read_query`]), and the password of a URL's `user:password@` (or the
//! whole userinfo when it has no `:`, as a token given as a user name would be,
//! [`userinfo`]).

use std::ops::Range;

use memchr::memchr;

use super::capped::Capped;
use super::names::{known, TOKEN};
use super::percent::{decode, has_bad_escape};
use super::query::{split_query, Segment, Split};
use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;
use crate::suggest;

/// What stands in for a secret in every report.
pub(crate) const REDACTED: &str = "***";

/// True for a name other than `token` whose value may be a secret, which is redacted too:
/// a token's look-alike (`Token`, `access_token`, `tokn`), which the server ignores but
/// which may still hold one, or an API key's name (`apikey`, `api_key`, `X-Api-Key`).
fn holds_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("token")
        || ["apikey", "api_key", "api-key"]
            .iter()
            .any(|key| lower.contains(key))
        || suggest::closest(name, ["token"]).is_some()
}

/// A value that may be a secret: its span, and that of its parameter's name (as written,
/// so perhaps percent-encoded), which a message may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Secret {
    pub(super) name: Span,
    pub(super) value: Span,
}

/// The value of `segment` when it may be a secret.
fn secret_value(input: &str, segment: &Segment) -> Option<Secret> {
    let eq = segment.eq.filter(|&eq| eq + 1 < segment.end)?;
    // A v2 name needs no decoding; anything else may be an encoded `token`.
    let is_secret = match segment.index {
        Some(index) => index == TOKEN,
        None => {
            let name = decode(&input[segment.start..eq], 0, None, &mut Capped::new());
            let name = name.as_deref().unwrap_or("");
            known(name) == Some(TOKEN) || holds_secret(name)
        }
    };
    is_secret.then(|| Secret {
        name: Span::at(segment.start, eq),
        value: Span::at(eq + 1, segment.end),
    })
}

/// How many segments [`read_query`] keeps for the lint; a request with more (a hostile one)
/// is split again instead, so its memory stays bounded by its size rather than growing 24
/// bytes for each two-byte `&x`.
const MAX_KEPT_SEGMENTS: usize = 256;

/// Sets `secrets` to the spans of every value that may be a secret, sorted and disjoint:
/// values of `token` and of names that look like a secret's ([`holds_secret`]) in the query
/// of `input` (as [`split_query`] finds it) and, to be safe, in what follows the first `?`
/// too (a `?token=…` inside another value). Sets `segments` to the query's segments, and
/// returns false when there were too many to keep.
///
/// Redacting the values changes no `&` and no segment's first `=` (a value follows a `=` of
/// its segment and holds no `&`), so the segments of the redacted request are these,
/// [`shift`]ed: the query is split once.
pub(super) fn read_query(
    input: &str,
    segments: &mut Vec<Segment>,
    secrets: &mut Vec<Secret>,
) -> bool {
    segments.clear();
    secrets.clear();
    let (_, start) = split_query(input);
    let mut kept = true;
    for segment in Split::new(input, start) {
        secrets.extend(secret_value(input, &segment));
        if kept && segments.len() == MAX_KEPT_SEGMENTS {
            kept = false;
            segments.clear();
        }
        if kept {
            segments.push(segment);
        }
    }
    if let Some(at) = memchr(b'?', input.as_bytes()) {
        if at + 1 != start {
            secrets.extend(Split::new(input, at + 1).filter_map(|s| secret_value(input, &s)));
            secrets.sort_unstable_by_key(|s| (s.value.start, s.value.end));
            secrets.dedup_by(|later, earlier| {
                let overlaps = later.value.start < earlier.value.end;
                if overlaps {
                    earlier.value = earlier.value.cover(later.value);
                }
                overlaps
            });
        }
    }
    kept
}

/// Appends `input` to `redacted` with the value of each of the `secrets` replaced by `***`,
/// and returns the problems found in them (a bad `%` escape is reported at the stars, so
/// the value stays unseen).
pub(super) fn redact(input: &str, secrets: &[Secret], redacted: &mut String) -> Vec<Diagnostic> {
    let mut bad = Vec::new();
    let mut at = 0;
    for &Secret { name, value } in secrets {
        redacted.push_str(&input[at..value.start as usize]);
        let stars = Span::at(redacted.len(), redacted.len() + REDACTED.len());
        redacted.push_str(REDACTED);
        if has_bad_escape(&input[value.range()]) {
            bad.push(bad_secret_escape(&input[name.range()], stars));
        }
        at = value.end as usize;
    }
    redacted.push_str(&input[at..]);
    bad
}

/// A bad escape in the value of the parameter called `name`, which shows as `***` at
/// `stars`.
fn bad_secret_escape(name: &str, stars: Span) -> Diagnostic {
    Diagnostic::new(
        Code::PercentEncoding,
        stars,
        format!(
            "invalid percent escape in the value of `{}` (shown as `***` at byte {})",
            name.trim(),
            stars.start
        ),
    )
    .with_label("holds a `%` not followed by two hex digits")
    .with_help("write a literal `%` as `%25`")
}

/// Moves the offsets of `segments` from the request to its redacted copy, where each of
/// the sorted `secrets` became `***`.
pub(super) fn shift(segments: &mut [Segment], secrets: &[Secret]) {
    let (mut next, mut removed, mut added) = (0, 0, 0);
    let mut moved = |at: usize| {
        while let Some(secret) = secrets.get(next).filter(|s| s.value.end as usize <= at) {
            removed += secret.value.len();
            added += REDACTED.len();
            next += 1;
        }
        at + added - removed
    };
    for segment in segments {
        segment.start = moved(segment.start);
        segment.eq = segment.eq.map(&mut moved);
        segment.end = moved(segment.end);
    }
}

/// The bytes of `input` to replace by `***` to hide the userinfo of a URL
/// (`scheme://user:password@host/…` or `//user:password@host/…`): its password when it has
/// a `:` (`user:***@`), all of it otherwise (`***@`). `None` when there is no userinfo or
/// nothing to hide (`user:@`).
///
/// The userinfo ends at the last `@` before the query or fragment, as browsers read it (a
/// password holding `@` is hidden whole). Unlike a browser, a `/` does not end the search:
/// a password with an unencoded `/` is hidden too, and the cost, an `@` in the path hiding
/// the host and path before it, takes nothing from the lint, which reads the query.
pub(super) fn userinfo(input: &str) -> Option<Range<usize>> {
    let bytes = input.as_bytes();
    let start = if bytes.starts_with(b"//") {
        2
    } else {
        // A scheme: a letter, then letters, digits, `+`, `-` and `.`, then `://`.
        let scheme = bytes
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))?;
        let lead = bytes.first().filter(|b| b.is_ascii_alphabetic());
        if lead.is_none() || !bytes[scheme..].starts_with(b"://") {
            return None;
        }
        scheme + 3
    };
    // The last `@` before the query, in one pass: the host is a few bytes long, too few
    // for `memchr` to repay its setup.
    let mut at = None;
    for (i, &b) in bytes[start..].iter().enumerate() {
        match b {
            b'?' | b'#' => break,
            b'@' => at = Some(i),
            _ => {}
        }
    }
    let at = at?;
    let userinfo = &bytes[start..start + at];
    match userinfo.iter().position(|&b| b == b':') {
        Some(colon) if colon + 1 < at => Some(start + colon + 1..start + at),
        Some(_) => None,
        None if at > 0 => Some(start..start + at),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redacted(input: &str) -> String {
        let (mut segments, mut secrets) = (Vec::new(), Vec::new());
        read_query(input, &mut segments, &mut secrets);
        let mut out = String::new();
        redact(input, &secrets, &mut out);
        out
    }

    #[test]
    fn token_look_alikes_and_api_keys_hold_secrets() {
        for name in [
            "Token",
            "access_token",
            "tokn",
            "TOKEN",
            "apikey",
            "ApiKey",
            "APIKEY",
            "api_key",
            "API_KEY",
            "x-api-key",
            "google_api_key",
        ] {
            assert!(holds_secret(name), "{name}");
        }
        for name in ["from", "target", "api", "key", "mode", "callback", "keys"] {
            assert!(!holds_secret(name), "{name}");
        }
    }

    #[test]
    fn secret_values_become_stars() {
        assert_eq!(
            redacted("from=a&apikey=k1&API_KEY=k2&api%5Fkey=k3&token=t&x=1"),
            "from=a&apikey=***&API_KEY=***&api%5Fkey=***&token=***&x=1"
        );
        // Empty values have nothing to hide.
        assert_eq!(redacted("token=&apikey=&x=1"), "token=&apikey=&x=1");
        // A secret after the first `?` of a value read as a query string.
        assert_eq!(redacted("x=a?apikey=k&y=1"), "x=a?apikey=***&y=1");
    }

    #[test]
    fn a_bad_escape_in_a_secret_names_its_parameter_and_not_its_value() {
        // "from=a&api_key=" is 15 bytes: the stars are 15..18.
        let (mut segments, mut secrets) = (Vec::new(), Vec::new());
        let input = "from=a&api_key=k%zz&x=1";
        read_query(input, &mut segments, &mut secrets);
        let mut out = String::new();
        let bad = redact(input, &secrets, &mut out);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].span.unwrap().range(), 15..18);
        assert_eq!(
            bad[0].message,
            "invalid percent escape in the value of `api_key` (shown as `***` at byte 15)"
        );
        let secret = Secret {
            name: Span::at(0, 5),
            value: Span::at(6, 8),
        };
        let bad = redact("token=%z", &[secret], &mut String::new());
        assert!(bad[0].message.contains("value of `token`"));
    }

    #[test]
    fn the_password_of_a_url_or_its_whole_userinfo_is_found() {
        fn hidden(input: &str) -> Option<&str> {
            userinfo(input).map(|range| &input[range])
        }
        assert_eq!(
            hidden("https://me:pa55@apiv2.ahrefs.com/?from=a"),
            Some("pa55")
        );
        assert_eq!(hidden("https://s3cret@apiv2.ahrefs.com/"), Some("s3cret"));
        assert_eq!(hidden("//me:pw@host?x=1"), Some("pw"));
        assert_eq!(hidden("http://me:p@ss:w@host/"), Some("p@ss:w"));
        assert_eq!(hidden("HTTP+x://a:b@h"), Some("b"));
        // An unencoded `/` in the password does not show it; an `@` in the path hides what
        // precedes it, which no check reads.
        assert_eq!(hidden("https://me:pa/ss@host/?from=a"), Some("pa/ss"));
        assert_eq!(hidden("https://host/a@b?from=a"), Some("host/a"));
        // Nothing to hide, or no userinfo.
        assert_eq!(hidden("https://me:@host/"), None);
        assert_eq!(hidden("https://@host/"), None);
        assert_eq!(hidden("https://apiv2.ahrefs.com/?target=me@x.com"), None);
        assert_eq!(hidden("from=a&target=http://me:pw@x.com"), None);
        assert_eq!(hidden("target=me:pw@x.com"), None);
        assert_eq!(hidden("1http://me:pw@x.com"), None);
        assert_eq!(hidden("://me:pw@x.com"), None);
    }

    proptest::proptest! {
        /// Redacting changes no `&` and no segment's first `=`, so the request's segments,
        /// shifted, are those of its redacted copy: the query need not be split again.
        #[test]
        fn shifted_segments_are_those_of_the_redacted_request(
            input in "(token=|tokn=|%74oken=|Token=|apikey=|x=1|[a=&?%]|\\?token=s=&){0,12}"
        ) {
            let (mut segments, mut secrets) = (Vec::new(), Vec::new());
            read_query(&input, &mut segments, &mut secrets);
            let mut redacted = String::new();
            redact(&input, &secrets, &mut redacted);
            shift(&mut segments, &secrets);
            let again: Vec<Segment> = Split::new(&redacted, split_query(&redacted).1).collect();
            proptest::prop_assert_eq!(segments, again, "{} -> {}", input, redacted);
        }
    }
}
