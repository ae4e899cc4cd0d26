//! Arbitrary bytes through the parser: no panic; when UTF-8, the tolerant and the strict
//! parse agree, every span lies inside the input, and what parses survives the print/parse
//! round trip (rendering the errors is the `render` target's).
#![no_main]

use ahrefs_filter_fuzz::properties::Skip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ahrefs_filter_fuzz::properties::parse_bytes(data, &mut Skip));
