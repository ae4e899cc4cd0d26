//! `url`: lint requests given as arguments, or one a line from files and stdin.

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read, Write};
use std::time::{Duration, Instant};

use ahrefs_filter::request::{RequestLinter, Scratch, UrlReport};
use ahrefs_filter::{Code, Diagnostic};

use crate::args::{ReportFormat, UrlArgs};
use crate::commands::json_line;
use crate::formats::{self, Emitter, Place};
use crate::render::{counts, plural, visible, Renderer};
use crate::terminal::{Stream, Style};
use crate::{Failure, Outcome};

/// A `url` object: where the request came from (a file's path and line, or the line on
/// stdin), then the report's fields.
#[derive(serde::Serialize)]
struct Placed<'a, 'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(flatten)]
    report: &'a UrlReport<'r>,
}

/// One argument of `url`.
enum Input<'a> {
    /// A request URL or query string.
    Request(&'a str),
    /// One request per line of this file.
    File(&'a str),
    /// One request per line of stdin.
    Stdin,
}

/// `-` is stdin; an argument naming an existing file is that file; anything else is a
/// request.
fn input(arg: &str) -> Input<'_> {
    if arg == "-" {
        Input::Stdin
    } else if std::path::Path::new(arg).is_file() {
        Input::File(arg)
    } else {
        Input::Request(arg)
    }
}

pub fn run(linter: &RequestLinter, args: &UrlArgs) -> Result<Outcome, Failure> {
    let inputs: Vec<Input<'_>> = args.inputs.iter().map(|a| input(a)).collect();
    let streams = inputs.iter().any(|i| !matches!(i, Input::Request(_)));
    let format = args.format.unwrap_or(if streams {
        ReportFormat::Json
    } else {
        ReportFormat::Human
    });
    let mut sink = Sink::new(format, args.lints.quiet);
    let mut result = Ok(());
    for input in &inputs {
        result = match *input {
            Input::Request(url) => {
                let report = linter.lint(url);
                sink.report(&report, None, None)
            }
            Input::File(path) => match std::fs::File::open(path) {
                Ok(file) => {
                    let size = file.metadata().ok().map(|m| m.len());
                    stream(linter, file, size, Some(path), &mut sink)
                }
                Err(e) => Err(Failure::Message(format!(
                    "cannot read `{}`: {e}",
                    visible(path)
                ))),
            },
            Input::Stdin => {
                let stdin = io::stdin();
                let size = input_size(&stdin);
                stream(linter, stdin.lock(), size, None, &mut sink)
            }
        };
        if result.is_err() {
            break;
        }
    }
    // What came before a failure is written too.
    let written = sink.finish();
    result?;
    written?;
    if streams && !args.lints.quiet {
        let _ = writeln!(
            io::stderr(),
            "{} request{}, {} with errors, {} with warnings",
            sink.requests,
            plural(usize::try_from(sink.requests).unwrap_or(usize::MAX)),
            sink.with_errors,
            sink.with_warnings,
        );
    }
    Ok(args
        .lints
        .outcome(sink.with_errors > 0, sink.with_warnings > 0))
}

/// Where reports go: gathered and written a block at a time (stdout is line-buffered, and a
/// `BufWriter` in front of it would copy every report once more), and counted.
struct Sink {
    /// Reports of clean requests are left out.
    quiet: bool,
    out: Vec<u8>,
    format: ReportFormat,
    renderer: Option<Renderer>,
    emitter: Option<Emitter>,
    requests: u64,
    with_errors: u64,
    with_warnings: u64,
}

impl Sink {
    fn new(format: ReportFormat, quiet: bool) -> Self {
        Sink {
            quiet,
            out: Vec::with_capacity(BLOCK + 4096),
            format,
            renderer: (format == ReportFormat::Human)
                .then(|| Renderer::new(Style::detect(Stream::Stdout))),
            emitter: format.machine().map(Emitter::new),
            requests: 0,
            with_errors: 0,
            with_warnings: 0,
        }
    }

