//! `ahrefs-filter`: lint, format and price Ahrefs API v2 `where`/`having` filters and whole
//! requests (spec §6).
//!
//! Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O error.

mod args;
mod commands;
mod cost;
mod formats;
mod render;
mod rules;
mod terminal;
mod url;
mod v3;

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use ahrefs_filter::check::{Checker, Date};
use ahrefs_filter::schema::Schema;
use clap::error::ErrorKind;
use clap::Parser;

use crate::args::{Cli, Command, LintArgs};

/// Why a run stopped before its end: a usage or I/O problem (exit 2).
#[derive(Debug)]
enum Failure {
    /// Print this line and exit 2.
    Message(String),
    /// Stdout was closed (e.g. piped into `head`): stop quietly.
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Message(format!("cannot write output: {error}"))
        }
    }
}

/// What a command found: errors or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Clean,
    Errors,
}

impl Outcome {
    fn from_errors(errors: bool) -> Self {
        if errors {
            Outcome::Errors
        } else {
            Outcome::Clean
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    terminal::choose(cli.color);
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Errors) => ExitCode::from(1),
        // The reader has what it wanted (`… | head -1`): not a failure.
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            let _ = writeln!(io::stderr(), "error: {}", render::visible(&message));
            ExitCode::from(2)
        }
    }
}

/// Help and version go out whole (exit 0; help for a bare `ahrefs-filter` exits 2); any
/// other command-line problem is one line on stderr and exit 2.
fn usage_error(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
        }
        _ => {
            let line = one_line(&error.render().to_string(), subcommand().as_deref());
            let _ = writeln!(io::stderr(), "{}", render::visible(&line));
            ExitCode::from(2)
        }
    }
}

/// The subcommand named on the command line, for a usage error's pointer to its help.
fn subcommand() -> Option<String> {
    use clap::CommandFactory;
    let command = Cli::command();
    let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
    std::env::args_os()
        .skip(1)
        .filter_map(|a| a.into_string().ok())
        .find(|a| !a.starts_with('-'))
        .filter(|a| names.contains(&a.as_str()))
}

/// Clap's multi-line error folded into one line: the message, its indented details and its
/// tips, without the usage block.
fn one_line(text: &str, subcommand: Option<&str>) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if line.starts_with("tip:") {
            out.push_str(" (");
            out.push_str(line);
            out.push(')');
        } else if !line.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
    if out.is_empty() {
        out.push_str("error: invalid command line");
    }
    match subcommand {
        Some(name) => {
            let _ = write!(out, "; see 'ahrefs-filter {name} --help'");
        }
        None => out.push_str("; see 'ahrefs-filter --help'"),
    }
    out
}

fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::Check(mut args) => {
            read_stdin_filter([&mut args.where_filter, &mut args.having_filter])?;
            let schema = load_schema(args.schema.schema.as_deref())?;
            let checker = checker(&schema, &args.lints);
            commands::check(&checker, &args)
        }
        Command::Fmt { mut filter } => {
            read_stdin_filter([&mut filter])?;
            commands::fmt(&filter)
        }
        Command::Parse { mut filter } => {
            read_stdin_filter([&mut filter])?;
            commands::parse(&filter)
        }
        Command::Url(args) => {
            let schema = load_schema(args.schema.schema.as_deref())?;
            let linter = ahrefs_filter::request::RequestLinter::new(checker(&schema, &args.lints));
            url::run(&linter, &args)
        }
        Command::Cost(mut args) => {
            read_stdin_filter([&mut args.where_filter, &mut args.having_filter])?;
            let schema = load_schema(args.schema.schema.as_deref())?;
            cost::cost(&schema, &args)
        }
        Command::Rule { code } => {
            let code = code
                .map(|name| rules::code_named(&name))
                .transpose()
                .map_err(Failure::Message)?;
            let mut out = io::stdout().lock();
            out.write_all(rules::explain(code).as_bytes())?;
            out.flush()?;
            Ok(Outcome::Clean)
        }
        Command::Tables(args) => {
            let schema = load_schema(args.schema.schema.as_deref())?;
            commands::tables(&schema, &args)
        }
        Command::V3(mut args) => {
            read_stdin_filter([&mut args.where_filter, &mut args.having_filter])?;
            v3::run(&args)
        }
    }
}

/// A filter argument that is an option or a plain string.
trait FilterArg {
    fn is_stdin(&self) -> bool;
    fn set(&mut self, text: String);
}

impl FilterArg for String {
    fn is_stdin(&self) -> bool {
        self == "-"
    }
    fn set(&mut self, text: String) {
        *self = text;
    }
}

impl FilterArg for Option<String> {
    fn is_stdin(&self) -> bool {
        self.as_deref() == Some("-")
    }
    fn set(&mut self, text: String) {
        *self = Some(text);
    }
}

/// Replaces the filter argument given as `-` by the text on stdin, without its final line
/// ending (one filter per input, however long: no command-line size limit applies).
fn read_stdin_filter<const N: usize>(filters: [&mut dyn FilterArg; N]) -> Result<(), Failure> {
    let mut dashes = filters.into_iter().filter(|f| f.is_stdin());
    let Some(first) = dashes.next() else {
        return Ok(());
    };
    if dashes.next().is_some() {
        return Err(Failure::Message(
            "only one filter can be read from stdin; give the other as an argument".to_owned(),
        ));
    }
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Message(format!("cannot read stdin: {e}")))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        Failure::Message(format!(
            "the filter on stdin is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    first.set(text);
    Ok(())
}

/// The built-in schema, with the tables of `path` merged over it.
fn load_schema(path: Option<&Path>) -> Result<Schema, Failure> {
    let Some(path) = path else {
        return Ok(Schema::builtin().clone());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Message(format!("cannot read schema file {}: {e}", quoted(path))))?;
    let user = Schema::from_json(&text).map_err(|e| {
        Failure::Message(format!("schema file {} is not a schema: {e}", quoted(path)))
    })?;
    Ok(Schema::builtin().merged_with(&user))
}

fn quoted(path: &Path) -> String {
    format!("`{}`", path.display())
}

/// A checker for `schema` with the warnings `lints` turns off and its `--today` (else
/// today's date, UTC, for the `future-date` lint).
fn checker(schema: &Schema, lints: &LintArgs) -> Checker {
    let checker = lints
        .disabled()
        .fold(Checker::new(schema), |checker, code| checker.disable(code));
    let today = lints.today.or_else(|| {
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .and_then(|d| i64::try_from(d.as_secs() / 86_400).ok());
        days.and_then(Date::from_unix_days)
    });
    match today {
        Some(date) => checker.today(date),
        None => checker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_errors_fold_into_one_line() {
        let text = "error: the following required arguments were not provided:\n  --table <TABLE>\n\nUsage: ahrefs-filter check --table <TABLE>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(text, Some("check")),
            "error: the following required arguments were not provided: --table <TABLE>; see 'ahrefs-filter check --help'"
        );
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
