//! Scorecard Explorer: the pure core (bundle types, loading and validation) compiles
//! natively and is tested with `cargo test`; the UI compiles only for the browser.

pub mod bundle;
pub mod change;
pub mod compare;
pub mod config;
pub mod csv;
pub mod date;
pub mod filter;
pub mod load;
pub mod loader;
pub mod locate;
pub mod number;
pub mod problem;
pub mod query;
pub mod schema;
pub mod status;
pub mod trend;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod host;
#[cfg(target_arch = "wasm32")]
pub mod components;

pub use bundle::Bundle;
pub use load::load;
pub use problem::Problem;
