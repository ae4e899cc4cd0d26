//! `url`: lint one request, or stream one per line from stdin.

use std::fmt::Write as _;
use std::io::{self, IsTerminal, Read, Write};
use std::time::{Duration, Instant};

use ahrefs_filter::request::{RequestLinter, Scratch, UrlReport};

use crate::commands::json_line;
use crate::render::{counts, plural, visible, Renderer};
use crate::terminal::{Stream, Style};
use crate::{Failure, Format, Outcome, UrlArgs};

/// A `url -` line's object: its line number on stdin, then the report's fields.
#[derive(serde::Serialize)]
struct Numbered<'a, 'r> {
    line: u64,
    #[serde(flatten)]
    report: &'a UrlReport<'r>,
}

pub fn run(linter: &RequestLinter<'_>, args: &UrlArgs) -> Result<Outcome, Failure> {
    if args.url == "-" {
        return stream(linter, args.format.unwrap_or(Format::Json));
    }
    let report = linter.lint(&args.url);
    let mut out = io::stdout().lock();
    match args.format.unwrap_or(Format::Human) {
        Format::Json => {
            let mut line = Vec::new();
            json_line(&mut line, &report)?;
            out.write_all(&line)?;
        }
        Format::Human => {
            let renderer = Renderer::new(Style::detect(Stream::Stdout));
            out.write_all(human(&renderer, &report).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(Outcome::from_errors(report.has_errors()))
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

/// Bytes of stdin read at once, and of output gathered before one write.
const BLOCK: usize = 1 << 16;

/// One request per line of stdin, one report per line of stdout; constant memory.
fn stream(linter: &RequestLinter<'_>, format: Format) -> Result<Outcome, Failure> {
    let stdin = io::stdin();
    let mut progress = Progress::new(input_size(&stdin));
    let mut lines = Lines::new(stdin.lock());
    let mut stdout = io::stdout().lock();
    // Reports are gathered here and written a block at a time: stdout is line-buffered,
    // and a `BufWriter` in front of it would copy every report once more.
    let mut out = Vec::with_capacity(BLOCK + 4096);
    let renderer = (format == Format::Human).then(|| Renderer::new(Style::detect(Stream::Stdout)));
    let mut scratch = Scratch::default();
    let (mut line, mut requests, mut with_errors, mut with_warnings) = (0u64, 0u64, 0u64, 0u64);
    let result = loop {
        let bytes = match lines.next() {
            Ok(Some(bytes)) => bytes,
            Ok(None) => break Ok(()),
            Err(e) => break Err(Failure::Message(format!("cannot read stdin: {e}"))),
        };
        line += 1;
        progress.advance(bytes.len() as u64);
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                break Err(Failure::Message(format!(
                    "stdin line {line} is not valid UTF-8 (at byte {} of the line)",
                    e.valid_up_to()
                )))
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        let report = linter.lint_in(text, &mut scratch);
        requests += 1;
        let errors = report.has_errors();
        with_errors += u64::from(errors);
        with_warnings += u64::from(report.warning_count() > 0);
        match &renderer {
            None => {
                if let Err(e) = json_line(
                    &mut out,
                    &Numbered {
                        line,
                        report: &report,
                    },
                ) {
                    break Err(e);
                }
            }
            Some(renderer) => {
                out.extend_from_slice(format!("line {line}: ").as_bytes());
                out.extend_from_slice(human(renderer, &report).as_bytes());
            }
        }
        if out.len() >= BLOCK {
            if let Err(e) = stdout.write_all(&out) {
                break Err(e.into());
            }
            out.clear();
        }
    };
    progress.clear();
    // What came before a bad line is written too.
    let written = stdout.write_all(&out).and_then(|()| stdout.flush());
    result?;
    written?;
    let _ = writeln!(
        io::stderr(),
        "{requests} request{}, {with_errors} with errors, {with_warnings} with warnings",
        plural(usize::try_from(requests).unwrap_or(usize::MAX))
    );
    Ok(Outcome::from_errors(with_errors > 0))
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
