//! One checked v2 condition → v3 filter nodes, with a diagnostic for every step that is
//! not a plain rename (`v3-translation.md` §2, the rewrites of `v3-mapping.json`).

use std::borrow::Cow;

use super::ast::{BinaryOp, Condition, Filter, Value};
use super::options::{BoolLiteral, Dates, Options};
use super::schema::{ColumnMap, Endpoint, Field, FieldType, Rewrite, Status, TableMap};
use crate::check::Date;
use crate::diagnostics::{Clause, Code, Diagnostic};
use crate::span::Span;
use crate::syntax::{self, Call, CompareOp, Comparison, FunctionName, Literal};

/// The state of one translation: where it goes and what it found.
pub(super) struct Translate<'o> {
    pub map: &'static TableMap,
    pub endpoint: &'static Endpoint,
    pub options: &'o Options,
    pub diagnostics: Vec<Diagnostic>,
    /// The boolean-literal choice was reported already (once per translation).
    bool_reported: bool,
}

/// A condition of the clause being translated: where its diagnostics point.
#[derive(Clone, Copy)]
struct At {
    clause: Clause,
    span: Span,
}

impl<'o> Translate<'o> {
    pub fn new(map: &'static TableMap, endpoint: &'static Endpoint, options: &'o Options) -> Self {
        Translate {
            map,
            endpoint,
            options,
            diagnostics: Vec::with_capacity(8),
            bool_reported: false,
        }
    }

    /// Appends the translation of every condition of `filter` to `out` (a rewrite that is
    /// itself an `and` is spliced in: the conditions are joined by `and` anyway). Returns
    /// false when a condition could not be translated (its error is reported).
    pub fn filter(
        &mut self,
        clause: Clause,
        filter: &syntax::Filter<'_>,
        out: &mut Vec<Filter>,
    ) -> bool {
        let mut ok = true;
        for condition in &filter.conditions {
            let translated = match condition {
                syntax::Condition::Comparison(c) => self.comparison(clause, c),
                syntax::Condition::Call(c) => self.call(clause, c),
            };
            match translated {
                Some(Filter::And(items)) => out.extend(items),
                Some(filter) => out.push(filter),
                None => ok = false,
            }
        }
        ok
    }

    fn report(
        &mut self,
        code: Code,
        at: At,
        message: impl Into<Cow<'static, str>>,
        help: Option<&'static str>,
    ) {
        let mut diagnostic = Diagnostic::new(code, at.span, message).with_clause(at.clause);
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        self.diagnostics.push(diagnostic);
    }

    /// The column's mapping and its v3 field, or the `v3-no-field` error.
    fn field(&mut self, at: At, name: &str) -> Option<(&'static ColumnMap, &'static Field)> {
        let map = self.map.column(name);
        let field = map
            .and_then(|m| m.field)
            .and_then(|f| self.endpoint.field(f));
        match (map, field) {
            (Some(map), Some(field)) => Some((map, field)),
            _ => {
                let table = self.map.table;
                let help = map.map(|m| m.note).filter(|n| !n.is_empty());
                self.report(
                    Code::V3NoField,
                    at,
                    format!(
                        "`{table}.{name}` has no v3 field on `{}`: the condition cannot be translated",
                        self.endpoint.path
                    ),
                    help,
                );
                None
            }
        }
    }

    /// The status-I note of a plain rename: the v3 field's meaning differs.
    fn renamed(&mut self, at: At, map: &'static ColumnMap) {
        // The other rewrites' own diagnostics say what changed.
        if map.status == Status::Inferred && matches!(map.rewrite, Rewrite::Plain | Rewrite::Date) {
            self.report(Code::V3Inexact, at, map.renamed, None);
        }
    }

    fn untranslatable(&mut self, at: At, message: impl Into<Cow<'static, str>>) -> Option<Filter> {
        self.report(Code::V3Untranslatable, at, message, None);
        None
    }

    /// The v2 literal as a value of `field`'s (element) type.
    fn value(&mut self, at: At, field: &Field, literal: &Literal<'_>) -> Option<Value> {
        let ty = field.ty.element();
        let value = match (&literal.value, ty) {
            (syntax::Value::Integer(n), FieldType::Integer | FieldType::Float) => {
                Value::Integer(*n)
            }
            // A quoted number (a v2 warning) on a number field.
            (syntax::Value::String(s), FieldType::Integer | FieldType::Float) => match s.parse() {
                Ok(n) => Value::Integer(n),
                Err(_) => return self.mismatch(at, field, literal),
            },
            (syntax::Value::Boolean(b), FieldType::Boolean) => self.boolean(at, *b),
            (
                syntax::Value::String(s),
                FieldType::String | FieldType::Datetime | FieldType::Date,
            ) => Value::String(Cow::Owned(s.clone().into_owned())),
            _ => return self.mismatch(at, field, literal),
        };
        Some(value)
    }

