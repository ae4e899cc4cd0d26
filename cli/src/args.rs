//! The command line: subcommands, options and their help.

use std::path::PathBuf;

use ahrefs_filter::check::Date;
use ahrefs_filter::{Code, Severity};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::{formats, rules, terminal, Outcome};

/// The help's closing lines: examples, then the exit statuses.
macro_rules! after {
    ($($example:literal),*) => {
        concat!(
            "Examples:\n",
            $("  ", $example, "\n",)*
            "\nExit status: 0 no errors (warnings allowed), 1 errors found (or warnings, for the\n",
            "commands that take --deny-warnings), 2 usage or I/O error."
        )
    };
}

/// Lint the `where`/`having` filters and whole requests of the Ahrefs API v2.
#[derive(Debug, Parser)]
#[command(
    name = "ahrefs-filter",
    version,
    about,
    max_term_width = 100,
    after_help = after!(
        "ahrefs-filter check --table backlinks --where 'ahrefs_rank>10,anchor=\"seo\"'",
        "ahrefs-filter url access.log --format github",
        "ahrefs-filter rule clause-not-allowed"
    )
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour human output: `auto` is on a terminal, unless `NO_COLOR` is set (or
    /// when `FORCE_COLOR` is).
    #[arg(long, value_enum, global = true, default_value_t = terminal::Color::Auto)]
    pub color: terminal::Color,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Type-check a request's filters against a table; report every problem.
    #[command(after_help = after!(
        "ahrefs-filter check --table backlinks_one_per_domain --where 'domain_rating>30' --fix",
        "ahrefs-filter check --table refdomains --having - < filter.txt --format json"
    ))]
    Check(CheckArgs),
    /// Print a filter in canonical form.
    #[command(after_help = after!("ahrefs-filter fmt 'ahrefs_rank > 007 , type:\"lost\"'"))]
    Fmt {
        /// The filter, URL-decoded; `-` reads it from stdin.
        filter: String,
    },
    /// Print a filter's syntax tree as JSON.
    #[command(after_help = after!("ahrefs-filter parse 'gov=true'"))]
    Parse {
        /// The filter, URL-decoded; `-` reads it from stdin.
        filter: String,
    },
    /// Lint whole request URLs or query strings, given or one a line in files and stdin.
    #[command(after_help = after!(
        "ahrefs-filter url 'https://apiv2.ahrefs.com/?from=refdomains&target=ahrefs.com&mode=domain'",
        "ahrefs-filter url access.log other.log --quiet --format concise",
        "zcat access.log.gz | ahrefs-filter url - --format sarif > lint.sarif"
    ))]
    Url(UrlArgs),
    /// Rows a request is charged.
    #[command(after_help = after!(
        "ahrefs-filter cost --table backlinks_one_per_domain --where 'ahrefs_rank>10' --rows 1000"
    ))]
    Cost(CostArgs),
    /// List the tables, or one table's columns.
    #[command(after_help = after!("ahrefs-filter tables", "ahrefs-filter tables refdomains --format json"))]
    Tables(TablesArgs),
    /// Explain a diagnostic code (meaning, an example, the fix), or list them all.
    #[command(after_help = after!("ahrefs-filter rule", "ahrefs-filter rule unsatisfiable"))]
    Rule {
        /// The code, e.g. `clause-not-allowed`.
        code: Option<String>,
    },
    /// Translate v2 requests, or a table's filters, to the Ahrefs API v3, saying where the
    /// meaning shifts.
    #[command(after_help = after!(
        "ahrefs-filter v3 'from=backlinks&target=ahrefs.com&mode=domain&where=nofollow=false'",
        "ahrefs-filter v3 --table refdomains --having 'domain_rating>=30' --history all_time",
        "ahrefs-filter v3 - < requests.txt > v3.jsonl"
    ))]
    V3(crate::v3::V3Args),
}

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Reports with the source underlined (colour on a terminal).
    Human,
    /// JSON, one object per line.
    Json,
}

/// How to print the reports of `check` and `url`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
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
    pub fn machine(self) -> Option<formats::Machine> {
        match self {
            ReportFormat::Concise => Some(formats::Machine::Concise),
            ReportFormat::Github => Some(formats::Machine::Github),
            ReportFormat::Sarif => Some(formats::Machine::Sarif),
            ReportFormat::Human | ReportFormat::Json => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct SchemaArg {
    /// A schema JSON file (shape of `v2-schema.json`) whose tables replace or add to the
    /// built-in ones.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Turn warnings off: codes, comma-separated or repeated, or `all`, e.g.
    /// `--no-lint whitespace,duplicate`.
    #[arg(long = "no-lint", value_name = "CODES", value_delimiter = ',', value_parser = warning_codes)]
    pub no_lint: Vec<Warnings>,
    /// The date `future-date` compares with [default: today, UTC], for reproducible runs.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub today: Option<Date>,
    /// Exit with status 1 when there are warnings, as for errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print only what has problems: no reports of clean requests, no summaries.
    #[arg(long, short)]
    pub quiet: bool,
}

impl LintArgs {
    /// The warnings `--no-lint` turns off.
    pub fn disabled(&self) -> impl Iterator<Item = Code> + '_ {
        self.no_lint.iter().flat_map(|w| w.0.iter().copied())
    }

    /// What the run found, by the exit status it asks for.
    pub fn outcome(&self, errors: bool, warnings: bool) -> Outcome {
        Outcome::from_errors(errors || (self.deny_warnings && warnings))
    }
}

/// Warning codes named by one `--no-lint` item.
#[derive(Debug, Clone)]
pub struct Warnings(pub Vec<Code>);

/// Parses `--today`.
fn date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The `from` table.
    #[arg(long)]
    pub table: String,
    /// The `where` filter, URL-decoded; `-` reads it from stdin.
    #[arg(long = "where", value_name = "FILTER")]
    pub where_filter: Option<String>,
    /// The `having` filter, URL-decoded; `-` reads it from stdin.
    #[arg(long = "having", value_name = "FILTER")]
    pub having_filter: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Also print the request with every machine-applicable fix applied.
    #[arg(long)]
    pub fix: bool,
    #[command(flatten)]
    pub schema: SchemaArg,
    #[command(flatten)]
    pub lints: LintArgs,
}

#[derive(Debug, Args)]
pub struct UrlArgs {
    /// Request URLs or query strings; files of them (or of access-log lines), one a line;
    /// `-` for one a line on stdin.
    #[arg(value_name = "URL|FILE|-", required = true)]
    pub inputs: Vec<String>,
    /// Output format [default: human for URLs, json when reading a file or stdin].
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    #[command(flatten)]
    pub schema: SchemaArg,
    #[command(flatten)]
    pub lints: LintArgs,
}

#[derive(Debug, Args)]
pub struct CostArgs {
    /// The `from` table.
    #[arg(long)]
    pub table: String,
    /// The `where` filter (only whether it is sent matters).
    #[arg(long = "where", value_name = "FILTER")]
    pub where_filter: Option<String>,
    /// The `having` filter (only whether it is sent matters).
    #[arg(long = "having", value_name = "FILTER")]
    pub having_filter: Option<String>,
    /// Result rows the request returns.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cost::row_count)]
    pub rows: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub schema: SchemaArg,
}

#[derive(Debug, Args)]
pub struct TablesArgs {
    /// A table whose columns to list.
    pub table: Option<String>,
    /// Output format (`json` prints the schema in the shape `--schema` reads).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    #[command(flatten)]
    pub schema: SchemaArg,
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
