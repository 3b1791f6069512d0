//! Scorecard Explorer: a Health and Wellbeing Board's performance scorecard, explored in
//! the browser. The pure core compiles natively and is tested with `cargo test`; the UI
//! (`web`) runs in the browser and compiles natively too, where it renders the built
//! page's first view to HTML (`web::prerender`).
//!
//! # Layers
//!
//! Lowest first. A module may import only the layers on the lines below its own: not its
//! neighbours on the same line, never a line above. `tests/layers.rs` reads this list and
//! holds the code to it.
//!
//! 1. `bundle`: the bundle format, reading bytes into a checked bundle, its problems.
//! 2. `fingertips`, `config`: Fingertips CSV exports; the host's settings file.
//! 3. `stats`, `workbook`: a metric's statistics and words; the scorecard workbook.
//! 4. `explore`: exploring one bundle (filters, order, reports, an item's detail).
//! 5. `web`: the browser UI (and, natively, the first view's render).
//!
//! Outside the layers: the binaries (`main.rs`, `cli.rs`, `bin/`), which use the library
//! by its name, `scorecard_explorer`.

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
