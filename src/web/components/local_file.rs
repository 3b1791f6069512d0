//! Previewing a bundle file from the user's computer, chosen or dropped on the page,
//! before it is published.

use leptos::prelude::*;

use crate::web::open::{open_file, Preview};

/// Opens a bundle file from the user's computer: read and checked in the browser, with
/// problems listed as for a URL. Nothing is uploaded.
#[component]
pub fn LocalFile() -> impl IntoView {
    let preview = expect_context::<Preview>();
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(file, preview);
        }
    };
    view! {
        <section class="local-file" aria-labelledby="local-file-heading">
            <h2 id="local-file-heading">"Preview a bundle file"</h2>
            <p>"Open a scorecard bundle from your computer, or drop it on this page, to check it before publishing. It is read in your browser: nothing is uploaded."</p>
            <label for="bundle-file">"Bundle file (JSON)"</label>
            <input id="bundle-file" type="file" accept=".json,application/json" on:change=on_change/>
        </section>
    }
}

/// A file dropped anywhere on the app.
pub fn on_drop(ev: leptos::ev::DragEvent, preview: Preview) {
    ev.prevent_default();
    if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
        open_file(file, preview);
    }
}
