//! The documented value domains of columns, per table, each with its source.
//!
//! A domain belongs to a table and a column, not to a name: `redirect` is 0 or a 3XX code in
//! the backlinks tables, a count in `linked_domains_by_type`, and a boolean (no entry: both
//! values occur) in `refdomains_by_type`. Each entry quotes the column description of
//! `data/v2-schema.json` (copied from the official table pages, whose URLs are in that file's
//! `source` fields) or names the page it comes from.
//!
//! Only filterable columns have entries (a lint never sees any other), and a column is left
//! out when its docs list examples rather than every value: `encoding` and
//! `content_encoding` ("e.g. gzip or deflate"), `error` ("currently only dns": the word
//! "currently" promises no closed set), `country` (format undocumented). Date columns have no
//! static domain; `future-date` reasons about them with today's date.

/// The values a column may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Values {
    /// Integers in any of these closed ranges (sorted, disjoint).
    Ints(&'static [(i64, i64)]),
    /// Exactly these strings (sorted, for binary search).
    Strings(&'static [&'static str]),
}

/// The domain of one column in some tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Domain {
    /// The column.
    pub(crate) column: &'static str,
    /// The tables in which the column has this domain.
    pub(crate) tables: &'static [&'static str],
    /// The values.
    pub(crate) values: Values,
    /// The values in words, completing "`column` is always …".
    pub(crate) described: &'static str,
    /// What the column holds, completing "`column` is …", for help texts.
    pub(crate) what: &'static str,
    /// Where the domain is documented.
    pub(crate) source: &'static str,
}

/// The domain of `column` in `table`, if one is documented.
pub(crate) fn domain(table: &str, column: &str) -> Option<&'static Domain> {
    let start = DOMAINS.partition_point(|d| key(d.column) < key(column));
    DOMAINS
        .get(start..)?
        .iter()
        .take_while(|d| d.column == column)
        .find(|d| d.tables.contains(&table))
}

/// The order of [`DOMAINS`]: by length, then bytes, so that most comparisons of a lookup
/// are decided by the length alone (this runs for every condition the checker sees).
fn key(column: &str) -> (usize, &[u8]) {
    (column.len(), column.as_bytes())
}

/// The ASCII-lowercase form of `value` when that, and not `value`, is one of `values`: the
/// documented spelling of a value written in another case.
pub(crate) fn lowercase_member(values: &[&str], value: &str) -> Option<String> {
    if !value.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    values
        .binary_search(&lower.as_str())
        .is_ok()
        .then_some(lower)
}

const NON_NEGATIVE: &[(i64, i64)] = &[(0, i64::MAX)];
const RATING: &[(i64, i64)] = &[(0, 100)];

/// The six tables of backlinks with referring-page details, and `linked_anchors`: their link
/// columns (`link_type`, `redirect`) share one description.
const LINK_TABLES: &[&str] = &[
    "backlinks",
    "backlinks_new_lost",
    "backlinks_new_lost_counters",
    "backlinks_one_per_domain",
    "broken_backlinks",
    "broken_links",
    "linked_anchors",
];
const PAGE_TABLES: &[&str] = &["pages", "pages_extended", "pages_info"];
const COUNTER_TABLES: &[&str] = &[
    "backlinks_new_lost_counters",
    "refdomains_new_lost_counters",
];

/// A count or size: never negative.
const fn count(
    column: &'static str,
    tables: &'static [&'static str],
    what: &'static str,
    source: &'static str,
) -> Domain {
    Domain {
        column,
        tables,
        values: Values::Ints(NON_NEGATIVE),
        described: "0 or more",
        what,
        source,
    }
}

/// A 0–100 rating (UR or DR).
const fn rating(
    column: &'static str,
    tables: &'static [&'static str],
    what: &'static str,
    source: &'static str,
) -> Domain {
    Domain {
        column,
        tables,
        values: Values::Ints(RATING),
        described: "between 0 and 100",
        what,
        source,
    }
}

