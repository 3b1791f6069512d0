//! A bundle that did not arrive: what happened in words (`bundle::arrival`), the technical
//! detail in a "Details" disclosure, and, where another attempt could fare better, "Try
//! again", which fetches it anew without reloading the page, so everything the address
//! says stays applied.

use leptos::prelude::*;

use crate::bundle::arrival::FetchFailure;
use crate::web::open::Preview;

#[component]
pub fn Unfetched(url: String, failure: FetchFailure) -> impl IntoView {
    let preview = expect_context::<Preview>();
    let details = failure.details(&url).into_iter().map(|d| view! { <li>{d}</li> }).collect_view();
    view! {
        <section class="problems" role="alert" aria-labelledby="problems-heading">
            <h2 id="problems-heading">"The scorecard could not be opened"</h2>
            <p class="failure-headline">{failure.headline()}</p>
            <details class="failure-details">
                <summary>"Details"</summary>
                <ul>{details}</ul>
            </details>
            {failure.may_pass().then(|| view! {
                <p><button type="button" class="retry" on:click=move |_| preview.attempt.update(|n| *n += 1)>"Try again"</button></p>
            })}
        </section>
    }
}
