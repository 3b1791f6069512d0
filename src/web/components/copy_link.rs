//! "Copy a link to this view": the page's address with every filter, for an email or a
//! board paper. In an embed the link opens the full page, not the iframe's view.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Copies the link with the browser's clipboard; where that is refused, shows it in a
/// read-only field, selected, to copy by hand. Either is said in a polite live region.
#[component]
pub fn CopyLink() -> impl IntoView {
    let said = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<String>);
    let copy = move |_| {
        let location = window().location();
        let query = crate::explore::query::full_page_query(&location.search().unwrap_or_default());
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
        let navigator = js_sys::Reflect::get(&window(), &"navigator".into()).unwrap_or_default();
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok().filter(|c| c.is_object());
        let written = clipboard.and_then(|c| {
            let write: js_sys::Function = js_sys::Reflect::get(&c, &"writeText".into()).ok()?.dyn_into().ok()?;
            write.call1(&c, &JsValue::from_str(&link)).ok()?.dyn_into::<js_sys::Promise>().ok()
        });
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