/// An Ahrefs Rank: a position in Ahrefs' list of domains, 1 the strongest.
const fn rank(
    column: &'static str,
    tables: &'static [&'static str],
    source: &'static str,
) -> Domain {
    Domain {
        column,
        tables,
        values: Values::Ints(NON_NEGATIVE),
        described: "0 or more",
        what: "an Ahrefs Rank, a position in Ahrefs' list of domains where 1 is the strongest (0 is allowed for an unranked domain)",
        source,
    }
}

/// ISO 639-1 language codes: the 184 two-letter codes of ISO 639-2's `alpha_2` column (as
/// shipped by Debian's `iso-codes` 4.15), plus the withdrawn codes `in`, `iw`, `ji`, `jw`,
/// `mo`, `sh` that language detectors still emit, plus `""`, which an undetected language
/// may be stored as (undocumented; allowed so that `language<>""` is not called always
/// true). Sorted.
const LANGUAGES: &[&str] = &[
    "", "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
    "bh", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy",
    "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo",
    "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy",
    "hz", "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu", "iw", "ja", "ji", "jv",
    "jw", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky",
    "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mo",
    "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc",
    "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa",
    "sc", "sd", "se", "sg", "sh", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
    "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty",
    "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// Every documented domain, sorted by column length, then column (see [`key`]); a column
/// may have several entries, for different tables.
pub(crate) const DOMAINS: &[Domain] = &[
    count("all", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"External links of all types to that domain.\""),
    count("edu", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"External links to educational domains.\""),
    count("gov", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"External links to governmental domains.\""),
    count("new", COUNTER_TABLES, "a count", "v2-schema.json, e.g. backlinks_new_lost_counters: \"Count of new backlinks to this URL.\""),
    count("rss", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"RSS external links from the target.\""),
    count("lost", COUNTER_TABLES, "a count", "v2-schema.json, e.g. backlinks_new_lost_counters: \"Count of removed backlinks to this URL.\""),
    count("size", PAGE_TABLES, "a size in bytes", "v2-schema.json: \"Page size in bytes.\""),
    count("text", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"Text external links from the target.\""),
    count(
        "time",
        &["pages_info"],
        "a fetch time (a duration or a timestamp; the unit is undocumented)",
        "v2-schema.json: \"Fetch time (unit undocumented; C# model types it as double).\"",
    ),
    Domain {
        column: "type",
        tables: &["backlinks_new_lost", "backlinks_new_lost_counters", "refdomains_new_lost", "refdomains_new_lost_counters"],
        values: Values::Strings(&["lost", "new"]),
        described: "\"new\" or \"lost\"",
        what: "whether the backlink or domain is new or lost",
        source: "v2 docs: \"Indicates whether the backlink is New or Lost.\" and the example where=type=\"lost\", https://ahrefs.com/api/documentation/refdomains-new-lost",
    },
    count("image", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"Image external links from the target.\""),
    count("links", &["linked_domains", "linked_domains_by_type"], "a count of links", "v2-schema.json: \"External links from the target to that domain.\""),
    count("words", &["pages_info"], "a count of words", "v2-schema.json: \"Word count of the page.\""),
    Domain {
        column: "origin",
        tables: &["backlinks_new_lost", "backlinks_new_lost_counters"],
        values: Values::Strings(&["drop", "fresh", "recrawl"]),
        described: "one of \"fresh\", \"drop\" and \"recrawl\"",
        what: "how the crawler discovered the link, one of three documented values",
        source: "v2 docs: 'Either \"fresh\", \"drop\", or \"recrawl\".', https://ahrefs.com/api/documentation/backlinks-new-lost",
    },
    count("refips", &["pages_extended"], "a count of IP addresses", "v2-schema.json: \"Distinct referring IP addresses of the page.\""),
    count("anchors", &["anchors_refdomains"], "a count of anchor texts", "v2-schema.json: \"Distinct anchor texts used by the domain's backlinks to the target.\""),
    count("dofollow", &["linked_domains_by_type", "pages_extended"], "a count of links", "v2-schema.json, e.g. pages_extended: \"Dofollow backlinks to the page.\""),
    Domain {
        column: "language",
        tables: &["backlinks", "backlinks_one_per_domain", "broken_backlinks", "broken_links"],
        values: Values::Strings(LANGUAGES),
        described: "a two-letter ISO 639-1 code",
        what: "the page language as a lowercase two-letter ISO 639-1 code, such as \"en\" or \"de\"",
        source: "v2 docs: \"Language of the referring page (ISO 639-1).\", https://ahrefs.com/api/documentation/backlinks",
    },
    count("nofollow", &["linked_domains_by_type", "pages_extended"], "a count of links", "v2-schema.json, e.g. pages_extended: \"Nofollow backlinks to the page.\""),
    Domain {
        column: "redirect",
        tables: LINK_TABLES,
        values: Values::Ints(&[(0, 0), (300, 399)]),
        described: "0 or a 3XX code from 300 to 399",
        what: "the 3XX status code of a redirect link, or 0 for a link that is not a redirect",
        source: "v2 docs: \"For redirected links, the Redirect Code (3XX), zero otherwise.\", https://ahrefs.com/api/documentation/backlinks",
    },
    count("redirect", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"Redirect external links from the target.\""),
    count("refpages", &["anchors", "refdomains", "refdomains_by_type"], "a count of pages", "v2-schema.json, e.g. refdomains: \"Pages on this domain linking to the target.\""),
    count("alternate", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"Alternate external links from the target.\""),
    count(
        "backlinks",
        &["anchors", "anchors_refdomains", "pages_extended", "refdomains", "refdomains_by_type", "refips"],
        "a count of backlinks",
        "v2-schema.json, e.g. anchors: \"External backlinks using this anchor.\"",
    ),
    count("canonical", &["linked_domains_by_type"], "a count of links", "v2-schema.json: \"Canonical external links from the target.\""),
    Domain {
        column: "http_code",
        tables: &[
            "backlinks",
            "backlinks_new_lost",
            "backlinks_new_lost_counters",
            "backlinks_one_per_domain",
            "broken_backlinks",
            "broken_links",
            "pages",
            "pages_extended",
            "pages_info",
        ],
        values: Values::Ints(&[(0, 0), (100, 599)]),
        described: "0 or an HTTP status code from 100 to 599",
        what: "an HTTP status code, which HTTP defines from 100 to 599, or 0 when there was no HTTP response (a DNS error, say)",
        source: "v2 docs: \"HTTP code that was last returned for the referring page.\"; status codes: RFC 9110 section 15",
    },
    Domain {
        column: "link_type",
        tables: LINK_TABLES,
        values: Values::Strings(&["alternate", "canonical", "form", "frame", "href", "redirect", "rss"]),
        described: "one of \"href\", \"redirect\", \"frame\", \"form\", \"canonical\", \"rss\" and \"alternate\"",
        what: "the kind of link, one of seven documented values",
        source: "v2 docs: 'Either \"href\", \"redirect\", \"frame\", \"form\", \"canonical\", \"rss\", or \"alternate\".', https://ahrefs.com/api/documentation/backlinks",
    },
    count("new_total", COUNTER_TABLES, "a count", "v2-schema.json, e.g. backlinks_new_lost_counters: \"Count of new backlinks ignoring the where filter.\""),
    count(
        "page_size",
        &["backlinks", "backlinks_one_per_domain", "broken_backlinks", "broken_links", "linked_anchors"],
        "a size in bytes",
        "v2 docs, e.g. backlinks: \"Size of the referring page, in bytes.\"",
    ),
    count("redirects", &["pages_extended"], "a count of pages", "v2-schema.json: \"Pages redirecting to the page.\""),
    rank(
        "ahrefs_top",
        &["backlinks", "backlinks_one_per_domain", "broken_backlinks", "domain_rating"],
        "v2 docs: \"Ahrefs Rank of the target domain.\"; \"AR of 1 being the strongest\": https://help.ahrefs.com/ahrefs-metrics/what-are-ahrefs-url-rating-ahrefs-domain-rating-and-ahrefs-rank",
    ),
    count("lost_total", COUNTER_TABLES, "a count", "v2-schema.json, e.g. backlinks_new_lost_counters: \"Count of removed backlinks ignoring the where filter.\""),
    count("refclass_c", &["pages_extended"], "a count of networks", "v2-schema.json: \"Referring class C networks of the page.\""),
    count("refdomains", &["anchors", "pages_extended"], "a count of domains", "v2-schema.json, e.g. anchors: \"Referring domains using the anchor.\""),
    rating(
        "ahrefs_rank",
        &[
            "ahrefs_rank",
            "backlinks",
            "backlinks_new_lost",
            "backlinks_new_lost_counters",
            "backlinks_one_per_domain",
            "broken_backlinks",
            "broken_links",
            "linked_anchors",
            "pages",
            "pages_extended",
        ],
        "the URL Rating (UR), which Ahrefs scores from 0 to 100",
        "v2 docs: \"URL Rating of the referring page.\"; scale: https://help.ahrefs.com/ahrefs-metrics/what-are-ahrefs-url-rating-ahrefs-domain-rating-and-ahrefs-rank",
    ),
    count("links_images", &["pages_info"], "a count of links", "v2-schema.json: \"Image links on the page.\""),
    count("unique_pages", &["linked_domains"], "a count of pages", "v2-schema.json: \"Distinct target pages linking to that domain.\""),
    rating(
        "domain_rating",
        &[
            "backlinks",
            "backlinks_new_lost",
            "backlinks_new_lost_counters",
            "backlinks_one_per_domain",
            "broken_backlinks",
            "domain_rating",
            "linked_anchors",
            "refdomains",
            "refdomains_by_type",
            "refdomains_new_lost",
        ],
        "the Domain Rating (DR), which Ahrefs scores from 0 to 100",
        "v2 docs: \"Domain Rating of the referring domain.\"; scale: https://help.ahrefs.com/ahrefs-metrics/what-are-ahrefs-url-rating-ahrefs-domain-rating-and-ahrefs-rank",
    ),
    count(
        "links_external",
        &[
            "backlinks",
            "backlinks_new_lost",
            "backlinks_new_lost_counters",
            "backlinks_one_per_domain",
            "broken_backlinks",
            "broken_links",
            "linked_anchors",
            "pages",
            "pages_extended",
            "pages_info",
        ],
        "a count of links",
        "v2 docs, e.g. backlinks: \"Number of external links found in the referring page.\"",
    ),
    count(
        "links_internal",
        &[
            "backlinks",
            "backlinks_new_lost",
            "backlinks_new_lost_counters",
            "backlinks_one_per_domain",
            "broken_backlinks",
            "broken_links",
            "linked_anchors",
            "pages",
            "pages_extended",
            "pages_info",
        ],
        "a count of links",
        "v2 docs, e.g. backlinks: \"Number of internal links found in the referring page.\"",
    ),
    count("total_backlinks", &["backlinks_one_per_domain"], "a count of backlinks", "v2-schema.json: \"Total backlinks from this referring domain.\""),
    rating(
        "domain_to_rating",
        &["broken_links", "linked_domains", "linked_domains_by_type"],
        "the Domain Rating (DR) of the linked domain, which Ahrefs scores from 0 to 100",
        "v2-schema.json: \"Domain Rating of the external domain.\"; scale: https://help.ahrefs.com/ahrefs-metrics/what-are-ahrefs-url-rating-ahrefs-domain-rating-and-ahrefs-rank",
    ),
    count("backlinks_dofollow", &["refdomains_by_type"], "a count of backlinks", "v2-schema.json: \"Dofollow backlinks from this domain to the target.\""),
    rank(
        "domain_to_ahrefs_top",
        &["broken_links", "linked_domains", "linked_domains_by_type"],
        "v2-schema.json: \"Ahrefs Rank of the external domain.\"; \"AR of 1 being the strongest\": https://help.ahrefs.com/ahrefs-metrics/what-are-ahrefs-url-rating-ahrefs-domain-rating-and-ahrefs-rank",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{ColumnType, Schema};

    #[test]
    fn sorted_for_lookup() {
        assert!(DOMAINS
            .windows(2)
            .all(|w| key(w[0].column) <= key(w[1].column)));
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
        for d in DOMAINS {
            match d.values {
                Values::Ints(ranges) => {
                    assert!(ranges.iter().all(|(a, b)| a <= b), "{}", d.column);
                    assert!(ranges.windows(2).all(|w| w[0].1 < w[1].0), "{}", d.column);
                }
                Values::Strings(values) => {
                    assert!(values.windows(2).all(|w| w[0] < w[1]), "{}", d.column);
                }
            }
        }
    }

    #[test]
    fn every_entry_names_a_filterable_column_of_its_type() {
        let schema = Schema::builtin();
        for d in DOMAINS {
            assert!(!d.tables.is_empty() && !d.source.is_empty(), "{}", d.column);
            for table in d.tables {
                let column = schema
                    .table(table)
                    .and_then(|t| t.column(d.column))
                    .unwrap_or_else(|| panic!("{table}.{} is not in the schema", d.column));
                assert!(column.in_where || column.in_having, "{table}.{}", d.column);
                let expected = match d.values {
                    Values::Ints(_) => ColumnType::Int,
                    Values::Strings(_) => ColumnType::String,
                };
                assert_eq!(column.ty, expected, "{table}.{}", d.column);
                // One entry per table and column, found by name and by index.
                assert_eq!(domain(table, d.column), Some(d), "{table}.{}", d.column);
                let def = schema.table(table).unwrap();
                let index = def.columns.iter().position(|c| c.name == d.column).unwrap();
                let prepared = crate::check::index::TableIndex::new(def);
                assert_eq!(prepared.domain(index), Some(d), "{table}.{}", d.column);
            }
        }
    }

    #[test]
    fn every_filterable_int_column_has_a_domain() {
        for table in Schema::builtin().tables() {
            for column in table.columns.iter() {
                if column.ty == ColumnType::Int && (column.in_where || column.in_having) {
                    assert!(
                        domain(&table.name, &column.name).is_some(),
                        "{}.{} has no domain",
                        table.name,
                        column.name
                    );
                }
            }
        }
    }

    #[test]
    fn a_domain_belongs_to_a_table_and_a_column() {
        let values = |t, c| domain(t, c).map(|d| d.values);
        assert_eq!(
            values("backlinks", "redirect"),
            Some(Values::Ints(&[(0, 0), (300, 399)]))
        );
        assert_eq!(
            values("linked_domains_by_type", "redirect"),
            Some(Values::Ints(NON_NEGATIVE))
        );
        assert_eq!(values("refdomains_by_type", "redirect"), None);
        assert_eq!(values("backlinks", "encoding"), None);
        assert_eq!(values("nonexistent", "ahrefs_rank"), None);
        assert_eq!(values("backlinks", "zzz"), None);
    }

    #[test]
    fn languages() {
        // 184 ISO 639-1 codes, 6 withdrawn ones, and the empty string.
        assert_eq!(LANGUAGES.len(), 191);
        for code in ["en", "de", "zh", "iw", ""] {
            assert!(LANGUAGES.binary_search(&code).is_ok(), "{code}");
        }
        for code in ["english", "EN", "xx", "en-US"] {
            assert!(LANGUAGES.binary_search(&code).is_err(), "{code}");
        }
        assert_eq!(lowercase_member(LANGUAGES, "EN").as_deref(), Some("en"));
        assert_eq!(lowercase_member(LANGUAGES, "en"), None);
        assert_eq!(lowercase_member(LANGUAGES, "ENGLISH"), None);
    }
}
