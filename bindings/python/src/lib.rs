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
use std::sync::mpsc;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
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

mod to_py;

use to_py::Strings;

/// `value` as Python objects (dicts, lists, str, int, float, bool, None).
fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    Strings::new(py).convert(value)
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
            // A dict (or anything `json.dumps` writes) in the shape of the JSON text.
            Err(_) => {
                let text = s.py().import("json")?.call_method1("dumps", (s,))?;
                Some(text.extract::<String>()?)
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
    reply(
        py,
        api::check(
            &table,
            r#where.as_deref(),
            having.as_deref(),
            &options,
            STYLE,
        ),
    )
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
    reply(
        py,
        api::fix(&table, r#where.as_deref(), having.as_deref(), &options),
    )
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
    // Each report is a few dicts and a list; a million of them would set off the cyclic
    // collector thousands of times, each pass walking every report made so far (the batch
    // ran 3x slower). Reports hold no cycles: the collector is paused for the call.
    let _paused = GcPause::new(py)?;
    let mut strings = Strings::new(py);
    let mut urls = urls.try_iter()?;
    let first = next_chunk(&mut urls)?;
    if first.len() < CHUNK {
        // One chunk: lint it here, without the GIL.
        let reports = py
            .detach(|| api::lint_urls(first.iter(), &options, STYLE))
            .map_err(|e| error(py, &e))?;
        for report in &reports {
            out.append(strings.convert(report)?)?;
        }
        return Ok(out);
    }
    // More: a second thread lints chunk n + 1 while this one makes chunk n's reports into
    // Python objects (which needs the GIL), so a long batch takes about as long as the
    // larger of the two halves rather than their sum.
    std::thread::scope(|scope| {
        let (to_lint, linting) = mpsc::sync_channel::<Vec<PyBackedStr>>(1);
        let (to_convert, converting) = mpsc::sync_channel(1);
        let options = &options;
        scope.spawn(move || {
            for chunk in linting {
                let reports = api::lint_urls(chunk.iter(), options, STYLE);
                if to_convert.send(reports).is_err() {
                    break;
                }
            }
        });
        // Both ends this thread holds are dropped when it returns, early or not, which
        // ends the linting thread's loop before the scope waits for it.
        let (to_lint, mut converting) = (to_lint, converting);
        let mut pending = 0usize;
        let mut chunk = first;
        loop {
            if !chunk.is_empty() {
                // The linting thread only ends once this sender is dropped.
                to_lint
                    .send(chunk)
                    .map_err(|_| PyRuntimeError::new_err("the linting thread stopped"))?;
                pending += 1;
                chunk = next_chunk(&mut urls)?;
            }
            if pending == 0 {
                break;
            }
            if pending == 2 || chunk.is_empty() {
                // Wait without the GIL (a receiver is not Sync, so it travels there and back).
                let (back, received) = py.detach(move || {
                    let received = converting.recv();
                    (converting, received)
                });
                converting = back;
                let reports = received
                    .map_err(|_| PyRuntimeError::new_err("the linting thread stopped"))?
                    .map_err(|e| error(py, &e))?;
                pending -= 1;
                for report in &reports {
                    out.append(strings.convert(report)?)?;
                }
            }
        }
        Ok(out)
    })
}

/// The next [`CHUNK`] URLs of `urls` (fewer at its end).
fn next_chunk(urls: &mut Bound<'_, pyo3::types::PyIterator>) -> PyResult<Vec<PyBackedStr>> {
    let mut chunk = Vec::with_capacity(CHUNK);
    for url in urls.by_ref().take(CHUNK) {
        chunk.push(url?.extract::<PyBackedStr>()?);
    }
    Ok(chunk)
}

/// Python's cyclic garbage collector switched off until this is dropped, if it was on.
struct GcPause<'py> {
    /// The `gc` module, when the collector was enabled and is to be enabled again.
    resume: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<GcPause<'py>> {
        let gc = py.import("gc")?;
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { resume: None });
        }
        gc.call_method0("disable")?;
        Ok(GcPause { resume: Some(gc) })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.resume {
            // `gc.enable()` cannot fail; were it to, the collector stays off, which only
            // costs memory, and a drop has no way to report it.
            let _ = gc.call_method0("enable");
        }
    }
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
    reply(
        py,
        api::cost(
            &table,
            rows,
            r#where.as_deref(),
            having.as_deref(),
            &options,
        ),
    )
}

/// tables(*, schema=None)
/// --
///
/// The schema: `{"tables": {name: {"description", "cost", "columns": {...}, ...}}}`, the
/// built-in tables with a user schema's merged over them.
#[pyfunction]
#[pyo3(signature = (*, schema = None))]
fn tables<'py>(py: Python<'py>, schema: Option<&Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
    let options = options(None, schema, None)?;
    match api::tables(&options) {
        // A schema repeats its short values (types, provenances) hundreds of times, which
        // the strings share.
        Ok(schema) => Strings::new(py).convert(&schema),
        Err(e) => Err(error(py, &e)),
    }
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
