//! Generates the library's built-in data from the reference files in `data/`, so the
//! library carries it as static tables: no file and no JSON parsing at run time, and no
//! way for the code to drift from the data. One module per data file.

#![allow(clippy::expect_used)]

use std::env;
use std::path::PathBuf;

mod v2;
mod v3;

fn main() {
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
    v2::generate(&out_dir);
    v3::generate(&out_dir);
}
