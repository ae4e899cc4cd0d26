//! The machine formats for CI: `concise` (`file:line:col: error[code] message`), `github`
//! (workflow commands that annotate the file and line) and `sarif` (SARIF 2.1.0, one
//! document for the run, with a rule per code).

use std::fmt::Write as _;
use std::ops::Range;

use ahrefs_filter::{Diagnostic, Severity};
use serde_json::{json, Value};

use crate::rules::RULES;

/// Which of the three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Machine {
    Concise,
    Github,
    Sarif,
}

/// Where a diagnostic's source is: a file and the line of it the source is (`url FILE`), or
/// a name (`where`, `having`, `url`) for a source given on the command line.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub file: &'a str,
    pub line: Option<u64>,
}

/// A diagnostic's position: line and column (characters) from 1, and the column after it.
struct Position {
    line: u64,
    column: Option<(u64, u64)>,
}

/// The line and column (both from 1, the column in characters) of byte `offset` of `text`.
fn line_and_column(text: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count();
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let column = text.get(start..offset).map_or(0, |t| t.chars().count());
    (line as u64 + 1, column as u64 + 1)
}

fn position(range: Option<Range<usize>>, source: &str, place: Place<'_>) -> Position {
    let Some(range) = range else {
        return Position {
            line: place.line.unwrap_or(1),
            column: None,
        };
    };
    let (line, column) = line_and_column(source, range.start);
    let (end_line, end_column) = line_and_column(source, range.end);
    let end_column = if end_line == line {
        end_column.max(column + 1)
    } else {
        column + 1
    };
    Position {
        // A source read from a file is that file's line: lines within it count on from it.
        line: place.line.map_or(line, |first| first + line - 1),
        column: Some((column, end_column)),
    }
}

/// Formats diagnostics; SARIF gathers them until [`Emitter::finish`].
pub struct Emitter {
    format: Machine,
    results: Vec<Value>,
}

impl Emitter {
    pub fn new(format: Machine) -> Self {
        Emitter {
            format,
            results: Vec::new(),
        }
    }

    /// Adds `diagnostic`, whose span points into `source`, found at `place`.
    pub fn diagnostic(
        &mut self,
        out: &mut Vec<u8>,
        diagnostic: &Diagnostic,
        source: &str,
        place: Place<'_>,
    ) {
        let range = diagnostic.span.map(|s| s.range());
        self.diagnostic_at(out, diagnostic, range, source, place);
    }

    /// Adds `diagnostic`, placed at the bytes `range` of `source` rather than at its span.
    pub fn diagnostic_at(
        &mut self,
        out: &mut Vec<u8>,
        diagnostic: &Diagnostic,
        range: Option<Range<usize>>,
        source: &str,
        place: Place<'_>,
    ) {
        let at = position(range, source, place);
        let severity = diagnostic.severity();
        match self.format {
            Machine::Concise => {
                let mut line = format!("{}:{}:", place.file, at.line);
                if let Some((column, _)) = at.column {
                    let _ = write!(line, "{column}:");
                }
                let _ = writeln!(
                    line,
                    " {}[{}] {}",
                    severity.as_str(),
                    diagnostic.code,
                    one_line(&diagnostic.message)
                );
                out.extend_from_slice(line.as_bytes());
            }
            Machine::Github => {
                let mut line = format!(
                    "::{} file={},line={}",
                    severity.as_str(),
                    property(place.file),
                    at.line
                );
                if let Some((column, end)) = at.column {
                    let _ = write!(line, ",col={column},endColumn={end}");
                }
                let mut message = diagnostic.message.to_string();
                if let Some(help) = &diagnostic.help {
                    let _ = write!(message, "\nhelp: {help}");
                }
                let _ = writeln!(
                    line,
                    ",title={}::{}",
                    property(&format!("ahrefs-filter {}", diagnostic.code)),
                    data(&message)
                );
                out.extend_from_slice(line.as_bytes());
            }
            Machine::Sarif => {
                let mut region = json!({ "startLine": at.line });
                if let Some((column, end)) = at.column {
                    region["startColumn"] = json!(column);
                    region["endColumn"] = json!(end);
                }
                let mut text = diagnostic.message.to_string();
                if let Some(help) = &diagnostic.help {
                    let _ = write!(text, " (help: {help})");
                }
                self.results.push(json!({
                    "ruleId": diagnostic.code.as_str(),
                    "ruleIndex": RULES.iter().position(|r| r.code == diagnostic.code),
                    "level": level(severity),
                    "message": { "text": text },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(place.file) },
                            "region": region,
                        }
                    }],
                }));
            }
        }
    }

    /// Writes what was gathered: the SARIF document (nothing for the other formats).
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        if self.format != Machine::Sarif {
            return Ok(());
        }
        let rules: Vec<Value> = RULES
            .iter()
            .map(|r| {
                json!({
                    "id": r.code.as_str(),
                    "shortDescription": { "text": r.meaning },
                    "fullDescription": { "text": r.meaning },
                    "help": {
                        "text": format!("{}\nExample: {}", r.fix, r.example.command()),
                    },
                    "defaultConfiguration": { "level": level(r.code.severity()) },
                })
            })
            .collect();
        let document = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "ahrefs-filter",
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer(&mut *out, &document)?;
        out.push(b'\n');
        Ok(())
    }
}

