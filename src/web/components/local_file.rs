//! Previewing a bundle file from the user's computer, chosen or dropped on the page,
//! before it is published.

use leptos::prelude::*;

use crate::explore::query::{Query, View};
use crate::web::open::{open_files, Preview};
use crate::web::page::navigate;

/// Opens a bundle file from the user's computer: read and checked in the browser, with
/// problems listed as for a URL. Nothing is uploaded. On its own it is a section headed
/// "Preview a bundle file"; a step of the publish page gives its own `heading`.
#[component]
pub fn LocalFile(#[prop(optional)] heading: Option<&'static str>) -> impl IntoView {
    let preview = expect_context::<Preview>();
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(files) = input.files() {
            open(listed(&files), preview);
        }
    };
    view! {
        <section class="local-file" aria-labelledby="local-file-heading">
            {match heading {
                Some(h) => view! { <h3 id="local-file-heading">{h}</h3> }.into_any(),
                None => view! { <h2 id="local-file-heading">"Preview a bundle file"</h2> }.into_any(),
            }}
            <p>"Open a scorecard bundle from your computer, or drop it on this page, to check it before publishing. Or open a scorecard workbook (.xlsx, or its CSV files) together with the Fingertips CSV exports its metrics name: it is converted to a bundle, with every problem named by its cell. Everything is read in your browser: nothing is uploaded."</p>
            <label for="bundle-file">"Bundle (JSON), or a workbook and Fingertips exports"</label>
            <input id="bundle-file" type="file" multiple accept=".json,application/json,.xlsx,.xls,.ods,.csv,text/csv" on:change=on_change/>
        </section>
    }
}

/// A file dropped anywhere on the app.
pub fn on_drop(ev: leptos::ev::DragEvent, preview: Preview) {
    ev.prevent_default();
    if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
        open(listed(&files), preview);
    }
}

/// Opens the files; what was opened shows as the scorecard's items, not this form again.
fn open(files: Vec<web_sys::File>, preview: Preview) {
    open_files(files, preview);
    let q = Query::parse(&window().location().search().unwrap_or_default());
    if q.view == View::Publish {
        navigate(&Query { view: View::Items, ..q }, true);
    }
}

fn listed(files: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}
