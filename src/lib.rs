//! Scorecard Explorer. The pure core (`bundle`, `fingertips`, `workbook`, `stats`, `explore`, `config`) compiles
//! natively and is tested with `cargo test`; the UI (`web`) runs in the browser and compiles
//! natively too, where it renders the built page's first view to HTML
//! (`web::prerender`). Each layer imports only those before it in this list.

// The natively rendered views' types nest deeper than the default limit allows.
#![recursion_limit = "256"]

pub mod bundle;
pub mod config;
pub mod explore;
pub mod fingertips;
pub mod stats;
pub mod workbook;

// `Problem` is over clippy's size for an error natively (64-bit), not in the browser
// (32-bit), where the functions that return it run.
#[cfg_attr(not(target_arch = "wasm32"), allow(clippy::result_large_err))]
pub mod web;

pub use bundle::{load, Bundle, Problem};
