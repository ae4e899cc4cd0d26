//! Parse, type-check and canonically print the `where` / `having` filter strings of the
//! Ahrefs API v2.
//!
//! Data flows one way: text → [`parse`] → [`Filter`] (AST with byte spans) → checker →
//! [`Diagnostic`]s → canonical text (the AST's `Display`). The library does no I/O.
//!
//! ```
//! let filter = ahrefs_filter::parse(r#"ahrefs_rank > 10, substring(anchor,"seo")"#)?;
//! assert_eq!(filter.conditions.len(), 2);
//! assert_eq!(filter.to_string(), r#"ahrefs_rank>10,substring(anchor,"seo")"#);
//! # Ok::<(), ahrefs_filter::ParseErrors>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod cost;
pub mod diagnostics;
#[cfg(feature = "serde")]
pub mod json;
mod literal;
pub mod print;
pub mod request;
pub mod schema;
pub mod span;
#[cfg(feature = "proptest")]
pub mod strategy;
mod suggest;
pub mod syntax;
pub mod v3;

pub use check::{Checker, Date, FixedRequest, Report, Request};
pub use cost::{estimate, Estimate};
pub use diagnostics::{Applicability, Code, Diagnostic, Edit, Fix, Related, Severity};
pub use request::{lint_url, RequestLinter, UrlReport};
pub use schema::{Clause, ColumnDef, ColumnType, Cost, Schema, TableDef};
pub use span::{Ranged, Span};
pub use syntax::{
    parse, parse_reusing, parse_tolerant, parse_tolerant_reusing, Call, Column, CompareOp,
    Comparison, Condition, Filter, Function, FunctionName, Literal, Operator, ParseErrors, Parsed,
    Value,
};

/// The README's Rust examples, compiled and run as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