    fn mismatch(&mut self, at: At, field: &Field, literal: &Literal<'_>) -> Option<Value> {
        self.report(
            Code::V3Untranslatable,
            at,
            format!(
                "a {} value cannot be compared with `{}`, a v3 {} field",
                literal.value.kind_name(),
                field.name,
                field.ty.as_str()
            ),
            None,
        );
        None
    }

    fn boolean(&mut self, at: At, b: bool) -> Value {
        let literal = self.options.bool_literal.unwrap_or_default();
        if self.options.bool_literal.is_none() && !self.bool_reported {
            self.bool_reported = true;
            self.report(
                Code::V3Assumed,
                at,
                "booleans are sent as JSON `true`/`false`, as the v3 docs' type rule implies; \
                 the requests seen working send `1`/`0`",
                Some("`--bool-literal 01` sends `1`/`0`; `--bool-literal true` keeps this and says so"),
            );
        }
        match literal {
            BoolLiteral::TrueFalse => Value::Bool(b),
            BoolLiteral::OneZero => Value::Integer(i64::from(b)),
        }
    }

    fn comparison(&mut self, clause: Clause, c: &Comparison<'_>) -> Option<Filter> {
        let at = At {
            clause,
            span: c.span,
        };
        let (map, field) = self.field(at, &c.column.name)?;
        let op = c.operator.kind;
        let name = field.name;
        if op.is_ordering()
            && !matches!(
                field.ty,
                FieldType::Integer | FieldType::Float | FieldType::Datetime | FieldType::Date
            )
        {
            return self.untranslatable(
                at,
                format!(
                    "`{}` orders a {} field; v3 documents `gt`/`gte`/`lt`/`lte` only on numbers and dates",
                    op.as_str(),
                    field.ty.as_str()
                ),
            );
        }
        let filter = match map.rewrite {
            Rewrite::Date if matches!(field.ty, FieldType::Datetime | FieldType::Date) => {
                let filter = self.date(at, field, op, &c.value)?;
                self.renamed(at, map);
                filter
            }
            Rewrite::Languages if field.ty.is_array() => {
                let value = self.value(at, field, &c.value)?;
                self.report(
                    Code::V3Inexact,
                    at,
                    format!(
                        "`{}` (one value) became `{name}` (a list), tested with `list_is any`: {}",
                        map.column, map.note
                    ),
                    None,
                );
                match op {
                    CompareOp::Ne => {
                        Filter::not(Filter::any(name, Condition::binary(BinaryOp::Eq, value)))
                    }
                    _ => Filter::any(name, Condition::binary(binary(op), value)),
                }
            }
            Rewrite::Redirect => {
                let value = self.value(at, field, &c.value)?;
                self.report(
                    Code::V3Inexact,
                    at,
                    format!(
                        "v2 `{}` was 0 for a link that is not a redirect, v3 `{name}` is null there: \
                         0 became `is_null`",
                        map.column
                    ),
                    None,
                );
                redirect(name, op, value)
            }
            Rewrite::Alt
                if matches!(&c.value.value, syntax::Value::String(s) if s.is_empty())
                    && matches!(op, CompareOp::Eq | CompareOp::Ne) =>
            {
                self.report(
                    Code::V3Inexact,
                    at,
                    format!(
                        "v2 wrote \"\" for no `{}` text, v3 probably null: both are tested",
                        map.column
                    ),
                    None,
                );
                let empty = Filter::is(name, Condition::binary(BinaryOp::Eq, ""));
                let null = Filter::is(name, Condition::IS_NULL);
                if op == CompareOp::Eq {
                    Filter::or(vec![null, empty])
                } else {
                    let empty = Filter::is(name, Condition::binary(BinaryOp::Neq, ""));
                    Filter::And(vec![Filter::not(null), empty])
                }
            }
            _ => {
                let mut value = self.value(at, field, &c.value)?;
                if map.rewrite == Rewrite::Values {
                    value = self.mapped(at, map, value);
                }
                if !field.values.is_empty() {
                    let known = matches!(&value, Value::String(s) if field.values.contains(&&**s));
                    if !known || op.is_ordering() {
                        return self.untranslatable(
                            at,
                            format!(
                                "`{name}` takes `eq`/`neq` with one of {}",
                                field.values.join(", ")
                            ),
                        );
                    }
                }
                self.renamed(at, map);
                let test = Filter::is(name, Condition::Binary(binary(op), value.clone()));
                if op == CompareOp::Ne && field.nullable {
                    self.report(
                        Code::V3Inexact,
                        at,
                        format!(
                            "v3 `{name}` can be null, which v2 values never were: `<>` became \
                             `neq` or `is_null`, so rows without a value still match"
                        ),
                        None,
                    );
                    Filter::or(vec![test, Filter::is(name, Condition::IS_NULL)])
                } else {
                    test
                }
            }
        };
        Some(filter)
    }

