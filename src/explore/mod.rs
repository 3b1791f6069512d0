//! Exploring one bundle: the facet index that filtering and counting read, the page's
//! state as a URL query, and the filtered items as CSV.
//!
//! Imports `bundle` and `stats`; knows nothing of the browser.

pub mod csv;
pub mod facets;
pub mod query;
