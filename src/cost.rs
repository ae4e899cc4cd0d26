//! Rows charged for one request (spec §4).
//!
//! `request + result × rows + where (if a where is sent) + having (if a having is sent)`,
//! from the table's [`Cost`]. A price the schema does not know (`None`) makes its term and
//! the total unknown: an unknown charge is never reported as 0. A filter that is not sent
//! costs nothing, and that 0 is known.
//!
//! ```
//! use ahrefs_filter::{cost::estimate, schema::Schema};
//!
//! let table = Schema::builtin().table("backlinks_one_per_domain").unwrap();
//! // 10 + 2 × 100 + 5 + 5
//! let charge = estimate(&table.cost, 100, true, true);
//! assert_eq!(charge.results, Some(200.0));
//! assert_eq!(charge.total, Some(220.0));
//!
//! // No `having` sent: its term is a known 0.
//! assert_eq!(estimate(&table.cost, 100, true, false).total, Some(215.0));
//!
//! // `pages` has no documented prices: unknown, not 0.
//! let pages = Schema::builtin().table("pages").unwrap();
//! assert_eq!(estimate(&pages.cost, 100, false, false).total, None);
//! ```

use std::fmt;

use crate::check::Request;
use crate::schema::Cost;

/// The rows one request is charged, term by term; `None` is an unknown price.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Estimate {
    /// Result rows the request returns (what the result price is multiplied by).
    pub rows: u64,
    /// The per-request charge.
    pub request: Option<f64>,
    /// The price of one result row.
    pub result: Option<f64>,
    /// `result × rows`.
    pub results: Option<f64>,
    /// The `where` charge; a known 0 when no `where` is sent.
    #[cfg_attr(feature = "serde", serde(rename = "where"))]
    pub where_: Option<f64>,
    /// The `having` charge; a known 0 when no `having` is sent.
    pub having: Option<f64>,
    /// Whether a `where` is sent.
    pub where_sent: bool,
    /// Whether a `having` is sent.
    pub having_sent: bool,
    /// The sum; unknown when any term is.
    pub total: Option<f64>,
}

/// The charge of a request returning `rows` result rows from a table priced `cost`.
///
/// Terms are rounded to a millionth of a row so that prices like `0.2` add up to what a
/// person would write (`200.2`, not `200.20000000000002`).
pub fn estimate(cost: &Cost, rows: u64, where_sent: bool, having_sent: bool) -> Estimate {
    // Precision loss above 2^53 rows is irrelevant: no request returns that many.
    #[allow(clippy::cast_precision_loss)]
    let results = cost.result.map(|price| tidy(price * rows as f64));
    let sent = |price: Option<f64>, sent: bool| if sent { price.map(tidy) } else { Some(0.0) };
    let request = cost.request.map(tidy);
    let where_ = sent(cost.where_, where_sent);
    let having = sent(cost.having, having_sent);
    let total = [request, results, where_, having]
        .into_iter()
        .try_fold(0.0, |sum, term| term.map(|t| sum + t))
        .map(tidy);
    Estimate {
        rows,
        request,
        result: cost.result,
        results,
        where_,
        having,
        where_sent,
        having_sent,
        total,
    }
}

/// The charge of `request` (which filters it sends) returning `rows` rows, priced `cost`.
///
/// ```
/// use ahrefs_filter::{check::Request, cost::estimate_request, schema::Schema};
/// let table = Schema::builtin().table("refdomains").unwrap();
/// let request = Request::new("refdomains").with_where("domain_rating>30");
/// // 1 + 1 × 1000 + 5
/// assert_eq!(estimate_request(&table.cost, &request, 1000).total, Some(1006.0));
/// ```
pub fn estimate_request(cost: &Cost, request: &Request<'_>, rows: u64) -> Estimate {
    estimate(
        cost,
        rows,
        request.where_filter.is_some(),
        request.having_filter.is_some(),
    )
}

/// Rounds to a millionth, so float noise from fractional prices disappears.
fn tidy(rows: f64) -> f64 {
    let rounded = (rows * 1e6).round() / 1e6;
    if rounded.is_finite() {
        rounded
    } else {
        rows
    }
}

/// Shows a charge for people: the number of rows, or `unknown`.
///
/// ```
/// use ahrefs_filter::cost::Rows;
/// assert_eq!(Rows(Some(200.2)).to_string(), "200.2");
/// assert_eq!(Rows(Some(10.0)).to_string(), "10");
/// assert_eq!(Rows(None).to_string(), "unknown");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rows(pub Option<f64>);

impl fmt::Display for Rows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(rows) => write!(f, "{rows}"),
            None => f.write_str("unknown"),
        }
    }
}

impl fmt::Display for Estimate {
    /// `10 (request) + 2 × 100 (results) + 5 (where) + 5 (having) = 220 rows`, an unknown
    /// price as `?`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let term = |rows: Option<f64>| match rows {
            Some(rows) => rows.to_string(),
            None => "?".to_owned(),
        };
        write!(
            f,
            "{} (request) + {} × {} (results)",
            term(self.request),
            term(self.result),
            self.rows
        )?;
        if self.where_sent {
            write!(f, " + {} (where)", term(self.where_))?;
        }
        if self.having_sent {
            write!(f, " + {} (having)", term(self.having))?;
        }
        match self.total {
            Some(total) => write!(f, " = {total} rows"),
            None => f.write_str(" = unknown"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_spells_every_term() {
        let cost = Cost {
            request: Some(10.0),
            result: Some(2.0),
            where_: Some(5.0),
            having: None,
        };
        assert_eq!(
            estimate(&cost, 100, true, false).to_string(),
            "10 (request) + 2 × 100 (results) + 5 (where) = 215 rows"
        );
        assert_eq!(
            estimate(&cost, 100, true, true).to_string(),
            "10 (request) + 2 × 100 (results) + 5 (where) + ? (having) = unknown"
        );
    }

    #[test]
    fn tidy_hides_float_noise() {
        assert_eq!(tidy(0.2 * 1001.0), 200.2);
        assert_eq!(tidy(f64::INFINITY), f64::INFINITY);
    }
}
