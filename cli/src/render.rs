//! Human output: each report headed by its severity and code (`error[syntax]: …`, so
//! `grep error` finds it in a CI log), then the line of source it points at, underlined.
//!
//! Positions are counted in characters (line and column from 1) over the whole source, and
//! only a window of each line is shown: a report costs about the same in a 10 MB filter as
//! in a short one, and its column is the real one.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt::Write as _;

use ahrefs_filter::{Diagnostic, Severity};

use crate::terminal::Style;

/// Renders diagnostics in one style.
pub struct Renderer {
    style: Style,
    /// Where the last position lookup ended, to go on from there for the next report.
    cursor: Cell<Cursor>,
}

/// A known position in a source: `offset` is on line `line` (from 0), which starts at
/// `line_start`, `column` characters in.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    source: (usize, usize),
    offset: usize,
    line: usize,
    line_start: usize,
    column: usize,
}

/// The characters of the drawing.
struct Art {
    top: &'static str,
    bar: char,
    dot: char,
    under: char,
    tee: char,
    corner: &'static str,
    /// The corner of a label drawn to the left of its underline.
    corner_left: &'static str,
    bottom: &'static str,
    ellipsis: char,
}

const UNICODE: Art = Art {
    top: "╭─[",
    bar: '│',
    dot: '·',
    under: '─',
    tee: '┬',
    corner: "╰── ",
    corner_left: "──╯",
    bottom: "╰────",
    ellipsis: '…',
};

const ASCII: Art = Art {
    top: ",-[",
    bar: '|',
    dot: ':',
    under: '^',
    tee: '^',
    corner: "`-- ",
    corner_left: "--'",
    bottom: "`----",
    ellipsis: '~',
};

/// Characters of context shown before a label that does not fit the window from its line's
/// start.
const CONTEXT: usize = 24;

/// Windows (a line, or a part of a long one) shown per report at most.
const MAX_WINDOWS: usize = 4;

/// One label to draw: a byte range and its text.
struct Label<'d> {
    start: usize,
    end: usize,
    text: Option<&'d str>,
    primary: bool,
}

/// The part of one line that is shown.
struct Window {
    line: usize,
    /// The shown bytes.
    start: usize,
    end: usize,
    cut_before: bool,
    cut_after: bool,
}

impl Renderer {
    pub fn new(style: Style) -> Self {
        Renderer {
            style,
            cursor: Cell::new(Cursor::default()),
        }
    }

