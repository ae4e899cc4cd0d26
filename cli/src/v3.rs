//! `v3`: translate v2 requests, or a table's filter pair, to the Ahrefs API v3
//! (`v3-translation.md` §5): the v3 request, then every diagnostic of the translation.

use std::fmt::Write as _;
use std::io::{self, BufRead, Write};

use ahrefs_filter::request::Scratch;
use ahrefs_filter::v3::{BoolLiteral, Dates, History, Options, Translation, Translator};
use clap::Args;

use crate::args::Format;
use crate::render::{counts, plural, visible, Renderer};
use crate::terminal::{Stream, Style};
use crate::{Failure, Outcome};

/// `ahrefs-filter v3 URL|- | --table T [--where F] [--having F]`.
#[derive(Debug, Args)]
pub struct V3Args {
    /// A v2 request URL or query string; `-` for one a line on stdin.
    #[arg(
        value_name = "URL|-",
        required_unless_present = "table",
        conflicts_with = "table"
    )]
    pub url: Option<String>,
    /// Translate a filter pair of this v2 table instead of a whole request.
    #[arg(long)]
    pub table: Option<String>,
    /// The v2 `where` filter, URL-decoded (with `--table`).
    #[arg(long = "where", value_name = "FILTER", requires = "table")]
    pub where_filter: Option<String>,
    /// The v2 `having` filter, URL-decoded (with `--table`).
    #[arg(long = "having", value_name = "FILTER", requires = "table")]
    pub having_filter: Option<String>,
    /// Output format [default: human for one request, json for `-`].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// `history` to send: live, all_time or since:YYYY-MM-DD [default: live, reported].
    #[arg(long, value_name = "H", value_parser = history)]
    pub history: Option<History>,
    /// Booleans as JSON true/false or as 1/0 [default: true, reported].
    #[arg(long = "bool-literal", value_name = "true|01", value_parser = bool_literal)]
    pub bool_literal: Option<BoolLiteral>,
    /// Date conditions as whole-day ranges, or as written [default: day, reported].
    #[arg(long, value_name = "day|raw", value_parser = dates)]
    pub dates: Option<Dates>,
}

fn history(text: &str) -> Result<History, String> {
    History::parse(text)
        .ok_or_else(|| format!("`{text}` is not live, all_time or since:YYYY-MM-DD (a real day)"))
}

fn bool_literal(text: &str) -> Result<BoolLiteral, String> {
    BoolLiteral::parse(text).ok_or_else(|| format!("`{text}` is not true or 01"))
}

fn dates(text: &str) -> Result<Dates, String> {
    Dates::parse(text).ok_or_else(|| format!("`{text}` is not day or raw"))
}

pub fn run(args: &V3Args) -> Result<Outcome, Failure> {
    let translator = Translator::new(Options {
        history: args.history,
        bool_literal: args.bool_literal,
        dates: args.dates,
    });
    if args.url.as_deref() == Some("-") {
        return stream(&translator, args.format.unwrap_or(Format::Json));
    }
    let translation = match (&args.url, &args.table) {
        (Some(url), _) => translator.translate_request(url),
        (None, Some(table)) => translator.translate_filters(
            table,
            args.where_filter.as_deref(),
            args.having_filter.as_deref(),
        ),
        (None, None) => {
            return Err(Failure::Message(
                "give a v2 request URL, `-`, or --table".to_owned(),
            ))
        }
    };
    let mut out = io::stdout().lock();
    match args.format.unwrap_or(Format::Human) {
        Format::Json => {
            let mut line = Vec::new();
            json(&mut line, &translation, None)?;
            out.write_all(&line)?;
        }
        Format::Human => {
            let renderer = Renderer::new(Style::detect(Stream::Stdout));
            out.write_all(human(&renderer, &translation).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(Outcome::from_errors(translation.has_errors()))
}

/// Appends the translation's JSON object and a newline; `line` is the stdin line number.
fn json(out: &mut Vec<u8>, translation: &Translation, line: Option<u64>) -> Result<(), Failure> {
    let start = out.len();
    serde_json::to_writer(&mut *out, translation)
        .map_err(|e| Failure::Message(format!("cannot write JSON: {e}")))?;
    if let Some(line) = line {
        // `{"table":…` becomes `{"line":N,"table":…`.
        let field = format!("\"line\":{line},");
        out.splice(start + 1..start + 1, field.bytes());
    }
    out.push(b'\n');
    Ok(())
}

/// The v3 request (method, URL, the key's header, the `where` pretty-printed), then the
/// diagnostics as `check` renders them, then a summary line.
pub fn human(renderer: &Renderer, translation: &Translation) -> String {
    let mut out = String::new();
    match &translation.url {
        Some(url) => {
            let _ = writeln!(out, "GET {}", visible(url));
            out.push_str("Authorization: Bearer <v3 API key>\n");
            if let Some(filter) = &translation.where_filter {
                out.push_str("\nwhere:\n");
                out.push_str(&visible(&filter.to_pretty_string()));
                out.push('\n');
            }
            out.push('\n');
        }
        None => out.push_str("not translated\n\n"),
    }
    for d in &translation.diagnostics {
        let (name, source) = translation.source_of(d);
        renderer.render(&mut out, d, name, source);
    }
    let errors = translation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .count();
    let warnings = translation.diagnostics.len() - errors;
    let table = visible(translation.table.as_deref().unwrap_or("(no table)"));
    let route = match translation.endpoint {
        Some(endpoint) => format!("{table} -> {endpoint}"),
        None => table.into_owned(),
    };
    let verdict = if translation.exact() {
        "exact"
    } else if errors > 0 {
        "not translated"
    } else {
        "translated, inexact"
    };
    let _ = writeln!(out, "{route}: {verdict}; {}", counts(errors, warnings));
    out
}

/// One request per line of stdin, one translation per line of stdout.
fn stream(translator: &Translator, format: Format) -> Result<Outcome, Failure> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut stdout = io::stdout().lock();
    let renderer = (format == Format::Human).then(|| Renderer::new(Style::detect(Stream::Stdout)));
    let mut scratch = Scratch::default();
    let mut out = Vec::with_capacity(1 << 16);
    let mut bytes = Vec::new();
    let (mut line, mut requests, mut with_errors) = (0u64, 0u64, 0u64);
    loop {
        bytes.clear();
        let read = input
            .read_until(b'\n', &mut bytes)
            .map_err(|e| Failure::Message(format!("cannot read stdin: {e}")))?;
        if read == 0 {
            break;
        }
        line += 1;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            Failure::Message(format!(
                "stdin line {line} is not valid UTF-8 (at byte {} of the line)",
                e.valid_up_to()
            ))
        })?;
        if text.trim().is_empty() {
            continue;
        }
        let translation = translator.translate_request_in(text, &mut scratch);
        requests += 1;
        with_errors += u64::from(translation.has_errors());
        match &renderer {
            None => json(&mut out, &translation, Some(line))?,
            Some(renderer) => {
                out.extend_from_slice(format!("line {line}: ").as_bytes());
                out.extend_from_slice(human(renderer, &translation).as_bytes());
            }
        }
        if out.len() >= 1 << 16 {
            stdout.write_all(&out)?;
            out.clear();
        }
    }
    stdout.write_all(&out)?;
    stdout.flush()?;
    let _ = writeln!(
        io::stderr(),
        "{requests} request{}, {with_errors} not translated",
        plural(usize::try_from(requests).unwrap_or(usize::MAX))
    );
    Ok(Outcome::from_errors(with_errors > 0))
}
