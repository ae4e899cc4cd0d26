//! The JSON shape of `v2-schema.json`: tables and columns are objects keyed by name, in
//! documentation order. Loading keeps that order; unknown keys (`stats`, `_meta`, …) are
//! ignored so a newer file still loads.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ColumnDef, ColumnType, Cost, Schema, TableDef};

impl Schema {
    /// Loads a schema from JSON in the shape of `v2-schema.json`:
    /// `{"tables": {"name": {"cost": {…}, "columns": {"col": {"type": …, "where": …, "having": …}}}}}`.
    ///
    /// ```
    /// use ahrefs_filter::schema::Schema;
    /// let schema = Schema::from_json(r#"{"tables": {"mine": {"columns": {
    ///     "score": {"type": "int", "where": true, "having": false}
    /// }}}}"#).unwrap();
    /// assert!(schema.table("mine").unwrap().column("score").unwrap().in_where);
    /// ```
    pub fn from_json(json: &str) -> Result<Schema, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The schema as JSON in the same shape [`Schema::from_json`] reads.
    pub fn to_json(&self) -> String {
        // Serializing plain data into a String cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct ColumnFields {
    #[serde(rename = "type")]
    ty: ColumnType,
    #[serde(rename = "where")]
    in_where: bool,
    #[serde(rename = "having")]
    in_having: bool,
    #[serde(default)]
    description: String,
    #[serde(default)]
    provenance: String,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
struct TableFields {
    #[serde(default)]
    description: String,
    #[serde(default)]
    response_key: Option<String>,
    #[serde(default)]
    cost: Cost,
    columns: Named<ColumnFields>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    source_quality: String,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Deserialize)]
struct SchemaFields {
    tables: Named<TableFields>,
}

/// An object keyed by name, read in order.
struct Named<T>(Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NamedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for NamedVisitor<T> {
            type Value = Named<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object keyed by name")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(String, T)> = Vec::new();
                while let Some((name, value)) = map.next_entry::<String, T>()? {
                    if entries.iter().any(|(n, _)| *n == name) {
                        return Err(de::Error::custom(format!("`{name}` is defined twice")));
                    }
                    entries.push((name, value));
                }
                Ok(Named(entries))
            }
        }
        deserializer.deserialize_map(NamedVisitor(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = SchemaFields::deserialize(deserializer)?;
        let tables = fields
            .tables
            .0
            .into_iter()
            .map(|(name, t)| TableDef {
                name: Cow::Owned(name),
                description: Cow::Owned(t.description),
                response_key: t.response_key.map(Cow::Owned),
                cost: t.cost,
                columns: Cow::Owned(
                    t.columns
                        .0
                        .into_iter()
                        .map(|(name, c)| ColumnDef {
                            name: Cow::Owned(name),
                            ty: c.ty,
                            in_where: c.in_where,
                            in_having: c.in_having,
                            description: Cow::Owned(c.description),
                            provenance: Cow::Owned(c.provenance),
                            note: c.note.map(Cow::Owned),
                        })
                        .collect(),
                ),
                source: Cow::Owned(t.source),
                source_quality: Cow::Owned(t.source_quality),
                notes: Cow::Owned(t.notes.into_iter().map(Cow::Owned).collect()),
            })
            .collect();
        Ok(Schema::new(tables))
    }
}

struct ColumnsMap<'a>(&'a [ColumnDef]);

impl Serialize for ColumnsMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Fields<'a> {
            #[serde(rename = "type")]
            ty: ColumnType,
            #[serde(rename = "where")]
            in_where: bool,
            having: bool,
            description: &'a str,
            provenance: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            note: Option<&'a str>,
        }
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for c in self.0 {
            map.serialize_entry(
                &*c.name,
                &Fields {
                    ty: c.ty,
                    in_where: c.in_where,
                    having: c.in_having,
                    description: &c.description,
                    provenance: &c.provenance,
                    note: c.note.as_deref(),
                },
            )?;
        }
        map.end()
    }
}

impl Serialize for Schema {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Fields<'a> {
            description: &'a str,
            response_key: Option<&'a str>,
            cost: Cost,
            columns: ColumnsMap<'a>,
            source: &'a str,
            source_quality: &'a str,
            notes: Vec<&'a str>,
        }
        struct Tables<'a>(&'a [TableDef]);
        impl Serialize for Tables<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for t in self.0 {
                    map.serialize_entry(
                        &*t.name,
                        &Fields {
                            description: &t.description,
                            response_key: t.response_key.as_deref(),
                            cost: t.cost,
                            columns: ColumnsMap(&t.columns),
                            source: &t.source,
                            source_quality: &t.source_quality,
                            notes: t.notes.iter().map(|n| &**n).collect(),
                        },
                    )?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("tables", &Tables(self.tables()))?;
        map.end()
    }
}
