//! Every report of an arbitrary filter and query string rendered (miette and JSON): the
//! costly property the other targets check on a sample, here on every input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ahrefs_filter_fuzz::properties::render_everything();
    ahrefs_filter_fuzz::properties::parse_bytes(data);
    ahrefs_filter_fuzz::properties::url_bytes(data);
});
