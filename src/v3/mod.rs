//! v2 → v3: translate v2 filters and whole v2 requests to the Ahrefs API v3, and report
//! every step whose meaning is not certain (`v3-translation.md`).
//!
//! v3's `where` is a JSON language ([`Filter`], printed compactly by its `Display`) over
//! the `where` fields of an endpoint ([`endpoints`], generated from `data/v3-schema.json`).
//! Which endpoint and field a v2 table and column become is data too ([`table`], from
//! `data/v3-mapping.json`). No official mapping exists, so every step that is not a plain
//! rename is reported: `v3-inexact` when the v3 meaning differs, `v3-assumed` when the
//! evidence leaves a choice open (the message names the option that changes it), and an
//! error (`v3-no-endpoint`, `v3-no-field`, `v3-untranslatable`) when there is no v3 form.
//! The input is checked as v2 first; input with v2 errors is not translated.
//!
//! ```
//! use ahrefs_filter::v3::{Options, Translator};
//!
//! let translator = Translator::new(Options::default());
//! let t = translator.translate_request(
//!     "https://apiv2.ahrefs.com/?token=s3cret&from=refdomains&target=ahrefs.com\
//!      &mode=domain&select=refdomain,domain_rating&having=domain_rating%3E%3D30\
//!      &order_by=domain_rating:desc",
//! );
//! assert_eq!(t.endpoint, Some("site-explorer/refdomains"));
//! assert_eq!(t.where_json(), Some(r#"{"field":"domain_rating","is":["gte",30]}"#));
//! let url = t.url.as_deref().unwrap();
//! assert!(url.starts_with(
//!     "https://api.ahrefs.com/v3/site-explorer/refdomains?target=ahrefs.com&mode=domain\
//!      &history=live&select=domain%2Cdomain_rating&order_by=domain_rating%3Adesc\
//!      &where=%7B%22field%22%3A%22domain_rating%22"
//! ));
//! assert!(!url.contains("s3cret"));
//! // Translated, with one assumption: `history=live` was chosen for it.
//! assert!(!t.has_errors());
//! let codes: Vec<&str> = t.diagnostics.iter().map(|d| d.code.as_str()).collect();
//! assert_eq!(codes, ["v3-assumed"]);
//! assert!(t.diagnostics[0].message.contains("history=live"));
//! ```

mod ast;
mod schema;
mod translate;
mod translation;
mod verify;

use std::fmt;

pub use ast::{
    string as write_json_string, BinaryOp, Condition, ConditionTree, Expr, Filter, ListCondition,
    NullaryOp, Test, Value,
};
pub use schema::{
    endpoint, endpoints, table, ColumnMap, Endpoint, Field, FieldType, Rewrite, Status, TableMap,
};
pub use translation::{translate_pair, Translation, Translator, API_BASE};
pub use verify::{verify, Problem};

use crate::check::Date;

/// The `history` parameter sent: which lost links v3 adds to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum History {
    /// `live`: live links only, as v2's tables held (the default choice).
    #[default]
    Live,
    /// `all_time`: every link ever seen (the API's own default).
    AllTime,
    /// `since:YYYY-MM-DD`: links live on or lost since that day.
    Since(Date),
}

impl History {
    /// Parses `live`, `all_time` or `since:YYYY-MM-DD`.
    ///
    /// ```
    /// use ahrefs_filter::v3::History;
    /// assert_eq!(History::parse("live"), Some(History::Live));
    /// assert_eq!(History::parse("since:2024-02-29").unwrap().to_string(), "since:2024-02-29");
    /// assert_eq!(History::parse("since:2023-02-29"), None);
    /// ```
    pub fn parse(text: &str) -> Option<History> {
        match text {
            "live" => Some(History::Live),
            "all_time" => Some(History::AllTime),
            _ => text
                .strip_prefix("since:")
                .and_then(Date::parse)
                .map(History::Since),
        }
    }
}

impl fmt::Display for History {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            History::Live => f.write_str("live"),
            History::AllTime => f.write_str("all_time"),
            History::Since(date) => write!(f, "since:{date}"),
        }
    }
}

/// How v3 booleans are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BoolLiteral {
    /// JSON `true`/`false`, as the docs' type rule implies (the default choice).
    #[default]
    TrueFalse,
    /// `1`/`0`, the only form seen in working requests.
    OneZero,
}

impl BoolLiteral {
    /// Parses `true` (for `true`/`false`) or `01`.
    pub fn parse(text: &str) -> Option<BoolLiteral> {
        match text {
            "true" | "true_false" => Some(BoolLiteral::TrueFalse),
            "01" | "one_zero" => Some(BoolLiteral::OneZero),
            _ => None,
        }
    }
}

/// How v2 date conditions become v3 datetime ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dates {
    /// Half-open day ranges that keep v2's whole-day meaning (the default choice).
    #[default]
    Day,
    /// The comparison as written.
    Raw,
}

impl Dates {
    /// Parses `day` or `raw`.
    pub fn parse(text: &str) -> Option<Dates> {
        match text {
            "day" => Some(Dates::Day),
            "raw" => Some(Dates::Raw),
            _ => None,
        }
    }
}

/// The choices the evidence leaves open. `None` takes the default and reports it as a
/// `v3-assumed` warning; a value given explicitly is the caller's choice and is not
/// reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Options {
    /// `history` (default `live`).
    pub history: Option<History>,
    /// Boolean literals (default `true`/`false`).
    pub bool_literal: Option<BoolLiteral>,
    /// Date conditions (default whole-day ranges).
    pub dates: Option<Dates>,
}
