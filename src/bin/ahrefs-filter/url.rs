//! `url`: lint one request, or stream one per line from stdin.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::time::{Duration, Instant};

use ahrefs_filter::request::{RequestLinter, UrlReport};

use crate::render::{counts, plural, Renderer, Stream};
use crate::{json, Failure, Format, Outcome, UrlArgs};

pub fn run(linter: &RequestLinter<'_>, args: &UrlArgs) -> Result<Outcome, Failure> {
    if args.url == "-" {
        return stream(linter, args.format.unwrap_or(Format::Json));
    }
    let report = linter.lint(&args.url);
    let mut out = io::stdout().lock();
    match args.format.unwrap_or(Format::Human) {
        Format::Json => {
            let mut line = Vec::new();
            json::url(&mut line, &report, None);
            out.write_all(&line)?;
        }
        Format::Human => {
            let renderer = Renderer::new(Stream::Stdout);
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
        report.table.as_deref().unwrap_or("(no table)"),
        counts(report.error_count(), report.warning_count())
    );
    out
}

/// One request per line of stdin, one report per line of stdout; constant memory.
fn stream(linter: &RequestLinter<'_>, format: Format) -> Result<Outcome, Failure> {
    let stdin = io::stdin();
    let mut progress = Progress::new(input_size(&stdin));
    let mut input = stdin.lock();
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let renderer = (format == Format::Human).then(|| Renderer::new(Stream::Stdout));
    let mut buffer = Vec::with_capacity(4096);
    let mut json_line = Vec::with_capacity(4096);
    let (mut line, mut requests, mut with_errors, mut with_warnings) = (0u64, 0u64, 0u64, 0u64);
    loop {
        buffer.clear();
        let read = input
            .read_until(b'\n', &mut buffer)
            .map_err(|e| Failure::Message(format!("cannot read stdin: {e}")))?;
        if read == 0 {
            break;
        }
        line += 1;
        progress.advance(read as u64);
        let text = std::str::from_utf8(&buffer).map_err(|e| {
            progress.clear();
            Failure::Message(format!(
                "stdin line {line} is not valid UTF-8 (at byte {} of the line)",
                e.valid_up_to()
            ))
        })?;
        if text.trim().is_empty() {
            continue;
        }
        let report = linter.lint(text);
        requests += 1;
        let errors = report.has_errors();
        with_errors += u64::from(errors);
        with_warnings += u64::from(report.warning_count() > 0);
        let written = match &renderer {
            None => {
                json_line.clear();
                json::url(&mut json_line, &report, Some(line));
                out.write_all(&json_line)
            }
            Some(renderer) => out
                .write_all(format!("line {line}: ").as_bytes())
                .and_then(|()| out.write_all(human(renderer, &report).as_bytes())),
        };
        if let Err(e) = written {
            progress.clear();
            return Err(e.into());
        }
    }
    out.flush()?;
    progress.clear();
    let _ = writeln!(
        io::stderr(),
        "{requests} request{}, {with_errors} with errors, {with_warnings} with warnings",
        plural(usize::try_from(requests).unwrap_or(usize::MAX))
    );
    Ok(Outcome::from_errors(with_errors > 0))
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
