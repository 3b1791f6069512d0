//! The root component: opens the bundle the URL names and owns the page's state, which
//! lives in the URL query (see `explore::query`), so every view can be shared and restored.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;

use crate::bundle::Bundle;
use crate::explore::facets::FacetIndex;
use crate::explore::query::Query;
use crate::web::components::local_file::{on_drop, LocalFile};
use crate::web::components::problems::Problems;
use crate::web::open::{open_bundle, LoadState, Preview};
use crate::web::page::{Page, Shared};
use crate::web::schedule::mark;

/// Mounts the app: into the host page's element when there is one, otherwise the body.
pub fn start() {
    console_error_panic_hook::set_once();
    let search = window().location().search().unwrap_or_default();
    if !search.is_empty() {
        // The address names another view than the built page's first one (prefetch.js has
        // kept it hidden).
        crate::web::prerendered::take_over();
    }
    if Query::parse(&search).embed {
        // Not leptos's spawn_local: its executor starts only when the app mounts.
        wasm_bindgen_futures::spawn_local(crate::web::host::report_height_to_parent());
    }
    match crate::web::host::host_element() {
        // Mounted into a host page's own element, without an iframe.
        Some(el) => {
            crate::web::host::keep_router_inside(&el);
            leptos::mount::mount_to(el, App).forget()
        }
        None => leptos::mount::mount_to_body(App),
    }
}

#[component]
pub fn App() -> impl IntoView {
    // The page's own path is the router's base: the app lives at any sub-path, and in a
    // host page the router leaves links to the host's other pages alone.
    let base = window().location().pathname().unwrap_or_else(|_| "/".into());
    view! {
        <Router base=base>
            <Explorer/>
        </Router>
    }
}

/// Loads the bundle the URL names (or the default) and shows it.
#[component]
fn Explorer() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let map = params.read();
        Query::from_pairs(map.latest_values().map(|(k, v)| (k.as_ref(), v)))
    });
    let bundle_param = Memo::new(move |_| query.read().bundle.clone());
    let state = RwSignal::new(LoadState::Loading);
    let file = RwSignal::new(None::<String>);
    let progress = RwSignal::new(0.0);
    let converted = RwSignal::new(None);
    let preview = Preview { state, file, progress, converted };
    provide_context(preview);
    Effect::new(move |_| {
        let param = bundle_param.get();
        state.set(LoadState::Loading);
        file.set(None);
        converted.set(None);
        leptos::task::spawn_local(async move {
            let (url, loaded) = open_bundle(param.clone(), progress).await;
            // A slow fetch must not overwrite the bundle the URL now names.
            if bundle_param.get_untracked() == param {
                state.set(match loaded {
                    Ok(b) => LoadState::Ready(Arc::new(b)),
                    Err(problems) => LoadState::Failed { url, problems: Arc::new(problems) },
                });
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
    let mounted = crate::web::host::host_element().is_some();
    view! {
        <div class="app" class:embedded=move || embed.get() || mounted
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| on_drop(ev, preview)>
            <a class="skip-link" href="#main">"Skip to the scorecard"</a>
            <main id="main" class="page" tabindex="-1">
                {move || match state.get() {
                    LoadState::Loading => view! {
                        <div class="loading">
                            <p role="status">"Loading the scorecard…"</p>
                            // Shown once a large bundle takes more than a moment.
                            <progress max="100" aria-label="Loading the scorecard" class:hidden=move || progress.get() == 0.0
                                value=move || format!("{:.0}", progress.get() * 100.0)></progress>
                        </div>
                    }.into_any(),
                    LoadState::Ready(b) => view! { <Scorecard bundle=b query=query/> }.into_any(),
                    LoadState::Failed { url, problems } => view! { <Problems url=url problems=problems/> }.into_any(),
                }}
                <LocalFile/>
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
        facets.read().select(&q.facets, &q.q)
    });
    let selection = Memo::new(move |_| picked.read().0.clone());
    let matching = Memo::new(move |_| Shared(Arc::new(facets.read().matching(&selection.read()))));
    let b = bundle.clone();
    let notes = Memo::new(move |_| query.read().notes(&b, &picked.read().1));
    let last_item = RwSignal::new(None);
    let page = Page { bundle: stored, query, period, facets, selection, matching, notes, last_item };
    provide_context(page);
    // Printed pages carry the board and the period in their top margin (style/main.css).
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
    view! {
        <header::Header/>
        <notes::Notes/>
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
                    <a href=u rel="external noopener"><bdi>{bundle.board.name.clone()}</bdi>" website"</a>
                })}
            </p>
        </footer>
    }
}
