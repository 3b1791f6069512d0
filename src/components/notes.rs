use leptos::prelude::*;

use crate::app::page;

/// Notices on every view: illustrative data, and URL words that were ignored.
#[component]
pub fn Notes() -> impl IntoView {
    let page = page();
    let illustrative = page.bundle.with_value(|b| b.source.illustrative);
    view! {
        {illustrative.then(|| view! {
            <p class="notice illustrative" data-illustrative="true">
                <strong>"Illustrative data. "</strong>
                "The values and charts in this scorecard are examples, not official statistics."
            </p>
        })}
        {move || {
            let notes = page.notes.get();
            (!notes.is_empty()).then(|| view! {
                <div class="notice url-notes" role="status">
                    <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            })
        }}
    }
}
