//! Human output: miette reports with the source underlined, in colour on a terminal.

use std::io::IsTerminal;

use ahrefs_filter::Diagnostic;
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
        let report = Report::new(diagnostic.clone())
            .with_source_code(NamedSource::new(name, source.to_owned()));
        if self.handler.render_report(out, report.as_ref()).is_err() {
            // Rendering into a String cannot fail; keep the message if it somehow does.
            out.push_str(&diagnostic.message);
            out.push('\n');
        }
        out.push('\n');
    }
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
