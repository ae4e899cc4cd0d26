//! The v3 side of the translation, as static tables generated from `data/v3-schema.json`
//! and `data/v3-mapping.json`: the endpoints that replace the v2 backlink tables with their
//! `where` fields, and for each v2 table its endpoint and each v2 column its field.

/// The type of a v3 `where` field, as the endpoint's `where` list gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// `integer`.
    Integer,
    /// `float`.
    Float,
    /// `boolean`.
    Boolean,
    /// `string` (with [`Field::values`] when it is an enum).
    String,
    /// `datetime`.
    Datetime,
    /// `date`.
    Date,
    /// `array(string)` or `array(url)`: tested with `list_is`.
    StringArray,
    /// `array(integer)`: tested with `list_is`.
    IntegerArray,
}

impl FieldType {
    /// The type as the v3 docs write it (`array(url)` reads as `array(string)`).
    pub const fn as_str(self) -> &'static str {
        match self {
            FieldType::Integer => "integer",
            FieldType::Float => "float",
            FieldType::Boolean => "boolean",
            FieldType::String => "string",
            FieldType::Datetime => "datetime",
            FieldType::Date => "date",
            FieldType::StringArray => "array(string)",
            FieldType::IntegerArray => "array(integer)",
        }
    }

    /// True for the array types, which take `list_is` and not `is`.
    pub const fn is_array(self) -> bool {
        matches!(self, FieldType::StringArray | FieldType::IntegerArray)
    }

    /// The type of one element of an array type; the type itself otherwise.
    pub const fn element(self) -> FieldType {
        match self {
            FieldType::StringArray => FieldType::String,
            FieldType::IntegerArray => FieldType::Integer,
            other => other,
        }
    }
}

/// A field of an endpoint's `where` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The alias used in `where`.
    pub name: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// The docs mark it nullable (`is_null` is meaningful).
    pub nullable: bool,
    /// The values an enum string takes; empty for a free field.
    pub values: &'static [&'static str],
}

/// A v3 endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// The path after `https://api.ahrefs.com/v3/`, e.g. `site-explorer/all-backlinks`.
    pub path: &'static str,
    /// The endpoint takes `history`.
    pub history: bool,
    /// The endpoint takes `aggregation`.
    pub aggregation: bool,
    /// Select columns the docs reject in `order_by`.
    pub not_in_order_by: &'static [&'static str],
    /// The select (response) columns.
    pub select: &'static [&'static str],
    /// The `where` fields, sorted by name.
    pub fields: &'static [Field],
}

impl Endpoint {
    /// The `where` field called `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        let fields = self.fields;
        fields
            .binary_search_by(|f| f.name.cmp(name))
            .ok()
            .map(|i| &fields[i])
    }

    /// True when `name` is a select column.
    pub fn selects(&self, name: &str) -> bool {
        self.select.contains(&name)
    }
}

/// How sure a mapping is (`v3-mapping.json`'s status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// S: same name and described meaning on both sides.
    Strong,
    /// I: a different name, a slightly different meaning, or a rewrite.
    Inferred,
    /// U: no v3 counterpart.
    Unknown,
}

/// How a v2 column's conditions become v3 ones, beyond renaming the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rewrite {
    /// A rename (or nothing, for a column without a field).
    Plain,
    /// A v2 date compared with a v3 datetime: half-open day ranges.
    Date,
    /// The scalar `language` tested against the array `languages` with `list_is any`.
    Languages,
    /// v2 `redirect` wrote 0 for "no redirect"; v3 `redirect_code` is null there.
    Redirect,
    /// v2 `alt=""` is v3 `alt` null or empty.
    Alt,
    /// String values mapped by [`ColumnMap::values`] (`link_type`: `href` → `text`).
    Values,
}

/// A v2 column and its v3 field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnMap {
    /// The v2 column.
    pub column: &'static str,
    /// The v3 `where` field; `None` when there is none (status U).
    pub field: Option<&'static str>,
    /// How sure the mapping is.
    pub status: Status,
    /// What differs, from the mapping's notes.
    pub note: &'static str,
    /// How its conditions are rewritten.
    pub rewrite: Rewrite,
    /// v2 value → v3 value, for [`Rewrite::Values`].
    pub values: &'static [(&'static str, &'static str)],
    /// The host field `subdomain(column, d)` becomes a test of, when it has one.
    pub host: Option<&'static str>,
    /// Request parameters the field needs, e.g. `aggregation=1_per_domain`.
    pub requires: &'static [(&'static str, &'static str)],
    /// For a status-I field, what a filter on it reports: "`a` became `b`: note".
    pub renamed: &'static str,
    /// The same for `order_by`.
    pub order_by_renamed: &'static str,
}

/// A v2 table and its v3 endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableMap {
    /// The v2 table (`from`).
    pub table: &'static str,
    endpoint: Option<usize>,
    /// Parameters the endpoint needs to act as the table did, e.g. `aggregation=all`.
    pub params: &'static [(&'static str, &'static str)],
    /// How sure the mapping is.
    pub status: Status,
    /// What differs.
    pub note: &'static str,
    /// Why the endpoint was chosen.
    pub evidence: &'static str,
    /// For a status-I table, what a translation reports about the choice; empty otherwise.
    pub inference: &'static str,
    /// What `select=*` becomes: the select fields the columns map to, comma-separated.
    pub default_select: &'static str,
    /// [`default_select`](Self::default_select) percent-encoded, as the URL sends it.
    pub default_select_encoded: &'static str,
    /// What `select=*` reports about the columns it leaves out; empty when none.
    pub select_lost: &'static str,
    /// The table's columns, in the v2 schema's order.
    pub columns: &'static [ColumnMap],
}

impl TableMap {
    /// The endpoint, when the table has one.
    pub fn endpoint(&self) -> Option<&'static Endpoint> {
        self.endpoint.map(|i| &ENDPOINTS[i])
    }

    /// The mapping of v2 column `name`.
    pub fn column(&self, name: &str) -> Option<&'static ColumnMap> {
        let columns = self.columns;
        columns.iter().find(|c| c.column == name)
    }

    /// The fixed parameter `name`, e.g. `aggregation`.
    pub fn param(&self, name: &str) -> Option<&'static str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}

include!(concat!(env!("OUT_DIR"), "/v3.rs"));

/// The endpoints the translator targets.
///
/// ```
/// let all = ahrefs_filter::v3::endpoints();
/// assert!(all.iter().any(|e| e.path == "site-explorer/all-backlinks"));
/// ```
pub fn endpoints() -> &'static [Endpoint] {
    ENDPOINTS
}

/// The endpoint at `path`, e.g. `site-explorer/refdomains`.
pub fn endpoint(path: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.path == path)
}

/// The mapping of v2 table `name`, when the mapping data knows it (with or without an
/// endpoint).
///
/// ```
/// let map = ahrefs_filter::v3::table("backlinks_one_per_domain").unwrap();
/// assert_eq!(map.endpoint().unwrap().path, "site-explorer/all-backlinks");
/// assert_eq!(map.param("aggregation"), Some("1_per_domain"));
/// assert_eq!(map.column("ahrefs_rank").unwrap().field, Some("url_rating_source"));
/// ```
pub fn table(name: &str) -> Option<&'static TableMap> {
    TABLES.iter().find(|t| t.table == name)
}
