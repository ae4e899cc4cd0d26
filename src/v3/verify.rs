//! The translator's check of its own output: every field is in the endpoint's `where` list
//! and every operator and value fits the field's type (`v3-reference.md` §1.3's operator ×
//! type table), and every construct is one of the grammar's.

use std::fmt;

use super::ast::{
    BinaryOp, Condition, ConditionTree, Filter, ListCondition, NullaryOp, Test, Value,
};
use super::schema::{Endpoint, Field, FieldType};
use crate::check::Date;

/// A way a v3 filter does not fit its endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field concerned, if any.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "`{field}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Every problem of `filter` against `endpoint`; empty when it fits.
///
/// ```
/// use ahrefs_filter::v3::{self, BinaryOp, Condition, Filter};
/// let endpoint = v3::endpoint("site-explorer/all-backlinks").unwrap();
/// let ok = Filter::is("url_rating_source", Condition::binary(BinaryOp::Gt, 10));
/// assert!(v3::verify(&ok, endpoint).is_empty());
/// let bad = Filter::is("ahrefs_rank", Condition::binary(BinaryOp::Gt, 10));
/// assert_eq!(v3::verify(&bad, endpoint)[0].message, "not a `where` field of site-explorer/all-backlinks");
/// ```
pub fn verify(filter: &Filter, endpoint: &Endpoint) -> Vec<Problem> {
    let mut problems = Vec::new();
    walk(filter, endpoint, &mut problems);
    problems
}

fn walk(filter: &Filter, endpoint: &Endpoint, problems: &mut Vec<Problem>) {
    match filter {
        Filter::And(items) | Filter::Or(items) => {
            if items.is_empty() {
                problems.push(Problem {
                    field: None,
                    message: "`and`/`or` over an empty list".to_owned(),
                });
            }
            for item in items {
                walk(item, endpoint, problems);
            }
        }
        Filter::Not(inner) => walk(inner, endpoint, problems),
        Filter::Expr(expr) => {
            let mut problem = |message: String| {
                problems.push(Problem {
                    field: Some(expr.field.to_string()),
                    message,
                });
            };
            let Some(field) = endpoint.field(&expr.field) else {
                problem(format!("not a `where` field of {}", endpoint.path));
                return;
            };
            match (&expr.test, field.ty.is_array()) {
                (Test::Is(condition), false) => {
                    if let Err(message) = fits(condition, field, field.ty) {
                        problem(message);
                    }
                }
                (Test::ListIs(list), true) => {
                    let tree = match list {
                        ListCondition::Any(tree) | ListCondition::All(tree) => tree,
                    };
                    tree_fits(tree, field, &mut problem);
                }
                (Test::Is(_), true) => {
                    problem("an array field takes `list_is`, not `is`".to_owned())
                }
                (Test::ListIs(_), false) => {
                    problem(format!(
                        "a {} field takes `is`, not `list_is`",
                        field.ty.as_str()
                    ));
                }
            }
        }
    }
}

fn tree_fits(tree: &ConditionTree, field: &Field, problem: &mut impl FnMut(String)) {
    match tree {
        ConditionTree::And(items) | ConditionTree::Or(items) => {
            if items.is_empty() {
                problem("`and`/`or` over an empty list".to_owned());
            }
            for item in items {
                tree_fits(item, field, problem);
            }
        }
        ConditionTree::Not(inner) => tree_fits(inner, field, problem),
        ConditionTree::Leaf(condition) => {
            if let Err(message) = fits(condition, field, field.ty.element()) {
                problem(message);
            }
        }
    }
}

/// Whether `condition` applies to a value of type `ty` (the field's, or its elements').
fn fits(condition: &Condition, field: &Field, ty: FieldType) -> Result<(), String> {
    let (op, value) = match condition {
        Condition::Nullary(NullaryOp::IsNull) if field.nullable && !field.ty.is_array() => {
            return Ok(())
        }
        Condition::Nullary(NullaryOp::IsNull) => {
            return Err("`is_null` on a field that is not nullable".to_owned())
        }
        Condition::Nullary(NullaryOp::Empty) if ty == FieldType::String => return Ok(()),
        Condition::Nullary(NullaryOp::Empty) => {
            return Err(format!("`empty` on a {} value", ty.as_str()))
        }
        Condition::Binary(op, value) => (*op, value),
    };
    let applies = match ty {
        FieldType::Integer | FieldType::Float | FieldType::Datetime | FieldType::Date => {
            !op.is_text()
        }
        FieldType::Boolean => matches!(op, BinaryOp::Eq | BinaryOp::Neq),
        FieldType::String if !field.values.is_empty() => matches!(op, BinaryOp::Eq | BinaryOp::Neq),
        FieldType::String => !op.is_ordering(),
        FieldType::StringArray | FieldType::IntegerArray => false,
    };
    if !applies {
        return Err(format!(
            "`{}` does not apply to a {} value",
            op.as_str(),
            ty.as_str()
        ));
    }
    let typed = match (ty, value) {
        (FieldType::Integer, Value::Integer(_)) => true,
        (FieldType::Float, Value::Integer(_) | Value::Float(_)) => true,
        // `1`/`0` is the form seen in use (`--bool-literal 01`).
        (FieldType::Boolean, Value::Bool(_) | Value::Integer(0 | 1)) => true,
        (FieldType::String, Value::String(s)) => {
            field.values.is_empty() || field.values.contains(&&**s)
        }
        (FieldType::Datetime | FieldType::Date, Value::String(s)) => {
            s.get(..10).and_then(Date::parse).is_some()
        }
        _ => false,
    };
    if typed {
        Ok(())
    } else {
        Err(format!(
            "`{}` with a value that is not a {}{}",
            op.as_str(),
            ty.as_str(),
            if field.values.is_empty() {
                String::new()
            } else {
                format!(" of {}", field.values.join(", "))
            }
        ))
    }
}
