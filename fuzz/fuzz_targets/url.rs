//! Arbitrary query strings through the whole-request lint (spec §5): no panic, spans inside
//! the URL or the decoded filters, canonical filters that parse, the token never echoed
//! (rendering is the `render` target's).
#![no_main]

use ahrefs_filter_fuzz::properties::Skip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ahrefs_filter_fuzz::properties::url_bytes(data, &mut Skip));