/// Where the bytes `decoded` of the `clause` filter of a request are in the request `url`:
/// in the value of the last `clause=` parameter (the one the linter checks), each `%XX` three
/// bytes of it for one decoded byte.
pub fn in_url(url: &str, clause: &str, decoded: Range<usize>) -> Option<Range<usize>> {
    let bytes = url.as_bytes();
    let key = format!("{clause}=");
    let start = url
        .match_indices(&key)
        .filter(|&(at, _)| at == 0 || matches!(bytes[at - 1], b'&' | b'?' | b';'))
        .last()
        .map(|(at, _)| at + key.len())?;
    let end = start + memchr::memchr(b'&', &bytes[start..]).unwrap_or(bytes.len() - start);
    let raw = |target: usize| {
        let (mut at, mut n) = (start, 0);
        while at < end && n < target {
            let escape = bytes[at] == b'%'
                && at + 3 <= end
                && bytes[at + 1..at + 3].iter().all(u8::is_ascii_hexdigit);
            at += if escape { 3 } else { 1 };
            n += 1;
        }
        at
    };
    Some(raw(decoded.start)..raw(decoded.end))
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        _ => "warning",
    }
}

/// `text` on one line: line breaks as spaces.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// A workflow command's message, escaped as the runner reads it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value, escaped as the runner reads it.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A path as a relative URI reference: `/` separators, and `%`, spaces and `#`, `?`
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            '%' | ' ' | '#' | '?' => {
                let _ = write!(out, "%{:02X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        assert_eq!(line_and_column("abc", 0), (1, 1));
        assert_eq!(line_and_column("éé=1", 4), (1, 3));
        assert_eq!(line_and_column("a,\nbé,c", 6), (2, 3));
    }

    #[test]
    fn filter_offsets_map_into_the_raw_request() {
        let url = "from=x&where=a%3D%22%C3%A9%22,b=1&having=c";
        // Decoded `a="é",b=1`: `b` is decoded byte 7, raw byte 31 - 13 = after `%22,`.
        assert_eq!(in_url(url, "where", 7..8), Some(30..31));
        assert_eq!(&url[30..31], "b");
        assert_eq!(in_url(url, "having", 0..1), Some(41..42));
        assert_eq!(in_url(url, "where", 0..0), Some(13..13));
        assert_eq!(in_url("from=x", "where", 0..1), None);
    }

    #[test]
    fn workflow_commands_escape_what_the_runner_reads() {
        assert_eq!(data("50%\r\nx"), "50%25%0D%0Ax");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
