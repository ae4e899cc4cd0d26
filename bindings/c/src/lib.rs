//! The C ABI of `ahrefs-filter`: strings in, JSON out.
//!
//! Each function takes NUL-terminated UTF-8 strings, NULL where an argument is optional, and
//! returns a NUL-terminated JSON string that the library allocated and the caller frees with
//! [`ahrefs_filter_free`]. On success the JSON is the result in the CLI's JSON shape (spans in
//! bytes, `{"start","end","byte_start","byte_end"}`); on failure it is
//! `{"error":{"kind","message","diagnostics"}}`. No function returns NULL, and no panic
//! crosses the boundary: one is caught and returned as an `"internal"` error.
//!
//! The operations and their results are `ahrefs-filter-bindings`'; this crate only moves
//! strings across. It is the only place in the project with `unsafe` code: reading the
//! caller's C strings and taking back the strings it handed out.

use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use ahrefs_filter_bindings::{self as api, Options, Style};
use serde::Serialize;

/// Spans count bytes, as C (and PHP's `substr`) index strings.
const STYLE: Style = Style::C;

/// A failure before or instead of a binding call: an argument that is missing or not UTF-8,
/// or a binding error.
enum Failure {
    /// The binding's own error, with its diagnostics.
    Api(api::Error),
    /// An argument problem, reported like an option error.
    Argument(String),
}

impl From<api::Error> for Failure {
    fn from(e: api::Error) -> Failure {
        Failure::Api(e)
    }
}

/// The `{"error": …}` object of a failure.
#[derive(Serialize)]
struct ErrorReply<E> {
    error: E,
}

/// An error in the shape the binding's errors serialize to.
#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: &'a str,
    diagnostics: [(); 0],
}

/// The text of optional argument `name` at `ptr`: `None` for NULL.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and unchanged for
/// the call (the contract every function of the header states).
unsafe fn optional<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: `ptr` is not NULL and, by this function's contract, points to a NUL-terminated
    // string valid for the call.
    let bytes = unsafe { CStr::from_ptr(ptr) };
    bytes.to_str().map(Some).map_err(|e| {
        Failure::Argument(format!(
            "`{name}` is not UTF-8 (at byte {})",
            e.valid_up_to()
        ))
    })
}

/// The text of required argument `name` at `ptr`.
///
/// # Safety
/// As for [`optional`].
unsafe fn required<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    // SAFETY: the caller upholds `optional`'s contract, which is this function's.
    match unsafe { optional(ptr, name) }? {
        Some(text) => Ok(text),
        None => Err(Failure::Argument(format!("`{name}` is NULL"))),
    }
}

/// The options in `options_json` (NULL or empty for the defaults).
///
/// # Safety
/// As for [`optional`].
unsafe fn options(options_json: *const c_char) -> Result<Options, Failure> {
    // SAFETY: the caller upholds `optional`'s contract, which is this function's.
    match unsafe { optional(options_json, "options_json") }? {
        None => Ok(Options::default()),
        Some(text) => Ok(Options::from_json(text)?),
    }
}

/// Runs `call` and hands its result (or failure, or panic) out as a heap JSON string.
fn reply<T: Serialize>(call: impl FnOnce() -> Result<T, Failure>) -> *mut c_char {
    let json = match catch_unwind(AssertUnwindSafe(call)) {
        Ok(Ok(value)) => api::json(&value),
        Ok(Err(Failure::Api(error))) => api::json(&ErrorReply { error }),
        Ok(Err(Failure::Argument(message))) => error_json("invalid-arguments", &message),
        Err(_) => error_json(
            "internal",
            "internal error: the call panicked; please report it",
        ),
    };
    into_c(json)
}

fn error_json(kind: &str, message: &str) -> String {
    api::json(&ErrorReply {
        error: ErrorBody {
            kind,
            message,
            diagnostics: [],
        },
    })
}

/// `json` as a C string the caller frees with [`ahrefs_filter_free`]. JSON text escapes
/// NUL (`\u0000`), so it never holds one; if it somehow did, the reply is an error.
fn into_c(json: String) -> *mut c_char {
    let text = CString::new(json).unwrap_or_else(|_| {
        CString::from(c"{\"error\":{\"kind\":\"internal\",\"message\":\"internal error: NUL in the reply\",\"diagnostics\":[]}}")
    });
    text.into_raw()
}

/// Type-checks a request's filters against `table`: the report `ahrefs-filter check
/// --format json` prints, `{"table","diagnostics","canonical"}`. `where` and `having` may
/// be NULL (absent); `options_json` is NULL or `{"no_lint":[…],"schema":"…","today":"YYYY-MM-DD"}`.
/// An unknown table is a diagnostic in the report, not an error.
///
/// # Safety
/// Each pointer is NULL or a NUL-terminated string valid for the call. The result must be
/// freed with `ahrefs_filter_free`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_check(
    table: *const c_char,
    r#where: *const c_char,
    having: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helpers' (strings valid for the call).
        let (table, where_filter, having, options) = unsafe {
            (
                required(table, "table")?,
                optional(r#where, "where")?,
                optional(having, "having")?,
                options(options_json)?,
            )
        };
        Ok(api::check(table, where_filter, having, &options, STYLE)?)
    })
}

