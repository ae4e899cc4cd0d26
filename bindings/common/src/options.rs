//! The options every binding takes (`noLint`, `schema`, `today`) and the linter they make,
//! cached per thread: building a checker for a user schema indexes the whole schema, which
//! costs more than checking a filter.

use std::cell::RefCell;
use std::rc::Rc;

use ahrefs_filter::check::{Checker, Date};
use ahrefs_filter::request::RequestLinter;
use ahrefs_filter::schema::Schema;
use ahrefs_filter::{Code, Severity};
use serde::{Deserialize, Deserializer};

use crate::error::Error;

/// What a call may change about the checks.
///
/// From JSON, the keys are `noLint` (or `no_lint`), `schema` and `today`; each may be
/// absent or `null`, and any other key is an error.
///
/// ```
/// use ahrefs_filter_bindings::Options;
/// let options = Options::from_json(r#"{"noLint": ["whitespace"], "today": "2026-12-01"}"#)?;
/// assert_eq!(options.no_lint, ["whitespace"]);
/// assert_eq!(options.today.as_deref(), Some("2026-12-01"));
/// # Ok::<(), ahrefs_filter_bindings::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Warning codes to turn off (`"whitespace"`); an error code or an unknown one is an
    /// error.
    #[serde(default, alias = "noLint", deserialize_with = "null_as_empty")]
    pub no_lint: Vec<String>,
    /// A schema JSON text in the shape of `data/v2-schema.json`, whose tables replace or add
    /// to the built-in ones.
    #[serde(default)]
    pub schema: Option<String>,
    /// Today's date, `YYYY-MM-DD`, for the `future-date` lint. When absent, a native build
    /// reads the system clock (UTC); a WebAssembly build has none, and its JavaScript wrapper
    /// passes the host's date.
    #[serde(default)]
    pub today: Option<String>,
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default())
}

impl Options {
    /// Options read from a JSON object (see [`Options`] for its keys); an empty text or
    /// `null` is the defaults.
    pub fn from_json(text: &str) -> Result<Options, Error> {
        if text.trim().is_empty() {
            return Ok(Options::default());
        }
        let options: Option<Options> = serde_json::from_str(text)
            .map_err(|e| Error::options(format!("invalid options: {e}")))?;
        Ok(options.unwrap_or_default())
    }

    /// The warnings to turn off, checked.
    fn codes(&self) -> Result<Vec<Code>, Error> {
        self.no_lint.iter().map(|name| warning_code(name)).collect()
    }

    /// Today's date, checked; the system date when absent (native builds only).
    fn date(&self) -> Result<Option<Date>, Error> {
        match &self.today {
            Some(text) => Date::parse(text).map(Some).ok_or_else(|| {
                Error::options(format!(
                    "`today` must be a real date written YYYY-MM-DD, not `{text}`"
                ))
            }),
            None => Ok(system_date()),
        }
    }
}

/// The code `name`, when it is a warning (the CLI's `--no-lint` rule).
fn warning_code(name: &str) -> Result<Code, Error> {
    match Code::from_name(name) {
        Some(code) if code.severity() == Severity::Warning => Ok(code),
        Some(_) => Err(Error::options(format!(
            "`{name}` is an error; only warnings can be turned off"
        ))),
        None => {
            let warnings: Vec<&str> = Code::ALL
                .iter()
                .filter(|c| c.severity() == Severity::Warning)
                .map(|c| c.as_str())
                .collect();
            Err(Error::options(format!(
                "unknown code `{name}`; warnings are: {}",
                warnings.join(", ")
            )))
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn system_date() -> Option<Date> {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs() / 86_400).ok())?;
    Date::from_unix_days(days)
}

#[cfg(target_arch = "wasm32")]
fn system_date() -> Option<Date> {
    None
}

/// The settings a linter is built from; equal settings make equal linters.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Settings {
    codes: Vec<Code>,
    today: Option<Date>,
}

fn build(schema: &Schema, settings: &Settings) -> RequestLinter {
    let mut checker = Checker::new(schema);
    if let Some(today) = settings.today {
        checker = checker.today(today);
    }
    settings
        .codes
        .iter()
        .fold(RequestLinter::new(checker), |linter, &code| {
            linter.disable(code)
        })
}

/// What a cached linter was built from: a user schema's text (or none) and the settings.
type LinterKey = (Option<String>, Settings);

