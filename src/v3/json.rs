//! The `--format json` shape of a translation (feature `serde`).
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::translation::Translation;

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
        // Diagnostics in the shape every JSON output writes (`crate::json`).
        map.serialize_entry("diagnostics", &self.diagnostics)?;
        map.end()
    }
}
