//! The checker (spec §2): type rules, tolerated-form warnings, semantic lints and fixes.
//!
//! Given a table and a clause, each condition's column is resolved once (`view`: its
//! definition, type, documented domain, whether the clause allows it); the type rules
//! (`rules`) check the condition on its own and read its literal as the column's type; the
//! lints (`lints`) reason about the conditions the rules accept, alone and together. All
//! problems are reported in one run, each with its span in the clause text.

mod date;
mod fix;
mod index;
mod lints;
mod literals;
mod rules;
mod spans;
mod view;

use std::sync::{Arc, OnceLock};

use smallvec::SmallVec;

use crate::diagnostics::{Code, Diagnostic, Edit};
use crate::schema::{Clause, Schema, TableDef};
use crate::span::Span;
use crate::suggest;
use crate::syntax::{Condition, Filter};
use index::SchemaIndex;

pub use date::Date;
pub use fix::FixedRequest;
#[cfg(feature = "proptest")]
pub(crate) use view::URL_OR_DOMAIN_COLUMNS;

/// A request's table and filters, as text (URL-decoded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Request<'a> {
    /// The `from` table.
    pub table: &'a str,
    /// The `where` parameter, if sent.
    pub where_filter: Option<&'a str>,
    /// The `having` parameter, if sent.
    pub having_filter: Option<&'a str>,
}

impl<'a> Request<'a> {
    /// A request on `table` with no filters.
    pub fn new(table: &'a str) -> Self {
        Request {
            table,
            where_filter: None,
            having_filter: None,
        }
    }

    /// Sets the `where` filter.
    pub fn with_where(mut self, filter: &'a str) -> Self {
        self.where_filter = Some(filter);
        self
    }

    /// Sets the `having` filter.
    pub fn with_having(mut self, filter: &'a str) -> Self {
        self.having_filter = Some(filter);
        self
    }

    /// The filter text of `clause`.
    pub fn filter(&self, clause: Clause) -> Option<&'a str> {
        match clause {
            Clause::Where => self.where_filter,
            Clause::Having => self.having_filter,
        }
    }
}

/// What checking a request found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Report {
    /// The table checked against.
    pub table: String,
    /// Every problem: `where` first, then `having`, each in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The canonical `where`, when it parsed.
    pub canonical_where: Option<String>,
    /// The canonical `having`, when it parsed.
    pub canonical_having: Option<String>,
}

impl Report {
    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks filters against a schema.
///
/// A checker owns its schema (shared by its clones, so cloning one is cheap) and can be
/// kept for the life of a program and used from several threads.
///
/// ```
/// use ahrefs_filter::{check::{Checker, Request}, schema::Schema, Clause, Code};
///
/// let checker = Checker::new(Schema::builtin());
/// let report = checker.check(&Request::new("backlinks_one_per_domain").with_where("domain_rating>30"));
/// let error = &report.diagnostics[0];
/// assert_eq!(error.code, Code::ClauseNotAllowed);
/// assert_eq!(error.clause, Some(Clause::Where));
/// assert_eq!(error.span.map(|s| s.range()), Some(0..13));
///
/// // The fix moves the condition to `having`.
/// let fixed = checker.fix(&Request::new("backlinks_one_per_domain").with_where("domain_rating>30"));
/// assert_eq!(fixed.where_filter, None);
/// assert_eq!(fixed.having_filter.as_deref(), Some("domain_rating>30"));
/// ```
#[derive(Debug, Clone)]
pub struct Checker {
    shared: Arc<Shared>,
    disabled: Vec<Code>,
    today: Option<Date>,
}

/// What every clone of a checker reads: the schema and its index.
#[derive(Debug)]
struct Shared {
    schema: Schema,
    index: SchemaIndex,
}

impl Shared {
    fn new(schema: &Schema) -> Self {
        Shared {
            index: SchemaIndex::new(schema),
            schema: schema.clone(),
        }
    }
}

impl Checker {
    /// A checker over a copy of `schema` with every diagnostic enabled and no notion of
    /// today (so no `future-date` lint). The built-in schema is indexed once, for every
    /// checker of it.
    pub fn new(schema: &Schema) -> Self {
        static BUILTIN: OnceLock<Arc<Shared>> = OnceLock::new();
        let shared = if schema.is_builtin() {
            Arc::clone(BUILTIN.get_or_init(|| Arc::new(Shared::new(schema))))
        } else {
            Arc::new(Shared::new(schema))
        };
        Checker {
            shared,
            disabled: Vec::new(),
            today: None,
        }
    }

