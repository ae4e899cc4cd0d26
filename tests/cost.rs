//! Row costs (spec §4): request + result × rows + where (if sent) + having (if sent); an
//! unknown price stays unknown.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::check::Request;
use ahrefs_filter::cost::{estimate, estimate_request, Rows};
use ahrefs_filter::schema::{Cost, Schema};

fn cost(table: &str) -> Cost {
    Schema::builtin().table(table).unwrap().cost
}

#[test]
fn backlinks_one_per_domain_is_the_spec_example() {
    // Spec §4: 10 + 2 × rows + 5 + 5.
    let c = cost("backlinks_one_per_domain");
    for (rows, total) in [(0, 20.0), (1, 22.0), (100, 220.0), (1000, 2020.0)] {
        let e = estimate(&c, rows, true, true);
        assert_eq!(e.request, Some(10.0));
        assert_eq!(e.result, Some(2.0));
        assert_eq!(e.where_, Some(5.0));
        assert_eq!(e.having, Some(5.0));
        assert_eq!(e.total, Some(total), "{rows} rows");
    }
}

#[test]
fn a_filter_not_sent_costs_a_known_zero() {
    let c = cost("backlinks_one_per_domain");
    let e = estimate(&c, 100, false, false);
    assert_eq!((e.where_, e.having), (Some(0.0), Some(0.0)));
    assert_eq!(e.total, Some(210.0));
    assert_eq!(estimate(&c, 100, true, false).total, Some(215.0));
    assert_eq!(estimate(&c, 100, false, true).total, Some(215.0));
}

#[test]
fn by_type_tables_charge_ten_per_filter() {
    // linked_domains_by_type: 10 / 1 / 10 / 10.
    let e = estimate(&cost("linked_domains_by_type"), 50, true, true);
    assert_eq!(e.total, Some(10.0 + 50.0 + 10.0 + 10.0));
}

#[test]
fn fractional_prices_add_up_without_float_noise() {
    // backlinks: 1 + 0.2 × rows (+ 5 with where). 0.2 × 1001 is 200.20000000000002 in f64.
    let c = cost("backlinks");
    assert_eq!(estimate(&c, 1001, false, false).results, Some(200.2));
    assert_eq!(estimate(&c, 1001, false, false).total, Some(201.2));
    assert_eq!(estimate(&c, 3, true, false).total, Some(6.6));
}

#[test]
fn unknown_prices_stay_unknown() {
    // pages: no archived doc page, every price null.
    let e = estimate(&cost("pages"), 100, true, false);
    assert_eq!(e.request, None);
    assert_eq!(e.results, None);
    assert_eq!(e.where_, None);
    assert_eq!(e.having, Some(0.0));
    assert_eq!(e.total, None);
    // Even with no rows: the per-request price is unknown.
    assert_eq!(estimate(&cost("pages"), 0, false, false).total, None);
}

#[test]
fn a_single_unknown_term_makes_the_total_unknown() {
    // metrics_extended: 1 / 1 / – / –: sending a where has no documented price.
    let c = cost("metrics_extended");
    assert_eq!(estimate(&c, 1, false, false).total, Some(2.0));
    let e = estimate(&c, 1, true, false);
    assert_eq!(e.where_, None);
    assert_eq!(e.total, None);
}

#[test]
fn free_tables_cost_a_known_zero() {
    // subscription_info: 0 / 0.
    let e = estimate(&cost("subscription_info"), 5, false, false);
    assert_eq!(e.total, Some(0.0));
}

#[test]
fn every_builtin_table_is_unknown_exactly_when_a_used_price_is() {
    for table in Schema::builtin().tables() {
        let c = table.cost;
        for (where_sent, having_sent) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            let e = estimate(&c, 10, where_sent, having_sent);
            let unknown = c.request.is_none()
                || c.result.is_none()
                || (where_sent && c.where_.is_none())
                || (having_sent && c.having.is_none());
            assert_eq!(
                e.total.is_none(),
                unknown,
                "{} {where_sent} {having_sent}",
                table.name
            );
            if let Some(total) = e.total {
                assert!(total >= 0.0 && total.is_finite(), "{}", table.name);
            }
        }
    }
}

#[test]
fn huge_row_counts_do_not_panic() {
    let e = estimate(&cost("backlinks_one_per_domain"), u64::MAX, true, true);
    assert!(e.total.unwrap().is_finite());
}

#[test]
fn a_request_sends_the_filters_it_has() {
    let c = cost("refdomains");
    let request = Request::new("refdomains")
        .with_where("refdomain=\"a.com\"")
        .with_having("domain_rating>30");
    // 1 + 1 × 10 + 5 + 5.
    assert_eq!(estimate_request(&c, &request, 10).total, Some(21.0));
    assert_eq!(
        estimate_request(&c, &Request::new("refdomains"), 10).total,
        Some(11.0)
    );
}

#[test]
fn people_read_every_term() {
    let e = estimate(&cost("backlinks_one_per_domain"), 100, true, true);
    assert_eq!(
        e.to_string(),
        "10 (request) + 2 × 100 (results) + 5 (where) + 5 (having) = 220 rows"
    );
    let e = estimate(&cost("pages"), 100, false, false);
    assert_eq!(e.to_string(), "? (request) + ? × 100 (results) = unknown");
    assert_eq!(Rows(None).to_string(), "unknown");
    assert_eq!(Rows(Some(201.2)).to_string(), "201.2");
}
