//! Why a bundle could not be opened: every problem with its place in the file, as text.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::problem::Problem;

/// Problems listed on the page; past this the count says how many more there are
/// (`cargo run -- FILE` lists them all).
const LISTED: usize = 500;

/// The bundle could not be shown: every problem, with where it is, as text.
#[component]
pub fn Problems(url: String, problems: Arc<Vec<Problem>>) -> impl IntoView {
    let count = problems.len();
    let more = count.saturating_sub(LISTED);
    let rows = problems
        .iter()
        .take(LISTED)
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
            <p>{format!("{url}: {}", crate::stats::vocabulary::count(count, "problem"))}</p>
            <ul class="problem-list">{rows}</ul>
            {(more > 0).then(|| view! {
                <p>{format!("…and {more} more. Fix these first, or list them all with the bundle checker: cargo run -- FILE.json")}</p>
            })}
        </section>
    }
}
