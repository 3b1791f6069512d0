//! Exploring one bundle: the facet index that filtering and counting read, the page's
//! state as a URL query, the list's order, a card's line of commentary, the exception report, what changed, where an
//! item stands among its comparators and peers, an item's detail, the words around its
//! chart, the points a chart of a long series draws, the analysts' table, the compare
//! view's spine chart, and the filtered items as CSV.
//!
//! Layer 4: imports `bundle` and `stats` (and may import any layer below); knows nothing
//! of the browser.

pub mod changes;
pub mod detail;
pub mod edition;
pub mod exceptions;
pub mod excerpt;
pub mod facets;
pub mod figure;
pub mod items_csv;
pub mod order;
pub mod query;
pub mod spine;
pub mod standing;
pub mod table;
pub mod thinning;
