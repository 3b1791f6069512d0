use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::Bundle;

/// Board name, the latest reporting period and how many items the scorecard holds.
#[component]
pub fn Summary(bundle: Arc<Bundle>) -> impl IntoView {
    let latest = bundle.periods.last().map(|p| p.label.clone()).unwrap_or_default();
    view! {
        <header class="board">
            <h1 class="board-name">{bundle.board.name.clone()}</h1>
            <p class="period">"Reporting period: " <strong>{latest}</strong></p>
            <p class="count" data-item-total=bundle.items.len()>{format!("{} items", bundle.items.len())}</p>
        </header>
    }
}
