//! The root component: loads the bundle the URL names and owns the page's state, which
//! lives in the URL query (see `query`), so every view can be shared and restored.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::bundle::problem::Problem;
use crate::bundle::{Bundle, Period};
use crate::explore::facets::{Index, Selection};
use crate::explore::query::Query;

/// Where loading stands; the view follows it.
#[derive(Clone)]
pub enum Loaded {
    Loading,
    Ready(Arc<Bundle>),
    Failed { url: String, problems: Arc<Vec<Problem>> },
}

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
    pub index: Memo<Shared<Index>>,
    pub selection: Memo<Selection>,
    pub matching: Memo<Shared<Vec<usize>>>,
    /// Notes on URL words that were ignored.
    pub notes: Memo<Vec<String>>,
    /// The item whose detail was last open: back in the list, focus returns to it.
    pub last_item: RwSignal<Option<String>>,
}

impl Page {
    /// Moves to another state of the page; it becomes a browser history entry.
    pub fn go(&self, query: &Query) {
        navigate(query, false);
    }

    /// A link's `href` to another state of the page.
    pub fn href(query: &Query) -> String {
        format!("?{}", query.to_query_string())
    }
}

pub fn navigate(query: &Query, replace: bool) {
    let path = window().location().pathname().unwrap_or_else(|_| "/".into());
    let qs = query.to_query_string();
    let url = if qs.is_empty() { path } else { format!("{path}?{qs}") };
    use_navigate()(&url, NavigateOptions { replace, scroll: false, resolve: false, ..NavigateOptions::default() });
}

pub fn start() {
    console_error_panic_hook::set_once();
    let search = window().location().search().unwrap_or_default();
    if Query::parse(&search).embed {
        crate::web::host::report_height_to_parent();
    }
    match crate::web::host::host_element() {
        // Mounted into a host page's own element, without an iframe.
        Some(el) => leptos::mount::mount_to(el, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}

/// A bundle file opened from the user's computer, shown until the URL names another bundle.
#[derive(Clone, Copy)]
pub struct Preview {
    pub state: RwSignal<Loaded>,
    pub file: RwSignal<Option<String>>,
    /// How far the current load has got, 0 to 1.
    pub progress: RwSignal<f64>,
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
    let state = RwSignal::new(Loaded::Loading);
    let file = RwSignal::new(None::<String>);
    let progress = RwSignal::new(0.0);
    provide_context(Preview { state, file, progress });
    Effect::new(move |_| {
        let param = bundle_param.get();
        state.set(Loaded::Loading);
        file.set(None);
        leptos::task::spawn_local(async move {
            let (url, loaded) = open_bundle(param.clone(), progress).await;
            // A slow fetch must not overwrite the bundle the URL now names.
            if bundle_param.get_untracked() == param {
                state.set(match loaded {
                    Ok(b) => Loaded::Ready(Arc::new(b)),
                    Err(problems) => Loaded::Failed { url, problems: Arc::new(problems) },
                });
            }
        });
    });
    let embed = Memo::new(move |_| query.read().embed);
    let mounted = crate::web::host::host_element().is_some();
    view! {
        <div class="app" class:embedded=move || embed.get() || mounted
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| crate::web::components::local_file::on_drop(ev, Preview { state, file, progress })>
            <a class="skip-link" href="#main">"Skip to the scorecard"</a>
            <main id="main" class="page" tabindex="-1">
                {move || match state.get() {
                    Loaded::Loading => view! {
                        <div class="loading">
                            <p role="status">"Loading the scorecard…"</p>
                            // Shown once a large bundle takes more than a moment.
                            <progress max="100" aria-label="Loading the scorecard" class:hidden=move || progress.get() == 0.0
                                value=move || format!("{:.0}", progress.get() * 100.0)></progress>
                        </div>
                    }.into_any(),
                    Loaded::Ready(b) => view! { <Scorecard bundle=b query=query/> }.into_any(),
                    Loaded::Failed { url, problems } => view! {
                        <crate::web::components::problems::Problems url=url problems=problems/>
                    }.into_any(),
                }}
                <crate::web::components::local_file::LocalFile/>
            </main>
        </div>
    }
}

/// A loaded scorecard: derives the period, the filter index and the matches from the URL.
#[component]
fn Scorecard(bundle: Arc<Bundle>, query: Memo<Query>) -> impl IntoView {
    let stored = StoredValue::new(bundle.clone());
    let b = bundle.clone();
    let period = Memo::new(move |_| {
        let q = query.read();
        q.period
            .as_ref()
            .and_then(|id| b.periods.iter().find(|p| &p.id == id))
            .or(b.periods.last())
            .cloned()
            .unwrap_or_default()
    });
    let b = bundle.clone();
    let index = Memo::new(move |_| Shared(Arc::new(Index::new(&b, &period.read()))));
    let picked = Memo::new(move |_| {
        let q = query.read();
        index.read().select(&q.facets, &q.q)
    });
    let selection = Memo::new(move |_| picked.read().0.clone());
    let matching = Memo::new(move |_| Shared(Arc::new(index.read().matching(&selection.read()))));
    let b = bundle.clone();
    let notes = Memo::new(move |_| {
        let q = query.read();
        let mut notes: Vec<String> = picked
            .read()
            .1
            .iter()
            .map(|(facet, word)| format!("“{word}” is not a {} of this scorecard, so it was ignored.", facet.key()))
            .collect();
        if let Some(p) = q.period.as_ref().filter(|id| !b.periods.iter().any(|p| &p.id == *id)) {
            notes.push(format!("There is no reporting period “{p}”: showing the latest instead."));
        }
        if let Some(i) = q.item.as_ref().filter(|id| !b.items.iter().any(|it| &it.id == *id)) {
            notes.push(format!("There is no item “{i}” in this scorecard."));
        }
        for (key, word) in &q.ignored {
            notes.push(format!("“{word}” is not a known {key}, so it was ignored."));
        }
        notes
    });
    let last_item = RwSignal::new(None);
    let page = Page { bundle: stored, query, period, index, selection, matching, notes, last_item };
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
            Some(i) => view! { <item_detail::ItemDetail index=i/> }.into_any(),
            None => view! { <views::Views/> }.into_any(),
        }}
        <footer class="page-footer">
            <p>
                "Scorecard Explorer. "
                {bundle.source.title.clone().map(|t| format!("Source: {t}. "))}
                {bundle.source.publisher.clone().map(|p| format!("Published by {p}. "))}
                // Only web addresses become links: a bundle cannot plant a javascript: URL.
                {bundle.board.url.clone().filter(|u| u.starts_with("https://") || u.starts_with("http://")).map(|u| view! {
                    <a href=u rel="external noopener">{format!("{} website", bundle.board.name)}</a>
                })}
            </p>
        </footer>
    }
}

