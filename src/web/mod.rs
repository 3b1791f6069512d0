//! The browser UI, compiled only for `wasm32`: the root component, the page's address,
//! opening a bundle,
//! the page state components share, where the app is hosted, when work runs in the
//! browser, the built page's static first view, and one component per part of the page.
//!
//! The top layer: may import every other module; nothing imports it. Within it,
//! `app` imports `open`, `page` and `components`; components import `page` and `open`,
//! never `app`.

pub mod address;
pub mod app;
pub mod components;
pub mod host;
pub mod open;
pub mod page;
pub mod prerendered;
pub mod schedule;
pub mod worker;
