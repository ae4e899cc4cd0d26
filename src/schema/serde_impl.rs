//! The JSON shape of `v2-schema.json`: tables and columns are objects keyed by name, in
//! documentation order. Loading keeps that order; unknown keys (`stats`, `_meta`, …) are
//! ignored so a newer file still loads.
//!
//! A column may have a `domain`: `{"ints": [[lowest, highest], …]}` on an int column or
//! `{"strings": […]}` on a string column, with `described`, `what` and `source` (the words
//! of the diagnostics that use it) and an optional `note`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Clause, ColumnDef, ColumnType, Cost, DocumentedUse, Domain, Schema, TableDef, Values};

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
    ///
    /// A column's `domain` gives the values it holds, which the lints compare conditions
    /// with:
    ///
    /// ```
    /// use ahrefs_filter::{check::{Checker, Request}, schema::Schema, Code};
    /// let schema = Schema::from_json(r#"{"tables": {"mine": {"columns": {
    ///     "score": {"type": "int", "where": true, "having": true, "domain": {
    ///         "ints": [[1, 5]], "described": "between 1 and 5",
    ///         "what": "a star rating", "source": "our docs"}}
    /// }}}}"#).unwrap();
    /// let report = Checker::new(&schema).check(&Request::new("mine").with_where("score>5"));
    /// assert_eq!(report.diagnostics[0].code, Code::ImpossibleValue);
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
    #[serde(default)]
    domain: Option<DomainFields>,
    #[serde(default)]
    used_in_docs: Option<UsedFields>,
}

/// A column's `used_in_docs`: `{"clause": "where"|"having", "evidence": "…"}`.
#[derive(Deserialize, Serialize)]
struct UsedFields {
    clause: Clause,
    evidence: String,
}

#[derive(Deserialize, Serialize)]
struct DomainFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ints: Option<Vec<(i64, i64)>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    strings: Option<Vec<String>>,
    described: String,
    what: String,
    source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl DomainFields {
    /// The domain of column `at` (`table.column`) of type `ty`: integer ranges on an int
    /// column, strings on a string column, put in the order [`Values`] keeps.
    fn into_domain(self, at: &str, ty: ColumnType) -> Result<Domain, String> {
        let values = match (ty, self.ints, self.strings) {
            (ColumnType::Int, Some(ranges), None) => Values::ints(ranges).ok_or_else(|| {
                format!("`{at}`: a domain range must be [lowest, highest] with lowest <= highest")
            })?,
            (ColumnType::String, None, Some(strings)) => Values::strings(strings),
            (ColumnType::Int, ..) => {
                return Err(format!("`{at}`: the domain of an int column is `ints`"))
            }
            (ColumnType::String, ..) => {
                return Err(format!(
                    "`{at}`: the domain of a string column is `strings`"
                ))
            }
            (other, ..) => {
                return Err(format!(
                    "`{at}`: a {other} column has no domain (only int and string columns do)"
                ))
            }
        };
        Ok(Domain {
            values,
            described: Cow::Owned(self.described),
            what: Cow::Owned(self.what),
            source: Cow::Owned(self.source),
            note: self.note.map(Cow::Owned),
        })
    }

    fn of(domain: &Domain) -> DomainFields {
        let (ints, strings) = match &domain.values {
            Values::Ints(ranges) => (Some(ranges.to_vec()), None),
            Values::Strings(values) => (None, Some(values.iter().map(|v| v.to_string()).collect())),
        };
        DomainFields {
            ints,
            strings,
            described: domain.described.to_string(),
            what: domain.what.to_string(),
            source: domain.source.to_string(),
            note: domain.note.as_ref().map(|n| n.to_string()),
        }
    }
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
        let mut tables = Vec::with_capacity(fields.tables.0.len());
        for (name, t) in fields.tables.0 {
            let mut columns = Vec::with_capacity(t.columns.0.len());
            for (column, c) in t.columns.0 {
                let domain = match c.domain {
                    Some(d) => Some(
                        d.into_domain(&format!("{name}.{column}"), c.ty)
                            .map_err(de::Error::custom)?,
                    ),
                    None => None,
                };
                columns.push(ColumnDef {
                    name: Cow::Owned(column),
                    ty: c.ty,
                    in_where: c.in_where,
                    in_having: c.in_having,
                    description: Cow::Owned(c.description),
                    provenance: Cow::Owned(c.provenance),
                    note: c.note.map(Cow::Owned),
                    domain,
                    used_in_docs: c.used_in_docs.map(|u| DocumentedUse {
                        clause: u.clause,
                        evidence: Cow::Owned(u.evidence),
                    }),
                });
            }
            tables.push(TableDef {
                name: Cow::Owned(name),
                description: Cow::Owned(t.description),
                response_key: t.response_key.map(Cow::Owned),
                cost: t.cost,
                columns: Cow::Owned(columns),
                source: Cow::Owned(t.source),
                source_quality: Cow::Owned(t.source_quality),
                notes: Cow::Owned(t.notes.into_iter().map(Cow::Owned).collect()),
            });
        }
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
            #[serde(skip_serializing_if = "Option::is_none")]
            domain: Option<DomainFields>,
            #[serde(skip_serializing_if = "Option::is_none")]
            used_in_docs: Option<UsedFields>,
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
                    domain: c.domain.as_ref().map(DomainFields::of),
                    used_in_docs: c.used_in_docs.as_ref().map(|u| UsedFields {
                        clause: u.clause,
                        evidence: u.evidence.to_string(),
                    }),
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
