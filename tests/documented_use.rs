//! Where the docs contradict themselves, the checker warns and names both facts instead of
//! erring (spec §2, evidence C8): `linked_domains_by_type`'s page marks `gov` having-only
//! and sends `where=gov>0` in its own example.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ahrefs_filter::{Applicability, Checker, Code, Request, Schema, Severity};

#[test]
fn gov_in_where_of_linked_domains_by_type_is_a_warning_naming_both_facts() {
    let checker = Checker::new(Schema::builtin());
    let report = checker.check(&Request::new("linked_domains_by_type").with_where("gov>0"));
    assert_eq!(report.diagnostics.len(), 1);
    let d = &report.diagnostics[0];
    assert_eq!(d.code, Code::ClauseNotAllowed);
    assert_eq!(d.severity(), Severity::Warning);
    assert!(!report.has_errors());
    assert!(
        d.message.contains("listed for `having` only") && d.message.contains("uses it in `where`")
    );
    let help = d.help.as_deref().unwrap();
    assert!(
        help.contains("where=gov>0") && help.contains("having-only"),
        "{help}"
    );
    // The move to `having` is offered, not applied by `--fix`: the page shows `where` working.
    assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Unsafe);
    let fixed = checker.fix(&Request::new("linked_domains_by_type").with_where("gov>0"));
    assert_eq!(
        (fixed.where_filter.as_deref(), fixed.applied),
        (Some("gov>0"), 0)
    );
}

#[test]
fn the_same_column_elsewhere_and_other_columns_stay_errors() {
    let checker = Checker::new(Schema::builtin());
    // `edu` has the same flags on that page, but no example uses it in `where`.
    let report = checker.check(&Request::new("linked_domains_by_type").with_where("edu>0"));
    assert_eq!(report.diagnostics[0].severity(), Severity::Error);
    // The seed case is an error with a safe fix.
    let report =
        checker.check(&Request::new("backlinks_one_per_domain").with_where("domain_rating>30"));
    let d = &report.diagnostics[0];
    assert_eq!(
        (d.code, d.severity()),
        (Code::ClauseNotAllowed, Severity::Error)
    );
    assert!(d.fix.as_ref().unwrap().is_safe());
}

#[test]
fn a_schema_file_can_say_so_too() {
    let schema = Schema::from_json(
        r#"{"tables": {"t": {"columns": {"x": {"type": "int", "where": false, "having": true,
            "used_in_docs": {"clause": "where", "evidence": "the example sends where=x>1"}}}}}}"#,
    )
    .unwrap();
    let report = Checker::new(&schema).check(&Request::new("t").with_where("x>1"));
    assert_eq!(report.diagnostics[0].severity(), Severity::Warning);
    assert!(schema.to_json().contains("used_in_docs"));
}
