//! The Python extension `ahrefs_filter._native`: the binding API of
//! `ahrefs-filter-bindings` with Python's conventions. Results are plain dicts and lists in
//! the CLI's JSON shape, spans count code points (`text[span["start"]:span["end"]]`), and a
//! failed call raises `ahrefs_filter.FilterError` with the diagnostics attached.
//!
//! The package's Python side (`python/ahrefs_filter/`) re-exports these functions and holds
//! the `TypedDict`s that describe the results; the pytest suite in `tests/` is this crate's
//! test (it only runs inside Python).

use ahrefs_filter_bindings::{self as api, Options, Style};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyList, PyString};
use serde::Serialize;

create_exception!(
    ahrefs_filter,
    FilterError,
    PyValueError,
    "A call that could not be carried out: a filter that does not parse (`format`, `parse`), \
     an unknown table (`cost`, `table`) or a bad option. `kind` says which (\"syntax\", \
     \"unknown-table\", \"invalid-options\") and `diagnostics` lists what was found, in the \
     shape of a report's diagnostics."
);

/// The span convention of every result: code points, `byte_start` / `byte_end`.
const STYLE: Style = Style::PYTHON;

/// `value` as Python objects (dicts, lists, str, int, float, bool, None).
fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// The Python exception for a failed call: `FilterError(message)` with `kind` and
/// `diagnostics` set.
fn error(py: Python<'_>, e: &api::Error) -> PyErr {
    let err = FilterError::new_err(e.message.clone());
    let attach = || -> PyResult<()> {
        let value = err.value(py);
        value.setattr("kind", to_py(py, &e.kind)?)?;
        value.setattr("diagnostics", to_py(py, &e.diagnostics)?)
    };
    match attach() {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// The options of a call, from its keyword arguments. `schema` may be a JSON text or the
/// parsed object (a dict); `today` a `YYYY-MM-DD` text or a `datetime.date`.
fn options(
    no_lint: Option<Vec<String>>,
    schema: Option<&Bound<'_, PyAny>>,
    today: Option<&Bound<'_, PyAny>>,
) -> PyResult<Options> {
    let schema = match schema {
        None => None,
        Some(s) if s.is_none() => None,
        Some(s) => match s.cast::<PyString>() {
            Ok(text) => Some(text.to_cow()?.into_owned()),
            Err(_) => {
                let value: serde_json::Value = pythonize::depythonize(s).map_err(|e| {
                    FilterError::new_err(format!("`schema` is neither JSON text nor JSON-like: {e}"))
                })?;
                Some(value.to_string())
            }
        },
    };
    let today = match today {
        None => None,
        Some(d) if d.is_none() => None,
        Some(d) => match d.cast::<PyString>() {
            Ok(text) => Some(text.to_cow()?.into_owned()),
            // A datetime.date (or anything else with an ISO form).
            Err(_) => Some(d.call_method0("isoformat")?.extract::<String>()?),
        },
    };
    Ok(Options {
        no_lint: no_lint.unwrap_or_default(),
        schema,
        today,
    })
}

/// Converts a binding result into Python objects or the `FilterError` it failed with.
fn reply<'py, T: Serialize>(
    py: Python<'py>,
    result: Result<T, api::Error>,
) -> PyResult<Bound<'py, PyAny>> {
    match result {
        Ok(value) => to_py(py, &value),
        Err(e) => Err(error(py, &e)),
    }
}

/// check(table, where=None, having=None, *, no_lint=None, schema=None, today=None)
/// --
///
/// Type-checks a request's filters against `table`: the report `check --format json`
/// prints, as a dict. An unknown table is a diagnostic in the report.
#[pyfunction]
#[pyo3(signature = (table, r#where = None, having = None, *, no_lint = None, schema = None, today = None))]
fn check<'py>(
    py: Python<'py>,
    table: PyBackedStr,
    r#where: Option<PyBackedStr>,
    having: Option<PyBackedStr>,
    no_lint: Option<Vec<String>>,
    schema: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(no_lint, schema, today)?;
    reply(py, api::check(&table, r#where.as_deref(), having.as_deref(), &options, STYLE))
}

/// fix(table, where=None, having=None, *, no_lint=None, schema=None, today=None)
/// --
///
/// Applies every safe fix: `{"where", "having", "applied"}`.
#[pyfunction]
#[pyo3(signature = (table, r#where = None, having = None, *, no_lint = None, schema = None, today = None))]
fn fix<'py>(
    py: Python<'py>,
    table: PyBackedStr,
    r#where: Option<PyBackedStr>,
    having: Option<PyBackedStr>,
    no_lint: Option<Vec<String>>,
    schema: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(no_lint, schema, today)?;
    reply(py, api::fix(&table, r#where.as_deref(), having.as_deref(), &options))
}

/// format(filter)
/// --
///
/// The canonical form of `filter`; raises `FilterError` (kind "syntax") if it does not parse.
#[pyfunction]
fn format(py: Python<'_>, filter: PyBackedStr) -> PyResult<String> {
    api::format(&filter, STYLE).map_err(|e| error(py, &e))
}

/// parse(filter)
/// --
///
/// The syntax tree of `filter` as `ahrefs-filter parse` prints it (spans in code points);
/// raises `FilterError` (kind "syntax") if it does not parse.
#[pyfunction]
fn parse<'py>(py: Python<'py>, filter: PyBackedStr) -> PyResult<Bound<'py, PyAny>> {
    reply(py, api::parse(&filter, STYLE))
}

