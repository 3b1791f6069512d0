//! The root component: loads the bundle and owns the page's state.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::Bundle;
use crate::problem::Problem;

/// The bundle the app shows when the URL names none.
pub const DEFAULT_BUNDLE: &str = "bundles/somerset.json";

/// Where loading stands; the view follows it.
#[derive(Clone)]
pub enum Loaded {
    Loading,
    Ready(Arc<Bundle>),
    Failed { url: String, problems: Arc<Vec<Problem>> },
}

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    view! { <leptos_router::components::Router><Explorer/></leptos_router::components::Router> }
}

/// Loads the bundle the URL names (or the default) and shows it.
#[component]
fn Explorer() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let bundle_url = Memo::new(move |_| query.read().get("bundle").unwrap_or_else(|| DEFAULT_BUNDLE.to_string()));
    let state = RwSignal::new(Loaded::Loading);
    Effect::new(move |_| {
        let url = bundle_url.get();
        state.set(Loaded::Loading);
        leptos::task::spawn_local(async move {
            let loaded = match fetch_bundle(&url).await {
                Ok(b) => Loaded::Ready(Arc::new(b)),
                Err(problems) => Loaded::Failed { url: url.clone(), problems: Arc::new(problems) },
            };
            // A slow fetch must not overwrite the bundle the URL now names.
            if bundle_url.get_untracked() == url {
                state.set(loaded);
            }
        });
    });
    view! {
        <main id="main" class="page">
            {move || match state.get() {
                Loaded::Loading => view! { <p class="loading" role="status">"Loading the scorecard…"</p> }.into_any(),
                Loaded::Ready(b) => view! { <crate::components::summary::Summary bundle=b/> }.into_any(),
                Loaded::Failed { url, problems } => view! { <crate::components::problems::Problems url=url problems=problems/> }.into_any(),
            }}
        </main>
    }
}

/// Fetches and checks a bundle; a network failure is a problem like any other.
pub async fn fetch_bundle(url: &str) -> Result<Bundle, Vec<Problem>> {
    let fail = |message: String| vec![Problem::new("", message)];
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| fail(format!("could not fetch the bundle: {e}")))?;
    if !response.ok() {
        return Err(fail(format!(
            "could not fetch the bundle: the server answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let bytes = response.binary().await.map_err(|e| fail(format!("could not read the bundle: {e}")))?;
    crate::load::load(&bytes)
}
