//! The default scorecard's first view, which the built page carries as static HTML
//! (`scripts/prerender.sh`) so a person reads it while the wasm downloads. The app draws
//! the same view unseen but laid out beside it (`style/main.css`) and takes the page over
//! once that is drawn: no "Loading" frame, nothing moves, the scroll position stays.

use wasm_bindgen::JsCast;
use web_sys::Element;

/// The id of the built page's copy of the first view.
pub const ID: &str = "se-prerendered";
/// What the copy's ids start with, so the app's own stay unique (`web::prerender`).
pub const PREFIX: &str = "se-pre-";

/// Removes the built page's copy of the first view, if there is one, which shows the app
/// drawn beside it. A keyboard user's place is kept: focus in the copy moves to the app's
/// element at the same place (the two have the same structure).
pub fn take_over() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(copy) = document.get_element_by_id(ID) else { return };
    let live = document.query_selector(&format!("#{ID} ~ .app")).ok().flatten();
    let place = document.active_element().and_then(|active| place_in(&copy, active));
    copy.remove();
    let same = place.and_then(|path| path.into_iter().try_fold(live?, |el, n| nth_child(&el, n)));
    if let Some(el) = same.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Where `el` is below the copy's app root: each ancestor's position among its siblings,
/// from the top; none when `el` is not in the copy.
fn place_in(copy: &Element, mut el: Element) -> Option<Vec<u32>> {
    let root = copy.first_element_child()?;
    let mut path = Vec::new();
    while !el.is_same_node(Some(&root)) {
        let mut n = 0;
        let mut before = el.previous_element_sibling();
        while let Some(b) = before {
            n += 1;
            before = b.previous_element_sibling();
        }
        path.push(n);
        el = el.parent_element()?;
    }
    path.reverse();
    Some(path)
}

fn nth_child(el: &Element, n: u32) -> Option<Element> {
    (0..n).try_fold(el.first_element_child()?, |c, _| c.next_element_sibling())
}
