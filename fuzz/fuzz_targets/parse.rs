//! Arbitrary bytes through the parser: no panic; when UTF-8 and it parses, the print/parse
//! round trip holds and every span lies inside the input; errors render.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ahrefs_filter_fuzz::properties::parse_bytes(data));