thread_local! {
    /// The linter of the last options used.
    static LINTER: RefCell<Option<(LinterKey, Rc<RequestLinter>)>> = const { RefCell::new(None) };
    /// The last user schema, by its text, merged over the built-in one.
    static USER: RefCell<Option<(String, Rc<Schema>)>> = const { RefCell::new(None) };
}

/// Runs `f` with the linter (and its checker) that `options` ask for.
pub(crate) fn with_linter<R>(
    options: &Options,
    f: impl FnOnce(&RequestLinter) -> R,
) -> Result<R, Error> {
    let linter = linter(options)?;
    Ok(f(&linter))
}

/// The linter that `options` ask for: the last one made when they ask for the same.
/// Not generic, so its code is not repeated for every caller of [`with_linter`].
fn linter(options: &Options) -> Result<Rc<RequestLinter>, Error> {
    let settings = Settings {
        codes: options.codes()?,
        today: options.date()?,
    };
    let cached = LINTER.with(|cache| match &*cache.borrow() {
        Some(((schema, cached), linter)) if *schema == options.schema && *cached == settings => {
            Some(Rc::clone(linter))
        }
        _ => None,
    });
    if let Some(linter) = cached {
        return Ok(linter);
    }
    let linter = Rc::new(match &options.schema {
        None => build(Schema::builtin(), &settings),
        Some(text) => build(&*user_schema(text)?, &settings),
    });
    LINTER.with(|cache| {
        *cache.borrow_mut() = Some(((options.schema.clone(), settings), Rc::clone(&linter)));
    });
    Ok(linter)
}

/// Runs `f` with the schema that `options` ask for (no lint options are read).
pub(crate) fn with_schema<R>(options: &Options, f: impl FnOnce(&Schema) -> R) -> Result<R, Error> {
    match &options.schema {
        None => Ok(f(Schema::builtin())),
        Some(text) => Ok(f(&*user_schema(text)?)),
    }
}

fn user_schema(text: &str) -> Result<Rc<Schema>, Error> {
    USER.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((cached, schema)) = &*cache {
            if cached == text {
                return Ok(Rc::clone(schema));
            }
        }
        let user = Schema::from_json(text)
            .map_err(|e| Error::options(format!("`schema` is not a schema: {e}")))?;
        let schema = Rc::new(Schema::builtin().merged_with(&user));
        *cache = Some((text.to_owned(), Rc::clone(&schema)));
        Ok(schema)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_of_no_lint_and_nulls_are_read() {
        let a = Options::from_json(r#"{"no_lint": ["duplicate"]}"#).unwrap();
        let b = Options::from_json(r#"{"noLint": ["duplicate"], "schema": null}"#).unwrap();
        assert_eq!(a, b);
        assert_eq!(
            Options::from_json(r#"{"noLint": null, "today": null}"#).unwrap(),
            Options::default()
        );
        assert_eq!(Options::from_json("null").unwrap(), Options::default());
        assert_eq!(Options::from_json("").unwrap(), Options::default());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        let e = Options::from_json(r#"{"nolint": []}"#).unwrap_err();
        assert!(
            e.message.contains("unknown field `nolint`"),
            "{}",
            e.message
        );
        let options = Options {
            no_lint: vec!["syntax".into()],
            ..Options::default()
        };
        let e = with_linter(&options, |_| ()).unwrap_err();
        assert_eq!(
            e.message,
            "`syntax` is an error; only warnings can be turned off"
        );
        let options = Options {
            today: Some("2023-02-29".into()),
            ..Options::default()
        };
        let e = with_linter(&options, |_| ()).unwrap_err();
        assert_eq!(
            e.message,
            "`today` must be a real date written YYYY-MM-DD, not `2023-02-29`"
        );
        let options = Options {
            schema: Some("{}".into()),
            ..Options::default()
        };
        assert!(with_schema(&options, |_| ()).is_err());
    }

    #[test]
    fn a_user_schema_adds_tables_to_the_builtin_ones() {
        let options = Options {
            schema: Some(
                r#"{"tables": {"mine": {"columns": {"score": {"type": "int", "where": true, "having": false}}}}}"#
                    .into(),
            ),
            ..Options::default()
        };
        let (mine, builtin) = with_schema(&options, |s| {
            (s.table("mine").is_some(), s.table("refdomains").is_some())
        })
        .unwrap();
        assert!(mine && builtin);
    }
}
