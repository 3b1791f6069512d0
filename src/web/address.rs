//! The page's address as a signal, and moving between states of the page with the History
//! API: all the routing the app needs (one page whose state lives in its query), without a
//! router library in the download. Only links inside the app's own element are taken
//! over, so a host page's links stay its own.

use std::cell::OnceCell;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

thread_local! {
    /// The query string (`?…`) of the page's address; one per page, as the address is.
    static SEARCH: OnceCell<RwSignal<String>> = const { OnceCell::new() };
}

/// The address's query string; none for the built page's first view, rendered natively.
pub fn current() -> String {
    if crate::web::IN_BROWSER {
        window().location().search().unwrap_or_default()
    } else {
        String::new()
    }
}

/// The page's query string, tracked: it changes with the app's moves and with back and
/// forward.
pub fn search() -> RwSignal<String> {
    if !crate::web::IN_BROWSER {
        // Each native render has its own reactive owner, and no address to follow.
        return RwSignal::new(current());
    }
    SEARCH.with(|cell| {
        *cell.get_or_init(|| {
            let search = RwSignal::new(current());
            let on_pop = Closure::<dyn FnMut()>::new(move || search.set(current()));
            let _ = window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
            // Lives as long as the page.
            on_pop.forget();
            search
        })
    })
}

/// Goes to `url`, another state of this page: a new history entry unless `replace`.
pub fn go(url: &str, replace: bool) {
    if let Ok(history) = window().history() {
        let _ = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(url))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(url))
        };
    }
    search().set(current());
}

/// A click inside the app's element on a link to another state of this page is taken
/// over (no page load) and, as on a new page, the view starts at the top. Any other
/// click is left to the browser: another page, a new tab or window, a download, an
/// anchor on this page, or a link whose own handler already dealt with it.
pub fn on_click(ev: web_sys::MouseEvent) {
    if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten());
    let Some(link) = link else { return };
    if link.has_attribute("download") || link.get_attribute("target").is_some_and(|t| !t.is_empty() && t != "_self") {
        return;
    }
    let location = window().location();
    let here = location.href().unwrap_or_default();
    let Some(url) = link.get_attribute("href").and_then(|h| web_sys::Url::new_with_base(&h, &here).ok()) else {
        return;
    };
    let same_page = url.origin() == location.origin().unwrap_or_default()
        && url.pathname() == location.pathname().unwrap_or_default();
    let anchor_only = !url.hash().is_empty() && url.search() == location.search().unwrap_or_default();
    if !same_page || anchor_only {
        return;
    }
    ev.prevent_default();
    go(&format!("{}{}{}", url.pathname(), url.search(), url.hash()), false);
    window().scroll_to_with_x_and_y(0.0, 0.0);
}
