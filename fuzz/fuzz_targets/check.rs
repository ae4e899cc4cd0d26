//! An arbitrary filter (or `where` 0xFF `having`) against every built-in table in both
//! clauses: no panic, spans inside the input, every diagnostic renders (miette and JSON),
//! and applying the fixes leaves no fixable diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ahrefs_filter_fuzz::properties::check_bytes(data));
