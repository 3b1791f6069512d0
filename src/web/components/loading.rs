//! The page while the bundle is on its way: after a while, how much has arrived (and of
//! how much, when the server said), then the load's own progress.

use leptos::prelude::*;

use crate::web::open::Preview;

#[component]
pub fn Loading() -> impl IntoView {
    let Preview { progress, arrival, .. } = expect_context::<Preview>();
    view! {
        <div class="loading">
            <p role="status">"Loading the scorecard…"</p>
            {move || arrival.get().map(|a| view! {
                <p class="still-loading">{a.still_loading()}{a.share().map(|s| format!(": {s}"))}</p>
                {a.total.filter(|t| *t > 0).map(|t| view! {
                    <progress max=t.to_string() value=a.received.to_string() aria-label="Downloading the scorecard"></progress>
                })}
            })}
            // Shown once a large bundle takes more than a moment to read.
            <progress max="100" aria-label="Loading the scorecard" class:hidden=move || progress.get() == 0.0
                value=move || format!("{:.0}", progress.get() * 100.0)></progress>
        </div>
    }
}