/// Works out which bundle to show (the URL's, the host element's, the config's, or the
/// default), checks its origin against the deployment's policy, and loads it.
async fn open_bundle(param: Option<String>, progress: RwSignal<f64>) -> (String, Result<Bundle, Vec<Problem>>) {
    use crate::web::host;
    let page_base = document().base_uri().ok().flatten().unwrap_or_default();
    // A bundle the address names on the page's own origin needs no permission from the
    // settings: it is fetched alongside them rather than after, a round trip sooner.
    let own = param.clone().or_else(host::host_bundle).and_then(|named| {
        let url = host::resolve(&named, &page_base).ok()?;
        crate::config::Config::default()
            .check_origin(&url.origin(), &host::page_origin())
            .is_ok()
            .then_some((named, url))
    });
    if let Some((named, url)) = own {
        let (config, loaded) = futures::future::join(host::config(), fetch_bundle(&url.href(), progress)).await;
        return match config {
            Ok(_) => (named, loaded),
            Err(p) => (crate::config::FILE.to_string(), Err(vec![p])),
        };
    }
    let config = match host::config().await {
        Ok(c) => c,
        Err(p) => return (crate::config::FILE.to_string(), Err(vec![p])),
    };
    let (named, base) = match param.or_else(host::host_bundle) {
        Some(url) => (url, page_base),
        None => {
            host::prefetch_decided().await;
            (config.default_bundle.clone().unwrap_or_else(|| host::DEFAULT_BUNDLE.to_string()), host::app_base())
        }
    };
    let url = match host::resolve(&named, &base) {
        Ok(u) => u,
        Err(p) => return (named, Err(vec![p])),
    };
    if let Err(p) = config.check_origin(&url.origin(), &host::page_origin()) {
        return (named, Err(vec![p]));
    }
    (named, fetch_bundle(&url.href(), progress).await)
}

/// Fetches and checks a bundle; a network failure is a problem like any other.
pub async fn fetch_bundle(url: &str, progress: RwSignal<f64>) -> Result<Bundle, Vec<Problem>> {
    mark("se:fetch-start");
    let fail = |message: String| vec![Problem::new("", message)];
    let response = crate::web::host::fetch(url).await.map_err(|e| fail(format!("could not fetch the bundle: {e}")))?;
    if !response.ok {
        return Err(fail(format!(
            "could not fetch the bundle: the server answered {} {}",
            response.status, response.status_text
        )));
    }
    mark("se:fetched");
    let loaded = load_in_steps(response.body, progress).await;
    mark("se:parsed");
    loaded
}

/// Loads a bundle in steps of about 25 ms, letting the browser paint and answer input
/// between them, so even a 50 MB bundle never freezes the page (see `loader`).
pub async fn load_in_steps(bytes: Vec<u8>, progress: RwSignal<f64>) -> Result<Bundle, Vec<Problem>> {
    let performance = window().performance();
    let now = move || performance.as_ref().map_or(0.0, |p| p.now());
    let mut loader = crate::bundle::loader::Loader::new(bytes);
    progress.set(0.0);
    loop {
        let started = now();
        while now() - started < 25.0 {
            if let Some(done) = loader.step() {
                return done;
            }
        }
        progress.set(loader.progress());
        next_task().await;
    }
}

/// Resolves once the browser has painted the current frame: after the next animation
/// frame, in a new task. A hidden page paints no frames, so at most 100 ms are waited.
pub async fn after_paint() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    next_task().await;
}

/// Resolves in a new task: a message to itself, which (unlike a timer) the browser does
/// not delay.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Ok(channel) = web_sys::MessageChannel::new() {
            channel.port1().set_onmessage(Some(&resolve));
            if channel.port2().post_message(&wasm_bindgen::JsValue::UNDEFINED).is_ok() {
                return;
            }
        }
        let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A performance mark, read by the benchmark (`bench/run`) and the browser's dev tools.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// The page state, for components below `Scorecard`.
pub fn page() -> Page {
    expect_context::<Page>()
}
