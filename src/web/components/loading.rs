//! The page while the bundle is on its way: after a while, how much has arrived (and of
//! how much, when the server said, on the progress bar too), then the load's progress.

use leptos::prelude::*;

use crate::web::open::Preview;

#[component]
pub fn Loading() -> impl IntoView {
    let Preview { progress, arrival, .. } = expect_context::<Preview>();
    view! {
        <div class="loading">
            <p role="status">"Loading the scorecard…"</p>
            <p class="still-loading">{move || arrival.get().map(|a| a.notice())}</p>
            // Shown once a download or a large bundle's load takes more than a moment.
            <progress max="100" aria-label="Loading the scorecard" class:hidden=move || progress.get() == 0.0
                value=move || format!("{:.0}", progress.get() * 100.0)></progress>
        </div>
    }
}
