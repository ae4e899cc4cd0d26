//! Scratch driver: check a where/having pair against a table and print the report.
use ahrefs_filter::check::{Checker, Request};
use ahrefs_filter::schema::Schema;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let req = Request {
        table: &args[0],
        where_filter: args.get(1).map(|s| s.as_str()).filter(|s| *s != "-"),
        having_filter: args.get(2).map(|s| s.as_str()),
    };
    let checker = Checker::new(Schema::builtin());
    let report = checker.check(&req);
    for d in &report.diagnostics {
        let text = match d.clause {
            Some(ahrefs_filter::Clause::Where) => req.where_filter,
            Some(_) => req.having_filter,
            None => None,
        }
        .unwrap_or("");
        println!(
            "{} {} [{:?}] {:?} {} | help={:?} fix={:?}",
            d.severity().as_str(),
            d.code,
            d.clause,
            d.span.map(|s| &text[s.range()]),
            d.message,
            d.help,
            d.fix.as_ref().map(|f| &f.edits)
        );
    }
    println!(
        "canonical: {:?} {:?}",
        report.canonical_where, report.canonical_having
    );
    let fixed = checker.fix(&req);
    println!("fixed: {:?}", fixed);
}
