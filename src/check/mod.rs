//! The checker (spec §2): type rules, tolerated-form warnings, semantic lints and fixes.
//!
//! Given a table and a clause, every condition is checked on its own (column, clause,
//! operator, literal); then the lints look across conditions. All problems are reported in
//! one run, each with its span in the clause text.

mod date;
mod fix;
pub(crate) mod index;
mod lints;
mod quiet;
mod rules;

use crate::diagnostics::{Clause, Code, Diagnostic};
use crate::schema::{Schema, TableDef};
use crate::suggest;
use crate::syntax::{Condition, Filter, Ranged};
use index::{SchemaIndex, TableIndex};

pub use date::Date;
pub use fix::FixedRequest;
#[cfg(feature = "proptest")]
pub(crate) use rules::URL_OR_DOMAIN_COLUMNS;

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
pub struct Checker<'s> {
    schema: &'s Schema,
    index: SchemaIndex,
    disabled: Vec<Code>,
    today: Option<Date>,
}

impl<'s> Checker<'s> {
    /// A checker over `schema` with every diagnostic enabled and no notion of today
    /// (so no `future-date` lint).
    pub fn new(schema: &'s Schema) -> Self {
        Checker {
            schema,
            index: SchemaIndex::new(schema),
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
    pub fn schema(&self) -> &'s Schema {
        self.schema
    }

    /// Every diagnostic for `filter` in `clause` of `table`, in source order, each with its
    /// clause set.
    pub fn check_filter(
        &self,
        table: &TableDef,
        clause: Clause,
        filter: &Filter<'_>,
    ) -> Vec<Diagnostic> {
        match self.index.table(self.schema, table) {
            Some(index) => self.check_indexed(table, index, clause, filter),
            None => self.check_foreign(table, clause, filter),
        }
    }

    /// [`check_filter`](Checker::check_filter) for a table from another schema, indexed for
    /// this call only.
    #[cold]
    #[inline(never)]
    fn check_foreign(
        &self,
        table: &TableDef,
        clause: Clause,
        filter: &Filter<'_>,
    ) -> Vec<Diagnostic> {
        self.check_indexed(table, &TableIndex::new(table), clause, filter)
    }

    #[inline(always)]
    fn check_indexed(
        &self,
        table: &TableDef,
        index: &TableIndex,
        clause: Clause,
        filter: &Filter<'_>,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        // One pass over the conditions: each is vouched for by `quiet` or checked by the type
        // rules and the lints of one condition; the test for repeated columns; and the
        // whitespace test, which compares each gap between tokens with its separator as
        // `rules::whitespace` does.
        let mut repeats = lints::Repeats::default();
        let (mut spaced, mut end, mut separator) = (false, filter.span.start, 0);
        let dated = self.today.is_some();
        for (i, condition) in filter.conditions.iter().enumerate() {
            spaced |= rules::spaced(condition, end, separator);
            (end, separator) = (condition.span().end, 1);
            let position = match quiet::quiet(table, index, clause, condition, dated) {
                Some(position) => Some(position),
                None => self.loud(table, index, clause, filter, i, &mut diagnostics),
            };
            if let Some(position) = position {
                repeats.add(position);
            }
        }
        if repeats.maybe() {
            self.across(table, index, clause, filter, &repeats, &mut diagnostics);
        }
        // Its warning goes first, where it always went.
        if spaced | (filter.span.end > end) {
            if let Some(whitespace) = rules::whitespace(filter) {
                diagnostics.insert(0, whitespace);
            }
        }
        // A valid filter (the common case) has nothing to filter, label or sort.
        if !diagnostics.is_empty() {
            self.finish(clause, &mut diagnostics);
        }
        diagnostics
    }

    /// The type rules and the lints of one condition, the one at `i`, which [`quiet::quiet`]
    /// did not vouch for; the position of its column, if the table has it.
    #[cold]
    #[inline(never)]
    fn loud(
        &self,
        table: &TableDef,
        index: &TableIndex,
        clause: Clause,
        filter: &Filter<'_>,
        i: usize,
        out: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let condition = filter.conditions.get(i)?;
        let found = rules::condition(self.schema, (table, index), clause, filter, condition, out);
        let (at, def) = found?;
        if def.allowed_in(clause) {
            lints::lint_one(
                def,
                index.domain(at),
                (i, condition),
                filter,
                self.today,
                out,
            );
        }
        Some(at)
    }

    /// The lints across conditions, when some column may repeat.
    #[cold]
    #[inline(never)]
    fn across(
        &self,
        table: &TableDef,
        index: &TableIndex,
        clause: Clause,
        filter: &Filter<'_>,
        repeats: &lints::Repeats,
        out: &mut Vec<Diagnostic>,
    ) {
        // The usual case: one column twice.
        if let Some(pair) = repeats
            .single()
            .and_then(|p| lints::pair_at(table, filter, p))
        {
            if lints::lint_pair((table, index), clause, filter, pair, out) {
                return;
            }
        }
        // Each condition's column position (on the stack for a real filter's few conditions).
        let count = filter.conditions.len();
        let (mut few, mut many) = ([lints::NO_COLUMN; 16], Vec::new());
        let positions = if count <= few.len() {
            &mut few[..count]
        } else {
            many.resize(count, lints::NO_COLUMN);
            &mut many[..]
        };
        for (condition, position) in filter.conditions.iter().zip(positions.iter_mut()) {
            let column = &condition.column().name;
            if let Some(at) = index.position(table, column) {
                *position = lints::stored(at);
            }
        }
        if repeats.found(positions) {
            lints::lint_across((table, index), clause, filter, positions, self.today, out);
        }
    }

    /// Drops the disabled diagnostics, sets the clause of the others and sorts them.
    #[cold]
    #[inline(never)]
    fn finish(&self, clause: Clause, diagnostics: &mut Vec<Diagnostic>) {
        if !self.disabled.is_empty() {
            diagnostics.retain(|d| !self.disabled.contains(&d.code));
        }
        for d in diagnostics.iter_mut() {
            d.clause = Some(clause);
        }
        // Usually already in order (a stable sort would leave them so).
        if !diagnostics.windows(2).all(|w| w[0].span <= w[1].span) {
            diagnostics.sort_by_key(|d| d.span);
        }
    }

    /// Parses and checks both filters of a request.
    pub fn check(&self, request: &Request<'_>) -> Report {
        let table = self.schema.table(request.table);
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
        match crate::syntax::parse_reusing(text, std::mem::take(spare)) {
            Ok(filter) => {
                if let Some(table) = table {
                    out.extend(self.check_filter(table, clause, &filter));
                }
                let canonical = filter.canonical();
                *spare = filter.into_spare();
                Some(canonical)
            }
            Err(errors) => {
                out.extend(
                    errors
                        .diagnostics
                        .into_iter()
                        .map(|d| d.with_clause(clause)),
                );
                None
            }
        }
    }

    /// Applies every machine-applicable fix to a request, repeatedly until none is left, and
    /// returns the fixed filters in canonical form.
    pub fn fix(&self, request: &Request<'_>) -> FixedRequest {
        fix::apply(self, request)
    }

    pub(crate) fn unknown_table(&self, name: &str) -> Diagnostic {
        let diagnostic =
            Diagnostic::new(Code::UnknownTable, None, format!("unknown table `{name}`"));
        let names = self.schema.tables().iter().map(|t| &*t.name);
        match suggest::closest(name, names) {
            Some(table) => diagnostic.with_help(format!("did you mean `{table}`?")),
            None => diagnostic.with_help("`ahrefs-filter tables` lists the tables"),
        }
    }
}
