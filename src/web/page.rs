//! The state of a loaded scorecard page that every component reads, provided as context
//! by the root: the bundle, the URL's query and what is derived from it. Changing the
//! page means changing the URL.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::{Bundle, Period};
use crate::explore::facets::{FacetIndex, Selection};
use crate::explore::query::{Query, UrlNote};

/// Shared data compared by identity, so memos of large values stay cheap.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What every component of a loaded scorecard reads, provided as context.
#[derive(Clone, Copy)]
pub struct Page {
    pub bundle: StoredValue<Arc<Bundle>>,
    pub query: Memo<Query>,
    pub period: Memo<Period>,
    pub facets: Memo<Shared<FacetIndex>>,
    pub selection: Memo<Selection>,
    /// Positions in `bundle.items` of the items that match, in bundle order.
    pub matching: Memo<Shared<Vec<usize>>>,
    /// What the URL asked for that the scorecard lacks.
    pub notes: Memo<Vec<UrlNote>>,
    /// The item whose detail was last open: back in the list, focus returns to it.
    pub last_item: RwSignal<Option<String>>,
}

impl Page {
    /// Moves to another state of the page; it becomes a browser history entry.
    pub fn go(&self, query: &Query) {
        navigate(query, false);
    }

    /// A link's `href` to another state of the page; a host page's own query parameters
    /// are kept.
    pub fn href(query: &Query) -> String {
        format!("?{}", query.to_query_string_keeping(&crate::web::address::current()))
    }
}

/// Moves to another state of the page; `replace`: without a new history entry. A host
/// page's own query parameters are kept.
pub fn navigate(query: &Query, replace: bool) {
    let path = window().location().pathname().unwrap_or_else(|_| "/".into());
    let qs = query.to_query_string_keeping(&window().location().search().unwrap_or_default());
    let url = if qs.is_empty() { path } else { format!("{path}?{qs}") };
    crate::web::address::go(&url, replace);
}

/// The page state, for components below the loaded scorecard.
pub fn use_page() -> Page {
    expect_context::<Page>()
}

/// Moves focus to the element `id` (a heading with `tabindex="-1"`), scrolled into view;
/// to `#main` when the view has no such element. For skip links, and after a filter is
/// applied from the overview, so the keyboard user lands on the results.
pub fn focus_on(id: &str) {
    use wasm_bindgen::JsCast;
    let el = document().get_element_by_id(id).or_else(|| document().get_element_by_id("main"));
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// A click handler for a skip link to `id`: focus moves there, the URL stays as it is.
pub fn skip_to(id: &'static str) -> impl Fn(leptos::ev::MouseEvent) {
    move |ev| {
        ev.prevent_default();
        focus_on(id);
    }
}
