//! The values the bindings return, in the CLI's JSON shapes (spec §6), with every span a
//! [`HostSpan`] in the host's string indices.
//!
//! - diagnostic: `{"severity","code","message","clause","span","help","fix"}`, `fix` being
//!   `null` or `{"title","applicability","edits"}`;
//! - `check`: `{"table","diagnostics","canonical":{"where","having"}}`;
//! - `fix`: `{"where","having","applied"}`;
//! - `lintUrl`: `{"url","table","diagnostics","canonical","decoded"}`;
//! - `cost`: `{"table","rows","request","result","results","where","having","where_sent",
//!   "having_sent","total"}`.

use std::borrow::Cow;

use ahrefs_filter::check::{FixedRequest, Report};
use ahrefs_filter::cost::Estimate;
use ahrefs_filter::request::UrlReport;
use ahrefs_filter::{Applicability, Clause, Code, Diagnostic, Edit, Fix, Severity};
use serde::Serialize;

use crate::index::{HostSpan, Style};

/// One diagnostic, its spans in the host's indices into the text it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosticOut {
    /// `"error"` or `"warning"`.
    pub severity: Severity,
    /// The stable kebab-case code.
    pub code: Code,
    /// What is wrong.
    pub message: Cow<'static, str>,
    /// `"where"`, `"having"`, or `null` for the request (or a lone filter) as a whole.
    pub clause: Option<Clause>,
    /// The offending text, if there is one.
    pub span: Option<HostSpan>,
    /// How to fix it, in words.
    pub help: Option<Cow<'static, str>>,
    /// A machine-applicable repair.
    pub fix: Option<FixOut>,
}

/// A repair of one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixOut {
    /// What the fix does.
    pub title: Cow<'static, str>,
    /// `"safe"` (applied by `fix`) or `"unsafe"` (shown only).
    pub applicability: Applicability,
    /// The edits, applied together.
    pub edits: Vec<EditOut>,
}

/// One edit of a fix, as the CLI writes it: a replacement `{clause, span, text}` of text
/// in the diagnostic's own clause, or `{clause, span: null, text, append: true}`, a condition
/// added at the end of `clause`'s filter (creating the filter if absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditOut {
    /// The clause edited (`null` for a whole-request diagnostic's own text).
    pub clause: Option<Clause>,
    /// What to replace; `null` for an appended condition.
    pub span: Option<HostSpan>,
    /// The replacement (empty to delete), or the condition appended.
    pub text: Cow<'static, str>,
    /// True for an appended condition; absent for a replacement.
    #[serde(skip_serializing_if = "is_false")]
    pub append: bool,
}

// serde's skip_serializing_if takes a function of a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(value: &bool) -> bool {
    !*value
}

/// The canonical (or decoded) filters of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clauses {
    /// The `where` filter.
    #[serde(rename = "where")]
    pub where_filter: Option<String>,
    /// The `having` filter.
    pub having: Option<String>,
}

/// `check`'s report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// The table checked against.
    pub table: String,
    /// Every problem: `where` first, then `having`.
    pub diagnostics: Vec<DiagnosticOut>,
    /// Each filter in canonical form, `null` when absent or when it does not parse.
    pub canonical: Clauses,
}

/// `fix`'s result: the request with every safe fix applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixedOut {
    /// The fixed `where` (`null` when absent or emptied).
    #[serde(rename = "where")]
    pub where_filter: Option<String>,
    /// The fixed `having`.
    pub having: Option<String>,
    /// How many fixes were applied.
    pub applied: usize,
}

/// `lintUrl`'s report on one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlReportOut {
    /// The request, trimmed, the token redacted; request-level spans index it.
    pub url: String,
    /// The decoded `from`.
    pub table: Option<String>,
    /// Request-level problems in URL order, then `where`'s, then `having`'s.
    pub diagnostics: Vec<DiagnosticOut>,
    /// The filters in canonical form.
    pub canonical: Clauses,
    /// The filters as percent-decoded, which filter diagnostics' spans index.
    pub decoded: Clauses,
}