    /// Turns off the diagnostics with `code` (warnings only; errors cannot be silenced).
    pub fn disable(mut self, code: Code) -> Self {
        if code.severity() == crate::Severity::Warning {
            self.disabled.push(code);
        }
        self
    }

    /// Sets today's date, which enables the `future-date` lint.
    pub fn today(mut self, today: Date) -> Self {
        self.today = Some(today);
        self
    }

    /// The schema checked against.
    pub fn schema(&self) -> &Schema {
        &self.shared.schema
    }

    /// Every diagnostic for `filter` in `clause` of `table`, in source order, each with its
    /// clause set.
    ///
    /// `table` is best one of [`schema`](Checker::schema)'s own tables, whose columns are
    /// indexed; any other table (a copy, one built by hand) is checked too, its columns
    /// found by a scan.
    pub fn check_filter(
        &self,
        table: &TableDef,
        clause: Clause,
        filter: &Filter<'_>,
    ) -> Vec<Diagnostic> {
        let Shared { schema, index } = &*self.shared;
        let columns = index.columns(schema, table);
        let scope = rules::Scope {
            schema,
            table,
            clause,
            filter,
        };
        let mut diagnostics = Vec::new();
        // Each condition: its column resolved once, then its type rules, which read its
        // literal for the lints.
        let mut subjects: SmallVec<[lints::Subject<'_, '_>; 8]> = SmallVec::new();
        for (i, condition) in filter.conditions.iter().enumerate() {
            let column = columns.resolve(&condition.column().name, clause);
            let operand = rules::condition(&scope, i, condition, column, &mut diagnostics);
            if let (Some(column), Some(operand)) = (column.filter(|c| c.allowed), operand) {
                if let Some(subject) = lints::subject(i, column, condition, operand) {
                    subjects.push(subject);
                }
            }
        }
        lints::lint(filter, &mut subjects, self.today, &mut diagnostics);
        if let Some(whitespace) = rules::whitespace(filter) {
            // Its warning goes first, where it always went.
            diagnostics.insert(0, whitespace);
        }
        // A valid filter (the common case) has nothing to filter, label or sort.
        if !diagnostics.is_empty() {
            self.finish(clause, &mut diagnostics);
        }
        diagnostics
    }

    /// Drops the disabled diagnostics, sets the clause of the others and sorts them by span
    /// (stably: those of one span stay in the order they were found).
    #[cold]
    #[inline(never)]
    fn finish(&self, clause: Clause, diagnostics: &mut Vec<Diagnostic>) {
        if !self.disabled.is_empty() {
            diagnostics.retain(|d| !self.disabled.contains(&d.code));
        }
        for d in diagnostics.iter_mut() {
            d.clause = Some(clause);
        }
        diagnostics.sort_by_key(|d| d.span);
    }

    /// Parses and checks both filters of a request.
    pub fn check(&self, request: &Request<'_>) -> Report {
        let table = self.schema().table(request.table);
        let mut report = Report {
            table: request.table.to_owned(),
            ..Report::default()
        };
        if table.is_none() {
            report.diagnostics.push(self.unknown_table(request.table));
        }
        let mut spare = Vec::new();
        for clause in [Clause::Where, Clause::Having] {
            let Some(text) = request.filter(clause) else {
                continue;
            };
            let canonical =
                self.check_clause(table, clause, text, &mut spare, &mut report.diagnostics);
            match clause {
                Clause::Where => report.canonical_where = canonical,
                Clause::Having => report.canonical_having = canonical,
            }
        }
        report
    }