    /// Adds `report`, of line `line` of `file` (stdin when `None`) or of an argument.
    fn report(
        &mut self,
        report: &UrlReport<'_>,
        file: Option<&str>,
        line: Option<u64>,
    ) -> Result<(), Failure> {
        self.requests += 1;
        self.with_errors += u64::from(report.has_errors());
        self.with_warnings += u64::from(report.warning_count() > 0);
        if self.quiet && report.diagnostics.is_empty() {
            return Ok(());
        }
        if let Some(emitter) = &mut self.emitter {
            for d in &report.diagnostics {
                let (name, source) = report.source_of(d);
                let place = match (file, line) {
                    (Some(file), _) => Place { file, line },
                    (None, Some(_)) => Place { file: "-", line },
                    (None, None) => Place {
                        file: name,
                        line: None,
                    },
                };
                // A line of a file or stdin is placed by its column in the line: a filter's
                // diagnostic at its text in the request.
                let in_request = d.clause.zip(d.span).and_then(|(clause, span)| {
                    formats::in_url(&report.url, clause.as_str(), span.range())
                });
                match in_request {
                    Some(range) if line.is_some() => {
                        emitter.diagnostic_at(&mut self.out, d, Some(range), &report.url, place);
                    }
                    _ => emitter.diagnostic(&mut self.out, d, source, place),
                }
            }
        }
        match &self.renderer {
            None if self.format != ReportFormat::Json => {}
            None => json_line(&mut self.out, &Placed { file, line, report })?,
            Some(renderer) => {
                let mut text = String::new();
                match (file, line) {
                    (Some(file), Some(line)) => {
                        let _ = write!(text, "{}:{line}: ", visible(file));
                    }
                    (None, Some(line)) => {
                        let _ = write!(text, "line {line}: ");
                    }
                    _ => {}
                }
                text.push_str(&human(renderer, report));
                self.out.extend_from_slice(text.as_bytes());
            }
        }
        if self.out.len() >= BLOCK {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes what is left, and the SARIF document.
    fn finish(&mut self) -> Result<(), Failure> {
        if let Some(emitter) = &mut self.emitter {
            emitter
                .finish(&mut self.out)
                .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))?;
        }
        self.flush()
    }

    fn flush(&mut self) -> Result<(), Failure> {
        let mut stdout = io::stdout().lock();
        stdout.write_all(&self.out)?;
        stdout.flush()?;
        self.out.clear();
        Ok(())
    }
}

fn human(renderer: &Renderer, report: &UrlReport<'_>) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let (name, source) = report.source_of(d);
        renderer.render(&mut out, d, name, source);
    }
    let _ = writeln!(
        out,
        "{}: {}",
        visible(report.table.as_deref().unwrap_or("(no table)")),
        counts(report.error_count(), report.warning_count())
    );
    out
}

/// Bytes of input read at once, and of output gathered before one write.
const BLOCK: usize = 1 << 16;

/// The report of a line that is not UTF-8: an error of its own, without any of its text
/// (which may hold a token that cannot be found to redact).
fn not_utf8(error: std::str::Utf8Error) -> UrlReport<'static> {
    // Field by field: the report type is `#[non_exhaustive]`.
    let mut report = UrlReport::default();
    report.diagnostics.push(
        Diagnostic::new(
            Code::Syntax,
            None,
            format!(
                "the line is not valid UTF-8 (at byte {}), so it is not linted",
                error.valid_up_to()
            ),
        )
        .with_help("requests are read as UTF-8; percent-encode other bytes (`%FF`)"),
    );
    report
}

/// One request per line of `reader` (`file`, or stdin when `None`), one report per line;
/// constant memory.
fn stream(
    linter: &RequestLinter,
    reader: impl Read,
    size: Option<u64>,
    file: Option<&str>,
    sink: &mut Sink,
) -> Result<(), Failure> {
    let mut progress = Progress::new(size);
    let mut lines = Lines::new(reader);
    let mut scratch = Scratch::default();
    let mut line = 0u64;
    let result = loop {
        let bytes = match lines.next() {
            Ok(Some(bytes)) => bytes,
            Ok(None) => break Ok(()),
            Err(e) => {
                let name = file.map_or("stdin".into(), visible);
                break Err(Failure::Message(format!("cannot read {name}: {e}")));
            }
        };
        line += 1;
        progress.advance(bytes.len() as u64);
        let done = match std::str::from_utf8(bytes) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => sink.report(&linter.lint_in(text, &mut scratch), file, Some(line)),
            Err(e) => sink.report(&not_utf8(e), file, Some(line)),
        };
        if let Err(e) = done {
            break Err(e);
        }
    };
    progress.clear();
    result
}

