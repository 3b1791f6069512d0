//! The root component: opens the bundle the URL names and owns the page's state, which
//! lives in the URL query (see `explore::query`), so every view can be shared and restored.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bundle::Bundle;
use crate::explore::facets::FacetIndex;
use crate::explore::query::{Query, View};
use crate::web::components::loading::Loading;
use crate::web::components::local_file::{on_drop, LocalFile};
use crate::web::components::problems::Problems;
use crate::web::components::unfetched::Unfetched;
use crate::web::open::{open_bundle, LoadState, Preview};
use crate::web::page::{Page, Shared};
use crate::web::schedule::mark;

/// Mounts the app: into the host page's element when there is one, otherwise the body.
pub fn start() {
    // A release build aborts on a panic without its message (static/crash.js shows the
    // page a person needs); a debug build keeps the message in the console.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // An address with a query never shows the built page's first view: prefetch.js has
    // removed it already.
    let search = window().location().search().unwrap_or_default();
    if Query::parse(&search).embed {
        // Not leptos's spawn_local: its executor starts only when the app mounts.
        wasm_bindgen_futures::spawn_local(crate::web::host::report_height_to_parent());
    }
    match crate::web::host::host_element() {
        // Mounted into a host page's own element, without an iframe.
        Some(el) => leptos::mount::mount_to(el, || view! { <App/> }).forget(),
        None => {
            print_pages();
            leptos::mount::mount_to_body(|| view! { <App/> })
        }
    }
}

/// The app's own page prints as an A4 board paper, each page titled with the board and
/// period and numbered. Added here, not in style/main.css, so that a host page that
/// mounts the app keeps its own print layout.
fn print_pages() {
    const PAGE: &str = "@page { size: A4; margin: 18mm 15mm 15mm; \
        @top-left { content: var(--se-print-title, \"\"); font: 8.5pt system-ui, sans-serif; color: #4c6272; } \
        @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); font: 8.5pt system-ui, sans-serif; color: #4c6272; } }";
    let sheet = document().style_sheets().get(0).and_then(|s| s.dyn_into::<web_sys::CssStyleSheet>().ok());
    if let Some(sheet) = sheet {
        let _ = sheet.insert_rule(PAGE);
    }
}

