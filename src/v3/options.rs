//! The choices the evidence leaves open, as translation options.

use std::fmt;

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
