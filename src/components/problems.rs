use std::sync::Arc;

use leptos::prelude::*;

use crate::problem::Problem;

/// The bundle could not be shown: every problem, with where it is, as text.
#[component]
pub fn Problems(url: String, problems: Arc<Vec<Problem>>) -> impl IntoView {
    let count = problems.len();
    let rows = problems
        .iter()
        .map(|p| {
            let place = if p.path.is_empty() { "whole file".to_string() } else { p.path.clone() };
            view! {
                <li>
                    <code class="problem-path">{place}</code>
                    {p.position().map(|pos| view! { <span class="problem-position">{format!(" ({pos})")}</span> })}
                    ": "
                    <span class="problem-detail">{p.detail()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="problems" role="alert" aria-labelledby="problems-heading">
            <h2 id="problems-heading">"The scorecard could not be opened"</h2>
            <p>{format!("{url}: {count} problem{}", if count == 1 { "" } else { "s" })}</p>
            <ul class="problem-list">{rows}</ul>
        </section>
    }
}
