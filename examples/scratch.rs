//! Scratch driver: parse each argument and print the result.
fn main() {
    for s in std::env::args().skip(1) {
        match ahrefs_filter::parse(&s) {
            Ok(f) => println!("OK {:?} => {}", s, f),
            Err(e) => { for d in e.diagnostics { println!("ERR {:?}: {} {} {:?} help={:?} fix={:?}", s, d.code, d.message, d.span.map(|x| &s[x.range()]), d.help, d.fix.map(|f| f.edits)); } }
        }
    }
}
