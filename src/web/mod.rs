//! The browser UI: the root component, the page's address, opening a bundle, the page
//! state components share, where the app is hosted, when work runs in the browser, the
//! workbook worker, the built page's static first view, and one component per part of
//! the page.
//!
//! It compiles natively too, where the same components render the default scorecard's
//! first view to HTML when the site is built (`prerender`); the browser's APIs are then
//! never called (see `IN_BROWSER`), and effects do not run (leptos's `ssr`).
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
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
pub mod prerendered;
pub mod schedule;
pub mod worker;

/// Whether the components draw in a browser. Natively they render the built page's static
/// first view (`prerender`): the address has no query, the screen is a desktop one, and
/// the list shows its first cards (`components::item_list::FIRST_CARDS`).
pub const IN_BROWSER: bool = cfg!(target_arch = "wasm32");
