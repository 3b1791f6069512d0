//! "Copy a link to this view": the page's address with every filter, for an email or a
//! board paper. In an embed the link opens the full page, not the iframe's view.

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// The page's window, for its `navigator`.
    type NavigatorWindow;
    #[wasm_bindgen(method, getter)]
    fn navigator(this: &NavigatorWindow) -> ClipboardNavigator;
    /// `navigator`, with its `clipboard`: absent where the page is not a secure context,
    /// so it is optional here (web-sys's binding assumes it is always there).
    type ClipboardNavigator;
    #[wasm_bindgen(method, getter)]
    fn clipboard(this: &ClipboardNavigator) -> Option<Clipboard>;
    type Clipboard;
    /// Refused (a promise that rejects, or an exception) without the page's permission.
    #[wasm_bindgen(method, catch, js_name = writeText)]
    fn write_text(this: &Clipboard, text: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Copies the link with the browser's clipboard; where that is refused, shows it in a
/// read-only field, selected, to copy by hand. Either is said in a polite live region.
#[component]
pub fn CopyLink() -> impl IntoView {
    let said = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<String>);
    let copy = move |_| {
        let location = window().location();
        let query = crate::explore::query::full_page_query(
            &location.search().unwrap_or_default(),
            crate::web::host::host_element().is_some(),
        );
        let path = format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default());
        let link = if query.is_empty() { path } else { format!("{path}?{query}") };
        let by_hand = {
            let link = link.clone();
            move || {
                shown.set(Some(link.clone()));
                said.set("Copy the link from the box below.".into());
                request_animation_frame(move || {
                    let field = document().get_element_by_id("view-link");
                    if let Some(input) = field.and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        let _ = input.focus();
                        input.select();
                    }
                });
            }
        };
        let navigator = window().unchecked_into::<NavigatorWindow>().navigator();
        let written = navigator.clipboard().and_then(|c| c.write_text(&link).ok());
        match written {
            Some(promise) => {
                said.set(String::new());
                leptos::task::spawn_local(async move {
                    match wasm_bindgen_futures::JsFuture::from(promise).await {
                        Ok(_) => {
                            shown.set(None);
                            said.set("Link copied".into());
                        }
                        Err(_) => by_hand(),
                    }
                });
            }
            None => by_hand(),
        }
    };
    view! {
        <div class="copy-link">
            <button type="button" class="button secondary" data-copy-link="" on:click=copy>"Copy link"<span class="visually-hidden">" to this view"</span></button>
            <span class="copy-link-status" role="status">{move || said.get()}</span>
            {move || shown.get().map(|link| view! {
                <label class="visually-hidden" for="view-link">"Link to this view"</label>
                <input id="view-link" type="text" readonly value=link/>
            })}
        </div>
    }
}
