//! Arbitrary query strings through the whole-request lint (spec §5): no panic, spans inside
//! the URL or the decoded filters, every diagnostic renders, the token is never echoed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ahrefs_filter_fuzz::properties::url_bytes(data));
