//! The browser UI, compiled only for `wasm32`: the root component, the page's address,
//! opening a bundle, the page state components share, where the app is hosted, when work
//! runs in the browser, the workbook worker, the built page's static first view, and one
//! component per part of the page.
//!
//! Layer 5, the top: may import every layer below; only the binaries use it. Within it,
//! `app` imports `open`, `page` and `components`; components import `page`, `open`,
//! `host` and `schedule`, never `app`.

pub mod address;
pub mod app;
pub mod components;
pub mod host;
pub mod open;
pub mod page;
pub mod prerendered;
pub mod schedule;
pub mod worker;
