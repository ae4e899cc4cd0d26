//! Every report of an arbitrary filter (as a parse, a check and a query string) rendered
//! with every miette handler and as JSON: the costly property the other targets leave out,
//! here on every input.
#![no_main]

use ahrefs_filter_fuzz::properties::{self, Render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut renderer = Render::default();
    properties::parse_bytes(data, &mut renderer);
    properties::check_bytes(data, &mut renderer);
    properties::url_bytes(data, &mut renderer);
});