/// `cost`'s result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostOut {
    /// The table priced.
    pub table: String,
    /// The terms and the total; `null` is an unknown price.
    #[serde(flatten)]
    pub estimate: Estimate,
}

/// `diagnostic` with its spans converted against `text`, the text they point into.
pub fn diagnostic(d: Diagnostic, text: &str, style: Style) -> DiagnosticOut {
    let severity = d.severity();
    let Diagnostic {
        code,
        message,
        clause,
        span,
        help,
        fix,
        ..
    } = d;
    DiagnosticOut {
        severity,
        code,
        message,
        clause,
        span: span.map(|s| style.span(text, s)),
        help,
        fix: fix.map(|f| fix_out(f, clause, text, style)),
    }
}

fn fix_out(fix: Fix, clause: Option<Clause>, text: &str, style: Style) -> FixOut {
    let Fix {
        title,
        applicability,
        edits,
        ..
    } = fix;
    let edits = edits
        .into_iter()
        .filter_map(|edit| match edit {
            Edit::Replace { span, text: new } => Some(EditOut {
                clause,
                span: Some(style.span(text, span)),
                text: new,
                append: false,
            }),
            Edit::AppendCondition {
                clause: other,
                condition,
            } => Some(EditOut {
                clause: Some(other),
                span: None,
                text: condition.into(),
                append: true,
            }),
            // A kind of edit this binding does not know yet is left out rather than shown
            // with spans in the wrong unit.
            _ => None,
        })
        .collect();
    FixOut {
        title,
        applicability,
        edits,
    }
}

/// The text a diagnostic of a request with filters `where_filter` and `having` points
/// into: its clause's filter, or `request` for the request as a whole.
fn source<'t>(
    d: &Diagnostic,
    where_filter: Option<&'t str>,
    having: Option<&'t str>,
    request: &'t str,
) -> &'t str {
    match d.clause {
        Some(Clause::Where) => where_filter.unwrap_or(""),
        Some(Clause::Having) => having.unwrap_or(""),
        None => request,
    }
}

/// `check`'s report on a request whose filters were `where_filter` and `having`.
pub fn check_report(
    report: Report,
    where_filter: Option<&str>,
    having: Option<&str>,
    style: Style,
) -> CheckReport {
    let diagnostics = report
        .diagnostics
        .into_iter()
        .map(|d| {
            let text = source(&d, where_filter, having, "");
            diagnostic(d, text, style)
        })
        .collect();
    CheckReport {
        table: report.table,
        diagnostics,
        canonical: Clauses {
            where_filter: report.canonical_where,
            having: report.canonical_having,
        },
    }
}

/// `fix`'s result.
pub fn fixed(fixed: FixedRequest) -> FixedOut {
    FixedOut {
        where_filter: fixed.where_filter,
        having: fixed.having_filter,
        applied: fixed.applied,
    }
}

/// `lintUrl`'s report.
pub fn url_report(report: UrlReport<'_>, style: Style) -> UrlReportOut {
    let UrlReport {
        url,
        table,
        where_filter,
        having_filter,
        diagnostics,
        canonical_where,
        canonical_having,
        ..
    } = report;
    let diagnostics = diagnostics
        .into_iter()
        .map(|d| {
            let text = source(&d, where_filter.as_deref(), having_filter.as_deref(), &url);
            diagnostic(d, text, style)
        })
        .collect();
    UrlReportOut {
        diagnostics,
        url: url.into_owned(),
        table: table.map(Cow::into_owned),
        canonical: Clauses {
            where_filter: canonical_where,
            having: canonical_having,
        },
        decoded: Clauses {
            where_filter: where_filter.map(Cow::into_owned),
            having: having_filter.map(Cow::into_owned),
        },
    }
}