    /// One filter of a request: parses `text` (the filter of `clause`), checks it against
    /// `table` when the table is known, adds every diagnostic to `out` and returns the
    /// canonical form, or `None` when the filter does not parse.
    ///
    /// The filter is parsed into the allocation of `spare` (see
    /// [`parse_reusing`](crate::parse_reusing)), which holds it again afterwards: a loop
    /// over many requests keeps one vector.
    ///
    /// ```
    /// use ahrefs_filter::{check::Checker, schema::Schema, Clause};
    ///
    /// let checker = Checker::new(Schema::builtin());
    /// let table = Schema::builtin().table("backlinks");
    /// let (mut spare, mut diagnostics) = (Vec::new(), Vec::new());
    /// let text = "ahrefs_rank > 30";
    /// let canonical = checker.check_clause(table, Clause::Where, text, &mut spare, &mut diagnostics);
    /// assert_eq!(canonical.as_deref(), Some("ahrefs_rank>30"));
    /// let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    /// assert_eq!(codes, ["whitespace"]);
    /// ```
    pub fn check_clause(
        &self,
        table: Option<&TableDef>,
        clause: Clause,
        text: &str,
        spare: &mut Vec<Condition<'static>>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let parsed = crate::syntax::parse_tolerant_reusing(text, std::mem::take(spare));
        if parsed.errors.is_empty() {
            if let Some(table) = table {
                out.extend(self.check_filter(table, clause, &parsed.filter));
            }
            let canonical = parsed.filter.canonical();
            *spare = parsed.filter.into_spare();
            return Some(canonical);
        }
        let mut found = match table {
            Some(table) if !parsed.filter.conditions.is_empty() => {
                self.check_filter(table, clause, &parsed.filter)
            }
            _ => Vec::new(),
        };
        around_broken_text(&mut found, &parsed.broken);
        // A bare word the checker judged by its column's type replaces the parser's
        // schema-free verdict on it.
        let judged = |d: &Diagnostic| {
            found.iter().any(|f| {
                f.span == d.span && matches!(f.code, Code::UnquotedString | Code::TypeMismatch)
            })
        };
        let errors: Vec<Diagnostic> = parsed
            .errors
            .into_iter()
            .filter(|d| !(d.code == Code::UnquotedString && judged(d)))
            .map(|d| d.with_clause(clause))
            .collect();
        let start = out.len();
        out.extend(errors);
        out.extend(found);
        // Stable, by where each starts: the parser's errors keep their order among themselves.
        out[start..].sort_by_key(|d| d.span.map(|s| s.start));
        *spare = parsed.filter.into_spare();
        None
    }

    /// Applies every machine-applicable fix to a request, repeatedly until none is left, and
    /// returns the fixed filters in canonical form.
    pub fn fix(&self, request: &Request<'_>) -> FixedRequest {
        fix::apply(self, request)
    }

    pub(crate) fn unknown_table(&self, name: &str) -> Diagnostic {
        let message = if name.is_empty() {
            "unknown table: the table name is empty".to_owned()
        } else {
            format!("unknown table `{name}`")
        };
        let diagnostic = Diagnostic::new(Code::UnknownTable, None, message);
        let names = self.schema().tables().iter().map(|t| &*t.name);
        match suggest::closest(name, names) {
            Some(table) => diagnostic.with_help(format!("did you mean `{table}`?")),
            None => diagnostic.with_help("`ahrefs-filter tables` lists the tables"),
        }
    }
}

/// The checker's diagnostics of a filter that did not all parse, kept away from the text
/// that did not: a fix whose edit would delete or rewrite part of it is dropped (the
/// diagnostic stays, with its help), and the whitespace warning keeps only the gaps that
/// hold no broken text (a gap that does is no whitespace at all).
fn around_broken_text(found: &mut Vec<Diagnostic>, broken: &[Span]) {
    let touches = |span: Span| {
        broken
            .iter()
            .any(|b| span.start < b.end && b.start < span.end)
    };
    let edit_span = |edit: &Edit| match edit {
        Edit::Replace { span, .. } => Some(*span),
        _ => None,
    };
    found.retain_mut(|d| {
        let Some(fix) = d.fix.as_mut() else {
            return true;
        };
        if d.code == Code::Whitespace {
            fix.edits.retain(|e| !edit_span(e).is_some_and(touches));
            d.span = fix.edits.first().and_then(edit_span);
            return !fix.edits.is_empty();
        }
        if fix.edits.iter().filter_map(edit_span).any(touches) {
            d.fix = None;
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checker_can_be_kept_and_shared() {
        fn owned<T: Clone + Send + Sync + 'static>(_: &T) {}
        let checker = Checker::new(Schema::builtin());
        owned(&checker);
        // Every checker of the built-in schema shares one index.
        let other = Checker::new(&Schema::builtin().clone());
        assert!(Arc::ptr_eq(&checker.shared, &other.shared));
        let thread = std::thread::spawn(move || {
            checker
                .check(&Request::new("backlinks").with_where("ahrefs_rank>200"))
                .diagnostics
                .len()
        });
        assert_eq!(thread.join().ok(), Some(1));
    }
}