    /// A value map (`link_type`: `href` → `text`), reported when the value changes.
    fn mapped(&mut self, at: At, map: &ColumnMap, value: Value) -> Value {
        let Value::String(s) = &value else {
            return value;
        };
        match map.values.iter().find(|(v2, _)| *v2 == &**s) {
            Some((v2, v3)) if v2 != v3 => {
                self.report(
                    Code::V3Inexact,
                    at,
                    format!(
                        "`{}` \"{v2}\" became \"{v3}\": v3 counts image links apart, which v2 \
                         counted as \"{v2}\"",
                        map.column
                    ),
                    Some(map.note),
                );
                Value::String(Cow::Borrowed(v3))
            }
            _ => value,
        }
    }

    /// The half-open day ranges of `v3-reference.md` §3.5, or the comparison as written
    /// with `--dates raw`.
    fn date(
        &mut self,
        at: At,
        field: &Field,
        op: CompareOp,
        literal: &Literal<'_>,
    ) -> Option<Filter> {
        let syntax::Value::String(text) = &literal.value else {
            return self.untranslatable(at, format!("`{}` takes a date string", field.name));
        };
        let name = field.name;
        let raw = |op| {
            Filter::is(
                name,
                Condition::binary(op, Value::String(Cow::Owned(text.to_string()))),
            )
        };
        let whole_day = matches!(
            op,
            CompareOp::Eq | CompareOp::Ne | CompareOp::Le | CompareOp::Gt
        );
        if self.options.dates == Some(Dates::Raw) {
            if whole_day {
                self.report(
                    Code::V3Inexact,
                    at,
                    format!(
                        "v2 compared whole days; `{name}` is a {}, so `{}` \"{text}\" compares with \
                         the day's first instant only",
                        field.ty.as_str(),
                        binary(op).as_str()
                    ),
                    Some("`--dates day` rewrites it as a half-open day range"),
                );
            }
            return Some(raw(binary(op)));
        }
        let Some(day) = Date::parse(text) else {
            return self.untranslatable(at, format!("\"{text}\" is not a `YYYY-MM-DD` date"));
        };
        let Some(next) = Date::from_unix_days(day.unix_days() + 1) else {
            return self.untranslatable(at, format!("{day} has no next day to end its range"));
        };
        let d = |op| Filter::is(name, Condition::binary(op, day.to_string()));
        let d1 = |op| Filter::is(name, Condition::binary(op, next.to_string()));
        let filter = match op {
            CompareOp::Eq => Filter::And(vec![d(BinaryOp::Gte), d1(BinaryOp::Lt)]),
            CompareOp::Ne => Filter::Or(vec![d(BinaryOp::Lt), d1(BinaryOp::Gte)]),
            CompareOp::Lt => d(BinaryOp::Lt),
            CompareOp::Le => d1(BinaryOp::Lt),
            CompareOp::Gt => d1(BinaryOp::Gte),
            CompareOp::Ge => d(BinaryOp::Gte),
        };
        if self.options.dates.is_none() {
            let how = if whole_day {
                format!("the whole day \"{day}\" is a half-open range ending before \"{next}\"")
            } else {
                format!("\"{day}\" is read as that day's first instant")
            };
            self.report(
                Code::V3Assumed,
                at,
                format!(
                    "v2 compared whole days and `{name}` is a {}: {how}; the v3 date format \
                     (`YYYY-MM-DD` here) is undocumented",
                    field.ty.as_str()
                ),
                Some("`--dates raw` copies the comparison as written; `--dates day` keeps this and says so"),
            );
        }
        Some(filter)
    }

