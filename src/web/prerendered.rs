//! The default scorecard's first view, which the built page carries as static HTML
//! (`web::prerender`, when the site is built) so a person reads it while the wasm
//! downloads. The app draws the same view unseen but laid out beside it
//! (`style/main.css`) and takes the page over once that is drawn: no "Loading" frame,
//! nothing moves, the scroll position stays.
//!
//! Which copy shows: an address with a query never shows the built one (static/prefetch.js
//! removes it before the app starts); nor do settings that name another default bundle
//! than the one it was built from (`keep_only_for`).

use wasm_bindgen::JsCast;
use web_sys::Element;

/// The id of the built page's copy of the first view.
pub const ID: &str = "se-prerendered";
/// What the copy's ids start with, so the app's own stay unique (`web::prerender`).
pub const PREFIX: &str = "se-pre-";

/// The address, as the settings name it, of the bundle the built page's copy shows.
pub const BUNDLE_ATTRIBUTE: &str = "data-bundle";

/// Removes the built page's copy of the first view when it shows another bundle than
/// `address`, the settings' default (publishers who replace the settings without building
/// the site again): the person sees "Loading" rather than a scorecard about to change.
pub fn keep_only_for(address: &str) {
    let copy = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(ID));
    if copy.is_some_and(|c| c.get_attribute(BUNDLE_ATTRIBUTE).as_deref() != Some(address)) {
        take_over();
    }
}

/// Removes the built page's copy of the first view, if there is one, which shows the app
/// drawn beside it. A keyboard user's place is kept: focus in the copy moves to the app's
/// element that stands for the same thing (`counterpart`).
pub fn take_over() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(copy) = document.get_element_by_id(ID) else { return };
    let live = document.query_selector(&format!("#{ID} ~ .app")).ok().flatten();
    let focused = document.active_element().filter(|a| copy.contains(Some(a)));
    let same = focused.zip(live).and_then(|(el, live)| counterpart(&copy, &el, &live));
    copy.remove();
    if let Some(el) = same.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The element of the app (`live`) that stands for `el` of the copy: the one with its id
/// (the copy's ids carry `PREFIX`), else the link to the same address, the same one of
/// those in order. Neither assumes the two have the same structure.
fn counterpart(copy: &Element, el: &Element, live: &Element) -> Option<Element> {
    if let Some(id) = el.id().strip_prefix(PREFIX) {
        return live
            .query_selector(&format!("[id=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\"")))
            .ok()
            .flatten();
    }
    let href = el.get_attribute("href")?;
    let live_href = match href.strip_prefix(&format!("#{PREFIX}")) {
        Some(target) => format!("#{target}"),
        None => href.clone(),
    };
    let nth = links_to(copy, &href).iter().position(|a| a.is_same_node(Some(el)))?;
    links_to(live, &live_href).into_iter().nth(nth)
}

/// The links in `root` whose `href` is `href`, in document order.
fn links_to(root: &Element, href: &str) -> Vec<Element> {
    let Ok(links) = root.query_selector_all("a[href]") else { return Vec::new() };
    (0..links.length())
        .filter_map(|n| links.item(n)?.dyn_into::<Element>().ok())
        .filter(|a| a.get_attribute("href").as_deref() == Some(href))
        .collect()
}