/// lint_url(url, *, no_lint=None, schema=None, today=None)
/// --
///
/// Lints one whole request (a URL or a query string); the token is redacted.
#[pyfunction]
#[pyo3(signature = (url, *, no_lint = None, schema = None, today = None))]
fn lint_url<'py>(
    py: Python<'py>,
    url: PyBackedStr,
    no_lint: Option<Vec<String>>,
    schema: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(no_lint, schema, today)?;
    reply(py, api::lint_url(&url, &options, STYLE))
}

/// lint_urls(urls, *, no_lint=None, schema=None, today=None)
/// --
///
/// Lints many requests with one set of options: a list of reports, one per URL, in order.
/// `urls` is any iterable of str (a list, a file's lines, a generator).
#[pyfunction]
#[pyo3(signature = (urls, *, no_lint = None, schema = None, today = None))]
fn lint_urls<'py>(
    py: Python<'py>,
    urls: &Bound<'py, PyAny>,
    no_lint: Option<Vec<String>>,
    schema: Option<&Bound<'py, PyAny>>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    if urls.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "lint_urls takes an iterable of URLs, not one str: use lint_url",
        ));
    }
    let options = options(no_lint, schema, today)?;
    let out = PyList::empty(py);
    // Lint a chunk at a time: the binding resolves the options once per call, and a chunk
    // keeps memory bounded for a generator of millions of lines.
    let mut chunk: Vec<PyBackedStr> = Vec::with_capacity(CHUNK);
    let flush = |chunk: &mut Vec<PyBackedStr>| -> PyResult<()> {
        let reports = api::lint_urls(chunk.iter(), &options, STYLE).map_err(|e| error(py, &e))?;
        for report in &reports {
            out.append(to_py(py, report)?)?;
        }
        chunk.clear();
        Ok(())
    };
    for url in urls.try_iter()? {
        chunk.push(url?.extract::<PyBackedStr>()?);
        if chunk.len() == CHUNK {
            flush(&mut chunk)?;
        }
    }
    flush(&mut chunk)?;
    Ok(out)
}

/// URLs linted per binding call in `lint_urls`.
const CHUNK: usize = 4096;

/// cost(table, rows, where=None, having=None, *, schema=None)
/// --
///
/// The rows a request is charged (spec §4): a dict of the terms and the total, `None` for
/// an unknown price. Raises `FilterError` (kind "unknown-table") for an unknown table.
#[pyfunction]
#[pyo3(signature = (table, rows, r#where = None, having = None, *, schema = None))]
fn cost<'py>(
    py: Python<'py>,
    table: PyBackedStr,
    rows: u64,
    r#where: Option<PyBackedStr>,
    having: Option<PyBackedStr>,
    schema: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(None, schema, None)?;
    reply(py, api::cost(&table, rows, r#where.as_deref(), having.as_deref(), &options))
}

/// tables(*, schema=None)
/// --
///
/// The schema: `{"tables": {name: {"description", "cost", "columns": {...}, ...}}}`, the
/// built-in tables with a user schema's merged over them.
#[pyfunction]
#[pyo3(signature = (*, schema = None))]
fn tables<'py>(
    py: Python<'py>,
    schema: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(None, schema, None)?;
    reply(py, api::tables(&options))
}

/// table(name, *, schema=None)
/// --
///
/// One table, as a schema of that table alone; raises `FilterError` (kind "unknown-table",
/// with a did-you-mean diagnostic) for an unknown one.
#[pyfunction]
#[pyo3(signature = (name, *, schema = None))]
fn table<'py>(
    py: Python<'py>,
    name: PyBackedStr,
    schema: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(None, schema, None)?;
    reply(py, api::table(&name, &options))
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("FilterError", m.py().get_type::<FilterError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(fix, m)?)?;
    m.add_function(wrap_pyfunction!(format, m)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(lint_url, m)?)?;
    m.add_function(wrap_pyfunction!(lint_urls, m)?)?;
    m.add_function(wrap_pyfunction!(cost, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    Ok(())
}