    fn call(&mut self, clause: Clause, c: &Call<'_>) -> Option<Filter> {
        let at = At {
            clause,
            span: c.span,
        };
        let (map, field) = self.field(at, &c.column.name)?;
        let function = c.function.name;
        if function == FunctionName::Subdomain {
            let Some(host) = map.host.and_then(|h| self.endpoint.field(h)) else {
                return self.untranslatable(
                    at,
                    format!(
                        "`subdomain({},…)` has no v3 form: only `url_from` and `url_to` have host fields to rewrite it on",
                        map.column
                    ),
                );
            };
            let syntax::Value::String(domain) = &c.argument.value else {
                return self.untranslatable(at, "`subdomain()` takes a domain string");
            };
            let domain = domain.to_lowercase();
            self.report(
                Code::V3Inexact,
                at,
                format!(
                    "v3 has no `subdomain`: rewritten as `{}` equal to \"{domain}\" or ending in \
                     \".{domain}\" (lowercased); whether v2 counted \"{domain}\" itself is unknown",
                    host.name
                ),
                None,
            );
            return Some(Filter::or(vec![
                Filter::is(host.name, Condition::binary(BinaryOp::Eq, domain.clone())),
                Filter::is(
                    host.name,
                    Condition::binary(BinaryOp::Suffix, format!(".{domain}")),
                ),
            ]));
        }
        if field.ty.element() != FieldType::String || !field.values.is_empty() {
            return self.untranslatable(
                at,
                format!(
                    "`{}` has no text operators on `{}`, a v3 {} field",
                    function.as_str(),
                    field.name,
                    field.ty.as_str()
                ),
            );
        }
        let value = self.value(at, field, &c.argument)?;
        let op = if function == FunctionName::Word {
            self.report(
                Code::V3Inexact,
                at,
                "`word` became `phrase_match`, which matches a run of whole words: the same only \
                 for a single word; v2's case handling is unknown (`iphrase_match` ignores case)",
                None,
            );
            BinaryOp::PhraseMatch
        } else {
            self.report(
                Code::V3Assumed,
                at,
                "`substring` kept case-sensitive; whether v2's was is unknown (`isubstring` \
                 ignores case)",
                None,
            );
            BinaryOp::Substring
        };
        self.renamed(at, map);
        let condition = Condition::Binary(op, value);
        Some(if field.ty.is_array() {
            self.report(
                Code::V3Inexact,
                at,
                format!(
                    "`{}` (one value) became `{}` (a list), tested with `list_is any`: {}",
                    map.column, field.name, map.note
                ),
                None,
            );
            Filter::any(field.name, condition)
        } else {
            Filter::is(field.name, condition)
        })
    }
}

/// The v3 operator of a v2 comparison.
pub(super) const fn binary(op: CompareOp) -> BinaryOp {
    match op {
        CompareOp::Eq => BinaryOp::Eq,
        CompareOp::Ne => BinaryOp::Neq,
        CompareOp::Lt => BinaryOp::Lt,
        CompareOp::Le => BinaryOp::Lte,
        CompareOp::Gt => BinaryOp::Gt,
        CompareOp::Ge => BinaryOp::Gte,
    }
}

/// v2 `redirect` (0 = not a redirect) → v3 `redirect_code` (null then): `=0` is `is_null`,
/// `<>0` and `>0` are `not is_null`, and any other comparison that v2's 0 satisfies also
/// matches null.
fn redirect(name: &'static str, op: CompareOp, value: Value) -> Filter {
    let null = || Filter::is(name, Condition::IS_NULL);
    let Value::Integer(n) = value else {
        return Filter::is(name, Condition::Binary(binary(op), value));
    };
    match (op, n) {
        (CompareOp::Eq, 0) => null(),
        (CompareOp::Ne | CompareOp::Gt, 0) => Filter::not(null()),
        _ => {
            let test = Filter::is(name, Condition::binary(binary(op), n));
            let zero_matches = match op {
                CompareOp::Eq => 0 == n,
                CompareOp::Ne => 0 != n,
                CompareOp::Lt => 0 < n,
                CompareOp::Le => 0 <= n,
                CompareOp::Gt => 0 > n,
                CompareOp::Ge => 0 >= n,
            };
            if zero_matches {
                Filter::or(vec![test, null()])
            } else {
                test
            }
        }
    }
}
