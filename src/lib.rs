//! Scorecard Explorer. The pure core (`bundle`, `workbook`, `stats`, `explore`, `config`) compiles
//! natively and is tested with `cargo test`; the UI (`web`) compiles only for the
//! browser. Each layer imports only those before it in this list.

pub mod bundle;
pub mod config;
pub mod explore;
pub mod stats;
pub mod workbook;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use bundle::{load, Bundle, Problem};