    fn art(&self) -> &'static Art {
        if self.style.unicode {
            &UNICODE
        } else {
            &ASCII
        }
    }

    fn paint(&self, out: &mut String, code: &str, text: &str) {
        if self.style.color {
            let _ = write!(out, "\x1b[{code}m{text}\x1b[0m");
        } else {
            out.push_str(text);
        }
    }

    /// Appends the report of `diagnostic`, whose span points into `source` (named `name`),
    /// and a blank line.
    pub fn render(&self, out: &mut String, diagnostic: &Diagnostic, name: &str, source: &str) {
        let severity = diagnostic.severity();
        let color = match severity {
            Severity::Error => "1;31",
            _ => "1;33",
        };
        self.paint(
            out,
            color,
            &format!("{}[{}]", severity.as_str(), diagnostic.code),
        );
        out.push_str(": ");
        self.paint(out, "1", &visible(&diagnostic.message));
        out.push('\n');

        let labels = labels(diagnostic, source.len());
        if !labels.is_empty() {
            self.snippet(out, name, source, &labels, color);
        }
        if let Some(help) = &diagnostic.help {
            out.push_str("  ");
            self.paint(out, "36", "help");
            let _ = writeln!(out, ": {}", visible(help));
        }
        out.push('\n');
    }

    fn snippet(
        &self,
        out: &mut String,
        name: &str,
        source: &str,
        labels: &[Label<'_>],
        color: &str,
    ) {
        let art = self.art();
        let mut sorted: Vec<&Label<'_>> = labels.iter().collect();
        sorted.sort_by_key(|l| (l.start, !l.primary));
        // Positions are looked up in source order, so each lookup goes on from the last.
        let positions: Vec<(usize, usize)> = sorted
            .iter()
            .map(|l| self.line_of(source, l.start))
            .collect();
        let mut windows: Vec<(Window, Vec<&Label<'_>>)> = Vec::new();
        for (label, &(line, column)) in sorted.iter().zip(&positions) {
            let count = windows.len();
            match windows.last_mut() {
                Some((w, members)) if w.line == line && label.start <= w.end => {
                    members.push(label);
                }
                _ if count < MAX_WINDOWS => {
                    windows.push((self.window(source, label, line, column), vec![label]));
                }
                _ => {}
            }
        }
        let anchor = sorted.iter().position(|l| l.primary).unwrap_or(0);
        let (line, column) = positions[anchor];
        let last_line = windows.iter().map(|(w, _)| w.line).max().unwrap_or(line);
        let gutter = (last_line + 1).to_string().len() + 1;
        let pad = " ".repeat(gutter);
        let _ = writeln!(
            out,
            "{pad}{}{}:{}:{}]",
            art.top,
            visible(name),
            line + 1,
            column + 1
        );
        for (window, members) in &windows {
            let _ = write!(
                out,
                "{:>width$} {} ",
                window.line + 1,
                art.bar,
                width = gutter - 1
            );
            if window.cut_before {
                out.push(art.ellipsis);
            }
            shown(out, &source[window.start..window.end]);
            if window.cut_after {
                out.push(art.ellipsis);
            }
            out.push('\n');
            let column_of = |offset: usize| -> usize {
                let offset = offset.clamp(window.start, window.end);
                usize::from(window.cut_before) + source[window.start..offset].chars().count()
            };
            for label in members {
                let from = column_of(label.start);
                let to = column_of(label.end).max(from + 1);
                let paint = if label.primary { color } else { "34" };
                let middle = from + (to - from - 1) / 2;
                let underline: String = (from..to)
                    .map(|at| {
                        if at == middle && label.text.is_some() {
                            art.tee
                        } else {
                            art.under
                        }
                    })
                    .collect();
                let _ = write!(out, "{pad}{} {}", art.dot, " ".repeat(from));
                self.paint(out, paint, &underline);
                out.push('\n');
                if let Some(text) = label.text {
                    let text = visible(text);
                    let chars = text.chars().count();
                    // A label that would run past the width ends at the underline instead,
                    // when there is room before it.
                    let fits = gutter + 2 + middle + 4 + chars <= self.style.width;
                    let (indent, drawn) = if fits || middle < chars + 3 {
                        (middle, format!("{}{text}", art.corner))
                    } else {
                        (middle - chars - 3, format!("{text} {}", art.corner_left))
                    };
                    let _ = write!(out, "{pad}{} {}", art.dot, " ".repeat(indent));
                    self.paint(out, paint, &drawn);
                    out.push('\n');
                }
            }
        }
        let _ = writeln!(out, "{pad}{}", art.bottom);
    }

    /// The line (from 0) and column (characters, from 0) of byte `offset` of `source`,
    /// counted on from the last lookup when it is at or before `offset`.
    fn line_of(&self, source: &str, offset: usize) -> (usize, usize) {
        let key = (source.as_ptr() as usize, source.len());
        let mut cursor = self.cursor.get();
        if cursor.source != key || cursor.offset > offset {
            cursor = Cursor {
                source: key,
                ..Cursor::default()
            };
        }
        let between = &source.as_bytes()[cursor.offset..offset];
        match memchr::memrchr(b'\n', between) {
            Some(last) => {
                cursor.line += memchr::memchr_iter(b'\n', between).count();
                cursor.line_start = cursor.offset + last + 1;
                cursor.column = source[cursor.line_start..offset].chars().count();
            }
            None => cursor.column += source[cursor.offset..offset].chars().count(),
        }
        cursor.offset = offset;
        self.cursor.set(cursor);
        (cursor.line, cursor.column)
    }

    /// The part of `label`'s line (`line`, the label `column` characters in) to show: from
    /// the line's start when the label ends within the width, else from a little before the
    /// label; at most the width, never past the line's end.
    fn window(&self, source: &str, label: &Label<'_>, line: usize, column: usize) -> Window {
        let room = self.style.width.saturating_sub(10).max(20);
        let label_chars = source[label.start..label.end].chars().take(room).count();
        let back = if column + label_chars < room {
            column
        } else {
            column.min(CONTEXT)
        };
        let start = label.start - byte_len_before(source, label.start, back);
        let mut end = start;
        for (taken, c) in source[start..].chars().enumerate() {
            if taken == room || c == '\n' {
                break;
            }
            end += c.len_utf8();
        }
        Window {
            line,
            start,
            end,
            cut_before: back < column,
            cut_after: end < source.len() && source.as_bytes()[end] != b'\n',
        }
    }
}

/// Bytes taken by the `chars` characters before `offset`.
fn byte_len_before(source: &str, offset: usize, chars: usize) -> usize {
    source[..offset]
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(0, |(i, _)| offset - i)
}

/// The labels of `diagnostic` within a source of `len` bytes: the primary span, then the
/// related ones.
fn labels(diagnostic: &Diagnostic, len: usize) -> Vec<Label<'_>> {
    let clip = |span: ahrefs_filter::Span| {
        let range = span.range();
        let start = range.start.min(len);
        (start, range.end.clamp(start, len))
    };
    let mut labels = Vec::new();
    if let Some(span) = diagnostic.span {
        let (start, end) = clip(span);
        labels.push(Label {
            start,
            end,
            text: diagnostic.label.as_deref(),
            primary: true,
        });
    }
    for related in &diagnostic.related {
        let (start, end) = clip(related.span);
        labels.push(Label {
            start,
            end,
            text: Some(&related.label),
            primary: false,
        });
    }
    labels
}

/// Appends `text` (one line of source) with tabs as spaces and characters that would act
/// on a terminal as `?`, one character for one, so columns stay right.
fn shown(out: &mut String, text: &str) {
    for c in text.chars() {
        out.push(match c {
            '\t' => ' ',
            c if acts_on_terminal(c) => '?',
            c => c,
        });
    }
}

/// Whether `c` would act on a terminal instead of showing: every control character but
/// the tab and the line feed, so an escape sequence in a filter from a log cannot recolour,
/// move or clear the reader's screen.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n')
}

/// `text` (which quotes the input) for a terminal: such characters escaped, as `\u{1b}`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// `1 error, 2 warnings`.
pub fn counts(errors: usize, warnings: usize) -> String {
    format!(
        "{errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    )
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced_in_place_in_sources() {
        let mut out = String::new();
        shown(&mut out, "anchor=\"\u{1b}[2J\u{85}x\"\t,\r");
        assert_eq!(out, "anchor=\"?[2J?x\" ,?");
    }

    #[test]
    fn control_characters_are_escaped_in_texts() {
        assert_eq!(visible("`a\u{7}b`\t\n"), "`a\\u{7}b`\t\n");
        assert!(matches!(visible("plain `x`"), Cow::Borrowed(_)));
    }
}
