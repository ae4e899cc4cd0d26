//! `cost`: the rows a request is charged, summed exactly.
//!
//! The library's [`Estimate`] adds floats, which cannot hold every `u64` row count; here
//! each price is taken in millionths of a row (the library rounds terms to a millionth
//! too) and the sum is an integer, so `--rows 18446744073709551615` prints its exact total.

use ahrefs_filter::cost::{estimate, Estimate};
use ahrefs_filter::schema::Schema;
use ahrefs_filter::Clause;
use serde_json::{Number, Value};

use crate::args::{CostArgs, Format};
use crate::commands::{print, print_json, table_or_report};
use crate::render::visible;
use crate::{Failure, Outcome};

/// Millionths of a row in one row.
const MICRO: u128 = 1_000_000;

/// `price` in millionths of a row, when known.
fn micros(price: Option<f64>) -> Option<u128> {
    let price = price?;
    // Prices are small non-negative decimals (0.2, 5, 10): exact in millionths.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (price.is_finite() && price >= 0.0).then(|| (price * 1e6).round() as u128)
}

/// Millionths of a row as a decimal: `3689348814741910323`, `200.2`.
fn decimal(micros: u128) -> String {
    let (whole, fraction) = (micros / MICRO, micros % MICRO);
    if fraction == 0 {
        return whole.to_string();
    }
    let fraction = format!("{fraction:06}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

/// Millionths of a row as a JSON number: an integer when whole (exact in any parser that
/// reads 64-bit integers), else the nearest float.
fn number(micros: u128) -> Value {
    if micros % MICRO == 0 {
        if let Ok(whole) = u64::try_from(micros / MICRO) {
            return Value::Number(whole.into());
        }
    }
    #[allow(clippy::cast_precision_loss)]
    Number::from_f64(micros as f64 / 1e6).map_or(Value::Null, Value::Number)
}

/// The exact terms of `charge`: `results` and `total`.
fn exact(charge: &Estimate) -> (Option<u128>, Option<u128>) {
    let results = micros(charge.result).map(|price| price * u128::from(charge.rows));
    let total = [
        micros(charge.request),
        results,
        micros(charge.where_),
        micros(charge.having),
    ]
    .into_iter()
    .try_fold(0u128, |sum, term| term.map(|t| sum + t));
    (results, total)
}

/// `cost`'s object: the library's [`Estimate`] fields, with exact sums.
#[derive(serde::Serialize)]
struct CostJson<'a> {
    table: &'a str,
    rows: u64,
    request: Value,
    result: Value,
    results: Value,
    #[serde(rename = "where")]
    where_: Value,
    having: Value,
    where_sent: bool,
    having_sent: bool,
    total: Value,
}

/// A filter given as `''` is sent, but no filter at all: say so rather than price it.
fn check_filters(args: &CostArgs) -> Result<(), Failure> {
    for (option, filter) in [
        ("--where", &args.where_filter),
        ("--having", &args.having_filter),
    ] {
        if filter.as_deref().is_some_and(|f| f.trim().is_empty()) {
            return Err(Failure::Message(format!(
                "`{option}` is empty, which is not a valid filter; leave it out to price a \
                 request without one"
            )));
        }
    }
    Ok(())
}

pub fn cost(schema: &Schema, args: &CostArgs) -> Result<Outcome, Failure> {
    check_filters(args)?;
    let table = match table_or_report(schema, &args.table, args.format)? {
        Ok(table) => table,
        Err(outcome) => return Ok(outcome),
    };
    for (clause, filter) in [
        (Clause::Where, &args.where_filter),
        (Clause::Having, &args.having_filter),
    ] {
        if filter.is_some() && !table.accepts(clause) {
            // As `tables` shows it (`n/a`): the request would be refused.
            print(&format!(
                "error[clause-not-allowed]: table `{}` takes no `{clause}` filter; \
                 `ahrefs-filter tables` shows which tables take one\n",
                visible(&table.name)
            ))?;
            return Ok(Outcome::Errors);
        }
    }
    let charge = estimate(
        &table.cost,
        args.rows,
        args.where_filter.is_some(),
        args.having_filter.is_some(),
    );
    let (results, total) = exact(&charge);
    if args.format == Format::Json {
        let price = |p: Option<f64>| micros(p).map_or(Value::Null, number);
        print_json(&CostJson {
            table: &table.name,
            rows: charge.rows,
            request: price(charge.request),
            result: price(charge.result),
            results: results.map_or(Value::Null, number),
            where_: price(charge.where_),
            having: price(charge.having),
            where_sent: charge.where_sent,
            having_sent: charge.having_sent,
            total: total.map_or(Value::Null, number),
        })?;
        return Ok(Outcome::Clean);
    }
    // The library's line, with the exact total.
    let line = charge.to_string();
    let terms = line
        .rsplit_once(" = ")
        .map_or(line.as_str(), |(terms, _)| terms);
    let mut out = match total {
        Some(total) => format!("{}: {terms} = {} rows\n", table.name, decimal(total)),
        None => format!("{}: {terms} = unknown\n", table.name),
    };
    if total.is_none() {
        out.push_str("(`?`: the docs give no price for this; the total is unknown, not 0)\n");
    }
    print(&out)?;
    Ok(Outcome::Clean)
}

/// Parses `--rows`: a whole number of rows, never negative.
pub fn row_count(text: &str) -> Result<u64, String> {
    if text.starts_with('-') {
        return Err(format!("`{text}`: the row count cannot be negative"));
    }
    text.parse::<u64>().map_err(|_| {
        format!(
            "`{text}` is not a row count: a whole number from 0 to {}",
            u64::MAX
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millionths_print_as_plain_decimals() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(200_200_000), "200.2");
        assert_eq!(decimal(1), "0.000001");
        // 0.2 × u64::MAX + 1 = 3,689,348,814,741,910,323 + 1 exactly.
        let (_, total) = exact(&estimate(
            &ahrefs_filter::schema::Schema::builtin()
                .table("backlinks")
                .unwrap()
                .cost,
            u64::MAX,
            false,
            false,
        ));
        assert_eq!(total.map(decimal).as_deref(), Some("3689348814741910324"));
    }
}
