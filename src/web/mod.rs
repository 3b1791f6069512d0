//! The browser UI, compiled only for `wasm32`: the root component, where the app is
//! hosted, and one component per part of the page.
//!
//! The top layer: may import every other module; nothing imports it.

pub mod app;
pub mod components;
pub mod host;
