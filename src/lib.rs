//! Scorecard Explorer. The pure core (`bundle`, `fingertips`, `workbook`, `stats`, `explore`, `config`) compiles
//! natively and is tested with `cargo test`; the UI (`web`) compiles only for the
//! browser. Each layer imports only those before it in this list.

pub mod bundle;
pub mod config;
pub mod explore;
pub mod fingertips;
pub mod stats;
pub mod workbook;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use bundle::{load, Bundle, Problem};
