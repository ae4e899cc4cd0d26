//! Properties checked by the fuzz targets; see `properties.rs`.
#![forbid(unsafe_code)]

pub mod properties;
