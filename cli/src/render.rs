//! Human output: miette reports with the source underlined, in colour on a terminal.

use std::borrow::Cow;
use std::io::IsTerminal;

use ahrefs_filter::{Diagnostic, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource, Report};

/// Renders diagnostics for one output stream.
pub struct Renderer {
    handler: GraphicalReportHandler,
}

/// Which stream the reports go to, to decide on colour.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Renderer {
    /// Colour when `stream` is a terminal and `NO_COLOR` is unset; plain otherwise.
    pub fn new(stream: Stream) -> Self {
        let terminal = match stream {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let theme = if terminal && !no_color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<usize>().ok())
            .filter(|&w| w >= 40)
            .unwrap_or(100);
        Renderer {
            handler: GraphicalReportHandler::new_themed(theme).with_width(width),
        }
    }

    /// Appends the report of `diagnostic`, whose span points into `source` (named `name`).
    pub fn render(&self, out: &mut String, diagnostic: &Diagnostic, name: &str, source: &str) {
        let (mut diagnostic, source) = excerpt(diagnostic, source);
        let source = shown_in_place(source);
        made_visible(&mut diagnostic);
        let report =
            Report::new(diagnostic.clone()).with_source_code(NamedSource::new(name, source));
        if self.handler.render_report(out, report.as_ref()).is_err() {
            // Rendering into a String cannot fail; keep the message if it somehow does.
            out.push_str(&diagnostic.message);
            out.push('\n');
        }
        out.push('\n');
    }
}

/// Sources longer than this are shown through a window around the diagnostic's spans.
///
/// miette 7.6 panics ("Formatting argument out of range") when a label starts 65,535 or
/// more columns into its line, and copies and scans the whole source for every report. A
/// window of this many bytes stays below that column even if every byte is a tab (four
/// columns) and keeps each report's cost independent of the input's size.
const WINDOW: usize = 8 * 1024;

/// Bytes of the window before the primary span.
const CONTEXT: usize = 120;

/// `diagnostic` and the part of `source` to show it in: the source itself when it is short,
/// else a window from a little before the primary span (related spans outside it are dropped, spans
/// reaching out of it are clipped), marked `…` where text was left out.
fn excerpt(diagnostic: &Diagnostic, source: &str) -> (Diagnostic, String) {
    if source.len() <= WINDOW {
        return (diagnostic.clone(), source.to_owned());
    }
    let anchor = diagnostic
        .span
        .or_else(|| diagnostic.related.first().map(|r| r.span));
    let at = anchor.map_or(0, |s| s.range().start.min(source.len()));
    let start = floor_boundary(source, at.saturating_sub(CONTEXT));
    let end = floor_boundary(source, start.saturating_add(WINDOW).min(source.len()));
    let (prefix, suffix) = (
        if start > 0 { "…" } else { "" },
        if end < source.len() { "…" } else { "" },
    );
    let shift = |span: Span| -> Option<Span> {
        let range = span.range();
        if range.start < start || range.start > end {
            return None;
        }
        let clipped_end = floor_boundary(source, range.end.clamp(range.start, end));
        Span::try_from(range.start - start + prefix.len()..clipped_end - start + prefix.len()).ok()
    };
    let mut shown = diagnostic.clone();
    shown.span = diagnostic.span.and_then(shift);
    shown.related = diagnostic
        .related
        .iter()
        .filter_map(|r| {
            shift(r.span).map(|span| ahrefs_filter::Related {
                span,
                label: r.label.clone(),
            })
        })
        .collect();
    (shown, format!("{prefix}{}{suffix}", &source[start..end]))
}

/// Whether `c` would act on a terminal instead of showing: every control character but
/// the tab and the line feed (which the reports lay out), so an escape sequence in a filter
/// from a log cannot recolour, move or clear the reader's screen.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n')
}

/// `source` with each byte of each such character replaced by `?`: one byte for one, so
/// every span still points at the same place.
fn shown_in_place(source: String) -> String {
    if !source.chars().any(acts_on_terminal) {
        return source;
    }
    source
        .chars()
        .map(|c| {
            if acts_on_terminal(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
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

/// The texts of `diagnostic` with [`visible`] applied.
fn made_visible(diagnostic: &mut Diagnostic) {
    let escape = |text: &mut Cow<'static, str>| {
        if let Cow::Owned(shown) = visible(text) {
            *text = Cow::Owned(shown);
        }
    };
    escape(&mut diagnostic.message);
    diagnostic.label.iter_mut().for_each(escape);
    diagnostic.help.iter_mut().for_each(escape);
    diagnostic
        .related
        .iter_mut()
        .for_each(|r| escape(&mut r.label));
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
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
        let source = "anchor=\"\u{1b}[2J\u{85}x\"\t,\r\n".to_owned();
        let shown = shown_in_place(source.clone());
        assert_eq!(shown.len(), source.len());
        assert_eq!(shown, "anchor=\"?[2J??x\"\t,?\n");
    }

    #[test]
    fn control_characters_are_escaped_in_texts() {
        assert_eq!(visible("`a\u{7}b`\t\n"), "`a\\u{7}b`\t\n");
        assert!(matches!(visible("plain `x`"), Cow::Borrowed(_)));
    }
}
