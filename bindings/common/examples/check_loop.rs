//! Times `check` through the binding API, the Rust side of `bindings/wasm/bench.mjs`: the
//! same requests (`bindings/fixtures/bench.json`), the same call, one line per request.
//!
//! `cargo run --release -p ahrefs-filter-bindings --example check_loop [ITERATIONS]`
//!
//! Times are CPU time (Linux's `/proc/thread-self/schedstat`, else wall time), as in
//! bench.mjs: on a shared machine, time spent waiting for a core is not the call's.

use std::time::Instant;

/// Nanoseconds this thread has run on a CPU, or wall time since `start` where the kernel
/// does not say.
fn cpu_ns(start: Instant) -> u128 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| start.elapsed().as_nanos())
}

use ahrefs_filter_bindings::{check, json, Options, Style};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let iterations: u32 = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 200_000,
    };
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/bench.json");
    let bench: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let options = Options {
        today: Some("2026-12-01".into()),
        ..Options::default()
    };
    for request in bench["requests"].as_array().into_iter().flatten() {
        let name = request["name"].as_str().unwrap_or("?");
        let table = request["table"].as_str().unwrap_or("");
        let (where_filter, having) = (request["where"].as_str(), request["having"].as_str());
        let mut bytes = 0;
        // Warm up, then time the report alone and the report written as JSON (what the
        // JavaScript binding hands across).
        for _ in 0..iterations / 10 {
            bytes += check(table, where_filter, having, &options, Style::JS)?
                .diagnostics
                .len();
        }
        let epoch = Instant::now();
        let start = cpu_ns(epoch);
        for _ in 0..iterations {
            bytes += check(table, where_filter, having, &options, Style::JS)?
                .diagnostics
                .len();
        }
        let report = (cpu_ns(epoch) - start) as f64 / f64::from(iterations);
        let start = cpu_ns(epoch);
        for _ in 0..iterations {
            bytes += json(&check(table, where_filter, having, &options, Style::JS)?).len();
        }
        let with_json = (cpu_ns(epoch) - start) as f64 / f64::from(iterations);
        println!(
            "{name:<10} check {:>8.0} ns   check+json {:>8.0} ns   ({bytes} bytes)",
            report, with_json
        );
    }
    Ok(())
}
