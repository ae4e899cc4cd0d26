//! What the output stream can show: colour, Unicode box drawing, and how wide it is.

use std::io::IsTerminal;
use std::sync::OnceLock;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// On a terminal, unless `NO_COLOR` is set; always when `FORCE_COLOR` is.
    Auto,
    Always,
    Never,
}

/// The run's `--color`, set once at the start.
static CHOICE: OnceLock<Color> = OnceLock::new();

/// Sets the run's `--color`.
pub fn choose(color: Color) {
    let _ = CHOICE.set(color);
}

/// Which stream the reports go to.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// How reports are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Box-drawing characters; plain ASCII art when false.
    pub unicode: bool,
    /// Columns a line of source may take, gutter included.
    pub width: usize,
}

/// Widths below this are raised to it: a report needs room for its gutter and some source.
const NARROWEST: usize = 40;

/// The width when the terminal's is unknown (output piped, `COLUMNS` unset).
const DEFAULT_WIDTH: usize = 100;

impl Style {
    /// The style for `stream`: colour as `--color` says (`auto`: on a terminal unless
    /// `NO_COLOR` is set, or when `FORCE_COLOR` is); Unicode unless the locale is not UTF-8
    /// or `TERM=dumb`.
    pub fn detect(stream: Stream) -> Style {
        let terminal = match stream {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        };
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let color = match CHOICE.get().copied().unwrap_or(Color::Auto) {
            Color::Always => true,
            Color::Never => false,
            Color::Auto if set("NO_COLOR") => false,
            Color::Auto => set("FORCE_COLOR") || (terminal && !dumb),
        };
        Style {
            color,
            unicode: !dumb && utf8_locale(),
            width: width(),
        }
    }
}

/// Whether the locale's character set is UTF-8: the first of `LC_ALL`, `LC_CTYPE`, `LANG`
/// that is set decides, as in C's `setlocale`; none set is the "C" locale, which is ASCII.
fn utf8_locale() -> bool {
    if cfg!(windows) {
        return true;
    }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
    locale.is_some_and(|l| {
        let l = l.to_ascii_lowercase();
        l.contains("utf-8") || l.contains("utf8")
    })
}

/// `COLUMNS` when set (as shells export it and tests pin it), else the terminal's width,
/// else [`DEFAULT_WIDTH`].
fn width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0);
    let terminal = || terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
    columns
        .or_else(terminal)
        .unwrap_or(DEFAULT_WIDTH)
        .max(NARROWEST)
}