/// Applies every safe fix to a request: `{"where","having","applied"}`, the fixed filters in
/// canonical form (`null` when absent or emptied). Arguments as for `ahrefs_filter_check`.
///
/// # Safety
/// As for `ahrefs_filter_check`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_fix(
    table: *const c_char,
    r#where: *const c_char,
    having: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helpers' (strings valid for the call).
        let (table, where_filter, having, options) = unsafe {
            (
                required(table, "table")?,
                optional(r#where, "where")?,
                optional(having, "having")?,
                options(options_json)?,
            )
        };
        Ok(api::fix(table, where_filter, having, &options)?)
    })
}

/// The canonical form of `filter` as a JSON string (`"ahrefs_rank>7"`), or a `"syntax"`
/// error with the syntax errors as diagnostics.
///
/// # Safety
/// `filter` is NULL or a NUL-terminated string valid for the call. The result must be freed
/// with `ahrefs_filter_free`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_format(filter: *const c_char) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helper's.
        let filter = unsafe { required(filter, "filter") }?;
        Ok(api::format(filter, STYLE)?)
    })
}

/// The syntax tree of `filter` as `ahrefs-filter parse` prints it, or a `"syntax"` error.
///
/// # Safety
/// As for `ahrefs_filter_format`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_parse(filter: *const c_char) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helper's.
        let filter = unsafe { required(filter, "filter") }?;
        Ok(api::parse(filter, STYLE)?)
    })
}

/// Lints one whole request (a URL or a query string), the token redacted:
/// `{"url","table","diagnostics","canonical","decoded"}`.
///
/// # Safety
/// As for `ahrefs_filter_check`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_lint_url(
    url: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helpers'.
        let (url, options) = unsafe { (required(url, "url")?, options(options_json)?) };
        Ok(api::lint_url(url, &options, STYLE)?)
    })
}

/// Lints many requests with one set of options. `urls_json` is a JSON array of strings;
/// the result is the array of their reports, in order.
///
/// # Safety
/// As for `ahrefs_filter_check`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_lint_urls(
    urls_json: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helpers'.
        let (urls, options) =
            unsafe { (required(urls_json, "urls_json")?, options(options_json)?) };
        let urls: Vec<&str> = serde_json::from_str(urls).map_err(|e| {
            Failure::Argument(format!("`urls_json` is not a JSON array of strings: {e}"))
        })?;
        Ok(api::lint_urls(urls, &options, STYLE)?)
    })
}

/// The rows a request on `table` returning `rows` rows is charged:
/// `{"table","rows","request","result","results","where","having","where_sent","having_sent","total"}`,
/// `null` for an unknown price. Only whether `where` / `having` are non-NULL matters.
/// An unknown table is an `"unknown-table"` error.
///
/// # Safety
/// As for `ahrefs_filter_check`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_cost(
    table: *const c_char,
    rows: u64,
    r#where: *const c_char,
    having: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helpers'.
        let (table, where_filter, having, options) = unsafe {
            (
                required(table, "table")?,
                optional(r#where, "where")?,
                optional(having, "having")?,
                options(options_json)?,
            )
        };
        Ok(api::cost(table, rows, where_filter, having, &options)?)
    })
}

/// The schema, `{"tables":{name:{…,"columns":{…}}}}`: the built-in tables, with those of
/// the options' `schema` merged over them.
///
/// # Safety
/// `options_json` is NULL or a NUL-terminated string valid for the call. The result must be
/// freed with `ahrefs_filter_free`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_tables(options_json: *const c_char) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helper's.
        let options = unsafe { options(options_json) }?;
        Ok(api::tables(&options)?)
    })
}

/// One table, as a schema of that table alone, or an `"unknown-table"` error whose
/// diagnostic suggests a name.
///
/// # Safety
/// As for `ahrefs_filter_check`.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_table(
    name: *const c_char,
    options_json: *const c_char,
) -> *mut c_char {
    reply(|| {
        // SAFETY: this function's contract is the helpers'.
        let (name, options) = unsafe { (required(name, "name")?, options(options_json)?) };
        Ok(api::table(name, &options)?)
    })
}

/// Frees a string returned by any `ahrefs_filter_*` function. NULL is ignored.
///
/// # Safety
/// `json` is NULL or a pointer returned by this library and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn ahrefs_filter_free(json: *mut c_char) {
    if json.is_null() {
        return;
    }
    // SAFETY: by this function's contract `json` came from `CString::into_raw` in `into_c`
    // and has not been freed, so taking it back is sound and happens once.
    drop(unsafe { CString::from_raw(json) });
}
