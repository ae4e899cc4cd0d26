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
mod emit;
#[cfg(feature = "serde")]
mod json;
mod options;
mod pair;
mod schema;
mod translate;
mod translation;
mod translator;
mod verify;

pub use ast::{
    string as write_json_string, BinaryOp, Condition, ConditionTree, Expr, Filter, ListCondition,
    NullaryOp, Test, Value,
};
pub use options::{BoolLiteral, Dates, History, Options};
pub use pair::translate_pair;
pub use schema::{
    endpoint, endpoints, table, ColumnMap, Endpoint, Field, FieldType, Rewrite, Status, TableMap,
};
pub use translation::{Translation, API_BASE};
pub use translator::Translator;
pub use verify::{verify, Problem};