/// The lines of a reader, each with its `\n` (the last one may have none), read a block at
/// a time: `read_until` per line cost a tenth of `url -`'s time in locking and copying.
struct Lines<R> {
    reader: R,
    /// `buffer[..filled]` is what was read; it grows only for a line longer than it.
    buffer: Vec<u8>,
    filled: usize,
    /// Where the next line starts.
    start: usize,
    /// `buffer[start..scanned]` holds no newline.
    scanned: usize,
    eof: bool,
}

impl<R: Read> Lines<R> {
    fn new(reader: R) -> Self {
        Lines {
            reader,
            buffer: vec![0; BLOCK],
            filled: 0,
            start: 0,
            scanned: 0,
            eof: false,
        }
    }

    fn next(&mut self) -> io::Result<Option<&[u8]>> {
        loop {
            if let Some(i) = memchr::memchr(b'\n', &self.buffer[self.scanned..self.filled]) {
                let (start, end) = (self.start, self.scanned + i + 1);
                self.start = end;
                self.scanned = end;
                return Ok(Some(&self.buffer[start..end]));
            }
            self.scanned = self.filled;
            if self.eof {
                let start = self.start;
                self.start = self.filled;
                return Ok((start < self.filled).then(|| &self.buffer[start..self.filled]));
            }
            // Keep the partial line, at the front (once: a line longer than the buffer is
            // not moved again for each read), and read after it.
            if self.start > 0 {
                self.buffer.copy_within(self.start..self.filled, 0);
                self.filled -= self.start;
                self.scanned = self.filled;
                self.start = 0;
            }
            if self.buffer.len() - self.filled < BLOCK / 2 {
                self.buffer.resize(self.buffer.len() * 2, 0);
            }
            match self.reader.read(&mut self.buffer[self.filled..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// The size of stdin when it is a regular file, for a percentage.
#[cfg(unix)]
fn input_size(stdin: &io::Stdin) -> Option<u64> {
    use std::os::fd::AsFd;
    let file = std::fs::File::from(stdin.as_fd().try_clone_to_owned().ok()?);
    let metadata = file.metadata().ok()?;
    metadata.is_file().then_some(metadata.len())
}

#[cfg(not(unix))]
fn input_size(_: &io::Stdin) -> Option<u64> {
    None
}

/// A one-line progress report on stderr, redrawn at most ten times a second, only when
/// stderr is a terminal.
struct Progress {
    enabled: bool,
    total: Option<u64>,
    bytes: u64,
    lines: u64,
    started: Instant,
    drawn: Instant,
    drew: bool,
}

impl Progress {
    fn new(total: Option<u64>) -> Self {
        let now = Instant::now();
        Progress {
            enabled: io::stderr().is_terminal(),
            total,
            bytes: 0,
            lines: 0,
            started: now,
            drawn: now,
            drew: false,
        }
    }

    fn advance(&mut self, bytes: u64) {
        if !self.enabled {
            return;
        }
        self.bytes += bytes;
        self.lines += 1;
        if self.lines % 1024 != 0 {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.drawn) < Duration::from_millis(100) {
            return;
        }
        self.drawn = now;
        self.drew = true;
        let seconds = now.duration_since(self.started).as_secs_f64().max(1e-3);
        #[allow(clippy::cast_precision_loss)]
        let rate = self.lines as f64 / seconds;
        let mut text = format!("\r\x1b[2K{} lines, {rate:.0}/s", self.lines);
        if let Some(total) = self.total.filter(|&t| t > 0) {
            #[allow(clippy::cast_precision_loss)]
            let percent = self.bytes as f64 * 100.0 / total as f64;
            let filled = ((percent / 5.0) as usize).min(20);
            text = format!(
                "\r\x1b[2K[{}{}] {percent:.0}%  {} lines, {rate:.0}/s",
                "#".repeat(filled),
                " ".repeat(20 - filled),
                self.lines
            );
        }
        let _ = io::stderr().write_all(text.as_bytes());
    }

    fn clear(&mut self) {
        if self.drew {
            let _ = io::stderr().write_all(b"\r\x1b[2K");
            self.drew = false;
        }
    }
}
