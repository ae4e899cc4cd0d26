//! An arbitrary filter (or `where` 0xFF `having`) against three built-in tables chosen by
//! the input, in both clauses, and an unknown table: no panic, spans inside the input, and
//! applying the fixes leaves no safely fixable diagnostic (rendering is the `render` target's).
#![no_main]

use ahrefs_filter_fuzz::properties::Skip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ahrefs_filter_fuzz::properties::check_bytes(data, &mut Skip));
