//! `ahrefs-filter`: lint, format and price Ahrefs API v2 `where`/`having` filters and whole
//! requests (spec §6).
//!
//! Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O error.

mod commands;
mod formats;
mod render;
mod rules;
mod terminal;
mod url;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ahrefs_filter::check::{Checker, Date};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::{Code, Severity};
use clap::error::ErrorKind;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lint the `where`/`having` filters and whole requests of the Ahrefs API v2.
#[derive(Debug, Parser)]
#[command(name = "ahrefs-filter", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour human output: `auto` is on a terminal, unless `NO_COLOR` is set (or
    /// when `FORCE_COLOR` is).
    #[arg(long, value_enum, global = true, default_value_t = terminal::Color::Auto)]
    color: terminal::Color,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Type-check a request's filters against a table; report every problem.
    Check(CheckArgs),
    /// Print a filter in canonical form.
    Fmt {
        /// The filter, URL-decoded; `-` reads it from stdin.
        filter: String,
    },
    /// Print a filter's syntax tree as JSON.
    Parse {
        /// The filter, URL-decoded; `-` reads it from stdin.
        filter: String,
    },
    /// Lint whole request URLs or query strings; `-` reads one per line from stdin.
    Url(UrlArgs),
    /// Rows a request is charged.
    Cost(CostArgs),
    /// List the tables, or one table's columns.
    Tables(TablesArgs),
    /// Explain a diagnostic code (meaning, an example, the fix), or list them all.
    Rule {
        /// The code, e.g. `clause-not-allowed`.
        code: Option<String>,
    },
}

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Reports with the source underlined (colour on a terminal).
    Human,
    /// JSON, one object per line.
    Json,
}

/// How to print the reports of `check` and `url`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Reports with the source underlined (colour on a terminal).
    Human,
    /// JSON, one object per line.
    Json,
    /// One line a diagnostic: `file:line:col: error[code] message`.
    Concise,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`).
    Github,
    /// One SARIF 2.1.0 document for the run, with a rule per code.
    Sarif,
}

impl ReportFormat {
    /// The machine format, for the three that are one.
    fn machine(self) -> Option<formats::Machine> {
        match self {
            ReportFormat::Concise => Some(formats::Machine::Concise),
            ReportFormat::Github => Some(formats::Machine::Github),
            ReportFormat::Sarif => Some(formats::Machine::Sarif),
            ReportFormat::Human | ReportFormat::Json => None,
        }
    }
}

#[derive(Debug, Args)]
struct SchemaArg {
    /// A schema JSON file (shape of `v2-schema.json`) whose tables replace or add to the
    /// built-in ones.
    #[arg(long, value_name = "FILE")]
    schema: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct LintArgs {
    /// Turn warnings off: codes, comma-separated or repeated, or `all`, e.g.
    /// `--no-lint whitespace,duplicate`.
    #[arg(long = "no-lint", value_name = "CODES", value_delimiter = ',', value_parser = warning_codes)]
    no_lint: Vec<Warnings>,
    /// The date `future-date` compares with [default: today, UTC], for reproducible runs.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    today: Option<Date>,
    /// Exit with status 1 when there are warnings, as for errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Print only what has problems: no reports of clean requests, no summaries.
    #[arg(long, short)]
    quiet: bool,
}

impl LintArgs {
    /// The warnings `--no-lint` turns off.
    fn disabled(&self) -> impl Iterator<Item = Code> + '_ {
        self.no_lint.iter().flat_map(|w| w.0.iter().copied())
    }

    /// What the run found, by the exit status it asks for.
    fn outcome(&self, errors: bool, warnings: bool) -> Outcome {
        Outcome::from_errors(errors || (self.deny_warnings && warnings))
    }
}

/// Warning codes named by one `--no-lint` item.
#[derive(Debug, Clone)]
struct Warnings(Vec<Code>);

/// Parses `--today`.
fn date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The `from` table.
    #[arg(long)]
    table: String,
    /// The `where` filter, URL-decoded; `-` reads it from stdin.
    #[arg(long = "where", value_name = "FILTER")]
    where_filter: Option<String>,
    /// The `having` filter, URL-decoded; `-` reads it from stdin.
    #[arg(long = "having", value_name = "FILTER")]
    having_filter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,
    /// Also print the request with every machine-applicable fix applied.
    #[arg(long)]
    fix: bool,
    #[command(flatten)]
    schema: SchemaArg,
    #[command(flatten)]
    lints: LintArgs,
}

#[derive(Debug, Args)]
struct UrlArgs {
    /// Request URLs or query strings; files of them (or of access-log lines), one a line;
    /// `-` for one a line on stdin.
    #[arg(value_name = "URL|FILE|-", required = true)]
    inputs: Vec<String>,
    /// Output format [default: human for URLs, json when reading a file or stdin].
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    #[command(flatten)]
    schema: SchemaArg,
    #[command(flatten)]
    lints: LintArgs,
}

#[derive(Debug, Args)]
struct CostArgs {
    /// The `from` table.
    #[arg(long)]
    table: String,
    /// The `where` filter (only whether it is sent matters).
    #[arg(long = "where", value_name = "FILTER")]
    where_filter: Option<String>,
    /// The `having` filter (only whether it is sent matters).
    #[arg(long = "having", value_name = "FILTER")]
    having_filter: Option<String>,
    /// Result rows the request returns.
    #[arg(long)]
    rows: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    schema: SchemaArg,
}

#[derive(Debug, Args)]
struct TablesArgs {
    /// A table whose columns to list.
    table: Option<String>,
    /// Output format (`json` prints the schema in the shape `--schema` reads).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    schema: SchemaArg,
}

/// Parses one `--no-lint` item: a warning code, or `all` for every warning.
fn warning_codes(name: &str) -> Result<Warnings, String> {
    let warnings = || {
        Code::ALL
            .iter()
            .copied()
            .filter(|c| c.severity() == Severity::Warning)
    };
    if name == "all" {
        return Ok(Warnings(warnings().collect()));
    }
    match Code::from_name(name) {
        Some(code) if code.severity() == Severity::Warning => Ok(Warnings(vec![code])),
        Some(_) => Err(format!(
            "`{name}` is an error; only warnings can be turned off"
        )),
        None => {
            let names = warnings().map(|c| c.as_str()).chain(["all"]);
            let near = rules::closest(name, names.clone())
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            let list: Vec<&str> = names.collect();
            Err(format!(
                "unknown code `{name}`; {near}warnings are: {}",
                list.join(", ")
            ))
        }
    }
}

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
        Err(Failure::BrokenPipe) => ExitCode::from(2),
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
            let line = one_line(&error.render().to_string());
            let _ = writeln!(io::stderr(), "{}", render::visible(&line));
            ExitCode::from(2)
        }
    }
}

/// Clap's multi-line error folded into one line: the message, its indented details and its
/// tips, without the usage block.
fn one_line(text: &str) -> String {
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
    out.push_str("; see 'ahrefs-filter --help'");
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
            commands::cost(&schema, &args)
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
fn checker<'s>(schema: &'s Schema, lints: &LintArgs) -> Checker<'s> {
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
            one_line(text),
            "error: the following required arguments were not provided: --table <TABLE>; see 'ahrefs-filter --help'"
        );
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