/// Loads the bundle the URL names (or the default) and shows it. The page's state is its
/// address's query (`web::address`): links inside the app move between states without a
/// page load, and back and forward work. Given a `loaded` bundle, shows that at once:
/// the built page's first view, rendered natively (`web::prerender`).
#[component]
pub fn App(#[prop(optional)] loaded: Option<Arc<Bundle>>) -> impl IntoView {
    let search = crate::web::address::search();
    let query = Memo::new(move |_| Query::parse(&search.read()));
    let bundle_param = Memo::new(move |_| query.read().bundle.clone());
    let state = RwSignal::new(loaded.map_or(LoadState::Loading, LoadState::Ready));
    let file = RwSignal::new(None::<String>);
    let progress = RwSignal::new(0.0);
    let converted = RwSignal::new(None);
    let (arrival, attempt) = (RwSignal::new(None), RwSignal::new(0));
    let preview = Preview { state, file, progress, converted, arrival, attempt };
    provide_context(preview);
    // Only in the test build that proves the crash page (scripts/test); never released.
    #[cfg(feature = "forced-panic")]
    Effect::new(move |_| {
        if query.read().q == "forced panic" {
            panic!("a forced panic, for the crash page's test");
        }
    });
    Effect::new(move |_| {
        let param = bundle_param.get();
        let tried = attempt.get();
        state.set(LoadState::Loading);
        file.set(None);
        converted.set(None);
        leptos::task::spawn_local(async move {
            let opened = open_bundle(param.clone(), progress, arrival).await;
            // A slow fetch must not overwrite the bundle the URL now names.
            if bundle_param.get_untracked() == param && attempt.get_untracked() == tried {
                state.set(opened);
            }
        });
    });
    // A bundle that cannot be shown: its problems, not the built page's first view.
    Effect::new(move |_| {
        if matches!(*state.read(), LoadState::Failed { .. }) {
            crate::web::prerendered::take_over();
        }
    });
    let embed = Memo::new(move |_| query.read().embed);
    let mounted = crate::web::IN_BROWSER && crate::web::host::host_element().is_some();
    view! {
        <div class="app se-app" class:embedded=move || embed.get() || mounted
            on:click=crate::web::address::on_click
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| on_drop(ev, preview)>
            <a class="skip-link" href="#results-heading" on:click=crate::web::page::skip_to("results-heading")>"Skip to the results"</a>
            <a class="skip-link" href="#filters-heading" on:click=crate::web::page::skip_to("filters-heading")>"Skip to the filters"</a>
            <a class="skip-link" href="#main" on:click=crate::web::page::skip_to("main")>"Skip to the scorecard"</a>
            <main id="main" class="page" tabindex="-1">
                {move || match state.get() {
                    LoadState::Loading => view! { <Loading/> }.into_any(),
                    LoadState::Ready(b) => view! { <Scorecard bundle=b query=query/> }.into_any(),
                    // A publisher checking a bundle may land here: the preview is at hand.
                    LoadState::Failed { url, problems } => view! { <Problems url=url problems=problems/><LocalFile/> }.into_any(),
                    LoadState::Unfetched { url, failure } => view! { <Unfetched url=url failure=failure/> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// A loaded scorecard: derives the period, the facet index and the matches from the URL.
#[component]
fn Scorecard(bundle: Arc<Bundle>, query: Memo<Query>) -> impl IntoView {
    let stored = StoredValue::new(bundle.clone());
    let b = bundle.clone();
    let period = Memo::new(move |_| query.read().period_in(&b).cloned().unwrap_or_default());
    let b = bundle.clone();
    let facets = Memo::new(move |_| Shared(Arc::new(FacetIndex::new(&b, &period.read()))));
    let picked = Memo::new(move |_| {
        let q = query.read();
        facets.read().select(&q.applied_facets(), &q.q)
    });
    let selection = Memo::new(move |_| picked.read().0.clone());
    let matching = Memo::new(move |_| Shared(Arc::new(facets.read().matching(&selection.read()))));
    let b = bundle.clone();
    let notes = Memo::new(move |_| query.read().notes(&b, &picked.read().1));
    let last_item = RwSignal::new(None);
    let page = Page { bundle: stored, query, period, facets, selection, matching, notes, last_item };
    provide_context(page);
    // Printed pages carry the board and the period in their top margin (`print_pages`).
    let board_name = bundle.board.name.clone();
    Effect::new(move |_| {
        let title = format!("{} · {}", board_name, period.read().label);
        if let Some(root) = document().document_element() {
            let root: web_sys::HtmlElement = root.unchecked_into();
            // A CSS string: quotes and backslashes escaped, so bundle text stays text.
            let css = format!("\"{}\"", title.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " "));
            let _ = root.style().set_property("--se-print-title", &css);
        }
    });
    // Effects run after the view is in the document: the first render is done.
    Effect::new(move |first: Option<()>| {
        if first.is_none() {
            crate::web::prerendered::take_over();
            mark("se:rendered");
        }
    });

    use crate::web::components::*;
    let open_item = Memo::new(move |_| {
        let q = query.read();
        q.item.as_ref().and_then(|id| page.bundle.with_value(|b| b.items.iter().position(|i| &i.id == id)))
    });
    // The publish page has its own masthead: it is about the reader's scorecard.
    let publishing = Memo::new(move |_| {
        let q = query.read();
        q.view == View::Publish && q.item.is_none()
    });
    view! {
        {move || if publishing.get() {
            view! { <publish::PublishMasthead/> }.into_any()
        } else {
            view! { <header::Header/><notes::Notes/> }.into_any()
        }}
        {move || match open_item.get() {
            Some(item_idx) => view! { <item_detail::ItemDetail item_idx=item_idx/> }.into_any(),
            None => view! { <views::Views/> }.into_any(),
        }}
        <footer class="page-footer">
            <p>
                "Scorecard Explorer. "
                // Bundle text in <bdi>: a right-to-left override in it cannot reorder the rest.
                {bundle.source.title.clone().map(|t| view! { "Source: "<bdi>{t}</bdi>". " })}
                {bundle.source.publisher.clone().map(|p| view! { "Published by "<bdi>{p}</bdi>". " })}
                // Only web addresses become links: a bundle cannot plant a javascript: URL.
                {bundle.board.url.clone().filter(|u| u.starts_with("https://") || u.starts_with("http://")).map(|u| view! {
                    <a href=u rel="external noopener"><bdi>{bundle.board.name.clone()}</bdi>" website"</a>" "
                })}
                <a href=move || Page::href(&Query { view: View::Publish, item: None, ..query.get() }) data-view="publish">
                    "Publish your own scorecard"
                </a>
            </p>
        </footer>
    }
}
