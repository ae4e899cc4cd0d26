//! The `--format json` shape of a translation (feature `serde`).
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

use super::translation::Translation;
use crate::diagnostics::Diagnostic;

struct Params<'a>(&'a [(&'static str, String)]);

impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A diagnostic as the other JSON outputs write it.
struct Shape<'a>(&'a Diagnostic);

impl Serialize for Shape<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let mut map = s.serialize_map(Some(7))?;
        map.serialize_entry("severity", d.severity().as_str())?;
        map.serialize_entry("code", d.code.as_str())?;
        map.serialize_entry("message", &d.message)?;
        map.serialize_entry("clause", &d.clause.map(|c| c.as_str()))?;
        map.serialize_entry("span", &d.span)?;
        map.serialize_entry("help", &d.help)?;
        map.serialize_entry("fix", &d.fix)?;
        map.end()
    }
}

struct Diagnostics<'a>(&'a [Diagnostic]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for d in self.0 {
            seq.serialize_element(&Shape(d))?;
        }
        seq.end()
    }
}

/// `{"table","endpoint","params","where","url","exact","diagnostics"}`.
impl Serialize for Translation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(7))?;
        map.serialize_entry("table", &self.table)?;
        map.serialize_entry("endpoint", &self.endpoint)?;
        map.serialize_entry("params", &Params(&self.params))?;
        map.serialize_entry("where", &self.where_filter)?;
        map.serialize_entry("url", &self.url)?;
        map.serialize_entry("exact", &self.exact())?;
        map.serialize_entry("diagnostics", &Diagnostics(&self.diagnostics))?;
        map.end()
    }
}
