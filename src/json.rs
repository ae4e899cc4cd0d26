//! The JSON shapes of reports (spec §6): what `ahrefs-filter --format json` prints, as
//! `serde::Serialize` implementations, so an embedder writes the same objects as the tool.
//!
//! - [`Diagnostic`]: `{"severity","code","message","clause","span","help","fix"}`, where
//!   `severity` is `"error"`/`"warning"`, `clause` is `"where"`/`"having"`/`null`, `span` is
//!   `{"start","end"}` (byte offsets into that clause's text, or into the request for
//!   whole-request diagnostics) or `null`, `help` a string or `null`, and `fix` `null` or
//!   `{"title","applicability":"safe"|"unsafe","edits":[…]}`. An edit that replaces text is
//!   `{"clause","span","text"}`, in the diagnostic's own clause and text; an edit that adds a
//!   condition at the end of a clause's filter (creating the filter if absent) is
//!   `{"clause","span":null,"text","append":true}`.
//! - [`Report`] (`check`): `{"table","diagnostics","canonical":{"where","having"}}`.
//! - [`FixedRequest`] (`check --fix`, printed as `"fixed"`): `{"where","having","applied","left"}`,
//!   `left` the diagnostics the fixed request still has (its spans index the fixed filters).
//! - [`UrlReport`] (`url`): `{"url","table","diagnostics","canonical","decoded"}`, where
//!   `decoded` holds the percent-decoded filters that the filter diagnostics' spans index.
//!
//! Absent texts are `null`. Other fields of the types (a diagnostic's label and related
//! spans) are for the human report and not part of the JSON.
//!
//! ```
//! use ahrefs_filter::check::{Checker, Request};
//! use ahrefs_filter::schema::Schema;
//!
//! let report = Checker::new(Schema::builtin())
//!     .check(&Request::new("backlinks_one_per_domain").with_where("domain_rating>30"));
//! let json = serde_json::to_string(&report)?;
//! assert_eq!(
//!     json,
//!     concat!(
//!         r#"{"table":"backlinks_one_per_domain","diagnostics":[{"severity":"error","#,
//!         r#""code":"clause-not-allowed","message":"column `domain_rating` cannot be used "#,
//!         r#"in `where` of table `backlinks_one_per_domain`","clause":"where","#,
//!         r#""span":{"start":0,"end":13},"help":"move `domain_rating>30` to `having`","#,
//!         r#""fix":{"title":"move `domain_rating>30` to `having`","applicability":"safe","#,
//!         r#""edits":[{"clause":"where","span":{"start":0,"end":16},"text":""},"#,
//!         r#"{"clause":"having","span":null,"text":"domain_rating>30","append":true}]}}],"#,
//!         r#""canonical":{"where":"domain_rating>30","having":null}}"#
//!     )
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::check::{FixedRequest, Report};
use crate::request::UrlReport;
use crate::{Clause, Diagnostic, Edit, Fix};

impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("Diagnostic", 7)?;
        object.serialize_field("severity", &self.severity())?;
        object.serialize_field("code", &self.code)?;
        object.serialize_field("message", &self.message)?;
        object.serialize_field("clause", &self.clause)?;
        object.serialize_field("span", &self.span)?;
        object.serialize_field("help", &self.help)?;
        object.serialize_field(
            "fix",
            &self.fix.as_ref().map(|fix| FixIn {
                fix,
                clause: self.clause,
            }),
        )?;
        object.end()
    }
}

/// A fix with the clause of its diagnostic, which its replacements edit.
struct FixIn<'a> {
    fix: &'a Fix,
    clause: Option<Clause>,
}

impl Serialize for FixIn<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("Fix", 3)?;
        object.serialize_field("title", &self.fix.title)?;
        object.serialize_field("applicability", &self.fix.applicability)?;
        object.serialize_field("edits", &EditsIn(self))?;
        object.end()
    }
}

struct EditsIn<'a>(&'a FixIn<'a>);

impl Serialize for EditsIn<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let edits = &self.0.fix.edits;
        let mut list = serializer.serialize_seq(Some(edits.len()))?;
        for edit in edits {
            list.serialize_element(&EditIn {
                edit,
                clause: self.0.clause,
            })?;
        }
        list.end()
    }
}

struct EditIn<'a> {
    edit: &'a Edit,
    clause: Option<Clause>,
}

impl Serialize for EditIn<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.edit {
            Edit::Replace { span, text } => {
                let mut object = serializer.serialize_struct("Edit", 3)?;
                object.serialize_field("clause", &self.clause)?;
                object.serialize_field("span", span)?;
                object.serialize_field("text", text)?;
                object.end()
            }
            Edit::AppendCondition { clause, condition } => {
                let mut object = serializer.serialize_struct("Edit", 4)?;
                object.serialize_field("clause", clause)?;
                object.serialize_field("span", &None::<crate::Span>)?;
                object.serialize_field("text", condition)?;
                object.serialize_field("append", &true)?;
                object.end()
            }
        }
    }
}

/// `{"where","having"}` of two optional texts.
struct Clauses<'a>(Option<&'a str>, Option<&'a str>);

impl Serialize for Clauses<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("Clauses", 2)?;
        object.serialize_field("where", &self.0)?;
        object.serialize_field("having", &self.1)?;
        object.end()
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("Report", 3)?;
        object.serialize_field("table", &self.table)?;
        object.serialize_field("diagnostics", &self.diagnostics)?;
        object.serialize_field(
            "canonical",
            &Clauses(
                self.canonical_where.as_deref(),
                self.canonical_having.as_deref(),
            ),
        )?;
        object.end()
    }
}

impl Serialize for FixedRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("FixedRequest", 4)?;
        object.serialize_field("where", &self.where_filter)?;
        object.serialize_field("having", &self.having_filter)?;
        object.serialize_field("applied", &self.applied)?;
        object.serialize_field("left", &self.left)?;
        object.end()
    }
}

impl Serialize for UrlReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("UrlReport", 5)?;
        object.serialize_field("url", &self.url)?;
        object.serialize_field("table", &self.table)?;
        object.serialize_field("diagnostics", &self.diagnostics)?;
        object.serialize_field(
            "canonical",
            &Clauses(
                self.canonical_where.as_deref(),
                self.canonical_having.as_deref(),
            ),
        )?;
        object.serialize_field(
            "decoded",
            &Clauses(self.where_filter.as_deref(), self.having_filter.as_deref()),
        )?;
        object.end()
    }
}
